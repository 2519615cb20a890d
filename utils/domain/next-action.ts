/**
 * Next best action per customer, the day's to-do list and the escalation decision.
 *
 * Scheduling rules (all dates are calendar days, `today` is passed in):
 * - Open invoices are issued invoices (not credit notes), not paid, with something left to pay. Open credit
 *   notes are deducted from them (earliest due invoice first, same currency): every amount below (levels'
 *   minimum amounts, messages, priorities, the escalation threshold) is what remains owed after the credits,
 *   and an invoice they cover in full is not reminded.
 * - The ladder is graduated: an invoice's next level is the first level after the highest one "done" for
 *   it (done = a past reminder with that level id, or a later one, named the invoice). Levels are never
 *   skipped: at D+40 with nothing sent, the next level is the first reminder, not the formal notice.
 *   Levels with a `minAmount` the invoice does not reach do not apply to it (that is not a skip).
 * - A level falls due on max(due date + its delay, last reminder to the customer + spacing), so
 *   late levels pile up one spacing apart. The spacing counts every reminder sent to the customer.
 * - Pre-due levels (delay <= 0) are optional courtesies: offered only up to the due date, never a
 *   prerequisite for later levels, and never mixed into a message about overdue invoices.
 * - Reminders are grouped per customer: one message covers every invoice whose level is due by the
 *   message's date, each at its own level; channel, tone and situation are those of the highest level.
 * - Pauses: a disputed invoice is paused alone; a pending promise pauses the invoices it covers (all
 *   when it names none) until its grace ends; an on-track payment plan pauses its invoices. A plan with
 *   a late installment no longer pauses them.
 * - Events go first and ignore the spacing, once each: a broken promise gets one 'broken-promise'
 *   message from the day it broke; each late installment gets one 'missed-installment' message.
 * - After the final level, the customer has `escalationDelayDays`; then escalation is suggested when
 *   the amount still due reaches `escalationMinAmount` in some currency, otherwise one last call, then
 *   a write-off suggestion.
 * - Amounts are never converted between currencies: priorities add raw major units.
 */
import {
  CUSTOMER_SEGMENTS,
  DEFAULT_POLICY,
  effectiveLevels,
  parsePolicy,
  spacingDays,
  toneForSegment,
  type Channel,
  type EffectiveLevel,
  type EventMessage,
  type Policy,
  type PolicyCustomer,
  type PolicyInstallment,
  type PolicyInvoice,
  type Situation,
  type Tone,
} from './policy';
import { allocateCredits } from './credits';
import type { IsoDate, Money } from './types';

// ---------------------------------------------------------------------------------------------
// Public types

export type NextActionKind = 'none' | 'wait' | 'remind' | 'call' | 'escalate';

export type ReasonCode =
  | 'excluded'
  | 'nothing-owed'
  | 'all-disputed'
  | 'promise-pending'
  | 'plan-on-track'
  | 'not-due-yet'
  | 'spacing'
  | 'next-level-scheduled'
  | 'final-notice-deadline'
  | 'pre-due-courtesy'
  | 'reminder-due'
  | 'broken-promise'
  | 'missed-installment'
  | 'escalate'
  | 'last-call'
  | 'write-off-suggested';

/** An invoice covered by an action, at its own level. */
export interface ActionInvoice {
  id: string;
  number: string;
  dueDate: IsoDate;
  levelId: string;
  /** Days past the due date as of `asOf` (negative before it). */
  daysOverdue: number;
  amountDue: Money;
}

/** A late payment-plan installment covered by a 'missed-installment' action. */
export interface ActionInstallment {
  dueDate: IsoDate;
  amount: Money;
  daysLate: number;
}

/** Why the action was chosen: a code and the facts to explain it (serializable). */
export interface ActionReason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

/** A customer's next best action, serializable (explain it with {@link explainAction}). */
export interface NextAction {
  kind: NextActionKind;
  /** The day the action was computed for. */
  asOf: IsoDate;
  /** When the action is (or was) due; for 'none' without anything planned, `asOf`. */
  dueOn: IsoDate;
  channel?: Channel;
  tone?: Tone;
  situation?: Situation;
  /** Highest level among the covered invoices (or the event message id). */
  levelId?: string;
  invoices: ActionInvoice[];
  installments?: ActionInstallment[];
  reason: ActionReason;
}

export interface TodoItem {
  customerId: string;
  action: NextAction;
  /** Sum of amount due (major units, currencies not converted) × days overdue, × (1 + payment history score). */
  priority: number;
}

export interface EscalationReason {
  code:
    | 'excluded'
    | 'nothing-owed'
    | 'amicable-steps-remaining'
    | 'final-notice-deadline-running'
    | 'amicable-steps-exhausted'
    | 'amount-above-threshold'
    | 'amount-below-threshold'
    | 'promise-pending'
    | 'plan-on-track'
    | 'disputed-left-out';
  params: Record<string, string | number>;
  text: { fr: string; en: string };
}

export interface EscalationAssessment {
  escalate: boolean;
  reasons: EscalationReason[];
}

export type Lang = 'fr' | 'en';

// ---------------------------------------------------------------------------------------------
// Tiny UTC calendar helpers (kept private: the shared date module is written elsewhere).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate, field: string): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new Error(`${field}: expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`${field}: ${date} is not a real calendar date`);
  }
  return Math.round(time / DAY_MS);
}

function fromDayNumber(days: number): IsoDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date, 'date') + days);
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to, 'date') - dayNumber(from, 'date');
}

function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Money

const fractionDigitsCache = new Map<string, number>();

function fractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      throw new Error(`currency: ${JSON.stringify(currency)} is not an ISO 4217 currency code`);
    }
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Amount in major units (e.g. euros), for thresholds and priorities. */
function majorUnits(money: Money): number {
  return money.amountMinor / 10 ** fractionDigits(money.currency);
}

function totalsByCurrency(amounts: Money[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const money of amounts) totals.set(money.currency, (totals.get(money.currency) ?? 0) + money.amountMinor);
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Input validation: fail loudly, naming the field.

function assertMoney(money: unknown, field: string): void {
  const value = money as Money | undefined;
  if (!value || typeof value !== 'object') throw new Error(`${field}: expected { amountMinor, currency }`);
  if (!Number.isInteger(value.amountMinor)) {
    throw new Error(`${field}.amountMinor: expected an integer number of minor units, got ${String(value.amountMinor)}`);
  }
  if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency)) {
    throw new Error(`${field}.currency: expected an ISO 4217 code such as EUR, got ${JSON.stringify(value.currency)}`);
  }
  fractionDigits(value.currency);
}

function assertIdList(list: unknown, field: string): void {
  if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
    throw new Error(`${field}: expected an array of invoice ids`);
  }
}

function assertCustomer(customer: PolicyCustomer, today: IsoDate): void {
  dayNumber(today, 'today');
  if (!customer || typeof customer.id !== 'string' || customer.id === '') {
    throw new Error('customer.id: expected a non-empty string');
  }
  const where = `customer ${customer.id}`;
  if (!(CUSTOMER_SEGMENTS as readonly string[]).includes(customer.segment)) {
    throw new Error(`${where}: segment must be one of ${CUSTOMER_SEGMENTS.join(', ')}, got ${JSON.stringify(customer.segment)}`);
  }
  if (!Array.isArray(customer.invoices)) throw new Error(`${where}: invoices must be an array`);
  customer.invoices.forEach((invoice, index) => {
    const field = `${where}: invoices[${index}]`;
    if (typeof invoice.id !== 'string' || invoice.id === '') throw new Error(`${field}.id: expected a non-empty string`);
    dayNumber(invoice.dueDate, `${field}.dueDate`);
    assertMoney(invoice.amountDue, `${field}.amountDue`);
  });
  assertIdList(customer.disputedInvoiceIds, `${where}: disputedInvoiceIds`);
  if (!Array.isArray(customer.reminders)) throw new Error(`${where}: reminders must be an array`);
  customer.reminders.forEach((reminder, index) => {
    const field = `${where}: reminders[${index}]`;
    dayNumber(reminder.at, `${field}.at`);
    if (reminder.at > today) throw new Error(`${field}.at: ${reminder.at} is after today (${today})`);
    assertIdList(reminder.invoiceIds, `${field}.invoiceIds`);
  });
  const promise = customer.pendingPromise;
  if (promise) {
    dayNumber(promise.date, `${where}: pendingPromise.date`);
    dayNumber(promise.graceUntil, `${where}: pendingPromise.graceUntil`);
    if (promise.graceUntil < promise.date) {
      throw new Error(`${where}: pendingPromise.graceUntil (${promise.graceUntil}) is before its date (${promise.date})`);
    }
    assertIdList(promise.invoiceIds, `${where}: pendingPromise.invoiceIds`);
  }
  const broken = customer.brokenPromise;
  if (broken) {
    dayNumber(broken.date, `${where}: brokenPromise.date`);
    dayNumber(broken.brokenOn, `${where}: brokenPromise.brokenOn`);
    if (broken.brokenOn > today) throw new Error(`${where}: brokenPromise.brokenOn (${broken.brokenOn}) is after today (${today})`);
    assertIdList(broken.invoiceIds, `${where}: brokenPromise.invoiceIds`);
  }
  if (customer.plan) {
    assertIdList(customer.plan.invoiceIds, `${where}: plan.invoiceIds`);
    customer.plan.installments.forEach((installment, index) => {
      dayNumber(installment.dueDate, `${where}: plan.installments[${index}].dueDate`);
      assertMoney(installment.amount, `${where}: plan.installments[${index}].amount`);
    });
  }
  if (customer.lastContactOn !== undefined) dayNumber(customer.lastContactOn, `${where}: lastContactOn`);
  const score = customer.paymentHistoryScore;
  if (score !== undefined && !(typeof score === 'number' && score >= 0 && score <= 1)) {
    throw new Error(`${where}: paymentHistoryScore must be a number from 0 to 1, got ${String(score)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Analysis of one customer

type Pause = 'dispute' | 'promise' | 'plan';

interface InvoiceState {
  invoice: PolicyInvoice;
  daysOverdue: number;
  pause?: Pause;
  /** The ladder's next step for this invoice, when it has one. */
  candidate?: { level: EffectiveLevel; levelOn: IsoDate; eligibleOn: IsoDate; preDue: boolean };
  /** Set when every applicable level is done: when the last one was first sent. */
  finalNoticeOn?: IsoDate;
  finalLevelId?: string;
}

interface Analysis {
  open: InvoiceState[];
  active: InvoiceState[];
  levels: EffectiveLevel[];
  spacing: number;
  lastReminderOn?: IsoDate;
  notBefore?: IsoDate;
}

/**
 * The customer's open invoices at what is really owed on each: open credit notes deducted (earliest due invoice
 * first, see `credits.ts`); an invoice the credit notes cover in full is no longer owed.
 */
function owedInvoices(customer: PolicyCustomer): PolicyInvoice[] {
  const { netDue } = allocateCredits(customer.invoices);
  return customer.invoices.flatMap((invoice) => {
    const net = netDue.get(invoice.id);
    return net && net.amountMinor > 0 ? [{ ...invoice, amountDue: net }] : [];
  });
}

function covers(invoiceIds: string[], invoiceId: string): boolean {
  return invoiceIds.length === 0 || invoiceIds.includes(invoiceId);
}

function planOnTrack(customer: PolicyCustomer): boolean {
  return !!customer.plan && !customer.plan.installments.some((installment) => installment.state === 'late');
}

function sentSince(customer: PolicyCustomer, levelId: string, since: IsoDate): boolean {
  return customer.reminders.some((reminder) => reminder.levelId === levelId && reminder.at >= since);
}

function analyse(customer: PolicyCustomer, today: IsoDate, policy: Policy): Analysis {
  const levels = effectiveLevels(policy, customer.segment);
  const rankOf = new Map(levels.map((level) => [level.id, level.rank]));
  const spacing = spacingDays(policy, customer.segment);
  const lastReminderOn = customer.reminders.reduce<IsoDate | undefined>(
    (latest, reminder) => (latest === undefined || reminder.at > latest ? reminder.at : latest),
    undefined,
  );
  const notBefore = lastReminderOn === undefined ? undefined : addDays(lastReminderOn, spacing);
  const promise = customer.pendingPromise;
  const onTrack = planOnTrack(customer);

  const open = owedInvoices(customer).map((invoice): InvoiceState => {
    const state: InvoiceState = { invoice, daysOverdue: daysBetween(invoice.dueDate, today) };
    if (customer.disputedInvoiceIds.includes(invoice.id)) state.pause = 'dispute';
    else if (promise && today <= promise.graceUntil && covers(promise.invoiceIds, invoice.id)) state.pause = 'promise';
    else if (onTrack && customer.plan && covers(customer.plan.invoiceIds, invoice.id)) state.pause = 'plan';
    if (state.pause) return state;

    const coveringReminders = customer.reminders.filter((reminder) => reminder.invoiceIds.includes(invoice.id));
    const doneRank = coveringReminders.reduce((best, reminder) => Math.max(best, rankOf.get(reminder.levelId) ?? -1), -1);
    const amount = majorUnits(invoice.amountDue);
    const applicable = levels.filter((level) => level.minAmount === undefined || amount >= level.minAmount);
    const postDue = applicable.filter((level) => level.delayDays > 0);
    const nextPostDue = postDue.find((level) => level.rank > doneRank);

    // A pre-due courtesy only while the invoice is not yet due and before any post-due level.
    const postDueStarted = postDue.some((level) => level.rank <= doneRank);
    const preDue = applicable.find((level) => level.delayDays <= 0 && level.rank > doneRank);
    if (preDue && !postDueStarted && today <= invoice.dueDate) {
      const levelOn = addDays(invoice.dueDate, preDue.delayDays);
      const eligibleOn = notBefore ? laterOf(levelOn, notBefore) : levelOn;
      if (eligibleOn <= invoice.dueDate) {
        state.candidate = { level: preDue, levelOn, eligibleOn, preDue: true };
        return state;
      }
    }
    if (nextPostDue) {
      const levelOn = addDays(invoice.dueDate, nextPostDue.delayDays);
      state.candidate = { level: nextPostDue, levelOn, eligibleOn: notBefore ? laterOf(levelOn, notBefore) : levelOn, preDue: false };
      return state;
    }
    const finalLevel = postDue[postDue.length - 1];
    if (finalLevel) {
      state.finalLevelId = finalLevel.id;
      state.finalNoticeOn = coveringReminders
        .filter((reminder) => (rankOf.get(reminder.levelId) ?? -1) >= finalLevel.rank)
        .reduce<IsoDate>((first, reminder) => earlierOf(first, reminder.at), today);
    }
    return state;
  });

  return {
    open,
    active: open.filter((state) => !state.pause),
    levels,
    spacing,
    lastReminderOn,
    notBefore,
  };
}

function actionInvoice(state: InvoiceState, levelId: string): ActionInvoice {
  const { invoice } = state;
  return {
    id: invoice.id,
    number: invoice.number,
    dueDate: invoice.dueDate,
    levelId,
    daysOverdue: state.daysOverdue,
    amountDue: { ...invoice.amountDue },
  };
}

function lastReminderParams(analysis: Analysis, today: IsoDate): Record<string, string | number> {
  if (analysis.lastReminderOn === undefined) return {};
  return { lastReminderOn: analysis.lastReminderOn, daysSinceLastReminder: daysBetween(analysis.lastReminderOn, today) };
}

function kindForChannel(channel: Channel): NextActionKind {
  return channel === 'phone' ? 'call' : 'remind';
}

function eventAction(
  customer: PolicyCustomer,
  policy: Policy,
  message: EventMessage,
  situation: Situation,
  base: Pick<NextAction, 'asOf' | 'dueOn' | 'invoices' | 'reason'> & { installments?: ActionInstallment[] },
): NextAction {
  return {
    kind: kindForChannel(message.channel),
    channel: message.channel,
    tone: toneForSegment(policy, customer.segment, message.tone),
    situation,
    levelId: message.levelId,
    ...base,
  };
}

/** Exhausted invoices whose final-notice deadline has passed, and when the escalation threshold was first met. */
function ripeForEscalation(analysis: Analysis, today: IsoDate, policy: Policy) {
  const exhausted = analysis.active.filter((state) => state.finalNoticeOn !== undefined);
  const deadlineOf = (state: InvoiceState) => addDays(state.finalNoticeOn as IsoDate, policy.escalationDelayDays);
  const ripe = exhausted.filter((state) => deadlineOf(state) <= today).sort((a, b) => (deadlineOf(a) < deadlineOf(b) ? -1 : 1));
  const waiting = exhausted.filter((state) => deadlineOf(state) > today);
  const running = new Map<string, number>();
  let thresholdMetOn: IsoDate | undefined;
  for (const state of ripe) {
    const { currency } = state.invoice.amountDue;
    const total = (running.get(currency) ?? 0) + state.invoice.amountDue.amountMinor;
    running.set(currency, total);
    if (thresholdMetOn === undefined && majorUnits({ amountMinor: total, currency }) >= policy.escalationMinAmount) {
      thresholdMetOn = deadlineOf(state);
    }
  }
  const firstDeadline = ripe[0] ? deadlineOf(ripe[0]) : undefined;
  const nextDeadline = waiting.map(deadlineOf).sort()[0];
  return { exhausted, ripe, waiting, thresholdMetOn, firstDeadline, nextDeadline, deadlineOf };
}

function earliestFinalNotice(states: InvoiceState[]): IsoDate {
  return states.map((state) => state.finalNoticeOn as IsoDate).sort()[0] as IsoDate;
}

function decide(customer: PolicyCustomer, today: IsoDate, policy: Policy): NextAction {
  const nothing = (code: ReasonCode, params: Record<string, string | number> = {}, dueOn = today): NextAction => ({
    kind: 'none',
    asOf: today,
    dueOn,
    invoices: [],
    reason: { code, params },
  });

  if (customer.segment === 'excluded') return nothing('excluded');

  const analysis = analyse(customer, today, policy);
  const { active } = analysis;

  // 1. A broken promise: once, right away, whatever the spacing.
  const broken = customer.brokenPromise;
  if (broken && !sentSince(customer, policy.brokenPromise.levelId, broken.brokenOn)) {
    const covered = active.filter((state) => covers(broken.invoiceIds, state.invoice.id) && state.daysOverdue > 0);
    if (covered.length > 0) {
      return eventAction(customer, policy, policy.brokenPromise, 'broken-promise', {
        asOf: today,
        dueOn: broken.brokenOn,
        invoices: covered.map((state) => actionInvoice(state, policy.brokenPromise.levelId)),
        reason: {
          code: 'broken-promise',
          params: { promisedOn: broken.date, brokenOn: broken.brokenOn, ...lastReminderParams(analysis, today) },
        },
      });
    }
  }

  // 2. Late installments: one message each, right away.
  const plan = customer.plan;
  if (plan) {
    const unreminded = plan.installments.filter(
      (installment) => installment.state === 'late' && !sentSince(customer, policy.missedInstallment.levelId, installment.dueDate),
    );
    if (unreminded.length > 0) {
      const firstDue = unreminded.map((installment) => installment.dueDate).sort()[0] as IsoDate;
      return eventAction(customer, policy, policy.missedInstallment, 'missed-installment', {
        asOf: today,
        dueOn: earlierOf(addDays(firstDue, 1), today),
        invoices: active
          .filter((state) => covers(plan.invoiceIds, state.invoice.id))
          .map((state) => actionInvoice(state, policy.missedInstallment.levelId)),
        installments: unreminded.map((installment: PolicyInstallment) => ({
          dueDate: installment.dueDate,
          amount: { ...installment.amount },
          daysLate: Math.max(0, daysBetween(installment.dueDate, today)),
        })),
        reason: { code: 'missed-installment', params: { firstDueOn: firstDue, ...lastReminderParams(analysis, today) } },
      });
    }
  }

  if (analysis.open.length === 0) return nothing('nothing-owed');

  // 3. Escalation once the final notice's deadline has passed on enough money.
  const escalation = ripeForEscalation(analysis, today, policy);
  if (escalation.thresholdMetOn !== undefined) {
    const finalNoticeOn = earliestFinalNotice(escalation.ripe);
    return {
      kind: 'escalate',
      asOf: today,
      dueOn: escalation.thresholdMetOn,
      levelId: escalation.ripe[0]?.finalLevelId,
      invoices: escalation.ripe.map((state) => actionInvoice(state, state.finalLevelId as string)),
      reason: {
        code: 'escalate',
        params: {
          finalNoticeOn,
          daysSinceFinalNotice: daysBetween(finalNoticeOn, today),
          deadlineDays: policy.escalationDelayDays,
          threshold: policy.escalationMinAmount,
        },
      },
    };
  }

  // 4. Everything paused.
  if (active.length === 0) {
    const paused = analysis.open;
    const disputedCount = paused.filter((state) => state.pause === 'dispute').length;
    const promise = customer.pendingPromise;
    if (promise && paused.some((state) => state.pause === 'promise')) {
      return nothing(
        'promise-pending',
        { promisedOn: promise.date, until: promise.graceUntil, pausedCount: paused.length, disputedCount },
        addDays(promise.graceUntil, 1),
      );
    }
    if (plan && paused.some((state) => state.pause === 'plan')) {
      const next = plan.installments
        .filter((installment) => installment.state !== 'paid')
        .map((installment) => installment.dueDate)
        .sort()[0];
      return nothing(
        'plan-on-track',
        { pausedCount: paused.length, disputedCount, ...(next ? { nextInstallmentOn: next } : {}) },
        next ? laterOf(next, today) : today,
      );
    }
    return nothing('all-disputed', { disputedCount });
  }

  // 5. The graduated ladder, grouped per customer.
  const candidates = active.filter((state) => state.candidate);
  const group = (preDue: boolean) => candidates.filter((state) => state.candidate?.preDue === preDue);
  const firstEffective = (states: InvoiceState[]) =>
    states.map((state) => laterOf(state.candidate?.eligibleOn as IsoDate, today)).sort()[0];
  const overdueGroup = group(false);
  const preDueGroup = group(true);
  const overdueOn = firstEffective(overdueGroup);
  const preDueOn = firstEffective(preDueGroup);
  const chosen = overdueOn !== undefined && (preDueOn === undefined || overdueOn <= preDueOn) ? overdueGroup : preDueGroup;

  let ladder: NextAction | undefined;
  if (chosen.length > 0) {
    const actionOn = chosen.map((state) => state.candidate?.eligibleOn as IsoDate).sort()[0] as IsoDate;
    const includeBy = laterOf(actionOn, today);
    const included = chosen.filter((state) => (state.candidate?.eligibleOn as IsoDate) <= includeBy);
    const top = included.reduce((best, state) =>
      (state.candidate?.level.rank ?? -1) > (best.candidate?.level.rank ?? -1) ? state : best,
    );
    const level = (top.candidate as NonNullable<InvoiceState['candidate']>).level;
    const earliestLevelOn = included.map((state) => state.candidate?.levelOn as IsoDate).sort()[0] as IsoDate;
    const due = actionOn <= today;
    const anyOverdue = active.some((state) => state.daysOverdue > 0);
    let kind: NextActionKind;
    let code: ReasonCode;
    if (due) {
      kind = kindForChannel(level.channel);
      code = level.delayDays <= 0 ? 'pre-due-courtesy' : 'reminder-due';
    } else if (anyOverdue) {
      kind = 'wait';
      code = analysis.notBefore !== undefined && actionOn === analysis.notBefore && earliestLevelOn < actionOn ? 'spacing' : 'next-level-scheduled';
    } else {
      kind = 'none';
      code = 'not-due-yet';
    }
    ladder = {
      kind,
      asOf: today,
      dueOn: actionOn,
      channel: level.channel,
      tone: level.tone,
      situation: level.situation,
      levelId: level.id,
      invoices: included.map((state) => actionInvoice(state, state.candidate?.level.id as string)),
      reason: {
        code,
        params: { delayDays: level.delayDays, spacingDays: analysis.spacing, ...lastReminderParams(analysis, today) },
      },
    };
    if (due) return ladder;
  }

  // 6. Amicable steps exhausted on a small amount: one last call, then suggest writing off.
  if (escalation.firstDeadline !== undefined) {
    const params = {
      finalNoticeOn: earliestFinalNotice(escalation.ripe),
      exhaustedSince: escalation.firstDeadline,
      threshold: policy.escalationMinAmount,
    };
    const invoices = escalation.ripe.map((state) => actionInvoice(state, state.finalLevelId as string));
    if (!sentSince(customer, policy.lastCall.levelId, escalation.firstDeadline)) {
      return eventAction(customer, policy, policy.lastCall, 'final-notice', {
        asOf: today,
        dueOn: escalation.firstDeadline,
        invoices,
        reason: { code: 'last-call', params },
      });
    }
    if (!ladder && escalation.nextDeadline === undefined) {
      return { ...nothing('write-off-suggested', params), invoices };
    }
  }

  // 7. Nothing due today: the earliest thing ahead.
  const deadline = escalation.nextDeadline;
  if (deadline !== undefined && (!ladder || deadline < ladder.dueOn)) {
    const waiting = escalation.waiting.filter((state) => escalation.deadlineOf(state) <= deadline);
    return {
      kind: 'wait',
      asOf: today,
      dueOn: deadline,
      levelId: waiting[0]?.finalLevelId,
      invoices: waiting.map((state) => actionInvoice(state, state.finalLevelId as string)),
      reason: {
        code: 'final-notice-deadline',
        params: { finalNoticeOn: earliestFinalNotice(waiting), deadlineDays: policy.escalationDelayDays },
      },
    };
  }
  if (ladder) return ladder;
  // Only reachable when the last call is done and nothing else is ahead.
  return nothing('write-off-suggested', { threshold: policy.escalationMinAmount });
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The one thing to do next for a customer, as of `today` (see the module comment for the rules).
 * @throws Error naming the field when the customer, the date or the policy is malformed.
 */
export function nextBestAction(customer: PolicyCustomer, today: IsoDate, policy: Policy = DEFAULT_POLICY): NextAction {
  const checked = parsePolicy(policy);
  assertCustomer(customer, today);
  return decide(customer, today, checked);
}

/**
 * Actions due today or earlier (reminders, calls, escalations), highest priority first.
 * Priority = Σ(amount due in major units × days overdue) × (1 + paymentHistoryScore); ties go to the
 * larger amount, then to the customer id. Currencies are not converted: major units are added as they are.
 */
export function todoToday(customers: PolicyCustomer[], today: IsoDate, policy: Policy = DEFAULT_POLICY): TodoItem[] {
  const checked = parsePolicy(policy);
  const items = customers.map((customer) => {
    assertCustomer(customer, today);
    const action = decide(customer, today, checked);
    const amount = action.invoices.reduce((sum, invoice) => sum + majorUnits(invoice.amountDue), 0);
    const weighted = action.invoices.reduce(
      (sum, invoice) => sum + majorUnits(invoice.amountDue) * Math.max(0, invoice.daysOverdue),
      0,
    );
    return { customerId: customer.id, action, priority: weighted * (1 + (customer.paymentHistoryScore ?? 0)), amount };
  });
  return items
    .filter((item) => ['remind', 'call', 'escalate'].includes(item.action.kind) && item.action.dueOn <= today)
    .sort(
      (a, b) =>
        b.priority - a.priority || b.amount - a.amount || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    )
    .map(({ customerId, action, priority }) => ({ customerId, action, priority }));
}

/**
 * Whether the amicable steps are exhausted and the case should be escalated, with the reasons in French
 * and English. Escalation needs the final notice sent at least `escalationDelayDays` ago on invoices still
 * unpaid, with no pending promise, for at least `escalationMinAmount` (major units) in one currency.
 * @throws Error naming the field when the customer, the date or the policy is malformed.
 */
export function escalationAssessment(customer: PolicyCustomer, today: IsoDate, policy: Policy = DEFAULT_POLICY): EscalationAssessment {
  const checked = parsePolicy(policy);
  assertCustomer(customer, today);
  const reason = (code: EscalationReason['code'], params: Record<string, string | number> = {}): EscalationReason => ({
    code,
    params,
    text: { fr: escalationSentence(code, params, 'fr'), en: escalationSentence(code, params, 'en') },
  });
  if (customer.segment === 'excluded') return { escalate: false, reasons: [reason('excluded')] };
  const analysis = analyse(customer, today, checked);
  if (analysis.open.length === 0) return { escalate: false, reasons: [reason('nothing-owed')] };

  const reasons: EscalationReason[] = [];
  const escalation = ripeForEscalation(analysis, today, checked);
  let escalate = false;
  if (escalation.ripe.length > 0) {
    const finalNoticeOn = earliestFinalNotice(escalation.ripe);
    reasons.push(
      reason('amicable-steps-exhausted', {
        invoiceCount: escalation.ripe.length,
        finalNoticeOn,
        daysSinceFinalNotice: daysBetween(finalNoticeOn, today),
        ...(customer.lastContactOn ? { lastContactOn: customer.lastContactOn } : {}),
      }),
    );
    const totals = totalsByCurrency(escalation.ripe.map((state) => state.invoice.amountDue));
    const amounts = [...totals].map(([currency, amountMinor]) => formatMoney({ amountMinor, currency }, 'en')).join(' + ');
    const amountsFr = [...totals].map(([currency, amountMinor]) => formatMoney({ amountMinor, currency }, 'fr')).join(' + ');
    const firstCurrency = [...totals.keys()][0] as string;
    escalate = escalation.thresholdMetOn !== undefined;
    const params = { amount: amounts, amountFr: amountsFr, threshold: checked.escalationMinAmount, currency: firstCurrency };
    reasons.push(reason(escalate ? 'amount-above-threshold' : 'amount-below-threshold', params));
  } else if (escalation.waiting.length > 0) {
    const finalNoticeOn = earliestFinalNotice(escalation.waiting);
    reasons.push(
      reason('final-notice-deadline-running', {
        finalNoticeOn,
        until: addDays(finalNoticeOn, checked.escalationDelayDays),
        deadlineDays: checked.escalationDelayDays,
      }),
    );
  } else if (analysis.active.length > 0) {
    const finalLevel = analysis.levels[analysis.levels.length - 1] as EffectiveLevel;
    reasons.push(reason('amicable-steps-remaining', { invoiceCount: analysis.active.length, finalLevelId: finalLevel.id }));
  }
  const pausedBy = (pause: Pause) => analysis.open.filter((state) => state.pause === pause).length;
  if (pausedBy('promise') > 0 && customer.pendingPromise) {
    reasons.push(reason('promise-pending', { pausedCount: pausedBy('promise'), until: customer.pendingPromise.graceUntil }));
  }
  if (pausedBy('plan') > 0) reasons.push(reason('plan-on-track', { pausedCount: pausedBy('plan') }));
  if (pausedBy('dispute') > 0) reasons.push(reason('disputed-left-out', { disputedCount: pausedBy('dispute') }));
  return { escalate, reasons };
}

// ---------------------------------------------------------------------------------------------
// Readable sentences

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

function formatDate(date: IsoDate, lang: Lang): string {
  const time = dayNumber(date, 'date') * DAY_MS;
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(time),
  );
}

function formatMoney(money: Money, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: money.currency }).format(majorUnits(money));
}

function formatAmounts(amounts: Money[], lang: Lang): string {
  return [...totalsByCurrency(amounts)].map(([currency, amountMinor]) => formatMoney({ amountMinor, currency }, lang)).join(' + ');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const WORDS = {
  en: {
    tone: { courteous: 'courteous reminder', firm: 'firm reminder', 'formal-notice': 'formal notice', 'final-notice': 'final notice' },
    call: { courteous: 'courteous call', firm: 'firm call', 'formal-notice': 'formal notice by phone', 'final-notice': 'final notice by phone' },
    channel: { email: 'by email', phone: 'by phone', letter: 'by letter', 'registered-letter': 'by registered letter', visit: 'in person' },
    situation: {
      'pre-due-courtesy': 'courtesy reminder before the due date',
      'broken-promise': 'broken-promise reminder',
      'missed-installment': 'missed-installment reminder',
    } as Partial<Record<Situation, string>>,
    preDueCall: 'courtesy call before the due date',
    lastCall: 'last call',
    invoice: ['invoice', 'invoices'],
    day: ['day', 'days'],
    today: 'today',
  },
  fr: {
    tone: { courteous: 'relance courtoise', firm: 'relance ferme', 'formal-notice': 'mise en demeure', 'final-notice': 'dernier avis avant recours' },
    call: {
      courteous: 'appel de relance courtois',
      firm: 'appel de relance ferme',
      'formal-notice': 'mise en demeure par téléphone',
      'final-notice': 'dernier avis par téléphone',
    },
    channel: {
      email: 'par e-mail',
      phone: 'par téléphone',
      letter: 'par courrier',
      'registered-letter': 'par lettre recommandée',
      visit: 'lors d’une visite',
    },
    situation: {
      'pre-due-courtesy': 'rappel de courtoisie avant l’échéance',
      'broken-promise': 'relance pour promesse non tenue',
      'missed-installment': 'relance pour échéance de paiement manquée',
    } as Partial<Record<Situation, string>>,
    preDueCall: 'appel de courtoisie avant l’échéance',
    lastCall: 'dernier appel',
    invoice: ['facture', 'factures'],
    day: ['jour', 'jours'],
    today: 'aujourd’hui',
  },
} as const;

/** "firm reminder by email", "appel de relance courtois"… (lower case). */
function actionLabel(action: NextAction, lang: Lang): string {
  const words = WORDS[lang];
  if (action.reason.code === 'last-call' || action.reason.code === 'write-off-suggested') return words.lastCall;
  const { channel, tone, situation } = action;
  if (!channel || !tone) return '';
  if (channel === 'phone') {
    if (situation === 'pre-due-courtesy') return words.preDueCall;
    if (!situation || !words.situation[situation]) return words.call[tone];
  }
  const noun = (situation && words.situation[situation]) ?? words.tone[tone];
  return `${noun} ${words.channel[channel]}`;
}

function num(action: NextAction, name: string): number {
  const value = action.reason.params[name];
  if (typeof value !== 'number') throw new Error(`explainAction: reason ${action.reason.code} needs a numeric param "${name}"`);
  return value;
}

function str(action: NextAction, name: string): string {
  const value = action.reason.params[name];
  if (typeof value !== 'string') throw new Error(`explainAction: reason ${action.reason.code} needs a param "${name}"`);
  return value;
}

/** "2 invoices 15 to 22 days overdue (3,400.00 €)" / "2 factures en retard de 15 à 22 jours (3 400,00 €)". */
function overduePhrase(invoices: ActionInvoice[], lang: Lang): string {
  const days = invoices.map((invoice) => invoice.daysOverdue);
  const [min, max] = [Math.min(...days), Math.max(...days)];
  const amount = formatAmounts(invoices.map((invoice) => invoice.amountDue), lang);
  const w = WORDS[lang];
  const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
  if (lang === 'fr') {
    const range = min === max ? plural(max, 'jour', 'jours') : `${min} à ${max} jours`;
    return max <= 0 ? `${count} (${amount})` : `${count} en retard de ${range} (${amount})`;
  }
  const range = min === max ? plural(max, 'day', 'days') : `${min} to ${max} days`;
  return max <= 0 ? `${count} (${amount})` : `${count} ${range} overdue (${amount})`;
}

function lastReminderPhrase(action: NextAction, lang: Lang): string {
  const days = action.reason.params.daysSinceLastReminder;
  if (typeof days !== 'number') return lang === 'fr' ? 'aucun rappel envoyé jusqu’ici' : 'no reminder sent yet';
  if (days === 0) return lang === 'fr' ? 'dernier rappel aujourd’hui' : 'last reminder today';
  return lang === 'fr' ? `dernier rappel il y a ${plural(days, 'jour', 'jours')}` : `last reminder ${plural(days, 'day', 'days')} ago`;
}

function thresholdText(threshold: number, currency: string | undefined, lang: Lang): string {
  if (!currency) return new Intl.NumberFormat(LOCALES[lang]).format(threshold);
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(threshold);
}

/**
 * One readable sentence, in French or English, saying what to do and why, e.g.
 * "Relance ferme par e-mail aujourd'hui : 2 factures en retard de 15 à 22 jours (…), dernier rappel il y a 8 jours."
 * @throws Error when the action lacks a fact its reason needs.
 */
export function explainAction(action: NextAction, lang: Lang): string {
  const fr = lang === 'fr';
  const d = (date: IsoDate) => formatDate(date, lang);
  const label = actionLabel(action, lang);
  const invoices = action.invoices;
  const amount = formatAmounts(invoices.map((invoice) => invoice.amountDue), lang);
  const currency = invoices[0]?.amountDue.currency;
  const w = WORDS[lang];
  switch (action.reason.code) {
    case 'excluded':
      return fr ? 'Rien à faire : ce client est exclu des relances.' : 'Nothing to do: this customer is excluded from reminders.';
    case 'nothing-owed':
      return fr ? 'Rien à faire : aucune facture impayée.' : 'Nothing to do: no unpaid invoice.';
    case 'all-disputed': {
      const count = num(action, 'disputedCount');
      if (fr) {
        const what = count === 1 ? 'la facture impayée est contestée' : `les ${count} factures impayées sont contestées`;
        return `Rien à faire : ${what} ; les relances reprendront une fois le litige résolu.`;
      }
      const what = count === 1 ? 'the unpaid invoice is disputed' : `all ${count} unpaid invoices are disputed`;
      return `Nothing to do: ${what}; reminders resume once the dispute is resolved.`;
    }
    case 'promise-pending':
      return fr
        ? `Rien à faire : promesse de paiement en cours jusqu’au ${d(str(action, 'until'))} (paiement promis pour le ${d(str(action, 'promisedOn'))}).`
        : `Nothing to do: promise to pay pending until ${d(str(action, 'until'))} (payment promised by ${d(str(action, 'promisedOn'))}).`;
    case 'plan-on-track': {
      const next = action.reason.params.nextInstallmentOn;
      if (typeof next === 'string') {
        return fr
          ? `Rien à faire : échéancier respecté, prochaine échéance le ${d(next)}.`
          : `Nothing to do: payment plan on track, next installment due on ${d(next)}.`;
      }
      return fr ? 'Rien à faire : échéancier respecté.' : 'Nothing to do: payment plan on track.';
    }
    case 'not-due-yet': {
      const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
      return fr
        ? `Rien à faire pour l’instant : ${count} pas encore ${invoices.length === 1 ? 'échue' : 'échues'} ; prochaine étape le ${d(action.dueOn)} : ${label}.`
        : `Nothing to do yet: ${count} not yet due; next step on ${d(action.dueOn)}: ${label}.`;
    }
    case 'spacing': {
      const spacing = num(action, 'spacingDays');
      const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
      return fr
        ? `Attendre le ${d(action.dueOn)} : ${lastReminderPhrase(action, lang)}, au moins ${spacing} jours entre deux rappels ; ensuite ${label} pour ${count}.`
        : `Wait until ${d(action.dueOn)}: ${lastReminderPhrase(action, lang)}, reminders are at least ${spacing} days apart; then ${label} for ${count}.`;
    }
    case 'next-level-scheduled': {
      const delay = num(action, 'delayDays');
      const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
      return fr
        ? `Attendre le ${d(action.dueOn)} : prochaine étape, ${label} pour ${count}, ${plural(delay, 'jour', 'jours')} après l’échéance ; ${lastReminderPhrase(action, lang)}.`
        : `Wait until ${d(action.dueOn)}: next step, ${label} for ${count}, comes ${plural(delay, 'day', 'days')} after the due date; ${lastReminderPhrase(action, lang)}.`;
    }
    case 'final-notice-deadline': {
      const days = num(action, 'deadlineDays');
      return fr
        ? `Attendre le ${d(action.dueOn)} : le dernier avis envoyé le ${d(str(action, 'finalNoticeOn'))} laisse ${plural(days, 'jour', 'jours')} au client pour payer (${amount}).`
        : `Wait until ${d(action.dueOn)}: the final notice sent on ${d(str(action, 'finalNoticeOn'))} gives the customer ${plural(days, 'day', 'days')} to pay (${amount}).`;
    }
    case 'pre-due-courtesy': {
      const dueDates = invoices.map((invoice) => invoice.dueDate).sort();
      const first = d(dueDates[0] as IsoDate);
      const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
      if (fr) {
        const when = invoices.length === 1 ? `à échéance le ${first}` : `à échéance à partir du ${first}`;
        return `${capitalize(label)} aujourd’hui : ${count} (${amount}) ${when}.`;
      }
      const when = invoices.length === 1 ? `due on ${first}` : `due from ${first}`;
      return `${capitalize(label)} today: ${count} (${amount}) ${when}.`;
    }
    case 'reminder-due':
      return fr
        ? `${capitalize(label)} aujourd’hui : ${overduePhrase(invoices, lang)}, ${lastReminderPhrase(action, lang)}.`
        : `${capitalize(label)} today: ${overduePhrase(invoices, lang)}, ${lastReminderPhrase(action, lang)}.`;
    case 'broken-promise': {
      const promised = d(str(action, 'promisedOn'));
      const brokenOn = d(str(action, 'brokenOn'));
      return fr
        ? `${capitalize(label)} aujourd’hui : la promesse de payer le ${promised} n’a pas été tenue (constaté le ${brokenOn}) ; ${overduePhrase(invoices, lang)}.`
        : `${capitalize(label)} today: the promise to pay by ${promised} was broken (noticed on ${brokenOn}); ${overduePhrase(invoices, lang)}.`;
    }
    case 'missed-installment': {
      const installments = action.installments ?? [];
      const first = installments.map((installment) => installment.dueDate).sort()[0] ?? str(action, 'firstDueOn');
      const late = Math.max(0, ...installments.map((installment) => installment.daysLate));
      const total = formatAmounts(installments.map((installment) => installment.amount), lang);
      if (fr) {
        const what =
          installments.length === 1
            ? `l’échéance de ${total} du ${d(first)} est impayée`
            : `${installments.length} échéances impayées (${total}), la première du ${d(first)}`;
        return `${capitalize(label)} aujourd’hui : ${what}, en retard de ${plural(late, 'jour', 'jours')}.`;
      }
      const what =
        installments.length === 1
          ? `the installment of ${total} due on ${d(first)} is unpaid`
          : `${installments.length} installments unpaid (${total}), the first due on ${d(first)}`;
      return `${capitalize(label)} today: ${what}, ${plural(late, 'day', 'days')} late.`;
    }
    case 'escalate': {
      const finalNoticeOn = d(str(action, 'finalNoticeOn'));
      const since = num(action, 'daysSinceFinalNotice');
      const threshold = thresholdText(num(action, 'threshold'), currency, lang);
      const count = plural(invoices.length, w.invoice[0], w.invoice[1]);
      return fr
        ? `À escalader : démarches amiables épuisées, dernier avis envoyé le ${finalNoticeOn} (il y a ${plural(since, 'jour', 'jours')}) sans paiement ni promesse ; reste dû ${amount} sur ${count}, au moins égal au seuil de ${threshold}.`
        : `Escalate: amicable steps exhausted, final notice sent on ${finalNoticeOn} (${plural(since, 'day', 'days')} ago) without payment or promise; ${amount} still due on ${count}, at or above the ${threshold} threshold.`;
    }
    case 'last-call': {
      const threshold = thresholdText(num(action, 'threshold'), currency, lang);
      const since = d(str(action, 'exhaustedSince'));
      return fr
        ? `Dernier appel aujourd’hui : démarches amiables épuisées depuis le ${since}, mais ${amount} reste sous le seuil d’escalade (${threshold}) ; envisager un dernier appel ou passer la créance en perte.`
        : `Last call today: amicable steps exhausted since ${since}, but ${amount} is below the escalation threshold (${threshold}); consider a last call or writing it off.`;
    }
    case 'write-off-suggested': {
      const threshold = thresholdText(num(action, 'threshold'), currency, lang);
      return fr
        ? `Plus rien à faire à l’amiable : dernier appel passé, ${amount || 'le solde'} sous le seuil d’escalade (${threshold}) ; envisager de passer la créance en perte.`
        : `Nothing more to do amicably: last call made, ${amount || 'the balance'} below the escalation threshold (${threshold}); consider writing it off.`;
    }
  }
}

function escalationSentence(code: EscalationReason['code'], params: Record<string, string | number>, lang: Lang): string {
  const fr = lang === 'fr';
  const d = (name: string) => formatDate(String(params[name]), lang);
  const n = (name: string) => Number(params[name]);
  switch (code) {
    case 'excluded':
      return fr ? 'Ce client est exclu des relances : pas d’escalade.' : 'This customer is excluded from reminders: no escalation.';
    case 'nothing-owed':
      return fr ? 'Aucune facture impayée : rien à escalader.' : 'No unpaid invoice: nothing to escalate.';
    case 'amicable-steps-remaining':
      return fr
        ? `Démarches amiables en cours : ${plural(n('invoiceCount'), 'facture n’a', 'factures n’ont')} pas encore reçu le dernier avis.`
        : `Amicable steps not exhausted: ${plural(n('invoiceCount'), 'invoice has', 'invoices have')} not had the final notice yet.`;
    case 'final-notice-deadline-running':
      return fr
        ? `Le dernier avis envoyé le ${d('finalNoticeOn')} laisse au client jusqu’au ${d('until')} (${plural(n('deadlineDays'), 'jour', 'jours')}) : attendre avant d’escalader.`
        : `The final notice sent on ${d('finalNoticeOn')} gives the customer until ${d('until')} (${plural(n('deadlineDays'), 'day', 'days')}): wait before escalating.`;
    case 'amicable-steps-exhausted': {
      const contact =
        typeof params.lastContactOn === 'string'
          ? fr
            ? ` Dernier contact le ${d('lastContactOn')}.`
            : ` Last contact on ${d('lastContactOn')}.`
          : '';
      return fr
        ? `Démarches amiables épuisées : ${plural(n('invoiceCount'), 'facture a', 'factures ont')} reçu toutes les relances jusqu’au dernier avis (envoyé le ${d('finalNoticeOn')}, il y a ${plural(n('daysSinceFinalNotice'), 'jour', 'jours')}) sans paiement ni promesse.${contact}`
        : `Amicable steps exhausted: ${plural(n('invoiceCount'), 'invoice has', 'invoices have')} had every reminder up to the final notice (sent on ${d('finalNoticeOn')}, ${plural(n('daysSinceFinalNotice'), 'day', 'days')} ago) without payment or promise.${contact}`;
    }
    case 'amount-above-threshold': {
      const threshold = thresholdText(n('threshold'), String(params.currency), lang);
      return fr
        ? `Reste dû : ${params.amountFr}, au moins égal au seuil d’escalade de ${threshold} : escalader.`
        : `${params.amount} still due, at or above the escalation threshold of ${threshold}: escalate.`;
    }
    case 'amount-below-threshold': {
      const threshold = thresholdText(n('threshold'), String(params.currency), lang);
      return fr
        ? `Démarches amiables épuisées ; reste dû : ${params.amountFr}, sous le seuil d’escalade de ${threshold} : envisager de passer la créance en perte ou un dernier appel.`
        : `Amicable steps exhausted; ${params.amount} still due, below the escalation threshold of ${threshold}: consider writing it off or a last call.`;
    }
    case 'promise-pending':
      return fr
        ? `Promesse de paiement en cours jusqu’au ${d('until')} : ${plural(n('pausedCount'), 'facture en pause', 'factures en pause')}, pas d’escalade pour ${n('pausedCount') === 1 ? 'elle' : 'elles'}.`
        : `Promise to pay pending until ${d('until')}: ${plural(n('pausedCount'), 'invoice', 'invoices')} paused, not escalated.`;
    case 'plan-on-track':
      return fr
        ? `Échéancier respecté : ${plural(n('pausedCount'), 'facture en pause', 'factures en pause')}, pas d’escalade.`
        : `Payment plan on track: ${plural(n('pausedCount'), 'invoice', 'invoices')} paused, not escalated.`;
    case 'disputed-left-out':
      return fr
        ? `${plural(n('disputedCount'), 'facture contestée est écartée', 'factures contestées sont écartées')} : résoudre le litige d’abord.`
        : `${plural(n('disputedCount'), 'disputed invoice is', 'disputed invoices are')} left out: resolve the dispute first.`;
  }
}
