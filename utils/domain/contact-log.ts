// What the contact log says about a customer now: corrections applied, promises kept or broken,
// disputes open or resolved, payment plans on track or late. Pure: `today` is always a parameter.

import type { InvoiceKind, InvoiceLifecycle, IsoDate, IsoDateTime, Money } from './types';
import type { Channel, ContactEvent, Direction, OutcomeType, PromiseToPayOutcome, ReminderTone } from './schemas';
import { isRealIsoDate } from './schemas';

// ---------------------------------------------------------------------------------------------
// Private UTC date helpers (kept local so this module depends on nothing but the schemas).

const DAY_MS = 86_400_000;

function addDaysUtc(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date as written in an instant (`2026-11-23T23:30:00+01:00` → `2026-11-23`). */
function dateWritten(at: IsoDateTime): IsoDate {
  return at.slice(0, 10);
}

const instants = new Map<IsoDateTime, number>();
/** Milliseconds of an instant. Sorts compare each entry many times: parse each string once. */
function instant(at: IsoDateTime): number {
  let ms = instants.get(at);
  if (ms === undefined) {
    if (instants.size > 200_000) instants.clear();
    ms = Date.parse(at);
    instants.set(at, ms);
  }
  return ms;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first by when the contact happened, then when it was recorded, then id (for a total order). */
function byOccurrence(a: ContactEvent, b: ContactEvent): number {
  return instant(a.at) - instant(b.at) || instant(a.recordedAt) - instant(b.recordedAt) || compareIds(a.id, b.id);
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
    const cached = rootCache.get(event.id);
    if (cached) return cached;
    let current = event;
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
  return [...latest.entries()]
    .filter(([rootId]) => !retracted.has(rootId))
    .map(([, event]) => event)
    .sort((a, b) => byOccurrence(b, a));
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
  const { today } = input;
  const grace = input.promiseGraceDays ?? 3;
  if (!isRealIsoDate(today)) throw new Error(`today: expected a date as YYYY-MM-DD, got "${today}"`);
  if (!Number.isInteger(grace) || grace < 0) {
    throw new Error(`promiseGraceDays: expected a whole number of days ≥ 0, got ${grace}`);
  }

  const entries = currentView(input.events).sort(byOccurrence);
  const invoicesById = new Map(input.invoices.map((inv) => [inv.id, inv] as const));
  const isSettled = (id: string): boolean => {
    const inv = invoicesById.get(id);
    return inv !== undefined && (inv.paid || inv.lifecycle === 'cancelled');
  };

  const promises = derivePromises(entries, input.invoices, isSettled, today, grace);
  const disputes = deriveDisputes(entries, isSettled);
  const plans = derivePlans(entries, input.invoices, today, grace);

  const disputedInvoiceIds = [
    ...new Set(disputes.filter((d) => d.state === 'open').flatMap((d) => d.openInvoiceIds)),
  ];

  // An entry dated after today (another machine's clock, an import) is not the last contact yet.
  const lastExchange = entries.filter((e) => isExchange(e) && dateWritten(e.at) <= today).at(-1);
  const lastContact: LastContact | undefined = lastExchange && {
    eventId: lastExchange.id,
    at: lastExchange.at,
    channel: lastExchange.channel,
    direction: lastExchange.direction,
    outcomeType: lastExchange.outcome.type,
    ...(lastExchange.reminder ? { reminderTone: lastExchange.reminder.tone } : {}),
  };

  const pendingPromise = promises.filter((p) => p.state === 'pending').at(-1);
  const brokenPromise = promises.filter((p) => p.state === 'broken' && p.supersededBy === undefined).at(-1);

  const reminders: ReminderSent[] = entries.flatMap((e) =>
    e.reminder
      ? [{ eventId: e.id, at: e.at, level: e.reminder.level, tone: e.reminder.tone, channel: e.channel, invoiceIds: e.invoiceIds }]
      : [],
  );

  const result: CustomerLogState = {
    promises,
    disputes,
    disputedInvoiceIds,
    plans,
    reminders,
  };
  if (lastContact) result.lastContact = lastContact;
  const nextFollowUp = earliestFollowUp(entries, promises, plans);
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

function derivePromises(
  entries: readonly ContactEvent[],
  invoices: readonly InvoiceForLog[],
  isSettled: (id: string) => boolean,
  today: IsoDate,
  grace: number,
): PromiseToPayView[] {
  const views: PromiseToPayView[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'promise-to-pay') return;
    const graceUntil = addDaysUtc(outcome.date, grace);
    const later = entries.slice(index + 1);
    const successorIndex = later.findIndex(
      (e) => e.outcome.type === 'promise-to-pay' && covers(e.invoiceIds, event.invoiceIds),
    );
    const successor = successorIndex >= 0 ? later[successorIndex] : undefined;
    // A promise on the whole balance is kept by any later "paid"; one on invoices, by a "paid" naming them all.
    const paidEntryIndex = later.findIndex(
      (e) => e.outcome.type === 'paid' && (event.invoiceIds.length === 0 || covers(e.invoiceIds, event.invoiceIds)),
    );
    const coveredIds = event.invoiceIds.length > 0 ? event.invoiceIds : balanceOn(invoices, dateWritten(event.at));
    const invoicesPaid = coveredIds.length > 0 && coveredIds.every(isSettled);
    const kept = invoicesPaid || paidEntryIndex >= 0 || promisedAmountPaid(outcome, coveredIds, invoices);

    let state: PromiseState;
    const paidBeforeSuccessor = paidEntryIndex >= 0 && paidEntryIndex < successorIndex;
    if (successor && dateWritten(successor.at) <= graceUntil && !paidBeforeSuccessor) state = 'superseded';
    else if (kept) state = 'kept';
    else if (today > graceUntil) state = 'broken';
    else state = 'pending';

    const view: PromiseToPayView = {
      eventId: event.id,
      at: event.at,
      date: outcome.date,
      amount: outcome.amount,
      invoiceIds: event.invoiceIds,
      state,
      graceUntil,
    };
    if (successor) view.supersededBy = successor.id;
    views.push(view);
  });
  return views;
}

/**
 * True when the covered invoices' amount due has dropped by at least the promised amount since the promise
 * (known only when the promise recorded the balance due then, in the same currency).
 */
function promisedAmountPaid(promise: PromiseToPayOutcome, coveredIds: readonly string[], invoices: readonly InvoiceForLog[]): boolean {
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

function deriveDisputes(entries: readonly ContactEvent[], isSettled: (id: string) => boolean): DisputeView[] {
  const views: DisputeView[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'dispute') return;
    const resolvedLater = new Set(
      entries
        .slice(index + 1)
        .flatMap((e) => (e.outcome.type === 'dispute-resolved' ? e.outcome.invoiceIds : [])),
    );
    const openInvoiceIds = outcome.invoiceIds.filter((id) => !resolvedLater.has(id) && !isSettled(id));
    views.push({
      eventId: event.id,
      invoiceIds: outcome.invoiceIds,
      openInvoiceIds,
      reason: outcome.reason,
      state: openInvoiceIds.length > 0 ? 'open' : 'resolved',
      openedAt: event.at,
    });
  });
  return views;
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

function derivePlans(
  entries: readonly ContactEvent[],
  invoices: readonly InvoiceForLog[],
  today: IsoDate,
  grace: number,
): PaymentPlanView[] {
  const views: PaymentPlanView[] = [];
  entries.forEach((event, index) => {
    const outcome = event.outcome;
    if (outcome.type !== 'payment-plan') return;
    const covered = outcome.covered;
    const outstanding = outstandingOf(event.invoiceIds, invoices, covered.currency);
    const paidSoFarMinor =
      outstanding === undefined ? 0 : Math.min(covered.amountMinor, Math.max(0, covered.amountMinor - outstanding));

    // Installments are paid in due-date order; the sort is stable for equal dates.
    const ordered = [...outcome.installments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
    let cumulative = 0;
    const installments: InstallmentView[] = ordered.map((inst) => {
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
    const successor = entries
      .slice(index + 1)
      .find((e) => e.outcome.type === 'payment-plan' && covers(e.invoiceIds, event.invoiceIds));

    const view: PaymentPlanView = {
      eventId: event.id,
      at: event.at,
      invoiceIds: event.invoiceIds,
      covered,
      paidSoFar: { amountMinor: paidSoFarMinor, currency: covered.currency },
      installments,
      state,
    };
    if (successor) view.supersededBy = successor.id;
    views.push(view);
  });
  return views;
}

function earliestFollowUp(
  entries: readonly ContactEvent[],
  promises: readonly PromiseToPayView[],
  plans: readonly PaymentPlanView[],
): IsoDate | undefined {
  const candidates: IsoDate[] = [];

  let setterIndex = -1;
  entries.forEach((e, i) => {
    if (e.followUpDate !== undefined) setterIndex = i;
  });
  const setter = entries[setterIndex];
  if (setter?.followUpDate !== undefined) {
    const due = setter.followUpDate;
    const done = entries
      .slice(setterIndex + 1)
      .some((e) => isExchange(e) && dateWritten(e.at) >= due);
    if (!done) candidates.push(due);
  }

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
