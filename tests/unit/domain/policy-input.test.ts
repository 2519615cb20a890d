import { describe, expect, it } from 'vitest';
import { deriveCustomerState } from '../../../utils/domain/contact-log';
import { nextBestAction } from '../../../utils/domain/next-action';
import { paymentHistoryScore, toPolicyCustomer } from '../../../utils/domain/policy-input';
import type { ContactEvent, ContactOutcome, Invoice } from '../../../utils/domain/schemas';

const SITE = 'https://acme.odoo.com';
const CUSTOMER = `${SITE}|dupont sarl`;
const TODAY = '2026-11-23';
const shift = (days: number, from = TODAY): string =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const eur = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'EUR' });

function invoice(number: string, over: Partial<Invoice> = {}): Invoice {
  return {
    id: `${SITE}|${number}`,
    site: SITE,
    number,
    customerId: CUSTOMER,
    customerName: 'Dupont SARL',
    issueDate: shift(-60),
    dueDate: shift(-30),
    total: eur(1000),
    amountDue: eur(1000),
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    firstSeenAt: `${shift(-60)}T08:00:00.000Z`,
    lastSeenAt: `${TODAY}T08:00:00.000Z`,
    ...over,
  };
}

let counter = 0;
function event(daysAgo: number, outcome: ContactOutcome, over: Partial<ContactEvent> = {}): ContactEvent {
  counter += 1;
  const at = `${shift(-daysAgo)}T10:00:00.000Z`;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    kind: 'contact',
    customerId: CUSTOMER,
    invoiceIds: [],
    at,
    recordedAt: at,
    author: 'Claire',
    channel: 'email',
    direction: 'outgoing',
    outcome,
    notes: '',
    ...over,
  } as ContactEvent;
}

const reminder = (daysAgo: number, level: string, tone: 'courteous' | 'firm', invoiceIds: string[]) =>
  event(daysAgo, { type: 'note' }, { reminder: { level, tone }, invoiceIds, channel: level === 'follow-up-call' ? 'phone' : 'email' });

function build(invoices: Invoice[], events: ContactEvent[] = [], settings?: { defaultTermDays?: number }) {
  const logState = deriveCustomerState({ events, invoices, today: TODAY });
  return toPolicyCustomer({ customer: { id: CUSTOMER, segment: 'standard' }, invoices, logState, today: TODAY, settings });
}

describe('toPolicyCustomer: invoices', () => {
  it.each([
    ['an unpaid overdue invoice stays open', invoice('F-1'), { dueDate: shift(-30), paid: false }],
    ['an invoice with nothing left due counts as paid', invoice('F-1', { amountDue: eur(0) }), { paid: true }],
    ['an invoice the page marks paid counts as paid', invoice('F-1', { paid: true }), { paid: true }],
    ['without a due date, the issue date + 30 days is used', invoice('F-1', { dueDate: undefined, issueDate: shift(-45) }), { dueDate: shift(-15) }],
    ['without a remaining amount, the total is what is owed', invoice('F-1', { amountDue: undefined, total: eur(250) }), { amountDue: eur(250) }],
    ['a credit note is kept as a credit note', invoice('AV-1', { kind: 'credit-note' }), { kind: 'credit-note' }],
  ])('%s', (_name, stored, expected) => {
    const [seen] = build([stored]).invoices;
    expect(seen).toMatchObject({ id: stored.id, number: stored.number, ...expected });
  });

  it('uses the user’s default payment term when only the issue date is known', () => {
    const [seen] = build([invoice('F-1', { dueDate: undefined, issueDate: shift(-45) })], [], { defaultTermDays: 60 }).invoices;
    expect(seen?.dueDate).toBe(shift(15));
  });

  it('keeps a credit note without any date, so it still reduces what is owed', () => {
    const credit = invoice('AV-1', { kind: 'credit-note', dueDate: undefined, issueDate: undefined, amountDue: eur(-1000) });
    const c = build([invoice('F-1'), credit]);
    expect(c.invoices.map((i) => [i.number, i.kind])).toEqual([['F-1', 'invoice'], ['AV-1', 'credit-note']]);
    // The 1,000 € credit note covers the 1,000 € overdue invoice: nothing left to remind.
    expect(nextBestAction(c, TODAY).reason.code).toBe('nothing-owed');
  });

  it.each([
    ['no date at all', invoice('F-1', { dueDate: undefined, issueDate: undefined })],
    ['no amount at all', invoice('F-1', { amountDue: undefined, total: undefined })],
  ])('leaves out an invoice with %s (never reminded without evidence)', (_name, stored) => {
    expect(build([stored]).invoices).toEqual([]);
  });

  it('refuses an invoice of another customer, naming it', () => {
    const other = invoice('F-9', { customerId: `${SITE}|martin` });
    expect(() => build([other])).toThrow(/invoices\[0\]\.customerId: invoice F-9 belongs to https:\/\/acme\.odoo\.com\|martin/);
  });

  it('refuses a malformed today', () => {
    const logState = deriveCustomerState({ events: [], invoices: [], today: TODAY });
    expect(() =>
      toPolicyCustomer({ customer: { id: CUSTOMER, segment: 'standard' }, invoices: [], logState, today: '23/11/2026' }),
    ).toThrow(/today: expected a date as YYYY-MM-DD/);
  });
});

describe('toPolicyCustomer: what the contact log says', () => {
  const f1 = invoice('F-1');
  const f2 = invoice('F-2', { dueDate: shift(-10) });

  it('passes a pending promise with its grace', () => {
    const c = build([f1], [event(2, { type: 'promise-to-pay', date: shift(5), amount: eur(1000) }, { invoiceIds: [f1.id] })]);
    expect(c.pendingPromise).toEqual({ date: shift(5), graceUntil: shift(8), invoiceIds: [f1.id] });
    expect(c.brokenPromise).toBeUndefined();
  });

  it('passes a broken promise, found broken the day after its grace', () => {
    const c = build([f1], [event(20, { type: 'promise-to-pay', date: shift(-10), amount: eur(1000) })]);
    expect(c.brokenPromise).toMatchObject({ date: shift(-10), brokenOn: shift(-6), invoiceIds: [] });
    expect(c.pendingPromise).toBeUndefined();
  });

  it('lists invoices under an open dispute, and not once the dispute is resolved', () => {
    const dispute = event(5, { type: 'dispute', reason: 'Goods damaged', invoiceIds: [f2.id] });
    expect(build([f1, f2], [dispute]).disputedInvoiceIds).toEqual([f2.id]);
    const resolved = event(1, { type: 'dispute-resolved', invoiceIds: [f2.id] });
    expect(build([f1, f2], [dispute, resolved]).disputedInvoiceIds).toEqual([]);
  });

  it('passes the running payment plan with the state of each installment', () => {
    const plan = event(40, {
      type: 'payment-plan',
      installments: [
        { dueDate: shift(-20), amount: eur(500) },
        { dueDate: shift(10), amount: eur(500) },
      ],
      covered: eur(1000),
    }, { invoiceIds: [f1.id] });
    const c = build([f1], [plan]);
    expect(c.plan).toEqual({
      invoiceIds: [f1.id],
      installments: [
        { dueDate: shift(-20), amount: eur(500), state: 'late' },
        { dueDate: shift(10), amount: eur(500), state: 'upcoming' },
      ],
    });
  });

  it('turns reminder entries into past reminders dated as written, leaving out other entries and future ones', () => {
    const events = [
      reminder(29, 'first-reminder', 'courteous', [f1.id]),
      event(25, { type: 'reached' }, { channel: 'phone' }),
      reminder(-1, 'follow-up-call', 'courteous', [f1.id]),
    ];
    const c = build([f1], events);
    expect(c.reminders).toEqual([{ at: shift(-29), levelId: 'first-reminder', invoiceIds: [f1.id] }]);
    expect(c.lastContactOn).toBe(shift(-25));
  });

  it('takes the segment from the customer record', () => {
    const logState = deriveCustomerState({ events: [], invoices: [f1], today: TODAY });
    const c = toPolicyCustomer({ customer: { id: CUSTOMER, segment: 'key-account' }, invoices: [f1], logState, today: TODAY });
    expect(c.segment).toBe('key-account');
  });
});

describe('paymentHistoryScore: share of paid invoices paid late', () => {
  const paid = (n: string, dueIn: number, paidIn: number | undefined) =>
    invoice(n, { dueDate: shift(dueIn), paid: true, amountDue: eur(0), paidAt: paidIn === undefined ? undefined : `${shift(paidIn)}T12:00:00.000Z` });
  it.each([
    ['no paid invoice', [invoice('F-1')], 0],
    ['one paid on time, one paid late', [paid('F-1', -40, -45), paid('F-2', -40, -20)], 0.5],
    ['paid on the due date is on time', [paid('F-1', -40, -40)], 0],
    ['every payment late', [paid('F-1', -40, -10), paid('F-2', -30, -1)], 1],
    ['paid invoices with no known payment date do not count', [paid('F-1', -40, undefined), paid('F-2', -40, -20)], 1],
    ['a paid credit note does not count', [{ ...paid('AV-1', -40, -20), kind: 'credit-note' as const }], 0],
  ])('%s → %s', (_name, invoices, expected) => {
    expect(paymentHistoryScore(invoices)).toBe(expected);
    expect(build(invoices).paymentHistoryScore).toBe(expected);
  });
});

describe('with the policy: what the user is told to do', () => {
  it.each([
    ['an invoice 3 days late, nothing sent', [invoice('F-1', { dueDate: shift(-3) })], [], 'remind', 'courteous', 'first-reminder'],
    [
      'an invoice 20 days late after the first reminder and the call',
      [invoice('F-1', { dueDate: shift(-20) })],
      [reminder(19, 'first-reminder', 'courteous', [`${SITE}|F-1`]), reminder(12, 'follow-up-call', 'courteous', [`${SITE}|F-1`])],
      'remind',
      'firm',
      'firm-reminder',
    ],
    [
      'an invoice 35 days late after the first three levels',
      [invoice('F-1', { dueDate: shift(-35) })],
      [
        reminder(34, 'first-reminder', 'courteous', [`${SITE}|F-1`]),
        reminder(27, 'follow-up-call', 'courteous', [`${SITE}|F-1`]),
        reminder(20, 'firm-reminder', 'firm', [`${SITE}|F-1`]),
      ],
      'remind',
      'formal-notice',
      'formal-notice',
    ],
    [
      'an overdue invoice under a pending promise',
      [invoice('F-1', { dueDate: shift(-10) })],
      [event(1, { type: 'promise-to-pay', date: shift(4), amount: eur(1000) })],
      'none',
      undefined,
      undefined,
    ],
    [
      'a disputed overdue invoice',
      [invoice('F-1', { dueDate: shift(-10) })],
      [event(1, { type: 'dispute', reason: 'Wrong quantity', invoiceIds: [`${SITE}|F-1`] })],
      'none',
      undefined,
      undefined,
    ],
  ] as const)('%s', (_name, invoices, events, kind, tone, situation) => {
    const action = nextBestAction(build([...invoices], [...events]), TODAY);
    expect(action.kind).toBe(kind);
    expect(action.tone).toBe(tone);
    expect(action.situation).toBe(situation);
  });
});
