import { describe, expect, it } from 'vitest';
import { addDays } from '../../../utils/domain/dates';
import {
  agedBalance,
  agingBucket,
  effectiveDueDate,
  invoiceStatus,
  mergeAgedBalances,
} from '../../../utils/domain/status';
import type { AgedBalance } from '../../../utils/domain/status';
import type { AgingBucket, InvoiceFacts, InvoiceStatus } from '../../../utils/domain/types';

const DUE = '2026-11-15';

function invoice(overrides: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    number: 'F-2026-001',
    customerName: 'Boulangerie Martin',
    issueDate: '2026-10-16',
    dueDate: DUE,
    total: { amountMinor: 120000, currency: 'EUR' },
    amountDue: { amountMinor: 120000, currency: 'EUR' },
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    ...overrides,
  };
}

function buckets(partial: Partial<Record<AgingBucket, number>>): Record<AgingBucket, number> {
  return { 'not-due': 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0, ...partial };
}

describe('invoiceStatus around the due date D', () => {
  it.each<[string, number, InvoiceStatus, number]>([
    ['D-8', -8, 'not-due', 0],
    ['D-7', -7, 'due-soon', 0],
    ['D-1', -1, 'due-soon', 0],
    ['D (due today is not late)', 0, 'due-soon', 0],
    ['D+1', 1, 'overdue', 1],
    ['D+3', 3, 'overdue', 3],
    ['D+30', 30, 'overdue', 30],
    ['D+31', 31, 'overdue', 31],
    ['D+90', 90, 'overdue', 90],
    ['D+91', 91, 'overdue', 91],
  ])('on %s → %s, %i days overdue', (_label, offset, status, daysOverdue) => {
    expect(invoiceStatus(invoice(), addDays(DUE, offset))).toEqual({ status, daysOverdue });
  });

  it.each<[number, number, InvoiceStatus]>([
    [3, -3, 'due-soon'],
    [3, -4, 'not-due'],
    [0, -1, 'not-due'],
    [0, 0, 'due-soon'],
    [14, -14, 'due-soon'],
  ])('with dueSoonDays %i, on D%i → %s', (dueSoonDays, offset, status) => {
    expect(invoiceStatus(invoice(), addDays(DUE, offset), { dueSoonDays })?.status).toBe(status);
  });

  it('counts days across a DST change and a month end exactly', () => {
    expect(invoiceStatus(invoice({ dueDate: '2026-10-20' }), '2026-11-02')).toEqual({
      status: 'overdue',
      daysOverdue: 13,
    });
  });
});

describe('invoiceStatus without a due date', () => {
  it.each<[string, Partial<InvoiceFacts>, string, InvoiceStatus, number]>([
    ['issue + 30 days, day 31 after issue', { dueDate: undefined, issueDate: '2026-10-01' }, '2026-11-01', 'overdue', 1],
    ['issue + 30 days, on day 30', { dueDate: undefined, issueDate: '2026-10-01' }, '2026-10-31', 'due-soon', 0],
    ['issue + 30 days, 8 days before', { dueDate: undefined, issueDate: '2026-10-01' }, '2026-10-23', 'not-due', 0],
    ['no date at all cannot be proven late', { dueDate: undefined, issueDate: undefined }, '2030-01-01', 'not-due', 0],
  ])('%s', (_why, overrides, today, status, daysOverdue) => {
    expect(invoiceStatus(invoice(overrides), today)).toEqual({ status, daysOverdue });
  });

  it('honours a custom default term', () => {
    const inv = invoice({ dueDate: undefined, issueDate: '2026-10-01' });
    expect(invoiceStatus(inv, '2026-11-01')).toEqual({ status: 'overdue', daysOverdue: 1 });
    expect(invoiceStatus(inv, '2026-11-01', { defaultTermDays: 45 })).toEqual({ status: 'not-due', daysOverdue: 0 });
    expect(effectiveDueDate(inv, 45)).toBe('2026-11-15');
    expect(effectiveDueDate(inv)).toBe('2026-10-31');
  });

  it('prefers the due date shown over the default term', () => {
    expect(effectiveDueDate(invoice({ issueDate: '2026-10-01', dueDate: '2026-12-31' }))).toBe('2026-12-31');
  });
});

describe('invoiceStatus for paid and non-receivable documents', () => {
  const late = addDays(DUE, 40);
  it.each<[string, Partial<InvoiceFacts>, ReturnType<typeof invoiceStatus>]>([
    ['paid', { paid: true }, { status: 'paid', daysOverdue: 0 }],
    ['nothing left due', { amountDue: { amountMinor: 0, currency: 'EUR' } }, { status: 'paid', daysOverdue: 0 }],
    ['overpaid', { amountDue: { amountMinor: -500, currency: 'EUR' } }, { status: 'paid', daysOverdue: 0 }],
    ['zero total and no remainder shown', { amountDue: undefined, total: { amountMinor: 0, currency: 'EUR' } }, { status: 'paid', daysOverdue: 0 }],
    ['partly paid is still overdue', { amountDue: { amountMinor: 100, currency: 'EUR' } }, { status: 'overdue', daysOverdue: 40 }],
    ['draft', { lifecycle: 'draft' }, null],
    ['cancelled', { lifecycle: 'cancelled' }, null],
    ['credit note', { kind: 'credit-note' }, null],
    ['paid credit note', { kind: 'credit-note', paid: true }, null],
  ])('%s → %j', (_why, overrides, expected) => {
    expect(invoiceStatus(invoice(overrides), late)).toEqual(expected);
  });
});

describe('invoiceStatus rejects bad input clearly', () => {
  it.each<[() => unknown, RegExp]>([
    [() => invoiceStatus(invoice(), '15/11/2026'), /today "15\/11\/2026" is not a date/],
    [() => invoiceStatus(invoice({ dueDate: '2026-02-30' }), '2026-03-01'), /invoice F-2026-001: dueDate "2026-02-30"/],
    [() => invoiceStatus(invoice({ dueDate: undefined, issueDate: 'hier' }), '2026-03-01'), /issueDate "hier"/],
    [() => invoiceStatus(invoice(), DUE, { dueSoonDays: -1 }), /dueSoonDays must be a whole number of days/],
    [() => invoiceStatus(invoice(), DUE, { defaultTermDays: 2.5 }), /defaultTermDays must be a whole number/],
  ])('%#', (call, message) => {
    expect(call).toThrow(message);
  });
});

describe('agingBucket', () => {
  it.each<[InvoiceStatus, number, AgingBucket]>([
    ['not-due', 0, 'not-due'],
    ['due-soon', 0, 'not-due'],
    ['overdue', 1, '1-30'],
    ['overdue', 30, '1-30'],
    ['overdue', 31, '31-60'],
    ['overdue', 60, '31-60'],
    ['overdue', 61, '61-90'],
    ['overdue', 90, '61-90'],
    ['overdue', 91, '90+'],
    ['overdue', 400, '90+'],
  ])('%s, %i days → %s', (status, days, bucket) => {
    expect(agingBucket(status, days)).toBe(bucket);
  });

  it.each<[InvoiceStatus, number, RegExp]>([
    ['paid', 0, /paid invoice has no aging bucket/],
    ['overdue', 0, /needs daysOverdue >= 1/],
  ])('%s with %i days is refused', (status, days, message) => {
    expect(() => agingBucket(status, days)).toThrow(message);
  });

  it.each<[number, AgingBucket]>([
    [30, '1-30'],
    [31, '31-60'],
    [90, '61-90'],
    [91, '90+'],
  ])('an invoice D+%i lands in %s', (offset, bucket) => {
    const r = invoiceStatus(invoice(), addDays(DUE, offset));
    expect(r && agingBucket(r.status, r.daysOverdue)).toBe(bucket);
  });
});

describe('agedBalance', () => {
  const today = '2026-12-31';
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  const ledger: InvoiceFacts[] = [
    invoice({ number: 'A1', dueDate: '2027-01-15', amountDue: eur(10000), total: eur(10000) }), // not due
    invoice({ number: 'A2', dueDate: '2027-01-03', amountDue: eur(5000), total: eur(5000) }), // due soon
    invoice({ number: 'A3', dueDate: '2026-12-01', amountDue: eur(20000), total: eur(30000) }), // 30 days, partly paid
    invoice({ number: 'A4', dueDate: '2026-11-30', amountDue: undefined, total: eur(40000) }), // 31 days, no remainder column
    invoice({ number: 'A5', dueDate: '2026-09-01', amountDue: eur(7000), total: eur(7000) }), // 121 days
    invoice({ number: 'A6', dueDate: '2026-10-02', amountDue: eur(1000), total: eur(1000) }), // 90 days
    invoice({ number: 'U1', dueDate: '2026-11-01', amountDue: usd(99900), total: usd(99900) }), // 60 days
    invoice({ number: 'AV1', kind: 'credit-note', amountDue: eur(-3000), total: eur(-3000) }), // shown negative
    invoice({ number: 'AV2', kind: 'credit-note', amountDue: undefined, total: usd(900) }), // shown positive
    invoice({ number: 'AV3', kind: 'credit-note', paid: true, total: eur(-100000) }), // already used
    invoice({ number: 'P1', paid: true, dueDate: '2026-01-01' }),
    invoice({ number: 'Z1', amountDue: eur(0), dueDate: '2026-01-01' }),
    invoice({ number: 'D1', lifecycle: 'draft', amountDue: eur(999999), dueDate: '2026-01-01' }),
    invoice({ number: 'C1', lifecycle: 'cancelled', amountDue: eur(999999), dueDate: '2026-01-01' }),
  ];

  it('sums what is owed per currency and bucket; credit notes lower not-due; the rest is ignored', () => {
    expect(agedBalance(ledger, today)).toEqual({
      byCurrency: [
        {
          currency: 'EUR',
          buckets: buckets({ 'not-due': 10000 + 5000 - 3000, '1-30': 20000, '31-60': 40000, '61-90': 1000, '90+': 7000 }),
          total: 12000 + 20000 + 40000 + 1000 + 7000,
        },
        { currency: 'USD', buckets: buckets({ 'not-due': -900, '31-60': 99900 }), total: 99000 },
      ],
    });
  });

  it('moves an invoice to a later bucket as days pass', () => {
    const one = [invoice({ dueDate: '2026-12-01', amountDue: eur(500) })];
    expect(agedBalance(one, '2026-12-31').byCurrency[0]?.buckets).toEqual(buckets({ '1-30': 500 }));
    expect(agedBalance(one, '2027-01-01').byCurrency[0]?.buckets).toEqual(buckets({ '31-60': 500 }));
  });

  it('passes its options to the status (custom default term)', () => {
    const noDue = [invoice({ dueDate: undefined, issueDate: '2026-11-01', amountDue: eur(500) })];
    expect(agedBalance(noDue, today).byCurrency[0]?.buckets).toEqual(buckets({ '1-30': 500 }));
    expect(agedBalance(noDue, today, { defaultTermDays: 60 }).byCurrency[0]?.buckets).toEqual(
      buckets({ 'not-due': 500 }),
    );
  });

  it('is empty when nothing is owed', () => {
    expect(agedBalance([], today)).toEqual({ byCurrency: [] });
    expect(agedBalance([invoice({ paid: true }), invoice({ lifecycle: 'draft' })], today)).toEqual({ byCurrency: [] });
  });

  it.each<[string, InvoiceFacts, RegExp]>([
    ['an unpaid invoice with no amount', invoice({ number: 'X9', amountDue: undefined, total: undefined }), /invoice X9 has neither amountDue nor total/],
    ['a credit note with no amount', invoice({ number: 'AV9', kind: 'credit-note', amountDue: undefined, total: undefined }), /invoice AV9 has neither/],
    ['an unknown currency', invoice({ amountDue: { amountMinor: 1, currency: 'EURO' } }), /"EURO" is not an ISO 4217 code/],
    ['a fractional amount', invoice({ number: 'X8', amountDue: eur(10.5) }), /invoice X8: amount 10.5 is not a whole number/],
  ])('refuses %s rather than understate the balance', (_why, inv, message) => {
    expect(() => agedBalance([inv], today)).toThrow(message);
  });
});

describe('mergeAgedBalances', () => {
  const row = (currency: string, partial: Partial<Record<AgingBucket, number>>) => {
    const b = buckets(partial);
    return { currency, buckets: b, total: Object.values(b).reduce((x, y) => x + y, 0) };
  };

  it.each<[string, AgedBalance[], AgedBalance]>([
    ['nothing', [], { byCurrency: [] }],
    ['one balance is unchanged', [{ byCurrency: [row('EUR', { '1-30': 5 })] }], { byCurrency: [row('EUR', { '1-30': 5 })] }],
    [
      'two customers, two currencies',
      [
        { byCurrency: [row('USD', { '90+': 100 }), row('EUR', { 'not-due': 10, '1-30': 20 })] },
        { byCurrency: [row('EUR', { 'not-due': -5, '61-90': 7 })] },
        { byCurrency: [] },
      ],
      { byCurrency: [row('EUR', { 'not-due': 5, '1-30': 20, '61-90': 7 }), row('USD', { '90+': 100 })] },
    ],
  ])('%s', (_why, list, expected) => {
    expect(mergeAgedBalances(list)).toEqual(expected);
  });

  it('merging per-customer balances equals the balance of all their invoices', () => {
    const today = '2026-12-31';
    const customerA = [
      invoice({ number: 'A1', dueDate: '2026-12-10', amountDue: { amountMinor: 700, currency: 'EUR' } }),
      invoice({ number: 'A2', kind: 'credit-note', total: { amountMinor: 200, currency: 'EUR' }, amountDue: undefined }),
    ];
    const customerB = [
      invoice({ number: 'B1', dueDate: '2026-08-01', amountDue: { amountMinor: 900, currency: 'EUR' } }),
      invoice({ number: 'B2', dueDate: '2027-02-01', amountDue: { amountMinor: 300, currency: 'GBP' } }),
    ];
    expect(mergeAgedBalances([agedBalance(customerA, today), agedBalance(customerB, today)])).toEqual(
      agedBalance([...customerA, ...customerB], today),
    );
  });
});
