// What the contact log says about a customer now: corrections applied, promises kept or broken,
// disputes open or resolved, payment plans on track or late. Pure: `today` is always a parameter.

import type { InvoiceKind, InvoiceLifecycle, IsoDate, IsoDateTime, Money } from './types';
import type { Channel, ContactEvent, Direction, OutcomeType, PromiseToPayOutcome, ReminderTone } from './schemas';
import { isRealIsoDate } from './schemas';

// ---------------------------------------------------------------------------------------------
// Private UTC date helpers (kept local so this module depends on nothing but the schemas).

const DAY_MS = 86_400_000;

const shiftedDays = new Map<string, IsoDate>();
/** `date` + `days`. The state of every customer asks for the same few dates thousands of times: kept once computed. */
function addDaysUtc(date: IsoDate, days: number): IsoDate {
  const key = `${date}|${days}`;
  let shifted = shiftedDays.get(key);
  if (shifted === undefined) {
    if (shiftedDays.size > 20_000) shiftedDays.clear();
    shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    shiftedDays.set(key, shifted);
  }
  return shifted;
}

/** The calendar date as written in an instant (`2026-11-23T23:30:00+01:00` → `2026-11-23`). */
function dateWritten(at: IsoDateTime): IsoDate {
  return at.slice(0, 10);
}

/** Milliseconds of an instant (sorts read each entry's once: see sortByOccurrence). */
function instant(at: IsoDateTime): number {
  return Date.parse(at);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first by when the entry was written, then id. */
function byRecording(a: ContactEvent, b: ContactEvent): number {
  return instant(a.recordedAt) - instant(b.recordedAt) || compareIds(a.id, b.id);
}

// ---------------------------------------------------------------------------------------------
// Corrections and retractions.

interface Chains {
  byId: Map<string, ContactEvent>;
  rootOf: (event: ContactEvent) => ContactEvent;
}

function chainsOf(events: readonly ContactEvent[]): Chains {
  const byId = new Map(events.map((e) => [e.id, e] as const));
  const rootCache = new Map<string, ContactEvent>();
  const rootOf = (event: ContactEvent): ContactEvent => {
    if (event.correctsId === undefined) return event;
    const cached = rootCache.get(event.id);
    if (cached) return cached;
    let current: ContactEvent = event;
    const seen = new Set<string>([current.id]);
    // Follow correctsId back to the original entry; stop at an unknown target (partial import) or a cycle.
    while (current.correctsId !== undefined) {
      const target = byId.get(current.correctsId);
      if (!target || seen.has(target.id)) break;
      seen.add(target.id);
      current = target;
    }
    rootCache.set(event.id, current);
    return current;
  };
  return { byId, rootOf };
}

/**
 * The log as it reads today: each entry in its latest version (a correction replaces the entry it
 * corrects, including a correction of a correction; the most recently recorded version wins),
 * retracted entries hidden. Newest first by `at`, then `recordedAt`.
 *
 * A correction whose original is missing (e.g. a partial import) is shown as an entry of its own;
 * a retraction whose target is missing changes nothing. A retraction cannot be undone.
 */
export function currentView(events: readonly ContactEvent[]): ContactEvent[] {
  return currentEntries(events).reverse();
}

/** currentView, oldest first (by `at`, then `recordedAt`, then id). */
function currentEntries(events: readonly ContactEvent[]): ContactEvent[] {
  // Most logs hold no correction or retraction: then every entry is current.
  if (events.every((e) => e.correctsId === undefined)) return sortByOccurrence(events);
  const { rootOf } = chainsOf(events);
  const latest = new Map<string, ContactEvent>();
  const retracted = new Set<string>();
  for (const event of events) {
    const root = rootOf(event);
    if (event.kind === 'retraction') {
      if (root.id !== event.id) retracted.add(root.id);
      continue;
    }
    if (root.kind === 'retraction') continue; // a correction of a retraction is still hidden
    const previous = latest.get(root.id);
    if (!previous || byRecording(previous, event) < 0) latest.set(root.id, event);
  }
  const current: ContactEvent[] = [];
  for (const [rootId, event] of latest) if (!retracted.has(rootId)) current.push(event);
  return sortByOccurrence(current);
}

/**
 * A copy oldest first by when the contact happened, then when it was recorded, then id (a total order); each
 * entry's instants are read once.
 */
function sortByOccurrence(events: readonly ContactEvent[]): ContactEvent[] {
  // A stored log is kept in timeline order, which is nearly always this order already: then one pass, no sort.
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = compareOccurrence(events[i - 1]!, events[i]!) <= 0;
  if (sorted) return events.slice();
  const keyed = events.map((e) => ({ e, at: instant(e.at), recorded: instant(e.recordedAt) }));
  keyed.sort((a, b) => a.at - b.at || a.recorded - b.recorded || compareIds(a.e.id, b.e.id));
  return keyed.map((k) => k.e);
}

function compareOccurrence(a: ContactEvent, b: ContactEvent): number {
  return compareInstants(a.at, b.at) || compareInstants(a.recordedAt, b.recordedAt) || compareIds(a.id, b.id);
}

/**
 * Two instants in time order. Written alike in UTC (`…Z`, the same length, at most milliseconds) their text sorts as
 * they do, without parsing; otherwise (offsets, finer fractions that Date.parse cuts to the millisecond) they are parsed.
 */
function compareInstants(x: IsoDateTime, y: IsoDateTime): number {
  if (x.length === y.length && x.length <= 24 && x.endsWith('Z') && y.endsWith('Z')) return x < y ? -1 : x > y ? 1 : 0;
  return instant(x) - instant(y);
}

/**
 * Every version of one entry, oldest first: the original, its corrections, its retraction.
 * `id` may be the id of any version. Unknown id → empty list.
 */
export function historyOf(events: readonly ContactEvent[], id: string): ContactEvent[] {
  const { byId, rootOf } = chainsOf(events);
  const start = byId.get(id);
  if (!start) return [];
  const root = rootOf(start);
  const later = events.filter((e) => e.id !== root.id && rootOf(e).id === root.id).sort(byRecording);
  return [root, ...later];
}

/**
 * Every invoice an entry is about: those it is linked to plus those its outcome names (a dispute on one
 * invoice logged during a call about the whole balance is still about that invoice). Empty = the whole balance.
 */
export function invoicesConcerned(event: ContactEvent): string[] {
  const named = event.outcome.type === 'dispute' || event.outcome.type === 'dispute-resolved' ? event.outcome.invoiceIds : [];
  return [...new Set([...event.invoiceIds, ...named])];
}

// ---------------------------------------------------------------------------------------------
// Derived state.

/** What the log needs to know about an invoice (a subset of the stored invoice). */
export interface InvoiceForLog {
  id: string;
  paid: boolean;
  lifecycle: InvoiceLifecycle;
  kind: InvoiceKind;
  amountDue?: Money;
  dueDate?: IsoDate;
  /** When known: a promise on the whole balance does not cover invoices issued after it was made. */
  issueDate?: IsoDate;
}

/** The facts of a stored invoice the log reads (what the stored digests keep of each invoice). */
export function invoiceForLog(invoice: InvoiceForLog): InvoiceForLog {
  const facts: InvoiceForLog = { id: invoice.id, paid: invoice.paid, lifecycle: invoice.lifecycle, kind: invoice.kind };
  if (invoice.amountDue) facts.amountDue = { amountMinor: invoice.amountDue.amountMinor, currency: invoice.amountDue.currency };
  if (invoice.dueDate) facts.dueDate = invoice.dueDate;
  if (invoice.issueDate) facts.issueDate = invoice.issueDate;
  return facts;
}

export interface LastContact {
  eventId: string;
  at: IsoDateTime;
  channel: Channel;
  direction: Direction;
  outcomeType: OutcomeType;
  /** Set when the exchange was a reminder sent (its outcome is then usually a bare note). */
  reminderTone?: ReminderSent['tone'];
}

/**
 * `superseded`: a later promise covering the same invoices was made while this one was still pending.
 */
export type PromiseState = 'pending' | 'kept' | 'broken' | 'superseded';

export interface PromiseToPayView {
  eventId: string;
  at: IsoDateTime;
  date: IsoDate;
  amount: Money;
  /** Invoices the promise covers; empty = the customer's whole balance. */
  invoiceIds: string[];
  state: PromiseState;
  /** Last day the payment may arrive before the promise counts as broken. */
  graceUntil: IsoDate;
  /** Id of the later promise that replaces this one, if any (also set on a promise broken before it). */
  supersededBy?: string;
}

export interface DisputeView {
  eventId: string;
  invoiceIds: string[];
  /** The disputed invoices still neither resolved nor paid. */
  openInvoiceIds: string[];
  reason: string;
  state: 'open' | 'resolved';
  openedAt: IsoDateTime;
}

export type InstallmentState = 'upcoming' | 'due' | 'late' | 'paid';

export interface InstallmentView {
  dueDate: IsoDate;
  amount: Money;
  state: InstallmentState;
}

export interface PaymentPlanView {
  eventId: string;
  at: IsoDateTime;
  /** Invoices the plan covers; empty = the customer's whole balance. */
  invoiceIds: string[];
  covered: Money;
  /** How much of `covered` has been paid, as measured from the invoices' amounts due. */
  paidSoFar: Money;
  installments: InstallmentView[];
  state: 'on-track' | 'late' | 'completed';
  /** Id of a later plan covering the same invoices, which replaces this one. */
  supersededBy?: string;
}

export interface ReminderSent {
  eventId: string;
  at: IsoDateTime;
  level: string;
  tone: ReminderTone;
  channel: Channel;
  invoiceIds: string[];
}

export interface CustomerLogState {
  /** Latest entry that is an actual exchange (internal notes excluded, reminders sent included). */
  lastContact?: LastContact;
  /** Earliest open follow-up date; may be in the past (then the follow-up is overdue). */
  nextFollowUp?: IsoDate;
  promises: PromiseToPayView[];
  disputes: DisputeView[];
  /** Invoices under an open dispute, each once. */
  disputedInvoiceIds: string[];
  plans: PaymentPlanView[];
  /** The most recent promise still pending. */
  pendingPromise?: PromiseToPayView;
  /** The most recent broken promise that no later promise replaced. */
  brokenPromise?: PromiseToPayView;
  reminders: ReminderSent[];
}

export interface DeriveCustomerStateInput {
  /** The customer's whole log (raw: corrections and retractions are applied here). */
  events: readonly ContactEvent[];
  /** The customer's invoices as last seen. */
  invoices: readonly InvoiceForLog[];
  today: IsoDate;
  /** Days after a promised date (or an installment's due date) before it counts as broken (late). Default 3. */
  promiseGraceDays?: number;
}

/**
 * An entry that reached (or tried to reach) the customer: anything but an internal note. A reminder that
 * Amiable marked as sent is logged with the `note` outcome, yet it is a contact (an email, a letter, a call).
 */
function isExchange(e: ContactEvent): boolean {
  return e.outcome.type !== 'note' || e.reminder !== undefined;
}

/** Whether `ids` (empty = whole balance) covers every one of `target`'s invoices. */
function covers(ids: readonly string[], target: readonly string[]): boolean {
  if (ids.length === 0) return true;
  return target.length > 0 && target.every((id) => ids.includes(id));
}

/**
 * Everything the log says about one customer as of `today`. All lists are oldest first.
 *
 * Rules (what the user sees):
 * - Promises: **kept** when every covered invoice is paid (or cancelled), when their amount due has dropped
 *   by the promised amount since the promise (when it recorded `balanceDue`), or when a later entry
 *   records `paid` naming them all (any later `paid` for a promise on the whole balance). A promise on the
 *   whole balance covers the customer's issued invoices, except those issued after the day it was made;
 *   **broken** when today is after
 *   `date + promiseGraceDays` and it is not kept; otherwise **pending**. A later promise covering the
 *   same invoices (or the whole balance) **supersedes** an earlier one made while that one was still
 *   pending; an already broken promise stays broken but gets `supersededBy`, so it is no longer the
 *   headline `brokenPromise`.
 * - Disputes: each disputed invoice is resolved by a later `dispute-resolved` entry naming it, or by
 *   being paid or cancelled; the dispute is resolved when all its invoices are.
 * - Payment plans: paid so far = covered − what the covered invoices still show as due (all the
 *   customer's issued invoices when none is linked); installments are paid in due-date order from that
 *   sum. When an unpaid covered invoice has no known amount due (or one in another currency), nothing
 *   counts as paid: an installment is shown late rather than wrongly paid. An unpaid installment is
 *   `upcoming` before its due date, `due` up to `dueDate + promiseGraceDays`, `late` after.
 * - Last contact: the latest exchange with the customer up to today (internal notes excluded, reminders sent
 *   included).
 * - Next follow-up: the earliest of (a) the follow-up date set by the latest entry that set one, unless
 *   a contact (or a reminder sent) dated on or after that date was logged after it, (b) the date of every pending promise,
 *   (c) the next unpaid installment of every active plan.
 *
 * @throws when `today` is not a real `YYYY-MM-DD` date or the grace is not a whole number ≥ 0.
 */
export function deriveCustomerState(input: DeriveCustomerStateInput): CustomerLogState {
  checkDayAndGrace(input.today, input.promiseGraceDays ?? 3);
  return stateFromDigest(digestLog(input.events, input.today), input.invoices, input.today, input.promiseGraceDays ?? 3);
}

let lastRealDay: IsoDate | undefined;
function checkDayAndGrace(today: IsoDate, grace: number): void {
  if (today !== lastRealDay && !isRealIsoDate(today)) throw new Error(`today: expected a date as YYYY-MM-DD, got "${today}"`);
  if (!Number.isInteger(grace) || grace < 0) {
    throw new Error(`promiseGraceDays: expected a whole number of days ≥ 0, got ${grace}`);
  }
  lastRealDay = today;
}

// ---------------------------------------------------------------------------------------------
// The digest: what deriveCustomerState needs from a log, whatever the day and the invoices. It is stored
// (utils/db/digests.ts) so that every customer's state is computed without reading every entry.

/** A promise to pay with the facts about later entries that decide its state precomputed. */
export interface PromiseDigest {
  eventId: string;
  at: IsoDateTime;
  date: IsoDate;
  amount: Money;
  balanceDue?: Money;
  invoiceIds: string[];
  /** The next later promise covering the same invoices, and the day it was made (as written). */
  supersededBy?: string;
  supersededOn?: IsoDate;
  /** A later `paid` entry covers this promise's invoices (any `paid` for a promise on the whole balance). */
  paidLater: boolean;
  /** That `paid` entry came before the superseding promise. */
  paidBeforeSuccessor: boolean;
}

export interface DisputeDigest {
  eventId: string;
  invoiceIds: string[];
  /** The disputed invoices no later `dispute-resolved` entry names. */
  unresolvedIds: string[];
  reason: string;
  openedAt: IsoDateTime;
}

export interface PlanDigest {
  eventId: string;
  at: IsoDateTime;
  invoiceIds: string[];
  covered: Money;
  /** In due-date order (stable for equal dates). */
  installments: Array<{ dueDate: IsoDate; amount: Money }>;
  supersededBy?: string;
}

/** Plain data (JSON and structured-clone safe): corrections and retractions applied, lists oldest first. */
export interface LogDigest {
  /**
   * The exchanges that are the last contact for some `today` from `answersFrom` on, oldest first: each one dated
   * (as written) strictly before every exchange after it. Usually one or two; more when entries are dated ahead.
   */
  lastContacts: LastContact[];
  /**
   * The earliest `today` this digest answers for; absent when it answers for every day. stateFromDigest refuses
   * an earlier day (DigestRangeError): the last contact then was an exchange the digest left out.
   */
  answersFrom?: IsoDate;
  /** The open follow-up date set by the latest entry that set one (not yet met by a contact on or after it). */
  followUp?: IsoDate;
  promises: PromiseDigest[];
  disputes: DisputeDigest[];
  plans: PlanDigest[];
  reminders: ReminderSent[];
}

/**
 * The digest of a customer's raw log (every version of every entry, in any order). Independent of the invoices
 * and of today, except that it only answers for a `today` on or after `from` when given (every day otherwise):
 * the exchanges that can no longer be the last contact then are left out.
 */
export function digestLog(events: readonly ContactEvent[], from?: IsoDate): LogDigest {
  const entries = currentEntries(events);
  const candidates = lastContactCandidates(entries);
  // The last candidate dated on or before `from` is the last contact on `from`; earlier ones never are again.
  let first = 0;
  if (from !== undefined) for (let i = candidates.length - 1; i >= 0; i--) if (dateWritten(candidates[i]!.at) <= from) {
    first = i;
    break;
  }
  const digest: LogDigest = {
    lastContacts: candidates.slice(first),
    promises: digestPromises(entries),
    disputes: digestDisputes(entries),
    plans: digestPlans(entries),
    reminders: entries.flatMap((e) =>
      e.reminder
        ? [{ eventId: e.id, at: e.at, level: e.reminder.level, tone: e.reminder.tone, channel: e.channel, invoiceIds: e.invoiceIds }]
        : [],
    ),
  };
  if (first > 0) digest.answersFrom = dateWritten(candidates[first]!.at);
  const followUp = openFollowUp(entries);
  if (followUp !== undefined) digest.followUp = followUp;
  return digest;
}

/**
 * The digest kept in the database: it answers from the day before the log's latest recording on (a day of margin
 * for a colleague in another time zone), which is every day the side panel asks about unless the clock goes back.
 */
export function digestToStore(events: readonly ContactEvent[]): LogDigest {
  let latest: IsoDate | undefined;
  for (const e of events) {
    const day = dateWritten(e.recordedAt);
    if (latest === undefined || day > latest) latest = day;
  }
  return digestLog(events, latest === undefined ? undefined : addDaysUtc(latest, -1));
}

/** stateFromDigest was asked about a day before the digest's `answersFrom`: derive from the log instead. */
export class DigestRangeError extends Error {
  constructor(readonly today: IsoDate, readonly answersFrom: IsoDate) {
    super(`the stored digest answers from ${answersFrom} on, not for ${today}`);
    this.name = 'DigestRangeError';
  }
}

function lastContactOf(e: ContactEvent): LastContact {
  const contact: LastContact = { eventId: e.id, at: e.at, channel: e.channel, direction: e.direction, outcomeType: e.outcome.type };
  if (e.reminder) contact.reminderTone = e.reminder.tone;
  return contact;
}

/** Each exchange dated strictly before every exchange after it: the last contact for some today. */
function lastContactCandidates(entries: readonly ContactEvent[]): LastContact[] {
  const kept: LastContact[] = [];
  let earliestAfter: IsoDate | undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (!isExchange(e)) continue;
    const day = dateWritten(e.at);
    // An exchange dated on or after a later one's day is never the latest up to any today: a later one is too.
    if (earliestAfter !== undefined && day >= earliestAfter) continue;
    kept.push(lastContactOf(e));
    earliestAfter = day;
  }
  return kept.reverse();
}

function openFollowUp(entries: readonly ContactEvent[]): IsoDate | undefined {
  let setterIndex = entries.length - 1;
  while (setterIndex >= 0 && entries[setterIndex]!.followUpDate === undefined) setterIndex--;
  const due = entries[setterIndex]?.followUpDate;
  if (due === undefined) return undefined;
  for (let j = setterIndex + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (isExchange(e) && dateWritten(e.at) >= due) return undefined;
  }
  return due;
}

function digestPromises(entries: readonly ContactEvent[]): PromiseDigest[] {
  const digests: PromiseDigest[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'promise-to-pay') return;
    let successorIndex = -1;
    let paidEntryIndex = -1;
    for (let j = index + 1; j < entries.length && (successorIndex < 0 || paidEntryIndex < 0); j++) {
      const e = entries[j]!;
      const type = e.outcome.type;
      if (successorIndex < 0 && type === 'promise-to-pay' && covers(e.invoiceIds, event.invoiceIds)) successorIndex = j;
      // A promise on the whole balance is kept by any later "paid"; one on invoices, by a "paid" naming them all.
      if (paidEntryIndex < 0 && type === 'paid' && (event.invoiceIds.length === 0 || covers(e.invoiceIds, event.invoiceIds))) {
        paidEntryIndex = j;
      }
    }
    const successor = successorIndex >= 0 ? entries[successorIndex] : undefined;
    const digest: PromiseDigest = {
      eventId: event.id,
      at: event.at,
      date: outcome.date,
      amount: outcome.amount,
      invoiceIds: event.invoiceIds,
      paidLater: paidEntryIndex >= 0,
      paidBeforeSuccessor: paidEntryIndex >= 0 && paidEntryIndex < successorIndex,
    };
    if (outcome.balanceDue) digest.balanceDue = outcome.balanceDue;
    if (successor) {
      digest.supersededBy = successor.id;
      digest.supersededOn = dateWritten(successor.at);
    }
    digests.push(digest);
  });
  return digests;
}

function digestDisputes(entries: readonly ContactEvent[]): DisputeDigest[] {
  const digests: DisputeDigest[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'dispute') return;
    const resolvedLater = new Set<string>();
    for (let j = index + 1; j < entries.length; j++) {
      const later = entries[j]!.outcome;
      if (later.type === 'dispute-resolved') for (const id of later.invoiceIds) resolvedLater.add(id);
    }
    digests.push({
      eventId: event.id,
      invoiceIds: outcome.invoiceIds,
      unresolvedIds: outcome.invoiceIds.filter((id) => !resolvedLater.has(id)),
      reason: outcome.reason,
      openedAt: event.at,
    });
  });
  return digests;
}

function digestPlans(entries: readonly ContactEvent[]): PlanDigest[] {
  const digests: PlanDigest[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'payment-plan') return;
    let successor: ContactEvent | undefined;
    for (let j = index + 1; j < entries.length && !successor; j++) {
      const e = entries[j]!;
      if (e.outcome.type === 'payment-plan' && covers(e.invoiceIds, event.invoiceIds)) successor = e;
    }
    const digest: PlanDigest = {
      eventId: event.id,
      at: event.at,
      invoiceIds: event.invoiceIds,
      covered: outcome.covered,
      installments: [...outcome.installments]
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
        .map((i) => ({ dueDate: i.dueDate, amount: i.amount })),
    };
    if (successor) digest.supersededBy = successor.id;
    digests.push(digest);
  });
  return digests;
}

/**
 * The customer's state as of `today` from the digest of its log and its invoices as last seen:
 * deriveCustomerState(input) is stateFromDigest(digestLog(input.events), input.invoices, input.today, grace).
 * @throws when `today` is not a real `YYYY-MM-DD` date or the grace is not a whole number ≥ 0.
 */
export function stateFromDigest(
  digest: LogDigest,
  invoices: readonly InvoiceForLog[],
  today: IsoDate,
  promiseGraceDays = 3,
): CustomerLogState {
  const grace = promiseGraceDays;
  checkDayAndGrace(today, grace);
  if (digest.answersFrom !== undefined && today < digest.answersFrom) throw new DigestRangeError(today, digest.answersFrom);
  // Customers have a few invoices each: a search beats building a map, except for a large account.
  const byId = invoices.length > 16 ? new Map(invoices.map((inv) => [inv.id, inv] as const)) : undefined;
  const isSettled = (id: string): boolean => {
    const inv = byId ? byId.get(id) : invoices.find((i) => i.id === id);
    return inv !== undefined && (inv.paid || inv.lifecycle === 'cancelled');
  };

  const promises = digest.promises.map((p) => promiseView(p, invoices, isSettled, today, grace));
  const disputes = digest.disputes.map((d): DisputeView => {
    const openInvoiceIds = d.unresolvedIds.filter((id) => !isSettled(id));
    return {
      eventId: d.eventId,
      invoiceIds: d.invoiceIds,
      openInvoiceIds,
      reason: d.reason,
      state: openInvoiceIds.length > 0 ? 'open' : 'resolved',
      openedAt: d.openedAt,
    };
  });
  const plans = digest.plans.map((p) => planView(p, invoices, today, grace));

  const disputedInvoiceIds = [
    ...new Set(disputes.filter((d) => d.state === 'open').flatMap((d) => d.openInvoiceIds)),
  ];
  // An entry dated after today (another machine's clock, an import) is not the last contact yet.
  const lastContact = digest.lastContacts.findLast((c) => dateWritten(c.at) <= today);
  const pendingPromise = promises.filter((p) => p.state === 'pending').at(-1);
  const brokenPromise = promises.filter((p) => p.state === 'broken' && p.supersededBy === undefined).at(-1);

  const result: CustomerLogState = {
    promises,
    disputes,
    disputedInvoiceIds,
    plans,
    reminders: digest.reminders,
  };
  if (lastContact) result.lastContact = lastContact;
  const nextFollowUp = earliestFollowUp(digest.followUp, promises, plans);
  if (nextFollowUp) result.nextFollowUp = nextFollowUp;
  if (pendingPromise) result.pendingPromise = pendingPromise;
  if (brokenPromise) result.brokenPromise = brokenPromise;
  return result;
}

/** The invoices a promise on the whole balance made on `day` covers: issued ones, not issued after that day. */
function balanceOn(invoices: readonly InvoiceForLog[], day: IsoDate): string[] {
  return invoices
    .filter((inv) => inv.kind === 'invoice' && inv.lifecycle !== 'draft' && (inv.issueDate === undefined || inv.issueDate <= day))
    .map((inv) => inv.id);
}

function promiseView(
  p: PromiseDigest,
  invoices: readonly InvoiceForLog[],
  isSettled: (id: string) => boolean,
  today: IsoDate,
  grace: number,
): PromiseToPayView {
  const graceUntil = addDaysUtc(p.date, grace);
  const coveredIds = p.invoiceIds.length > 0 ? p.invoiceIds : balanceOn(invoices, dateWritten(p.at));
  const invoicesPaid = coveredIds.length > 0 && coveredIds.every(isSettled);
  const kept = invoicesPaid || p.paidLater || promisedAmountPaid(p, coveredIds, invoices);

  let state: PromiseState;
  if (p.supersededOn !== undefined && p.supersededOn <= graceUntil && !p.paidBeforeSuccessor) state = 'superseded';
  else if (kept) state = 'kept';
  else if (today > graceUntil) state = 'broken';
  else state = 'pending';

  const view: PromiseToPayView = {
    eventId: p.eventId,
    at: p.at,
    date: p.date,
    amount: p.amount,
    invoiceIds: p.invoiceIds,
    state,
    graceUntil,
  };
  if (p.supersededBy !== undefined) view.supersededBy = p.supersededBy;
  return view;
}

/**
 * True when the covered invoices' amount due has dropped by at least the promised amount since the promise
 * (known only when the promise recorded the balance due then, in the same currency).
 */
function promisedAmountPaid(
  promise: Pick<PromiseToPayOutcome, 'amount' | 'balanceDue'>,
  coveredIds: readonly string[],
  invoices: readonly InvoiceForLog[],
): boolean {
  const before = promise.balanceDue;
  if (!before || before.currency !== promise.amount.currency || coveredIds.length === 0) return false;
  const now = outstandingOf(coveredIds, invoices, before.currency);
  return now !== undefined && now <= before.amountMinor - promise.amount.amountMinor;
}

/**
 * The balance a new promise starts from: what its invoices (the whole balance as of its day when it names
 * none) still show as due, in the promised currency. A correction that keeps the invoices and currency keeps
 * the original's figure (payments made since must count towards the promise). Other outcomes are unchanged.
 */
export function withBalanceDue<E extends ContactEvent>(event: E, invoices: readonly InvoiceForLog[], corrected?: ContactEvent): E {
  const outcome = event.outcome;
  if (outcome.type !== 'promise-to-pay') return event;
  const { balanceDue: _ignored, ...rest } = outcome;
  const previous = corrected?.outcome.type === 'promise-to-pay' ? corrected.outcome.balanceDue : undefined;
  const sameInvoices =
    corrected !== undefined &&
    corrected.invoiceIds.length === event.invoiceIds.length &&
    corrected.invoiceIds.every((id) => event.invoiceIds.includes(id));
  let balanceDue: Money | undefined;
  if (previous && sameInvoices && previous.currency === outcome.amount.currency) balanceDue = previous;
  else {
    const coveredIds = event.invoiceIds.length > 0 ? event.invoiceIds : balanceOn(invoices, dateWritten(event.at));
    const due = coveredIds.length > 0 ? outstandingOf(coveredIds, invoices, outcome.amount.currency) : undefined;
    if (due !== undefined) balanceDue = { amountMinor: due, currency: outcome.amount.currency };
  }
  return { ...event, outcome: balanceDue ? { ...rest, balanceDue } : rest };
}

/**
 * What remains due on the plan's invoices, in `currency`, or undefined when it cannot be known
 * (an unpaid invoice missing, without amount due, or in another currency).
 */
function outstandingOf(
  invoiceIds: readonly string[],
  invoices: readonly InvoiceForLog[],
  currency: string,
): number | undefined {
  const relevant: Array<InvoiceForLog | undefined> =
    invoiceIds.length > 0
      ? invoiceIds.map((id) => invoices.find((inv) => inv.id === id))
      : invoices.filter((inv) => inv.lifecycle === 'issued' && inv.kind === 'invoice');
  let total = 0;
  for (const inv of relevant) {
    if (!inv) return undefined;
    if (inv.paid || inv.lifecycle === 'cancelled') continue;
    if (!inv.amountDue || inv.amountDue.currency !== currency) return undefined;
    total += inv.amountDue.amountMinor;
  }
  return total;
}

function planView(plan: PlanDigest, invoices: readonly InvoiceForLog[], today: IsoDate, grace: number): PaymentPlanView {
  const covered = plan.covered;
  const outstanding = outstandingOf(plan.invoiceIds, invoices, covered.currency);
  const paidSoFarMinor =
    outstanding === undefined ? 0 : Math.min(covered.amountMinor, Math.max(0, covered.amountMinor - outstanding));

  // Installments are paid in due-date order (the digest keeps them sorted).
  let cumulative = 0;
  const installments: InstallmentView[] = plan.installments.map((inst) => {
    cumulative += inst.amount.amountMinor;
    let state: InstallmentState;
    if (paidSoFarMinor >= cumulative) state = 'paid';
    else if (today < inst.dueDate) state = 'upcoming';
    else if (today <= addDaysUtc(inst.dueDate, grace)) state = 'due';
    else state = 'late';
    return { dueDate: inst.dueDate, amount: inst.amount, state };
  });

  const state = installments.every((i) => i.state === 'paid')
    ? 'completed'
    : installments.some((i) => i.state === 'late')
      ? 'late'
      : 'on-track';
  const view: PaymentPlanView = {
    eventId: plan.eventId,
    at: plan.at,
    invoiceIds: plan.invoiceIds,
    covered,
    paidSoFar: { amountMinor: paidSoFarMinor, currency: covered.currency },
    installments,
    state,
  };
  if (plan.supersededBy !== undefined) view.supersededBy = plan.supersededBy;
  return view;
}

function earliestFollowUp(
  followUp: IsoDate | undefined,
  promises: readonly PromiseToPayView[],
  plans: readonly PaymentPlanView[],
): IsoDate | undefined {
  const candidates: IsoDate[] = [];
  if (followUp !== undefined) candidates.push(followUp);
  for (const p of promises) if (p.state === 'pending') candidates.push(p.date);
  for (const plan of plans) {
    if (plan.supersededBy !== undefined || plan.state === 'completed') continue;
    const next = plan.installments.find((i) => i.state !== 'paid');
    if (next) candidates.push(next.dueDate);
  }
  return candidates.sort()[0];
}

// ---------------------------------------------------------------------------------------------

export interface InvoiceLogSummary {
  /** Latest promise (not replaced by a later one) covering the invoice. */
  promise?: PromiseToPayView;
  /** Latest open dispute on the invoice. */
  dispute?: DisputeView;
  /** Latest plan (not replaced by a later one) covering the invoice. */
  plan?: PaymentPlanView;
}

/**
 * What to show on one invoice's badge. A promise or plan linked to no invoice covers them all.
 */
export function summarizeForInvoice(state: CustomerLogState, invoiceId: string): InvoiceLogSummary {
  const applies = (ids: readonly string[]) => ids.length === 0 || ids.includes(invoiceId);
  const summary: InvoiceLogSummary = {};
  const promise = state.promises.filter((p) => p.supersededBy === undefined && applies(p.invoiceIds)).at(-1);
  const dispute = state.disputes.filter((d) => d.state === 'open' && d.openInvoiceIds.includes(invoiceId)).at(-1);
  const plan = state.plans.filter((p) => p.supersededBy === undefined && applies(p.invoiceIds)).at(-1);
  if (promise) summary.promise = promise;
  if (dispute) summary.dispute = dispute;
  if (plan) summary.plan = plan;
  return summary;
}
