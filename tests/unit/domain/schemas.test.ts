import { describe, expect, it } from 'vitest';
import {
  ContactEventSchema,
  CustomerSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  InvoiceSchema,
  MoneySchema,
  customerIdFor,
  formatZodIssues,
  invoiceIdFor,
  moneyToDecimalString,
  normalizeCustomerName,
  type FieldIssue,
} from '../../../utils/domain/schemas';

const EVENT_ID = '11111111-1111-4111-8111-111111111111';
const OTHER_ID = '22222222-2222-4222-8222-222222222222';
const SITE = 'https://acme.odoo.com';
const CUSTOMER_ID = `${SITE}|dupont sarl`;

/** A valid contact entry as a form or an import file would give it. */
function rawEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: EVENT_ID,
    customerId: CUSTOMER_ID,
    invoiceIds: [`${SITE}|INV/2026/0001`],
    at: '2026-11-23T09:30:00.000Z',
    recordedAt: '2026-11-23T09:35:00.000Z',
    author: 'Claire',
    kind: 'contact',
    channel: 'phone',
    direction: 'outgoing',
    outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 120000, currency: 'EUR' } },
    ...overrides,
  };
}

function issuesOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown): FieldIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return formatZodIssues(result.error as Parameters<typeof formatZodIssues>[0]);
}

const plan = (installments: Array<[string, number, string?]>, covered: number) => ({
  type: 'payment-plan',
  installments: installments.map(([dueDate, amountMinor, currency]) => ({
    dueDate,
    amount: { amountMinor, currency: currency ?? 'EUR' },
  })),
  covered: { amountMinor: covered, currency: 'EUR' },
});

describe('ContactEventSchema accepts', () => {
  it('a contact entry and fills the defaults', () => {
    const parsed = ContactEventSchema.parse(rawEntry({ invoiceIds: undefined }));
    expect(parsed.notes).toBe('');
    expect(parsed.invoiceIds).toEqual([]);
    expect(parsed.outcome).toEqual({
      type: 'promise-to-pay',
      date: '2026-12-01',
      amount: { amountMinor: 120000, currency: 'EUR' },
    });
  });

  it('the minimal retraction: ids, dates and author only', () => {
    const parsed = ContactEventSchema.parse({
      id: OTHER_ID,
      customerId: CUSTOMER_ID,
      at: '2026-11-24T08:00:00.000Z',
      recordedAt: '2026-11-24T08:00:00.000Z',
      author: 'Claire',
      kind: 'retraction',
      correctsId: EVENT_ID,
    });
    expect(parsed).toMatchObject({
      kind: 'retraction',
      correctsId: EVENT_ID,
      channel: 'other',
      direction: 'outgoing',
      outcome: { type: 'note' },
      invoiceIds: [],
      notes: '',
    });
  });

  it('a correction pointing at the entry it corrects', () => {
    const parsed = ContactEventSchema.parse(rawEntry({ id: OTHER_ID, kind: 'correction', correctsId: EVENT_ID }));
    expect(parsed.correctsId).toBe(EVENT_ID);
  });

  it.each([
    ['a payment plan whose installments add up', plan([['2026-12-01', 50000], ['2027-01-01', 70000]], 120000)],
    ['a dispute on one invoice', { type: 'dispute', reason: 'Goods damaged', invoiceIds: [`${SITE}|INV/1`] }],
    ['a partial payment without date', { type: 'partial-payment-announced', amount: { amountMinor: 1, currency: 'EUR' } }],
    ['a bare outcome', { type: 'voicemail' }],
  ])('%s', (_label, outcome) => {
    expect(issuesOf(ContactEventSchema, rawEntry({ outcome }))).toEqual([]);
  });

  it('a reminder sent by the policy and a registered letter tracking number', () => {
    const parsed = ContactEventSchema.parse(
      rawEntry({
        channel: 'registered-letter',
        trackingNumber: ' 1A00112233445 ',
        reminder: { level: 'formal-notice', tone: 'formal-notice' },
        outcome: { type: 'note' },
      }),
    );
    expect(parsed.trackingNumber).toBe('1A00112233445');
    expect(parsed.reminder).toEqual({ level: 'formal-notice', tone: 'formal-notice' });
  });
});

describe('ContactEventSchema rejects with a message naming the field and the reason', () => {
  it.each<[string, Record<string, unknown>, FieldIssue[]]>([
    [
      'a payment plan whose installments do not add up to the amount covered',
      { outcome: plan([['2026-12-01', 40000], ['2027-01-01', 50000]], 100000) },
      [
        {
          path: 'outcome.installments',
          message:
            'installment amounts must add up to the amount covered: installments total 900.00 EUR, covered 1000.00 EUR',
        },
      ],
    ],
    [
      'a payment plan with an installment in another currency',
      { outcome: plan([['2026-12-01', 50000], ['2027-01-01', 50000, 'USD']], 100000) },
      [{ path: 'outcome.installments.1.amount.currency', message: 'expected EUR, the currency of the amount covered' }],
    ],
    [
      'a payment plan without installments',
      { outcome: plan([], 100000) },
      [{ path: 'outcome.installments', message: 'a payment plan needs at least one installment' }],
    ],
    [
      'a correction without correctsId',
      { kind: 'correction' },
      [{ path: 'correctsId', message: 'required for a correction: the id of the entry it corrects' }],
    ],
    [
      'a retraction without correctsId',
      { kind: 'retraction' },
      [{ path: 'correctsId', message: 'required for a retraction: the id of the entry it retracts' }],
    ],
    [
      'a plain contact carrying correctsId',
      { correctsId: OTHER_ID },
      [
        {
          path: 'correctsId',
          message: 'only corrections and retractions refer to another entry: remove correctsId or set kind to "correction"',
        },
      ],
    ],
    [
      'a correction of itself',
      { kind: 'correction', correctsId: EVENT_ID },
      [{ path: 'correctsId', message: 'an entry cannot correct or retract itself' }],
    ],
    [
      'a lower-case currency',
      { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 100, currency: 'eur' } } },
      [{ path: 'outcome.amount.currency', message: 'expected a 3-letter ISO code' }],
    ],
    [
      'an amount in fractions of a cent',
      { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 12.5, currency: 'EUR' } } },
      [{ path: 'outcome.amount.amountMinor', message: 'expected a whole number of minor units (cents)' }],
    ],
    [
      'a promise of nothing',
      { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 0, currency: 'EUR' } } },
      [{ path: 'outcome.amount.amountMinor', message: 'must be greater than zero' }],
    ],
    [
      'a promised date that does not exist',
      { outcome: { type: 'promise-to-pay', date: '2026-02-30', amount: { amountMinor: 100, currency: 'EUR' } } },
      [{ path: 'outcome.date', message: '2026-02-30 is not a real calendar date' }],
    ],
    [
      'a follow-up date written the French way',
      { followUpDate: '05/12/2026' },
      [{ path: 'followUpDate', message: 'expected a date as YYYY-MM-DD' }],
    ],
    [
      'a contact time without time zone',
      { at: '2026-11-23T09:30:00' },
      [{ path: 'at', message: 'expected a date-time with a time zone, e.g. 2026-11-23T09:30:00.000Z' }],
    ],
    [
      'an unknown channel',
      { channel: 'fax' },
      [{ path: 'channel', message: 'expected one of email, phone, sms, letter, registered-letter, visit, meeting, other' }],
    ],
    [
      'an unknown outcome',
      { outcome: { type: 'maybe' } },
      [
        {
          path: 'outcome.type',
          message:
            'expected one of no-answer, voicemail, reached, promise-to-pay, dispute, dispute-resolved, payment-plan, partial-payment-announced, paid, refused, wrong-contact, note',
        },
      ],
    ],
    ['an unknown kind', { kind: 'edit' }, [{ path: 'kind', message: 'expected one of contact, correction, retraction' }]],
    [
      'a dispute without reason',
      { outcome: { type: 'dispute', reason: '  ', invoiceIds: ['x'] } },
      [{ path: 'outcome.reason', message: 'must not be empty' }],
    ],
    [
      'a dispute naming no invoice',
      { outcome: { type: 'dispute', reason: 'Late delivery', invoiceIds: [] } },
      [{ path: 'outcome.invoiceIds', message: 'list at least one disputed invoice' }],
    ],
    ['an id that is not a UUID', { id: 'abc' }, [{ path: 'id', message: 'expected a UUID' }]],
    ['a missing author', { author: undefined }, [{ path: 'author', message: 'required' }]],
    [
      'an unknown reminder tone',
      { reminder: { level: 'r1', tone: 'angry' } },
      [{ path: 'reminder.tone', message: 'expected one of courteous, firm, formal-notice, final-notice' }],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(issuesOf(ContactEventSchema, rawEntry(overrides))).toEqual(expected);
  });

  it('something that is not an object', () => {
    expect(issuesOf(ContactEventSchema, 'hello')).toEqual([{ path: '', message: 'expected a contact log entry (an object)' }]);
  });
});

describe('IsoDateSchema', () => {
  it.each([
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-4-1', false],
    ['2026-11-23T00:00:00Z', false],
  ])('%s valid: %s', (value, valid) => {
    expect(IsoDateSchema.safeParse(value).success).toBe(valid);
  });
});

describe('IsoDateTimeSchema', () => {
  it.each([
    ['2026-11-23T09:30:00.000Z', true],
    ['2026-11-23T10:30:00+01:00', true],
    ['2026-11-23T09:30:00', false],
    ['2026-11-23', false],
    ['2026-02-30T09:30:00Z', false],
  ])('%s valid: %s', (value, valid) => {
    expect(IsoDateTimeSchema.safeParse(value).success).toBe(valid);
  });
});

describe('MoneySchema', () => {
  it.each<[unknown, FieldIssue[]]>([
    [{ amountMinor: 1050, currency: 'EUR' }, []],
    [{ amountMinor: -300, currency: 'EUR' }, []],
    [{ amountMinor: '1050', currency: 'EUR' }, [{ path: 'amountMinor', message: 'expected a number of minor units (cents)' }]],
    [{ amountMinor: 1050, currency: 'EURO' }, [{ path: 'currency', message: 'expected a 3-letter ISO code' }]],
    [{ amountMinor: 1050 }, [{ path: 'currency', message: 'required' }]],
    [10.5, [{ path: '', message: 'expected an amount { amountMinor, currency }' }]],
  ])('%j', (value, expected) => {
    expect(issuesOf(MoneySchema, value)).toEqual(expected);
  });
});

describe('moneyToDecimalString', () => {
  it.each([
    [{ amountMinor: 123450, currency: 'EUR' }, '1234.50'],
    [{ amountMinor: 5, currency: 'EUR' }, '0.05'],
    [{ amountMinor: -1999, currency: 'EUR' }, '-19.99'],
    [{ amountMinor: 1500, currency: 'JPY' }, '1500'],
  ])('%j → %s', (money, expected) => {
    expect(moneyToDecimalString(money)).toBe(expected);
  });
});

describe('customer and invoice keys', () => {
  it.each([
    ['Dupont SARL', 'dupont sarl'],
    ['  Dupont   SARL  ', 'dupont sarl'],
    ['DUPONT\u00a0SARL', 'dupont sarl'],
    ['Ｄｕｐｏｎｔ', 'dupont'],
    ['Société Générale', 'société générale'],
  ])('normalizeCustomerName(%j) = %j', (name, expected) => {
    expect(normalizeCustomerName(name)).toBe(expected);
  });

  it('customerIdFor joins the origin and the normalized name, so spellings of one name meet', () => {
    expect(customerIdFor('https://acme.odoo.com/', '  Dupont  SARL')).toBe('https://acme.odoo.com|dupont sarl');
    expect(customerIdFor(SITE, 'dupont sarl')).toBe(customerIdFor(SITE, 'DUPONT SARL'));
    expect(customerIdFor(SITE, 'Dupont')).not.toBe(customerIdFor('https://other.odoo.com', 'Dupont'));
  });

  it('invoiceIdFor keeps the number as written, trimmed', () => {
    expect(invoiceIdFor(SITE, ' INV/2026/0001 ')).toBe('https://acme.odoo.com|INV/2026/0001');
  });

  it.each([
    [() => customerIdFor(SITE, '   '), 'name: a customer name must not be empty'],
    [() => customerIdFor('acme.odoo.com', 'Dupont'), 'site: expected an origin such as https://acme.odoo.com, got "acme.odoo.com"'],
    [() => invoiceIdFor('ftp://acme.example', 'F1'), 'site: expected an http(s) origin'],
    [() => invoiceIdFor(SITE, ''), 'number: an invoice number must not be empty'],
  ])('rejects bad input (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});

describe('CustomerSchema', () => {
  const customer = {
    id: CUSTOMER_ID,
    site: SITE,
    name: 'Dupont SARL',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
  };

  it('defaults to a standard business debtor', () => {
    expect(CustomerSchema.parse(customer)).toMatchObject({ debtorKind: 'business', segment: 'standard' });
  });

  it.each<[Record<string, unknown>, FieldIssue[]]>([
    [
      { site: 'https://acme.odoo.com/web' },
      [
        { path: 'site', message: 'expected an origin such as https://acme.odoo.com (scheme and host, no path or trailing slash)' },
      ],
    ],
    [
      { id: 'dupont sarl' },
      [{ path: 'id', message: 'must start with the site followed by "|" (https://acme.odoo.com|…); build it with customerIdFor' }],
    ],
    [{ email: 'compta@' }, [{ path: 'email', message: 'expected an email address' }]],
    [{ segment: 'vip' }, [{ path: 'segment', message: 'expected one of standard, key-account, chronic-late, excluded' }]],
    [{ name: '' }, [{ path: 'name', message: 'must not be empty' }]],
  ])('rejects %j', (overrides, expected) => {
    expect(issuesOf(CustomerSchema, { ...customer, ...overrides })).toEqual(expected);
  });
});

describe('InvoiceSchema', () => {
  const invoice = {
    id: `${SITE}|INV/2026/0001`,
    site: SITE,
    number: 'INV/2026/0001',
    customerId: CUSTOMER_ID,
    customerName: 'Dupont SARL',
    dueDate: '2026-11-30',
    total: { amountMinor: 120000, currency: 'EUR' },
    amountDue: { amountMinor: 120000, currency: 'EUR' },
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    firstSeenAt: '2026-11-01T08:00:00.000Z',
    lastSeenAt: '2026-11-20T08:00:00.000Z',
  };

  it('accepts a consistent invoice', () => {
    expect(issuesOf(InvoiceSchema, invoice)).toEqual([]);
  });

  it.each<[Record<string, unknown>, FieldIssue[]]>([
    [{ id: `${SITE}|INV/2026/0002` }, [{ path: 'id', message: `expected "${SITE}|INV/2026/0001" (site|number, see invoiceIdFor)` }]],
    [
      { customerId: 'https://other.odoo.com|dupont sarl' },
      [{ path: 'customerId', message: `must belong to the same site (${SITE}|…); build it with customerIdFor` }],
    ],
    [
      { amountDue: { amountMinor: 100, currency: 'USD' } },
      [{ path: 'amountDue.currency', message: 'expected EUR, the currency of the total' }],
    ],
    [{ dueDate: '2026-11-31' }, [{ path: 'dueDate', message: '2026-11-31 is not a real calendar date' }]],
    [{ lifecycle: 'posted' }, [{ path: 'lifecycle', message: 'expected one of draft, issued, cancelled' }]],
    [{ paid: 'yes' }, [{ path: 'paid', message: 'expected true or false' }]],
  ])('rejects %j', (overrides, expected) => {
    expect(issuesOf(InvoiceSchema, { ...invoice, ...overrides })).toEqual(expected);
  });
});

describe('formatZodIssues', () => {
  it('names nested fields with array indexes, one entry per problem', () => {
    const result = ContactEventSchema.safeParse(
      rawEntry({
        author: '',
        outcome: plan([['2026-12-01', 50000], ['2026-13-01', 50000]], 100000),
      }),
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatZodIssues(result.error)).toEqual([
      { path: 'author', message: 'must not be empty' },
      { path: 'outcome.installments.1.dueDate', message: '2026-13-01 is not a real calendar date' },
    ]);
  });
});
