import { describe, expect, it } from 'vitest';
import {
  currentView,
  deriveCustomerState,
  DigestRangeError,
  digestLog,
  digestToStore,
  historyOf,
  stateFromDigest,
  summarizeForInvoice,
  withBalanceDue,
  type InvoiceForLog,
} from '../../../utils/domain/contact-log';
import { ContactEventSchema, type ContactEvent, type ContactEventInput } from '../../../utils/domain/schemas';

const CUSTOMER = 'https://acme.odoo.com|dupont sarl';
const INV1 = 'https://acme.odoo.com|INV/1';
const INV2 = 'https://acme.odoo.com|INV/2';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

type Outcome = ContactEventInput['outcome'];

/** Entry number `n` that happened on `date` (10:00Z) and was recorded then, unless overridden. */
function entry(n: number, date: string, outcome: Outcome, extra: Partial<Record<string, unknown>> = {}): ContactEvent {
  return ContactEventSchema.parse({
    id: uuid(n),
    customerId: CUSTOMER,
    invoiceIds: [INV1],
    at: `${date}T10:00:00.000Z`,
    recordedAt: `${date}T10:00:00.000Z`,
    author: 'Claire',
    kind: 'contact',
    channel: 'phone',
    direction: 'outgoing',
    outcome,
    ...extra,
  });
}

function correction(n: number, of: number, recordedOn: string, outcome: Outcome, extra: Partial<Record<string, unknown>> = {}) {
  return entry(n, recordedOn, outcome, { kind: 'correction', correctsId: uuid(of), ...extra });
}

function retraction(n: number, of: number, recordedOn: string): ContactEvent {
  return ContactEventSchema.parse({
    id: uuid(n),
    customerId: CUSTOMER,
    at: `${recordedOn}T10:00:00.000Z`,
    recordedAt: `${recordedOn}T10:00:00.000Z`,
    author: 'Claire',
    kind: 'retraction',
    correctsId: uuid(of),
  });
}

const promise = (date: string, amountMinor = 100000): Outcome => ({ type: 'promise-to-pay', date, amount: eur(amountMinor) });

function invoice(id: string, amountDueMinor: number, paid = false): InvoiceForLog {
  return { id, paid, lifecycle: 'issued', kind: 'invoice', amountDue: eur(amountDueMinor), dueDate: '2026-10-31' };
}

const ids = (events: ContactEvent[]) => events.map((e) => e.id);

describe('currentView and historyOf', () => {
  const original = entry(1, '2026-11-02', { type: 'voicemail' });
  const fix = correction(2, 1, '2026-11-03', { type: 'reached' }, { at: '2026-11-02T10:00:00.000Z' });
  const fixOfFix = correction(3, 2, '2026-11-04', { type: 'reached' }, { at: '2026-11-02T10:00:00.000Z', notes: 'spoke to the accountant' });
  const other = entry(4, '2026-11-05', { type: 'no-answer' });

  it.each<[string, ContactEvent[], string[]]>([
    ['a correction replaces the entry it corrects', [original, fix, other], [uuid(4), uuid(2)]],
    ['a correction of a correction replaces both', [original, fix, fixOfFix, other], [uuid(4), uuid(3)]],
    ['input order does not matter', [fixOfFix, other, fix, original], [uuid(4), uuid(3)]],
    ['retracting the original hides the whole chain', [original, fix, fixOfFix, other, retraction(5, 1, '2026-11-06')], [uuid(4)]],
    ['retracting a correction hides the entry too', [original, fix, other, retraction(5, 2, '2026-11-06')], [uuid(4)]],
    ['a retraction of an unknown entry changes nothing', [original, retraction(5, 99, '2026-11-06')], [uuid(1)]],
    ['a correction whose original is missing is shown on its own', [fix], [uuid(2)]],
  ])('%s', (_label, events, expected) => {
    expect(ids(currentView(events))).toEqual(expected);
  });

  it('shows the corrected content', () => {
    expect(currentView([original, fix, fixOfFix])[0]).toMatchObject({ outcome: { type: 'reached' }, notes: 'spoke to the accountant' });
  });

  it('orders newest first by when the contact happened, then when it was recorded', () => {
    const late = entry(10, '2026-11-10', { type: 'reached' });
    const early = entry(11, '2026-11-01', { type: 'reached' }, { recordedAt: '2026-11-20T10:00:00.000Z' });
    const sameTimeRecordedLater = entry(12, '2026-11-10', { type: 'reached' }, { recordedAt: '2026-11-10T11:00:00.000Z' });
    // +01:00 makes this 09:30Z: earlier than 10:00Z although its text sorts after.
    const offset = entry(13, '2026-11-10', { type: 'reached' }, { at: '2026-11-10T10:30:00+01:00' });
    expect(ids(currentView([early, late, offset, sameTimeRecordedLater]))).toEqual([uuid(12), uuid(10), uuid(13), uuid(11)]);
  });

  // Lists handed over in the order their text sorts in, which is not the order of their instants.
  const at = (n: number, instantText: string) => entry(n, '2026-11-10', { type: 'reached' }, { at: instantText });
  it.each<[string, ContactEvent[], string[]]>([
    ['an offset', [at(30, '2026-11-10T10:00:00.000Z'), at(31, '2026-11-10T10:30:00.000+01:00')], [uuid(30), uuid(31)]],
    ['a fraction against none', [at(30, '2026-11-10T10:00:00.5Z'), at(31, '2026-11-10T10:00:00Z')], [uuid(30), uuid(31)]],
    // Finer than a millisecond, both are the same instant: the id decides.
    ['microseconds', [at(31, '2026-11-10T10:00:00.0001Z'), at(30, '2026-11-10T10:00:00.0009Z')], [uuid(31), uuid(30)]],
    ['the same instant written alike, recorded apart', [at(30, '2026-11-10T10:00:00.000Z'), entry(31, '2026-11-10', { type: 'reached' }, { recordedAt: '2026-11-09T10:00:00.000Z' })], [uuid(30), uuid(31)]],
    ['already in order', [at(30, '2026-11-10T09:00:00.000Z'), at(31, '2026-11-10T09:00:01.000Z'), at(32, '2026-11-10T09:00:01.001Z')], [uuid(32), uuid(31), uuid(30)]],
  ])('orders by instant, not by text: %s', (_label, events, expected) => {
    expect(ids(currentView(events))).toEqual(expected);
  });

  it('a correction that moves the contact date moves the entry', () => {
    const moved = correction(20, 4, '2026-11-07', { type: 'no-answer' }, { at: '2026-10-01T10:00:00.000Z' });
    expect(ids(currentView([original, other, moved]))).toEqual([uuid(1), uuid(20)]);
  });

  it.each([uuid(1), uuid(2), uuid(3), uuid(5)])('historyOf(%s) gives the whole chain, oldest first', (id) => {
    const events = [other, retraction(5, 3, '2026-11-06'), fixOfFix, original, fix];
    expect(ids(historyOf(events, id))).toEqual([uuid(1), uuid(2), uuid(3), uuid(5)]);
  });

  it('historyOf an unknown id is empty', () => {
    expect(historyOf([original], uuid(42))).toEqual([]);
  });
});

describe('promises to pay', () => {
  // Promised on 2026-11-20 to pay INV1 by 2026-12-01; grace 3 days → broken from 2026-12-05.
  const promised = entry(1, '2026-11-20', promise('2026-12-01'));

  it.each<[string, string, boolean, number | undefined, string]>([
    ['before the date', '2026-11-30', false, undefined, 'pending'],
    ['on the date', '2026-12-01', false, undefined, 'pending'],
    ['on the last day of grace', '2026-12-04', false, undefined, 'pending'],
    ['the day after the grace', '2026-12-05', false, undefined, 'broken'],
    ['paid, after the grace', '2026-12-05', true, undefined, 'kept'],
    ['paid, before the date', '2026-11-25', true, undefined, 'kept'],
    ['no grace: the day after the date', '2026-12-02', false, 0, 'broken'],
    ['no grace: on the date', '2026-12-01', false, 0, 'pending'],
    ['7 days grace: 6 days after', '2026-12-07', false, 7, 'pending'],
  ])('%s (today %s, paid %s, grace %s) → %s', (_label, today, paid, promiseGraceDays, expected) => {
    const state = deriveCustomerState({
      events: [promised],
      invoices: [invoice(INV1, paid ? 0 : 100000, paid)],
      today,
      ...(promiseGraceDays === undefined ? {} : { promiseGraceDays }),
    });
    expect(state.promises.map((p) => p.state)).toEqual([expected]);
    expect(state.pendingPromise?.eventId).toBe(expected === 'pending' ? uuid(1) : undefined);
    expect(state.brokenPromise?.eventId).toBe(expected === 'broken' ? uuid(1) : undefined);
  });

  it('gives the last day of grace', () => {
    const state = deriveCustomerState({ events: [promised], invoices: [invoice(INV1, 100000)], today: '2026-11-21' });
    expect(state.promises[0]).toMatchObject({ date: '2026-12-01', graceUntil: '2026-12-04', amount: eur(100000), invoiceIds: [INV1] });
  });

  it('a cancelled invoice does not break the promise', () => {
    const cancelled: InvoiceForLog = { ...invoice(INV1, 100000), lifecycle: 'cancelled' };
    const state = deriveCustomerState({ events: [promised], invoices: [cancelled], today: '2026-12-10' });
    expect(state.promises[0]?.state).toBe('kept');
  });

  it('one of two covered invoices unpaid: not kept', () => {
    const both = entry(1, '2026-11-20', promise('2026-12-01'), { invoiceIds: [INV1, INV2] });
    const state = deriveCustomerState({
      events: [both],
      invoices: [invoice(INV1, 0, true), invoice(INV2, 5000)],
      today: '2026-12-10',
    });
    expect(state.promises[0]?.state).toBe('broken');
  });

  it.each<[string, ContactEvent[], string]>([
    ['whole balance, no payment recorded', [], 'broken'],
    ['whole balance, a later "paid" entry', [entry(2, '2026-12-02', { type: 'paid' }, { invoiceIds: [] })], 'kept'],
    ['whole balance, a "paid" entry before the promise', [entry(2, '2026-11-10', { type: 'paid' }, { invoiceIds: [] })], 'broken'],
  ])('a promise on no invoice: %s → %s', (_label, others, expected) => {
    const wholeBalance = entry(1, '2026-11-20', promise('2026-12-01'), { invoiceIds: [] });
    const state = deriveCustomerState({ events: [wholeBalance, ...others], invoices: [invoice(INV1, 100000)], today: '2026-12-10' });
    expect(state.promises.find((p) => p.eventId === uuid(1))?.state).toBe(expected);
  });

  it.each<[string, string, InvoiceForLog[]]>([
    ['every invoice paid', 'kept', [invoice(INV1, 0, true), invoice(INV2, 0, true)]],
    ['one paid, one cancelled', 'kept', [invoice(INV1, 0, true), { ...invoice(INV2, 5000), lifecycle: 'cancelled' }]],
    ['one invoice still unpaid', 'broken', [invoice(INV1, 0, true), invoice(INV2, 5000)]],
    ['an unpaid draft does not count', 'kept', [invoice(INV1, 0, true), { ...invoice(INV2, 5000), lifecycle: 'draft' }]],
    ['an unpaid credit note does not count', 'kept', [invoice(INV1, 0, true), { ...invoice(INV2, -5000), kind: 'credit-note' }]],
    ['an invoice issued after the promise is not covered', 'kept', [invoice(INV1, 0, true), { ...invoice(INV2, 5000), issueDate: '2026-11-25' }]],
    ['an invoice issued the day of the promise is covered', 'broken', [invoice(INV1, 0, true), { ...invoice(INV2, 5000), issueDate: '2026-11-20' }]],
    ['no invoice known', 'broken', []],
  ])('a promise on the whole balance when %s → %s', (_label, expected, invoices) => {
    const wholeBalance = entry(1, '2026-11-20', promise('2026-12-01'), { invoiceIds: [] });
    const state = deriveCustomerState({ events: [wholeBalance], invoices, today: '2026-12-10' });
    expect(state.promises.map((p) => p.state)).toEqual([expected]);
  });

  describe('a promise of part of the balance', () => {
    // On 2026-11-20 the customer owes 1,000.00 on INV1 and 500.00 on INV2, and promises 400.00 by 2026-12-01.
    const partial = (invoiceIds: string[], balanceDue?: number, currency = 'EUR') =>
      entry(1, '2026-11-20', {
        type: 'promise-to-pay',
        date: '2026-12-01',
        amount: eur(40000),
        ...(balanceDue === undefined ? {} : { balanceDue: { amountMinor: balanceDue, currency } }),
      }, { invoiceIds });

    it.each<[string, ContactEvent, InvoiceForLog[], string]>([
      ['400.00 paid on its invoice', partial([INV1], 100000), [invoice(INV1, 60000)], 'kept'],
      ['more than promised paid', partial([INV1], 100000), [invoice(INV1, 10000)], 'kept'],
      ['399.99 paid', partial([INV1], 100000), [invoice(INV1, 60001)], 'broken'],
      ['nothing paid', partial([INV1], 100000), [invoice(INV1, 100000)], 'broken'],
      ['paid across its two invoices', partial([INV1, INV2], 150000), [invoice(INV1, 80000), invoice(INV2, 30000)], 'kept'],
      ['on the whole balance, paid on any invoice', partial([], 150000), [invoice(INV1, 100000), invoice(INV2, 10000)], 'kept'],
      ['an invoice amount unknown now', partial([INV1], 100000), [{ id: INV1, paid: false, lifecycle: 'issued', kind: 'invoice' }], 'broken'],
      ['the balance recorded in another currency', partial([INV1], 100000, 'USD'), [invoice(INV1, 60000)], 'broken'],
      ['no balance recorded (an older entry): only a full payment keeps it', partial([INV1]), [invoice(INV1, 60000)], 'broken'],
      ['no balance recorded, invoice paid', partial([INV1]), [invoice(INV1, 0, true)], 'kept'],
    ])('%s → %s', (_label, promised, invoices, expected) => {
      const state = deriveCustomerState({ events: [promised], invoices, today: '2026-12-10' });
      expect(state.promises.map((p) => p.state)).toEqual([expected]);
    });
  });

  describe('withBalanceDue: the balance a promise starts from', () => {
    const invoices = [invoice(INV1, 100000), invoice(INV2, 50000), { ...invoice('https://acme.odoo.com|LATER', 7000), issueDate: '2026-11-25' }];
    const promised = (invoiceIds: string[], currency = 'EUR') =>
      entry(1, '2026-11-20', { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 40000, currency } }, { invoiceIds });
    const due = (e: ContactEvent) => (e.outcome.type === 'promise-to-pay' ? e.outcome.balanceDue : 'not a promise');

    it.each<[string, ContactEvent, unknown]>([
      ['one invoice', promised([INV1]), eur(100000)],
      ['two invoices', promised([INV1, INV2]), eur(150000)],
      ['the whole balance on its day (a later invoice left out)', promised([]), eur(150000)],
      ['an invoice not known', promised(['https://acme.odoo.com|NOPE']), undefined],
      ['a promise in another currency', promised([INV1], 'USD'), undefined],
      ['not a promise', entry(1, '2026-11-20', { type: 'reached' }), 'not a promise'],
    ])('%s', (_label, event, expected) => {
      expect(due(withBalanceDue(event, invoices))).toEqual(expected);
    });

    it('a correction on the same invoices keeps the original balance; on other invoices it is measured again', () => {
      const original = withBalanceDue(promised([INV1]), invoices);
      const paidSince = [invoice(INV1, 70000), invoice(INV2, 50000)];
      const sameInvoices = correction(2, 1, '2026-11-28', { type: 'promise-to-pay', date: '2026-12-05', amount: eur(40000) });
      expect(due(withBalanceDue(sameInvoices, paidSince, original))).toEqual(eur(100000));
      const otherInvoices = correction(3, 1, '2026-11-28', { type: 'promise-to-pay', date: '2026-12-05', amount: eur(40000) }, { invoiceIds: [INV1, INV2] });
      expect(due(withBalanceDue(otherInvoices, paidSince, original))).toEqual(eur(120000));
    });
  });

  it('a "paid" entry naming the invoices keeps the promise before the invoice list catches up', () => {
    const paid = entry(2, '2026-11-30', { type: 'paid' }, { direction: 'incoming' });
    const state = deriveCustomerState({ events: [promised, paid], invoices: [invoice(INV1, 100000)], today: '2026-12-10' });
    expect(state.promises[0]?.state).toBe('kept');
  });

  it('a new promise made while the first is pending supersedes it: the first never shows as broken', () => {
    const renewed = entry(2, '2026-11-28', promise('2026-12-15'));
    const state = deriveCustomerState({ events: [promised, renewed], invoices: [invoice(INV1, 100000)], today: '2026-12-08' });
    expect(state.promises.map((p) => [p.eventId, p.state, p.supersededBy])).toEqual([
      [uuid(1), 'superseded', uuid(2)],
      [uuid(2), 'pending', undefined],
    ]);
    expect(state.pendingPromise?.eventId).toBe(uuid(2));
    expect(state.brokenPromise).toBeUndefined();
  });

  it('a new promise made after the first was broken: the first stays broken but is no longer the headline', () => {
    const renewed = entry(2, '2026-12-08', promise('2026-12-20'));
    const state = deriveCustomerState({ events: [promised, renewed], invoices: [invoice(INV1, 100000)], today: '2026-12-10' });
    expect(state.promises.map((p) => [p.state, p.supersededBy])).toEqual([
      ['broken', uuid(2)],
      ['pending', undefined],
    ]);
    expect(state.brokenPromise).toBeUndefined();
    expect(state.pendingPromise?.eventId).toBe(uuid(2));
  });

  it('a new promise on another invoice does not supersede', () => {
    const other = entry(2, '2026-11-28', promise('2026-12-15'), { invoiceIds: [INV2] });
    const state = deriveCustomerState({
      events: [promised, other],
      invoices: [invoice(INV1, 100000), invoice(INV2, 100000)],
      today: '2026-12-08',
    });
    expect(state.promises.map((p) => p.state)).toEqual(['broken', 'pending']);
    expect(state.brokenPromise?.eventId).toBe(uuid(1));
  });

  it('a corrected promise date is the one that counts; a retracted promise does not count', () => {
    const fixed = correction(2, 1, '2026-11-21', promise('2026-12-20'), { at: '2026-11-20T10:00:00.000Z' });
    const corrected = deriveCustomerState({ events: [promised, fixed], invoices: [invoice(INV1, 100000)], today: '2026-12-10' });
    expect(corrected.promises.map((p) => [p.eventId, p.date, p.state])).toEqual([[uuid(2), '2026-12-20', 'pending']]);

    const retracted = deriveCustomerState({
      events: [promised, retraction(3, 1, '2026-11-21')],
      invoices: [invoice(INV1, 100000)],
      today: '2026-12-10',
    });
    expect(retracted.promises).toEqual([]);
    expect(retracted.brokenPromise).toBeUndefined();
  });
});

describe('disputes', () => {
  const disputed = entry(1, '2026-11-10', { type: 'dispute', reason: 'Goods damaged', invoiceIds: [INV1, INV2] }, { invoiceIds: [INV1, INV2] });
  const resolved = (n: number, date: string, invoiceIds: string[]) =>
    entry(n, date, { type: 'dispute-resolved', invoiceIds, resolution: 'credit note issued' });

  it.each<[string, ContactEvent[], InvoiceForLog[], 'open' | 'resolved', string[]]>([
    ['nothing since', [], [invoice(INV1, 100), invoice(INV2, 100)], 'open', [INV1, INV2]],
    ['resolved for both invoices later', [resolved(2, '2026-11-20', [INV1, INV2])], [invoice(INV1, 100), invoice(INV2, 100)], 'resolved', []],
    ['resolved for one invoice only', [resolved(2, '2026-11-20', [INV2])], [invoice(INV1, 100), invoice(INV2, 100)], 'open', [INV1]],
    ['one resolved, the other paid', [resolved(2, '2026-11-20', [INV2])], [invoice(INV1, 0, true), invoice(INV2, 100)], 'resolved', []],
    ['both invoices paid', [], [invoice(INV1, 0, true), invoice(INV2, 0, true)], 'resolved', []],
    ['a resolution logged before the dispute does not count', [resolved(2, '2026-11-01', [INV1, INV2])], [invoice(INV1, 100), invoice(INV2, 100)], 'open', [INV1, INV2]],
  ])('%s', (_label, others, invoices, expectedState, expectedDisputed) => {
    const state = deriveCustomerState({ events: [disputed, ...others], invoices, today: '2026-12-01' });
    expect(state.disputes).toHaveLength(1);
    expect(state.disputes[0]).toMatchObject({ eventId: uuid(1), reason: 'Goods damaged', state: expectedState, openedAt: disputed.at });
    expect(state.disputedInvoiceIds).toEqual(expectedDisputed);
  });

  it('a dispute raised again after a resolution is open again', () => {
    const again = entry(3, '2026-11-25', { type: 'dispute', reason: 'Still damaged', invoiceIds: [INV1] });
    const state = deriveCustomerState({
      events: [disputed, resolved(2, '2026-11-20', [INV1, INV2]), again],
      invoices: [invoice(INV1, 100), invoice(INV2, 100)],
      today: '2026-12-01',
    });
    expect(state.disputes.map((d) => d.state)).toEqual(['resolved', 'open']);
    expect(state.disputedInvoiceIds).toEqual([INV1]);
  });
});

describe('payment plans', () => {
  // 1000.00 EUR on INV1 in two installments: 500.00 on 2026-12-01 and 500.00 on 2027-01-01.
  const planned = entry(1, '2026-11-15', {
    type: 'payment-plan',
    installments: [
      { dueDate: '2027-01-01', amount: eur(50000) },
      { dueDate: '2026-12-01', amount: eur(50000) },
    ],
    covered: eur(100000),
  });

  it.each<[string, string, InvoiceForLog, string[], string, number]>([
    ['before the first installment', '2026-11-20', invoice(INV1, 100000), ['upcoming', 'upcoming'], 'on-track', 0],
    ['first installment due today', '2026-12-01', invoice(INV1, 100000), ['due', 'upcoming'], 'on-track', 0],
    ['first installment on its last day of grace', '2026-12-04', invoice(INV1, 100000), ['due', 'upcoming'], 'on-track', 0],
    ['first installment unpaid after the grace', '2026-12-05', invoice(INV1, 100000), ['late', 'upcoming'], 'late', 0],
    ['first installment paid', '2026-12-05', invoice(INV1, 50000), ['paid', 'upcoming'], 'on-track', 50000],
    ['half of the first installment paid', '2026-12-05', invoice(INV1, 75000), ['late', 'upcoming'], 'late', 25000],
    ['second installment late', '2027-01-10', invoice(INV1, 50000), ['paid', 'late'], 'late', 50000],
    ['invoice paid', '2027-01-10', invoice(INV1, 0, true), ['paid', 'paid'], 'completed', 100000],
    ['nothing left due', '2026-12-20', invoice(INV1, 0), ['paid', 'paid'], 'completed', 100000],
    [
      'amount due unknown: nothing counts as paid',
      '2026-12-05',
      { id: INV1, paid: false, lifecycle: 'issued', kind: 'invoice' },
      ['late', 'upcoming'],
      'late',
      0,
    ],
  ])('%s (today %s)', (_label, today, inv, expectedInstallments, expectedState, paidSoFar) => {
    const state = deriveCustomerState({ events: [planned], invoices: [inv], today });
    const plan = state.plans[0];
    expect(plan?.installments.map((i) => [i.dueDate, i.state])).toEqual([
      ['2026-12-01', expectedInstallments[0]],
      ['2027-01-01', expectedInstallments[1]],
    ]);
    expect(plan?.state).toBe(expectedState);
    expect(plan?.paidSoFar).toEqual(eur(paidSoFar));
  });

  it("a plan linked to no invoice measures payments on all the customer's issued invoices", () => {
    const unlinked = { ...planned, invoiceIds: [] };
    const invoices = [
      invoice(INV1, 20000),
      invoice(INV2, 30000),
      { ...invoice('https://acme.odoo.com|DRAFT', 99999), lifecycle: 'draft' as const },
      { ...invoice('https://acme.odoo.com|CN/1', -5000), kind: 'credit-note' as const },
    ];
    const state = deriveCustomerState({ events: [unlinked], invoices, today: '2026-12-05' });
    expect(state.plans[0]?.paidSoFar).toEqual(eur(50000));
    expect(state.plans[0]?.state).toBe('on-track');
  });

  it('a later plan on the same invoices replaces the earlier one', () => {
    const renegotiated = entry(2, '2026-12-10', {
      type: 'payment-plan',
      installments: [{ dueDate: '2027-02-01', amount: eur(100000) }],
      covered: eur(100000),
    });
    const state = deriveCustomerState({ events: [planned, renegotiated], invoices: [invoice(INV1, 100000)], today: '2026-12-20' });
    expect(state.plans.map((p) => [p.state, p.supersededBy])).toEqual([
      ['late', uuid(2)],
      ['on-track', undefined],
    ]);
    expect(summarizeForInvoice(state, INV1).plan?.eventId).toBe(uuid(2));
  });
});

describe('last contact and next follow-up', () => {
  it('the last contact is the latest exchange; internal notes do not count', () => {
    const call = entry(1, '2026-11-10', { type: 'reached' });
    const mail = entry(2, '2026-11-12', { type: 'no-answer' }, { channel: 'email', direction: 'incoming' });
    const note = entry(3, '2026-11-14', { type: 'note' });
    const state = deriveCustomerState({ events: [note, call, mail], invoices: [], today: '2026-11-20' });
    expect(state.lastContact).toEqual({
      eventId: uuid(2),
      at: '2026-11-12T10:00:00.000Z',
      channel: 'email',
      direction: 'incoming',
      outcomeType: 'no-answer',
    });
  });

  it.each<[string, Partial<Record<string, unknown>>, string | undefined]>([
    ['an internal note is not a contact', { outcome: { type: 'note' } }, uuid(1)],
    ['a reminder email marked as sent is one', { outcome: { type: 'note' }, channel: 'email', reminder: { level: 'first', tone: 'courteous' } }, uuid(2)],
    ['a formal notice sent by registered letter is one', { outcome: { type: 'note' }, channel: 'registered-letter', reminder: { level: 'formal', tone: 'formal-notice' } }, uuid(2)],
    ['a call dated after today is not the last contact yet', { outcome: { type: 'reached' }, at: '2026-11-21T10:00:00.000Z' }, uuid(1)],
  ])('last contact: %s', (_label, extra, expected) => {
    const call = entry(1, '2026-11-10', { type: 'reached' });
    const later = entry(2, '2026-11-12', (extra.outcome ?? { type: 'note' }) as Outcome, extra);
    expect(deriveCustomerState({ events: [call, later], invoices: [], today: '2026-11-20' }).lastContact?.eventId).toBe(expected);
  });

  it('a reminder sent is a contact, even recorded with a bare note; a future entry is not one yet', () => {
    const call = entry(1, '2026-11-10', { type: 'reached' });
    const letter = entry(2, '2026-11-14', { type: 'note' }, { channel: 'registered-letter', reminder: { level: 'formal-notice', tone: 'formal-notice' } });
    const tomorrow = entry(3, '2026-11-21', { type: 'reached' });
    const state = deriveCustomerState({ events: [call, letter, tomorrow], invoices: [], today: '2026-11-20' });
    expect(state.lastContact).toEqual({
      eventId: uuid(2),
      at: '2026-11-14T10:00:00.000Z',
      channel: 'registered-letter',
      direction: 'outgoing',
      outcomeType: 'note',
      reminderTone: 'formal-notice',
    });
  });

  it('no entries: no last contact, no follow-up, empty lists', () => {
    expect(deriveCustomerState({ events: [], invoices: [], today: '2026-11-20' })).toEqual({
      promises: [],
      disputes: [],
      disputedInvoiceIds: [],
      plans: [],
      reminders: [],
    });
  });

  it.each<[string, ContactEvent[], string | undefined]>([
    ['the follow-up set by a call', [entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' })], '2026-11-17'],
    [
      'a newer follow-up replaces an older one, even a later date',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-12', { type: 'reached' }, { followUpDate: '2026-11-24' }),
      ],
      '2026-11-24',
    ],
    [
      'a contact on the follow-up date closes it',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-17', { type: 'voicemail' }),
      ],
      undefined,
    ],
    [
      'a contact before the follow-up date leaves it open',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-16', { type: 'voicemail' }),
      ],
      '2026-11-17',
    ],
    [
      'a call on the follow-up day in the caller’s time zone closes it, whatever the UTC date',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-17', { type: 'voicemail' }, { at: '2026-11-17T00:30:00.000+01:00' }),
      ],
      undefined,
    ],
    [
      'a call the evening before in New York (already the follow-up day in UTC) leaves it open',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-16', { type: 'voicemail' }, { at: '2026-11-16T21:00:00.000-05:00' }),
      ],
      '2026-11-17',
    ],
    [
      'a reminder sent on the follow-up date closes it',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-17', { type: 'note' }, { channel: 'email', reminder: { level: 'first', tone: 'courteous' } }),
      ],
      undefined,
    ],
    [
      'a note on the follow-up date does not close it',
      [
        entry(1, '2026-11-10', { type: 'reached' }, { followUpDate: '2026-11-17' }),
        entry(2, '2026-11-18', { type: 'note' }),
      ],
      '2026-11-17',
    ],
    [
      'a pending promise date comes before a later follow-up',
      [entry(1, '2026-11-10', promise('2026-11-20'), { followUpDate: '2026-11-30' })],
      '2026-11-20',
    ],
    [
      "a plan's next installment is a follow-up",
      [
        entry(1, '2026-11-10', {
          type: 'payment-plan',
          installments: [{ dueDate: '2026-12-01', amount: eur(100000) }],
          covered: eur(100000),
        }),
      ],
      '2026-12-01',
    ],
    [
      'an overdue follow-up stays the next one',
      [entry(1, '2026-11-01', { type: 'reached' }, { followUpDate: '2026-11-05' })],
      '2026-11-05',
    ],
  ])('%s', (_label, events, expected) => {
    const state = deriveCustomerState({ events, invoices: [invoice(INV1, 100000)], today: '2026-11-19' });
    expect(state.nextFollowUp).toBe(expected);
  });

  it('a kept promise is no longer a follow-up', () => {
    const events = [entry(1, '2026-11-10', promise('2026-11-20'), { followUpDate: '2026-11-30' })];
    const state = deriveCustomerState({ events, invoices: [invoice(INV1, 0, true)], today: '2026-11-19' });
    expect(state.nextFollowUp).toBe('2026-11-30');
  });
});

describe('reminders and invoice summary', () => {
  it('lists the reminders sent by the policy, oldest first', () => {
    const events = [
      entry(2, '2026-11-20', { type: 'note' }, { channel: 'registered-letter', reminder: { level: 'formal-notice', tone: 'formal-notice' } }),
      entry(1, '2026-11-05', { type: 'note' }, { channel: 'email', reminder: { level: 'first', tone: 'courteous' } }),
      entry(3, '2026-11-21', { type: 'reached' }),
    ];
    const state = deriveCustomerState({ events, invoices: [], today: '2026-11-25' });
    expect(state.reminders).toEqual([
      { eventId: uuid(1), at: '2026-11-05T10:00:00.000Z', level: 'first', tone: 'courteous', channel: 'email', invoiceIds: [INV1] },
      {
        eventId: uuid(2),
        at: '2026-11-20T10:00:00.000Z',
        level: 'formal-notice',
        tone: 'formal-notice',
        channel: 'registered-letter',
        invoiceIds: [INV1],
      },
    ]);
  });

  it('summarizes what concerns one invoice', () => {
    const events = [
      entry(1, '2026-11-10', promise('2026-12-01'), { invoiceIds: [INV1] }),
      entry(2, '2026-11-11', { type: 'dispute', reason: 'Wrong quantity', invoiceIds: [INV2] }, { invoiceIds: [INV2] }),
      entry(3, '2026-11-12', promise('2026-12-10'), { invoiceIds: [] }),
    ];
    const state = deriveCustomerState({ events, invoices: [invoice(INV1, 100), invoice(INV2, 100)], today: '2026-11-20' });
    // The whole-balance promise (3) supersedes the first one on INV1 and also covers INV2.
    expect(summarizeForInvoice(state, INV1)).toEqual({ promise: state.promises[1] });
    expect(summarizeForInvoice(state, INV2)).toEqual({ promise: state.promises[1], dispute: state.disputes[0] });
    expect(state.promises.map((p) => p.state)).toEqual(['superseded', 'pending']);
    expect(summarizeForInvoice(deriveCustomerState({ events: [], invoices: [], today: '2026-11-20' }), INV1)).toEqual({});
  });
});

describe('deriveCustomerState rejects bad parameters', () => {
  it.each<[string, number | undefined, string]>([
    ['2026-02-30', undefined, 'today: expected a date as YYYY-MM-DD, got "2026-02-30"'],
    ['20/11/2026', undefined, 'today: expected a date as YYYY-MM-DD, got "20/11/2026"'],
    ['2026-11-20', -1, 'promiseGraceDays: expected a whole number of days ≥ 0, got -1'],
    ['2026-11-20', 1.5, 'promiseGraceDays: expected a whole number of days ≥ 0, got 1.5'],
  ])('today %s, grace %s', (today, promiseGraceDays, message) => {
    expect(() =>
      deriveCustomerState({ events: [], invoices: [], today, ...(promiseGraceDays === undefined ? {} : { promiseGraceDays }) }),
    ).toThrow(message);
  });
});

describe('digestLog and stateFromDigest (the stored digest of a log)', () => {
  // A log with a bit of everything: promises (one renewed, one kept by a "paid"), a dispute partly resolved,
  // a plan renegotiated, reminders, a corrected and a retracted entry, follow-ups and a call dated ahead.
  const log: ContactEvent[] = [
    entry(1, '2026-11-02', promise('2026-11-10'), { followUpDate: '2026-11-12' }),
    entry(2, '2026-11-05', { type: 'dispute', reason: 'Wrong quantity', invoiceIds: [INV1, INV2] }, { invoiceIds: [INV1, INV2] }),
    entry(3, '2026-11-06', { type: 'note' }, { channel: 'email', reminder: { level: 'first', tone: 'courteous' } }),
    entry(4, '2026-11-08', promise('2026-11-20', 50000), { invoiceIds: [INV1] }),
    entry(5, '2026-11-09', { type: 'dispute-resolved', invoiceIds: [INV2] }, { invoiceIds: [INV2], notes: 'Avoir émis par la comptabilité' }),
    entry(6, '2026-11-10', {
      type: 'payment-plan',
      installments: [
        { dueDate: '2026-12-15', amount: eur(30000) },
        { dueDate: '2026-11-15', amount: eur(20000) },
      ],
      covered: eur(50000),
    }, { invoiceIds: [INV2] }),
    entry(7, '2026-11-11', { type: 'reached' }, { followUpDate: '2026-11-25' }),
    correction(8, 7, '2026-11-12', { type: 'no-answer' }, { at: '2026-11-11T10:00:00.000Z', followUpDate: '2026-11-26' }),
    entry(9, '2026-11-13', { type: 'voicemail' }),
    retraction(10, 9, '2026-11-14'),
    entry(11, '2026-11-16', promise('2026-11-18'), { invoiceIds: [] }),
    entry(12, '2026-11-17', { type: 'paid' }, { invoiceIds: [] }),
    entry(13, '2026-11-30', { type: 'reached' }, { channel: 'email', direction: 'incoming' }),
  ];
  const invoices = [invoice(INV1, 100000), invoice(INV2, 40000), { ...invoice('https://acme.odoo.com|INV/3', 0, true), issueDate: '2026-11-20' }];
  const days = ['2026-11-01', '2026-11-09', '2026-11-15', '2026-11-20', '2026-11-24', '2026-11-29', '2026-11-30', '2026-12-31'];

  it.each(days)('gives deriveCustomerState\'s answer on %s, with grace 0, 3 and 10 days', (today) => {
    const digest = digestLog(log);
    for (const promiseGraceDays of [0, 3, 10]) {
      expect(stateFromDigest(digest, invoices, today, promiseGraceDays)).toEqual(
        deriveCustomerState({ events: log, invoices, today, promiseGraceDays }),
      );
    }
  });

  it('survives a JSON and a structured-clone round trip (it is stored in IndexedDB)', () => {
    const digest = digestLog(log);
    const viaJson = JSON.parse(JSON.stringify(digest)) as typeof digest;
    expect(viaJson).toEqual(digest);
    expect(structuredClone(digest)).toEqual(digest);
    for (const today of days) expect(stateFromDigest(viaJson, invoices, today)).toEqual(deriveCustomerState({ events: log, invoices, today }));
  });

  it('does not depend on the order the entries are stored in', () => {
    const digest = digestLog(log);
    expect(digestLog([...log].reverse())).toEqual(digest);
    expect(digestLog([...log.slice(6), ...log.slice(0, 6)])).toEqual(digest);
  });

  it('an entry added later gives the digest of the whole log, whatever its date', () => {
    const before = log.slice(0, -1);
    const early = entry(14, '2026-11-01', { type: 'reached' }, { recordedAt: '2026-12-01T10:00:00.000Z' });
    const withEarly = digestLog([...before, early]);
    // An exchange dated before all the others is kept (it was the last contact on its day), the follow-up stays…
    expect(withEarly.lastContacts.map((c) => c.eventId)).toEqual([uuid(14), ...digestLog(before).lastContacts.map((c) => c.eventId)]);
    expect(withEarly.followUp).toBe('2026-11-26');
    // …while one on or after the follow-up date meets it.
    expect(digestLog([...before, entry(15, '2026-11-26', { type: 'reached' })]).followUp).toBeUndefined();
  });

  it('answers for every day unless told from which day on; then refuses an earlier one', () => {
    const all = digestLog(log);
    expect(all.answersFrom).toBeUndefined();
    expect(all.lastContacts.map((c) => c.eventId)).toEqual([1, 2, 3, 4, 5, 6, 8, 11, 12, 13].map(uuid));
    const recent = digestLog(log, '2026-11-29');
    // The "paid" of the 17th is the last contact from then until the call of the 30th.
    expect(recent.lastContacts.map((c) => c.eventId)).toEqual([uuid(12), uuid(13)]);
    expect(recent.answersFrom).toBe('2026-11-17');
    expect(stateFromDigest(recent, invoices, '2026-11-29').lastContact?.eventId).toBe(uuid(12));
    expect(stateFromDigest(recent, invoices, '2026-11-30').lastContact?.eventId).toBe(uuid(13));
    expect(stateFromDigest(recent, invoices, '2026-11-17')).toEqual(deriveCustomerState({ events: log, invoices, today: '2026-11-17' }));
    expect(() => stateFromDigest(recent, invoices, '2026-11-16')).toThrow(DigestRangeError);
    // The stored digest answers from the day before the log's latest recording (the 30th) at the latest.
    expect(digestToStore(log)).toEqual(recent);
    expect(digestToStore([])).toEqual(digestLog([]));
  });

  it('leaves out what the state never shows: notes, authors, retracted entries, replaced versions', () => {
    const text = JSON.stringify(digestLog(log));
    expect(text).not.toContain(uuid(9));
    expect(text).not.toContain(uuid(7));
    expect(text).not.toContain('Avoir émis');
    expect(text).not.toContain('Claire');
  });

  it('an empty log has an empty digest', () => {
    expect(digestLog([])).toEqual({ lastContacts: [], promises: [], disputes: [], plans: [], reminders: [] });
  });

  it.each<[string, number, string]>([
    ['2026-02-30', 3, 'today: expected a date as YYYY-MM-DD, got "2026-02-30"'],
    ['2026-11-20', -1, 'promiseGraceDays: expected a whole number of days ≥ 0, got -1'],
  ])('stateFromDigest refuses today %s, grace %s', (today, grace, message) => {
    expect(() => stateFromDigest(digestLog([]), [], today, grace)).toThrow(message);
  });
});
