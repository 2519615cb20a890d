import { describe, expect, it } from 'vitest';
import {
  escalationAssessment,
  explainAction,
  nextBestAction,
  todoToday,
  type NextAction,
} from '../../../utils/domain/next-action';
import { DEFAULT_POLICY, type PastReminder, type PolicyCustomer, type PolicyInvoice } from '../../../utils/domain/policy';
import type { Money } from '../../../utils/domain/types';

// ---- builders -------------------------------------------------------------------------------

const shift = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DUE = '2026-11-02';
/** D(n): n days after the due date of invoice A. */
const D = (n: number) => shift(DUE, n);
const eur = (major: number): Money => ({ amountMinor: Math.round(major * 100), currency: 'EUR' });

function inv(id: string, over: Partial<PolicyInvoice> = {}): PolicyInvoice {
  return { id, number: `F-${id}`, dueDate: DUE, amountDue: eur(1000), paid: false, lifecycle: 'issued', kind: 'invoice', ...over };
}
const sent = (at: string, levelId: string, invoiceIds: string[] = ['A']): PastReminder => ({ at, levelId, invoiceIds });
function customer(over: Partial<PolicyCustomer> = {}): PolicyCustomer {
  return { id: 'c1', segment: 'standard', invoices: [inv('A')], disputedInvoiceIds: [], reminders: [], ...over };
}
const ladderUpTo = (levelIds: string[], days: number[]) => levelIds.map((id, i) => sent(D(days[i] as number), id));
const FIRST_THREE = ladderUpTo(['first-reminder', 'follow-up-call', 'firm-reminder'], [1, 8, 15]);
const ALL_LEVELS = ladderUpTo(['first-reminder', 'follow-up-call', 'firm-reminder', 'formal-notice', 'final-notice'], [1, 8, 15, 30, 45]);

interface Expected {
  kind: NextAction['kind'];
  dueOn: string;
  channel?: NextAction['channel'];
  tone?: NextAction['tone'];
  situation?: NextAction['situation'];
  levelId?: string;
  reason: string;
  /** invoice id → level id, exactly the invoices the action covers. */
  invoices?: Record<string, string>;
}

// ---- scenarios --------------------------------------------------------------------------------

const scenarios: Array<[string, PolicyCustomer, string, Expected]> = [
  // Before the due date.
  ['D-5, large invoice: courtesy call', customer({ invoices: [inv('A', { amountDue: eur(6000) })] }), D(-5),
    { kind: 'call', channel: 'phone', tone: 'courteous', situation: 'pre-due-courtesy', dueOn: D(-5), levelId: 'pre-due-call', reason: 'pre-due-courtesy', invoices: { A: 'pre-due-call' } }],
  ['D-5, exactly 5,000: courtesy call', customer({ invoices: [inv('A', { amountDue: eur(5000) })] }), D(-5),
    { kind: 'call', situation: 'pre-due-courtesy', dueOn: D(-5), reason: 'pre-due-courtesy' }],
  ['D-7, large invoice: nothing yet, call planned at D-5', customer({ invoices: [inv('A', { amountDue: eur(6000) })] }), D(-7),
    { kind: 'none', channel: 'phone', dueOn: D(-5), reason: 'not-due-yet' }],
  ['D-2, large invoice, call missed: still offered before the due date', customer({ invoices: [inv('A', { amountDue: eur(6000) })] }), D(-2),
    { kind: 'call', situation: 'pre-due-courtesy', dueOn: D(-5), reason: 'pre-due-courtesy' }],
  ['D-5, small invoice: nothing before due, first reminder planned', customer(), D(-5),
    { kind: 'none', channel: 'email', situation: 'first-reminder', dueOn: D(1), reason: 'not-due-yet' }],
  ['D+1, large invoice whose call was skipped: first reminder (courtesy never required)', customer({ invoices: [inv('A', { amountDue: eur(6000) })] }), D(1),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due' }],
  ['D+1 after a D-5 call: the call counts for spacing', customer({ invoices: [inv('A', { amountDue: eur(6000) })], reminders: [sent(D(-5), 'pre-due-call')] }), D(1),
    { kind: 'wait', levelId: 'first-reminder', dueOn: D(2), reason: 'spacing' }],
  // Graduated ladder.
  ['D+1: courteous email', customer(), D(1),
    { kind: 'remind', channel: 'email', tone: 'courteous', situation: 'first-reminder', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due', invoices: { A: 'first-reminder' } }],
  ['D+3, nothing sent: first reminder', customer(), D(3),
    { kind: 'remind', channel: 'email', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due' }],
  ['D+3, first sent at D+1: wait until the D+8 call', customer({ reminders: [sent(D(1), 'first-reminder')] }), D(3),
    { kind: 'wait', channel: 'phone', tone: 'courteous', levelId: 'follow-up-call', dueOn: D(8), reason: 'next-level-scheduled' }],
  ['D+9, first sent: follow-up call', customer({ reminders: [sent(D(1), 'first-reminder')] }), D(9),
    { kind: 'call', channel: 'phone', tone: 'courteous', situation: 'first-reminder', levelId: 'follow-up-call', dueOn: D(8), reason: 'reminder-due' }],
  ['D+20, first and call done: firm email due since D+15', customer({ reminders: ladderUpTo(['first-reminder', 'follow-up-call'], [1, 8]) }), D(20),
    { kind: 'remind', channel: 'email', tone: 'firm', situation: 'firm-reminder', levelId: 'firm-reminder', dueOn: D(15), reason: 'reminder-due' }],
  ['D+20, call made late at D+15: spacing pushes the firm email to D+22', customer({ reminders: ladderUpTo(['first-reminder', 'follow-up-call'], [1, 15]) }), D(20),
    { kind: 'wait', levelId: 'firm-reminder', dueOn: D(22), reason: 'spacing' }],
  ['D+35, prior levels done: formal notice by registered letter', customer({ reminders: FIRST_THREE }), D(35),
    { kind: 'remind', channel: 'registered-letter', tone: 'formal-notice', situation: 'formal-notice', levelId: 'formal-notice', dueOn: D(30), reason: 'reminder-due' }],
  ['D+40, nothing ever sent: first reminder, no skipping', customer(), D(40),
    { kind: 'remind', channel: 'email', tone: 'courteous', situation: 'first-reminder', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due' }],
  ['D+43, first sent late at D+40: levels pile up, call at D+47', customer({ reminders: [sent(D(40), 'first-reminder')] }), D(43),
    { kind: 'wait', levelId: 'follow-up-call', dueOn: D(47), reason: 'spacing' }],
  ['a higher level marks lower ones done', customer({ reminders: [sent(D(16), 'firm-reminder')] }), D(31),
    { kind: 'remind', levelId: 'formal-notice', dueOn: D(30), reason: 'reminder-due' }],
  ['a reminder naming no invoice counts for spacing only', customer({ reminders: [sent(D(3), 'firm-reminder', [])] }), D(5),
    { kind: 'wait', levelId: 'first-reminder', dueOn: D(10), reason: 'spacing' }],
  ['D+50, formal notice done: final notice', customer({ reminders: ladderUpTo(['first-reminder', 'follow-up-call', 'firm-reminder', 'formal-notice'], [1, 8, 15, 30]) }), D(50),
    { kind: 'remind', channel: 'registered-letter', tone: 'final-notice', situation: 'final-notice', levelId: 'final-notice', dueOn: D(45), reason: 'reminder-due' }],
  // Grouping.
  ['two invoices at different levels: one firm message', customer({
    invoices: [inv('A', { dueDate: '2026-10-01' }), inv('B', { dueDate: '2026-10-15' })],
    reminders: [sent('2026-10-02', 'first-reminder'), sent('2026-10-09', 'follow-up-call')],
  }), '2026-10-21',
    { kind: 'remind', channel: 'email', tone: 'firm', situation: 'firm-reminder', levelId: 'firm-reminder', dueOn: '2026-10-16', reason: 'reminder-due', invoices: { A: 'firm-reminder', B: 'first-reminder' } }],
  ['an invoice not yet overdue stays out of an overdue message', customer({
    invoices: [inv('A'), inv('B', { dueDate: D(20) })],
  }), D(3),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due', invoices: { A: 'first-reminder' } }],
  // Pauses.
  ['dispute pauses only that invoice', customer({
    invoices: [inv('A'), inv('B', { dueDate: D(-4) })], disputedInvoiceIds: ['B'],
  }), D(3),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due', invoices: { A: 'first-reminder' } }],
  ['every unpaid invoice disputed: nothing', customer({ disputedInvoiceIds: ['A'] }), D(20),
    { kind: 'none', dueOn: D(20), reason: 'all-disputed', invoices: {} }],
  ['pending promise naming none pauses all', customer({
    invoices: [inv('A'), inv('B')], pendingPromise: { date: '2026-11-25', graceUntil: '2026-11-30', invoiceIds: [] },
  }), D(20),
    { kind: 'none', dueOn: '2026-12-01', reason: 'promise-pending', invoices: {} }],
  ['pending promise on one invoice: the other continues', customer({
    invoices: [inv('A'), inv('B')], pendingPromise: { date: '2026-11-25', graceUntil: '2026-11-30', invoiceIds: ['B'] },
  }), D(3),
    { kind: 'remind', dueOn: D(1), reason: 'reminder-due', invoices: { A: 'first-reminder' } }],
  ['promise past its grace no longer pauses', customer({ pendingPromise: { date: D(2), graceUntil: D(5), invoiceIds: [] } }), D(6),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due' }],
  // Events.
  ['broken promise: firm broken-promise message at once, despite spacing', customer({
    reminders: [sent(D(1), 'first-reminder'), sent(D(18), 'follow-up-call')],
    brokenPromise: { date: D(17), eventId: 'e1', invoiceIds: [], brokenOn: D(20) },
  }), D(21),
    { kind: 'remind', channel: 'email', tone: 'firm', situation: 'broken-promise', levelId: 'broken-promise', dueOn: D(20), reason: 'broken-promise', invoices: { A: 'broken-promise' } }],
  ['broken promise handled once, then the ladder resumes with spacing', customer({
    reminders: [sent(D(1), 'first-reminder'), sent(D(18), 'follow-up-call'), sent(D(21), 'broken-promise')],
    brokenPromise: { date: D(17), eventId: 'e1', invoiceIds: [], brokenOn: D(20) },
  }), D(22),
    { kind: 'wait', levelId: 'firm-reminder', dueOn: D(28), reason: 'spacing' }],
  ['late installment: missed-installment message', customer({
    plan: { invoiceIds: ['A'], installments: [
      { dueDate: D(10), amount: eur(500), state: 'late' },
      { dueDate: D(40), amount: eur(500), state: 'upcoming' },
    ] },
  }), D(14),
    { kind: 'remind', channel: 'email', tone: 'firm', situation: 'missed-installment', levelId: 'missed-installment', dueOn: D(11), reason: 'missed-installment', invoices: { A: 'missed-installment' } }],
  ['on-track plan pauses its invoices', customer({
    plan: { invoiceIds: [], installments: [
      { dueDate: D(10), amount: eur(500), state: 'paid' },
      { dueDate: D(40), amount: eur(500), state: 'upcoming' },
    ] },
  }), D(20),
    { kind: 'none', dueOn: D(40), reason: 'plan-on-track', invoices: {} }],
  ['late installment already reminded: the plan no longer protects, ladder resumes', customer({
    reminders: [sent(D(12), 'missed-installment')],
    plan: { invoiceIds: [], installments: [{ dueDate: D(10), amount: eur(500), state: 'late' }] },
  }), D(20),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(19), reason: 'reminder-due' }],
  // Segments.
  ['key account: first reminder only at D+2', customer({ segment: 'key-account' }), D(1),
    { kind: 'wait', levelId: 'first-reminder', dueOn: D(2), reason: 'next-level-scheduled' }],
  ['standard: follow-up call at D+9 (spacing after D+2)', customer({ reminders: [sent(D(2), 'first-reminder')] }), D(10),
    { kind: 'call', levelId: 'follow-up-call', dueOn: D(9), reason: 'reminder-due' }],
  ['key account: same history, call waits for 14-day spacing', customer({ segment: 'key-account', reminders: [sent(D(2), 'first-reminder')] }), D(10),
    { kind: 'wait', levelId: 'follow-up-call', dueOn: D(16), reason: 'spacing' }],
  ['key account: firm level uses the courteous tone', customer({ segment: 'key-account', reminders: ladderUpTo(['first-reminder', 'follow-up-call'], [2, 16]) }), D(30),
    { kind: 'remind', channel: 'email', tone: 'courteous', situation: 'firm-reminder', levelId: 'firm-reminder', dueOn: D(30), reason: 'reminder-due' }],
  ['key account: formal notice keeps its formal tone', customer({ segment: 'key-account', reminders: ladderUpTo(['first-reminder', 'follow-up-call', 'firm-reminder'], [2, 16, 30]) }), D(45),
    { kind: 'remind', channel: 'registered-letter', tone: 'formal-notice', situation: 'formal-notice', dueOn: D(45), reason: 'reminder-due' }],
  ['key account: broken promise softened to courteous', customer({ segment: 'key-account', brokenPromise: { date: D(10), eventId: 'e', invoiceIds: ['A'], brokenOn: D(13) } }), D(13),
    { kind: 'remind', tone: 'courteous', situation: 'broken-promise', dueOn: D(13), reason: 'broken-promise' }],
  ['standard at D+22 after three levels: formal notice not before D+30', customer({ reminders: FIRST_THREE }), D(22),
    { kind: 'wait', levelId: 'formal-notice', dueOn: D(30), reason: 'next-level-scheduled' }],
  ['chronic late payer at D+22: formal notice already (21 days)', customer({ segment: 'chronic-late', reminders: FIRST_THREE }), D(22),
    { kind: 'remind', channel: 'registered-letter', levelId: 'formal-notice', dueOn: D(22), reason: 'reminder-due' }],
  ['key account: the pre-due courtesy call stays at D-5 (only post-due delays are slowed)', customer({ segment: 'key-account', invoices: [inv('A', { amountDue: eur(6000) })] }), D(-5),
    { kind: 'call', situation: 'pre-due-courtesy', dueOn: D(-5), reason: 'pre-due-courtesy' }],
  // Chronic late payer: 45 × 0.7 = 31.5 → D+32; formal notice (D+21) sent, 7 days' spacing already past.
  ['chronic late payer: final notice at D+32', customer({
    segment: 'chronic-late', reminders: ladderUpTo(['first-reminder', 'follow-up-call', 'firm-reminder', 'formal-notice'], [1, 6, 11, 21]),
  }), D(32),
    { kind: 'remind', channel: 'registered-letter', tone: 'final-notice', levelId: 'final-notice', dueOn: D(32), reason: 'reminder-due' }],
  ['a second late installment gets its own message, the first one already reminded', customer({
    reminders: [sent(D(12), 'missed-installment')],
    plan: { invoiceIds: [], installments: [
      { dueDate: D(10), amount: eur(300), state: 'late' },
      { dueDate: D(25), amount: eur(300), state: 'late' },
      { dueDate: D(40), amount: eur(400), state: 'upcoming' },
    ] },
  }), D(27),
    { kind: 'remind', situation: 'missed-installment', levelId: 'missed-installment', dueOn: D(26), reason: 'missed-installment' }],
  ['one invoice disputed, the other under a promise: nothing to do until the promise’s grace ends', customer({
    invoices: [inv('A'), inv('B')], disputedInvoiceIds: ['A'], pendingPromise: { date: D(25), graceUntil: D(28), invoiceIds: ['B'] },
  }), D(20),
    { kind: 'none', dueOn: D(29), reason: 'promise-pending', invoices: {} }],
  ['excluded customer: nothing', customer({ segment: 'excluded' }), D(40),
    { kind: 'none', dueOn: D(40), reason: 'excluded', invoices: {} }],
  ['nothing owed: paid, draft, cancelled and credit note', customer({
    invoices: [inv('A', { paid: true }), inv('B', { lifecycle: 'draft' }), inv('C', { lifecycle: 'cancelled' }), inv('D', { kind: 'credit-note' }), inv('E', { amountDue: eur(0) })],
  }), D(40),
    { kind: 'none', dueOn: D(40), reason: 'nothing-owed', invoices: {} }],
  // Credit notes reduce what is owed (earliest due invoice first, same currency).
  ['a credit note covering the only overdue invoice: nothing owed', customer({
    invoices: [inv('A'), inv('CN', { kind: 'credit-note', dueDate: D(5), amountDue: eur(-1000) })],
  }), D(10),
    { kind: 'none', dueOn: D(10), reason: 'nothing-owed', invoices: {} }],
  ['a credit note covers the older invoice: only the other one is reminded', customer({
    invoices: [inv('B', { dueDate: D(2) }), inv('A'), inv('CN', { kind: 'credit-note', amountDue: eur(1000) })],
  }), D(3),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(3), reason: 'reminder-due', invoices: { B: 'first-reminder' } }],
  ['6,000 € less a 2,000 € credit note: 4,000 € owed, no courtesy call before the due date', customer({
    invoices: [inv('A', { amountDue: eur(6000) }), inv('CN', { kind: 'credit-note', dueDate: D(-20), amountDue: eur(2000) })],
  }), D(-5),
    { kind: 'none', levelId: 'first-reminder', dueOn: D(1), reason: 'not-due-yet' }],
  ['a credit note in another currency, a draft or a used-up one changes nothing', customer({
    invoices: [
      inv('A'),
      inv('USD', { kind: 'credit-note', amountDue: { amountMinor: -100_000, currency: 'USD' } }),
      inv('DRAFT', { kind: 'credit-note', lifecycle: 'draft', amountDue: eur(1000) }),
      inv('USED', { kind: 'credit-note', paid: true, amountDue: eur(1000) }),
    ],
  }), D(3),
    { kind: 'remind', levelId: 'first-reminder', dueOn: D(1), reason: 'reminder-due', invoices: { A: 'first-reminder' } }],
  ['after the final notice, 2,000 € less a 1,000 € credit note is under the threshold: last call, no escalation', customer({
    invoices: [inv('A', { amountDue: eur(2000) }), inv('CN', { kind: 'credit-note', dueDate: D(50), amountDue: eur(1000) })], reminders: ALL_LEVELS,
  }), D(53),
    { kind: 'call', levelId: 'last-call', dueOn: D(53), reason: 'last-call', invoices: { A: 'final-notice' } }],
  // After the final notice.
  ['final notice sent 5 days ago: wait for its 8-day deadline', customer({ invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS }), D(50),
    { kind: 'wait', dueOn: D(53), levelId: 'final-notice', reason: 'final-notice-deadline', invoices: { A: 'final-notice' } }],
  ['final notice + 8 days, 2,000 €: escalate', customer({ invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS }), D(53),
    { kind: 'escalate', dueOn: D(53), levelId: 'final-notice', reason: 'escalate', invoices: { A: 'final-notice' } }],
  ['final notice + 8 days, 1,000 €: one last call', customer({ reminders: ALL_LEVELS }), D(53),
    { kind: 'call', channel: 'phone', levelId: 'last-call', dueOn: D(53), reason: 'last-call', invoices: { A: 'final-notice' } }],
  ['last call made: suggest writing off', customer({ reminders: [...ALL_LEVELS, sent(D(54), 'last-call')] }), D(60),
    { kind: 'none', reason: 'write-off-suggested', dueOn: D(60), invoices: { A: 'final-notice' } }],
  ['exhausted invoice under a pending promise is not escalated', customer({
    invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS, pendingPromise: { date: D(60), graceUntil: D(65), invoiceIds: [] },
  }), D(55),
    { kind: 'none', reason: 'promise-pending', dueOn: D(66) }],
];

describe('nextBestAction', () => {
  it.each(scenarios)('%s', (_name, input, today, expected) => {
    const action = nextBestAction(input, today);
    const { invoices, reason, ...fields } = expected;
    expect(action).toMatchObject(fields);
    expect(action.reason.code).toBe(reason);
    expect(action.asOf).toBe(today);
    if (invoices) {
      expect(Object.fromEntries(action.invoices.map((invoice) => [invoice.id, invoice.levelId]))).toEqual(invoices);
    }
    // Serializable: survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(action))).toEqual(action);
  });

  it('states what remains owed once a credit note is deducted', () => {
    const action = nextBestAction(
      customer({ invoices: [inv('A', { amountDue: eur(1200) }), inv('CN', { kind: 'credit-note', amountDue: eur(-200) })] }),
      D(3),
    );
    expect(action.invoices.map((invoice) => [invoice.id, invoice.amountDue])).toEqual([['A', eur(1000)]]);
    expect(explainAction(action, 'en')).toMatch(/1 invoice 3 days overdue \(€1,000\.00\)/);
  });

  it('lists each invoice with its days overdue and amount', () => {
    const action = nextBestAction(
      customer({
        invoices: [inv('A', { dueDate: '2026-10-01', amountDue: eur(1200.5) }), inv('B', { dueDate: '2026-10-15' })],
        reminders: [sent('2026-10-02', 'first-reminder'), sent('2026-10-09', 'follow-up-call')],
      }),
      '2026-10-21',
    );
    expect(action.invoices).toEqual([
      { id: 'A', number: 'F-A', dueDate: '2026-10-01', levelId: 'firm-reminder', daysOverdue: 20, amountDue: eur(1200.5) },
      { id: 'B', number: 'F-B', dueDate: '2026-10-15', levelId: 'first-reminder', daysOverdue: 6, amountDue: eur(1000) },
    ]);
  });

  it('follows an edited policy (spacing of 3 days)', () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.minDaysBetweenReminders = 3;
    const input = customer({ reminders: ladderUpTo(['first-reminder', 'follow-up-call'], [1, 15]) });
    expect(nextBestAction(input, D(20), policy)).toMatchObject({ kind: 'remind', dueOn: D(18), levelId: 'firm-reminder' });
  });

  it.each<[string, PolicyCustomer, string, RegExp]>([
    ['a malformed due date', customer({ invoices: [inv('A', { dueDate: '02/11/2026' })] }), D(1), /invoices\[0\]\.dueDate: expected a YYYY-MM-DD date/],
    ['an impossible date', customer({ invoices: [inv('A', { dueDate: '2026-02-30' })] }), D(1), /invoices\[0\]\.dueDate: 2026-02-30 is not a real calendar date/],
    ['a fractional amount', customer({ invoices: [inv('A', { amountDue: { amountMinor: 10.5, currency: 'EUR' } })] }), D(1), /amountDue\.amountMinor: expected an integer/],
    ['a reminder in the future', customer({ reminders: [sent(D(5), 'first-reminder')] }), D(1), /reminders\[0\]\.at: .* is after today/],
    ['grace before the promise date', customer({ pendingPromise: { date: D(5), graceUntil: D(2), invoiceIds: [] } }), D(1), /pendingPromise\.graceUntil .* is before its date/],
    ['an unknown segment', customer({ segment: 'vip' as never }), D(1), /segment must be one of/],
    ['a malformed today', customer(), '2026-13-01', /today: 2026-13-01 is not a real calendar date/],
  ])('rejects %s with a clear error', (_name, input, today, message) => {
    expect(() => nextBestAction(input, today)).toThrow(message);
  });

  it('rejects an invalid policy naming the field', () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.escalationMinAmount = -1;
    expect(() => nextBestAction(customer(), D(1), policy)).toThrow(/escalationMinAmount/);
  });
});

describe('escalationAssessment', () => {
  const exhausted = (amount: number) => customer({ invoices: [inv('A', { amountDue: eur(amount) })], reminders: ALL_LEVELS });

  it.each<[string, PolicyCustomer, string, boolean, string[], RegExp, RegExp]>([
    ['final notice + 8 days above threshold', exhausted(2000), D(53), true,
      ['amicable-steps-exhausted', 'amount-above-threshold'], /final notice \(sent on 17 Dec 2026, 8 days ago\)/, /2\s000,00\s€/],
    ['final notice + 7 days: deadline still running', exhausted(2000), D(52), false,
      ['final-notice-deadline-running'], /until 25 Dec 2026/, /jusqu’au 25 déc\. 2026/],
    ['below threshold: write off or last call, no legal route', exhausted(1000), D(60), false,
      ['amicable-steps-exhausted', 'amount-below-threshold'], /below the escalation threshold of €1,500\.00: consider writing it off or a last call/, /passer la créance en perte ou un dernier appel/],
    ['ladder not finished', customer({ reminders: FIRST_THREE }), D(40), false,
      ['amicable-steps-remaining'], /not had the final notice yet/, /pas encore reçu le dernier avis/],
    ['pending promise', customer({ invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS, pendingPromise: { date: D(60), graceUntil: D(62), invoiceIds: [] } }), D(55), false,
      ['promise-pending'], /Promise to pay pending until 3 Jan 2027/, /Promesse de paiement en cours jusqu’au 3 janv\. 2027/],
    ['disputed invoice left out', customer({ invoices: [inv('A', { amountDue: eur(2000) }), inv('B', { amountDue: eur(9000) })], disputedInvoiceIds: ['B'], reminders: ALL_LEVELS }), D(53), true,
      ['amicable-steps-exhausted', 'amount-above-threshold', 'disputed-left-out'], /1 disputed invoice is left out/, /1 facture contestée est écartée/],
    ['currencies are not added together', customer({
      invoices: [inv('A', { amountDue: eur(1000) }), inv('B', { amountDue: { amountMinor: 100_000, currency: 'USD' } })],
      reminders: ALL_LEVELS.map((r) => ({ ...r, invoiceIds: ['A', 'B'] })),
    }), D(53), false, ['amicable-steps-exhausted', 'amount-below-threshold'], /€1,000\.00 \+ US\$1,000\.00/, /1\s000,00\s€ \+ 1\s000,00\s\$US/],
    ['excluded', customer({ segment: 'excluded', reminders: ALL_LEVELS }), D(60), false, ['excluded'], /excluded/, /exclu/],
    ['nothing owed', customer({ invoices: [inv('A', { paid: true })] }), D(60), false, ['nothing-owed'], /No unpaid invoice/, /Aucune facture impayée/],
  ])('%s', (_name, input, today, escalate, codes, en, fr) => {
    const result = escalationAssessment(input, today);
    expect(result.escalate).toBe(escalate);
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(result.reasons.map((reason) => reason.text.en).join(' ')).toMatch(en);
    expect(result.reasons.map((reason) => reason.text.fr).join(' ')).toMatch(fr);
  });

  it('uses the configured deadline and threshold', () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.escalationDelayDays = 3;
    policy.escalationMinAmount = 500;
    expect(escalationAssessment(exhausted(1000), D(48), policy).escalate).toBe(true);
    expect(escalationAssessment(exhausted(1000), D(47), policy).escalate).toBe(false);
  });
});

describe('todoToday', () => {
  const TODAY = '2026-12-01';
  const c = (id: string, over: Partial<PolicyCustomer>): PolicyCustomer => customer({ id, ...over });
  const customers: PolicyCustomer[] = [
    // 1,000 € × 10 days, always pays late (weight 2) = 20,000.
    c('c-weighted', { invoices: [inv('A', { dueDate: '2026-11-21' })], paymentHistoryScore: 1 }),
    // Pre-due courtesy call today: nothing overdue, priority 0.
    c('c-courtesy', { invoices: [inv('A', { dueDate: '2026-12-06', amountDue: eur(6000) })] }),
    // 1,000 € × 20 days = 20,000: same priority and amount as c-weighted, so the id decides.
    c('c-firm', {
      invoices: [inv('A', { dueDate: '2026-11-11' })],
      reminders: [sent('2026-11-12', 'first-reminder'), sent('2026-11-19', 'follow-up-call')],
    }),
    // 400 € × 25 days = 10,000.
    c('c-small', { invoices: [inv('A', { dueDate: '2026-11-06', amountDue: eur(400) })] }),
    // 500 € × 20 days = 10,000: ties with c-small, larger amount first.
    c('c-mid', { invoices: [inv('A', { dueDate: '2026-11-11', amountDue: eur(500) })] }),
    // 3,000 € × 62 days = 186,000: escalation.
    c('c-escalate', { invoices: [inv('A', { dueDate: '2026-09-30', amountDue: eur(3000) })], reminders: [
      sent('2026-10-01', 'first-reminder'), sent('2026-10-08', 'follow-up-call'), sent('2026-10-15', 'firm-reminder'),
      sent('2026-10-30', 'formal-notice'), sent('2026-11-14', 'final-notice'),
    ] }),
    // Not today: waiting, excluded, nothing owed.
    c('c-wait', { invoices: [inv('A', { dueDate: '2026-11-27' })], reminders: [sent('2026-11-28', 'first-reminder')] }),
    c('c-excluded', { segment: 'excluded', invoices: [inv('A', { dueDate: '2026-10-01' })] }),
    c('c-paid', { invoices: [inv('A', { dueDate: '2026-10-01', paid: true })] }),
  ];

  it('keeps actions due today or earlier, by weighted priority then amount', () => {
    const todo = todoToday(customers, TODAY);
    expect(todo.map((item) => [item.customerId, item.action.kind, item.priority])).toEqual([
      ['c-escalate', 'escalate', 186_000],
      ['c-firm', 'remind', 20_000],
      ['c-weighted', 'remind', 20_000],
      ['c-mid', 'remind', 10_000],
      ['c-small', 'remind', 10_000],
      ['c-courtesy', 'call', 0],
    ]);
  });

  it('ranks on what is owed after credit notes', () => {
    const todo = todoToday(
      [
        c('gross', { invoices: [inv('A', { dueDate: '2026-11-21', amountDue: eur(1000) })] }),
        c('credited', {
          invoices: [inv('A', { dueDate: '2026-11-11', amountDue: eur(1000) }), inv('CN', { kind: 'credit-note', dueDate: '2026-11-20', amountDue: eur(900) })],
        }),
      ],
      TODAY,
    );
    // 1,000 € × 10 days = 10,000 vs (1,000 − 900) € × 20 days = 2,000.
    expect(todo.map((item) => [item.customerId, item.priority])).toEqual([['gross', 10_000], ['credited', 2_000]]);
  });

  it('weighs by payment history: the same debt without late history ranks lower', () => {
    const todo = todoToday(customers.map((item) => (item.id === 'c-weighted' ? { ...item, paymentHistoryScore: 0 } : item)), TODAY);
    expect(todo.find((item) => item.customerId === 'c-weighted')?.priority).toBe(10_000);
  });

  it('ties on priority go to the larger amount', () => {
    const todo = todoToday(
      [
        c('small-first', { invoices: [inv('A', { dueDate: '2026-11-21', amountDue: eur(100) }), inv('B', { dueDate: '2026-11-30', amountDue: eur(100) })] }),
        c('big', { invoices: [inv('A', { dueDate: '2026-11-30', amountDue: eur(1100) })] }),
      ],
      TODAY,
    );
    // 100×10 + 100×1 = 1,100 vs 1,100×1 = 1,100: the 1,100 € customer first.
    expect(todo.map((item) => [item.customerId, item.priority])).toEqual([['big', 1100], ['small-first', 1100]]);
  });

  it('rejects a payment history score outside 0..1', () => {
    expect(() => todoToday([c('bad', { paymentHistoryScore: 1.5 })], TODAY)).toThrow(/customer bad: paymentHistoryScore must be a number from 0 to 1/);
  });
});

describe('explainAction', () => {
  const explain = (input: PolicyCustomer, today: string) => {
    const action = nextBestAction(input, today);
    return { en: explainAction(action, 'en'), fr: explainAction(action, 'fr') };
  };

  it('writes the issue example, word for word', () => {
    const today = '2026-12-01';
    const sentences = explain(
      customer({
        invoices: [inv('A', { dueDate: shift(today, -22), amountDue: eur(1400) }), inv('B', { dueDate: shift(today, -15), amountDue: eur(2000) })],
        reminders: [sent(shift(today, -21), 'first-reminder'), sent(shift(today, -8), 'follow-up-call')],
      }),
      today,
    );
    expect(sentences.fr).toBe('Relance ferme par e-mail aujourd’hui : 2 factures en retard de 15 à 22 jours (3\u202f400,00\u00a0€), dernier rappel il y a 8 jours.');
    expect(sentences.en).toBe('Firm reminder by email today: 2 invoices 15 to 22 days overdue (€3,400.00), last reminder 8 days ago.');
    const promise = explain(customer({ pendingPromise: { date: '2026-11-25', graceUntil: '2026-11-30', invoiceIds: [] } }), D(20));
    expect(promise.en).toBe('Nothing to do: promise to pay pending until 30 Nov 2026 (payment promised by 25 Nov 2026).');
    expect(promise.fr).toBe('Rien à faire : promesse de paiement en cours jusqu’au 30 nov. 2026 (paiement promis pour le 25 nov. 2026).');
  });

  it.each<[string, PolicyCustomer, string, RegExp[], RegExp[]]>([
    ['nothing owed', customer({ invoices: [] }), D(5), [/^Nothing to do: no unpaid invoice\.$/], [/^Rien à faire : aucune facture impayée\.$/]],
    ['excluded', customer({ segment: 'excluded' }), D(5), [/excluded from reminders/], [/exclu des relances/]],
    ['all disputed', customer({ invoices: [inv('A'), inv('B')], disputedInvoiceIds: ['A', 'B'] }), D(5),
      [/all 2 unpaid invoices are disputed/, /dispute is resolved/], [/les 2 factures impayées sont contestées/, /litige résolu/]],
    ['plan on track', customer({ plan: { invoiceIds: [], installments: [{ dueDate: '2026-12-15', amount: eur(500), state: 'upcoming' }] } }), D(5),
      [/payment plan on track, next installment due on 15 Dec 2026/], [/échéancier respecté, prochaine échéance le 15 déc\. 2026/]],
    ['not due yet', customer(), D(-3), [/1 invoice not yet due/, /3 Nov 2026/, /courteous reminder by email/], [/1 facture pas encore échue/, /3 nov\. 2026/, /relance courtoise par e-mail/]],
    ['spacing', customer({ reminders: ladderUpTo(['first-reminder', 'follow-up-call'], [1, 15]) }), D(17),
      [/^Wait until 24 Nov 2026: last reminder 2 days ago, reminders are at least 7 days apart; then firm reminder by email for 1 invoice\.$/],
      [/^Attendre le 24 nov\. 2026 : dernier rappel il y a 2 jours, au moins 7 jours entre deux rappels ; ensuite relance ferme par e-mail pour 1 facture\.$/]],
    ['next level scheduled', customer({ reminders: [sent(D(1), 'first-reminder')] }), D(3),
      [/Wait until 10 Nov 2026/, /courteous call for 1 invoice/, /8 days after the due date/, /last reminder 2 days ago/],
      [/Attendre le 10 nov\. 2026/, /appel de relance courtois pour 1 facture/, /8 jours après l’échéance/, /dernier rappel il y a 2 jours/]],
    ['pre-due courtesy call', customer({ invoices: [inv('A', { amountDue: eur(6000) })] }), D(-5),
      [/^Courtesy call before the due date today: 1 invoice \(€6,000\.00\) due on 2 Nov 2026\.$/], [/^Appel de courtoisie avant l’échéance aujourd’hui : 1 facture \(6\s000,00\s€\) à échéance le 2 nov\. 2026\.$/]],
    ['first reminder, none sent before', customer(), D(1), [/^Courteous reminder by email today: 1 invoice 1 day overdue \(€1,000\.00\), no reminder sent yet\.$/],
      [/^Relance courtoise par e-mail aujourd’hui : 1 facture en retard de 1 jour \(1\s000,00\s€\), aucun rappel envoyé jusqu’ici\.$/]],
    ['formal notice', customer({ reminders: FIRST_THREE }), D(35), [/^Formal notice by registered letter today: 1 invoice 35 days overdue/, /last reminder 20 days ago/],
      [/^Mise en demeure par lettre recommandée aujourd’hui : 1 facture en retard de 35 jours/, /il y a 20 jours/]],
    ['broken promise', customer({ brokenPromise: { date: D(17), eventId: 'e', invoiceIds: [], brokenOn: D(20) } }), D(21),
      [/^Broken-promise reminder by email today/, /promise to pay by 19 Nov 2026 was broken \(noticed on 22 Nov 2026\)/, /1 invoice 21 days overdue/],
      [/^Relance pour promesse non tenue par e-mail aujourd’hui/, /promesse de payer le 19 nov\. 2026 n’a pas été tenue \(constaté le 22 nov\. 2026\)/, /en retard de 21 jours/]],
    ['missed installment', customer({ plan: { invoiceIds: [], installments: [{ dueDate: D(10), amount: eur(500), state: 'late' }] } }), D(14),
      [/^Missed-installment reminder by email today: the installment of €500\.00 due on 12 Nov 2026 is unpaid, 4 days late\.$/],
      [/^Relance pour échéance de paiement manquée par e-mail aujourd’hui : l’échéance de 500,00\s€ du 12 nov\. 2026 est impayée, en retard de 4 jours\.$/]],
    ['final-notice deadline', customer({ invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS }), D(50),
      [/^Wait until 25 Dec 2026: the final notice sent on 17 Dec 2026 gives the customer 8 days to pay \(€2,000\.00\)\.$/],
      [/^Attendre le 25 déc\. 2026 : le dernier avis envoyé le 17 déc\. 2026 laisse 8 jours au client pour payer \(2\s000,00\s€\)\.$/]],
    ['escalation', customer({ invoices: [inv('A', { amountDue: eur(2000) })], reminders: ALL_LEVELS }), D(55),
      [/^Escalate: amicable steps exhausted/, /17 Dec 2026 \(10 days ago\)/, /€2,000\.00 still due on 1 invoice/, /€1,500\.00 threshold/],
      [/^À escalader : démarches amiables épuisées/, /17 déc\. 2026 \(il y a 10 jours\)/, /reste dû 2\s000,00\s€ sur 1 facture/, /seuil de 1\s500,00\s€/]],
    ['last call', customer({ reminders: ALL_LEVELS }), D(55),
      [/^Last call today: amicable steps exhausted since 25 Dec 2026, but €1,000\.00 is below the escalation threshold \(€1,500\.00\); consider a last call or writing it off\.$/],
      [/^Dernier appel aujourd’hui : démarches amiables épuisées depuis le 25 déc\. 2026/, /sous le seuil d’escalade \(1\s500,00\s€\)/]],
    ['write-off', customer({ reminders: [...ALL_LEVELS, sent(D(54), 'last-call')] }), D(60),
      [/^Nothing more to do amicably: last call made, €1,000\.00 below the escalation threshold/, /writing it off/],
      [/^Plus rien à faire à l’amiable/, /passer la créance en perte/]],
  ])('%s', (_name, input, today, en, fr) => {
    const sentences = explain(input, today);
    for (const pattern of en) expect(sentences.en).toMatch(pattern);
    for (const pattern of fr) expect(sentences.fr).toMatch(pattern);
  });

  it('fails clearly when the action lacks a fact its reason needs', () => {
    const action: NextAction = { kind: 'none', asOf: D(1), dueOn: D(1), invoices: [], reason: { code: 'all-disputed', params: {} } };
    expect(() => explainAction(action, 'en')).toThrow(/all-disputed needs a numeric param "disputedCount"/);
  });
});
