import { afterEach, describe, expect, it } from 'vitest';
import { ContactEventSchema } from '../../../utils/domain/schemas';
import {
  emptyValues,
  formFieldFor,
  fromLocalDateTimeInput,
  planDifference,
  toLocalDateTimeInput,
  validateLogForm,
  valuesFromEvent,
  type LogFormValues,
} from '../../../utils/ui/log-form';

// The cases are written for a browser in UTC; the time-zone table below sets its own zones.
process.env.TZ = 'UTC';

const SITE = 'https://acme.odoo.com';
const CUSTOMER = `${SITE}|dupont sarl`;
const INV = `${SITE}|INV/1`;
const identity = {
  id: '00000000-0000-4000-8000-000000000001',
  customerId: CUSTOMER,
  // Saved a week after the contacts the tests log (a contact in the future is refused).
  recordedAt: '2026-11-30T09:00:00.000Z',
  kind: 'contact' as const,
};
const words = { local: (p: string) => `local:${p}`, schema: (m: string) => m };

function form(patch: Partial<LogFormValues>): LogFormValues {
  return { ...emptyValues({ now: new Date(2026, 10, 23, 10, 30), author: 'Claire', currency: 'EUR' }), ...patch };
}

describe('validateLogForm', () => {
  it.each<[string, Partial<LogFormValues>, object]>([
    ['a call reached', {}, { channel: 'phone', outcome: { type: 'reached' } }],
    [
      'a promise typed the French way',
      { outcome: 'promise-to-pay', promiseDate: '2026-12-01', promiseAmount: '1 250,50' },
      { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 125050, currency: 'EUR' } } },
    ],
    [
      'a dispute on one invoice',
      { outcome: 'dispute', disputeReason: ' Damaged goods ', disputeInvoiceIds: [INV], invoiceIds: [INV] },
      { invoiceIds: [INV], outcome: { type: 'dispute', reason: 'Damaged goods', invoiceIds: [INV] } },
    ],
    [
      'a plan whose installments add up',
      {
        outcome: 'payment-plan',
        planCovered: '900',
        installments: [
          { key: 1, dueDate: '2026-12-01', amount: '450' },
          { key: 2, dueDate: '2027-01-01', amount: '450.00' },
        ],
      },
      { outcome: { type: 'payment-plan', covered: { amountMinor: 90000, currency: 'EUR' } } },
    ],
    ['a contact a minute after saving (clocks differ)', { at: '2026-11-30T09:01' }, { at: '2026-11-30T09:01:00.000+00:00' }],
    [
      'a promise and a follow-up on the day of the contact',
      { outcome: 'promise-to-pay', promiseDate: '2026-11-23', promiseAmount: '100', followUpDate: '2026-11-23' },
      { followUpDate: '2026-11-23', outcome: { type: 'promise-to-pay', date: '2026-11-23' } },
    ],
    [
      'a registered letter with its tracking number and a follow-up',
      { channel: 'registered-letter', trackingNumber: ' 1A2B3C ', outcome: 'note', followUpDate: '2026-12-10' },
      { trackingNumber: '1A2B3C', followUpDate: '2026-12-10' },
    ],
  ])('accepts %s', (_label, patch, expected) => {
    const result = validateLogForm(form(patch), identity, words);
    expect(result.errors).toBeUndefined();
    expect(result.event).toMatchObject(expected);
    expect(ContactEventSchema.safeParse(result.event).success).toBe(true);
  });

  it.each<[string, Partial<LogFormValues>, Record<string, string | RegExp>]>([
    ['a promise without date or amount', { outcome: 'promise-to-pay' }, { promiseDate: 'required', promiseAmount: 'required' }],
    ['an amount that is not one', { outcome: 'promise-to-pay', promiseDate: '2026-12-01', promiseAmount: 'soon' }, { promiseAmount: 'local:amountUnreadable' }],
    ['a zero amount', { outcome: 'partial-payment-announced', partialAmount: '0' }, { partialAmount: 'must be greater than zero' }],
    ['an unknown currency', { outcome: 'promise-to-pay', promiseDate: '2026-12-01', promiseAmount: '10', currency: 'EU' }, { currency: 'local:currencyInvalid' }],
    ['a dispute without reason nor invoice', { outcome: 'dispute' }, { disputeReason: 'must not be empty', disputeInvoiceIds: /at least one disputed invoice/ }],
    [
      'a plan whose installments do not add up',
      { outcome: 'payment-plan', planCovered: '900', installments: [{ key: 1, dueDate: '2026-12-01', amount: '400' }] },
      { installments: /must add up to the amount covered: installments total 400\.00 EUR, covered 900\.00 EUR/ },
    ],
    [
      'a plan installment without date',
      { outcome: 'payment-plan', planCovered: '900', installments: [{ key: 1, dueDate: '', amount: '900' }] },
      { 'installment-0-date': 'required' },
    ],
    ['no author and no date', { author: ' ', at: '' }, { author: 'must not be empty', at: 'required' }],
    ['a contact in the future (a typo in the year)', { at: '2062-11-23T10:30' }, { at: 'local:atInFuture' }],
    ['a contact an hour after saving', { at: '2026-11-30T10:00' }, { at: 'local:atInFuture' }],
    [
      'a promise to pay before the day of the contact',
      { outcome: 'promise-to-pay', promiseDate: '2026-11-22', promiseAmount: '100' },
      { promiseDate: 'local:beforeContact' },
    ],
    [
      'an installment before the day of the contact',
      {
        outcome: 'payment-plan',
        planCovered: '900',
        installments: [
          { key: 1, dueDate: '2026-11-01', amount: '450' },
          { key: 2, dueDate: '2026-12-01', amount: '450' },
        ],
      },
      { 'installment-0-date': 'local:beforeContact' },
    ],
    ['a follow-up before the day of the contact', { followUpDate: '2026-11-20' }, { followUpDate: 'local:beforeContact' }],

  ])('refuses %s, each error on its field', (_label, patch, expected) => {
    const result = validateLogForm(form(patch), identity, words);
    expect(result.event).toBeUndefined();
    for (const [field, message] of Object.entries(expected)) {
      if (typeof message === 'string') expect(result.errors?.[field]).toBe(message);
      else expect(result.errors?.[field]).toMatch(message);
    }
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('formFieldFor', () => {
  it.each([
    ['outcome.amount.amountMinor', 'promise-to-pay', 'promiseAmount'],
    ['outcome.amount.currency', 'partial-payment-announced', 'currency'],
    ['outcome.installments.2.dueDate', 'payment-plan', 'installment-2-date'],
    ['outcome.installments.0.amount.amountMinor', 'payment-plan', 'installment-0-amount'],
    ['outcome.installments', 'payment-plan', 'installments'],
    ['outcome.invoiceIds', 'dispute-resolved', 'resolvedInvoiceIds'],
    ['author', 'note', 'author'],
    ['correctsId', 'note', 'form'],
    ['', 'note', 'form'],
  ] as const)('%s (%s) → %s', (path, outcome, field) => {
    expect(formFieldFor(path, outcome)).toBe(field);
  });
});

describe('planDifference', () => {
  it.each([
    ['nothing allocated yet', '900', ['', ''], -90000],
    ['balanced', '900', ['450', '450'], 0],
    ['over-allocated', '900', ['500', '450,50'], 5050],
  ])('%s', (_label, covered, amounts, difference) => {
    const values = form({ outcome: 'payment-plan', planCovered: covered, installments: amounts.map((amount, key) => ({ key, dueDate: '', amount })) });
    expect(planDifference(values)).toEqual({ difference, currency: 'EUR' });
  });

  it('is unknown while an amount cannot be read', () => {
    expect(planDifference(form({ planCovered: '900', installments: [{ key: 1, dueDate: '', amount: 'abc' }] }))).toBeUndefined();
  });
});

describe('editing an entry', () => {
  it.each(['.', ','] as const)('prefills the form (decimal mark %s) so that saving it unchanged gives the same entry as a correction', (mark) => {
    const original = ContactEventSchema.parse({
      id: '00000000-0000-4000-8000-000000000009',
      kind: 'contact',
      customerId: CUSTOMER,
      invoiceIds: [INV],
      at: '2026-11-20T14:03:27.512Z',
      recordedAt: '2026-11-20T14:05:00.000Z',
      author: 'Marc',
      channel: 'phone',
      direction: 'incoming',
      outcome: {
        type: 'payment-plan',
        covered: { amountMinor: 90000, currency: 'EUR' },
        installments: [
          { dueDate: '2026-12-01', amount: { amountMinor: 45000, currency: 'EUR' } },
          { dueDate: '2027-01-01', amount: { amountMinor: 45000, currency: 'EUR' } },
        ],
      },
      notes: 'Agreed by phone',
      followUpDate: '2026-12-02',
    });
    const values = valuesFromEvent(original, 'Claire', 'EUR', mark);
    expect(values.installments.map((i) => i.amount)).toEqual([`450${mark}00`, `450${mark}00`]);
    const result = validateLogForm(
      values,
      { ...identity, kind: 'correction', correctsId: original.id, originalAt: original.at },
      words,
    );
    const { id: _a, kind: _b, correctsId: _c, recordedAt: _d, author: _e, ...same } = original;
    expect(result.event).toMatchObject({ ...same, kind: 'correction', correctsId: original.id, author: 'Claire' });
  });

  it.each(['2026-01-31T23:59', '2026-07-04T00:00', '2026-03-29T12:15'])('reads back a date-time field as typed (%s)', (typed) => {
    expect(toLocalDateTimeInput(fromLocalDateTimeInput(typed)!)).toBe(typed);
  });
});

describe('the contact’s date and time keep the user’s calendar day', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each([
    ['Europe/Paris', '2026-11-23T00:30', '2026-11-23T00:30:00.000+01:00'],
    ['Europe/Paris', '2026-07-04T23:59', '2026-07-04T23:59:00.000+02:00'],
    ['America/New_York', '2026-11-23T21:15', '2026-11-23T21:15:00.000-05:00'],
    ['Asia/Kolkata', '2026-11-23T02:00', '2026-11-23T02:00:00.000+05:30'],
    ['UTC', '2026-11-23T12:00', '2026-11-23T12:00:00.000+00:00'],
  ])('in %s, %s is saved as %s', (zone, typed, saved) => {
    process.env.TZ = zone;
    expect(fromLocalDateTimeInput(typed)).toBe(saved);
    const result = validateLogForm(form({ at: typed }), identity, words);
    expect(result.event?.at).toBe(saved);
    // The same instant as the browser reads it, and the form shows it back as typed.
    expect(Date.parse(saved)).toBe(new Date(typed).getTime());
    expect(toLocalDateTimeInput(saved)).toBe(typed);
  });
});
