import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_CSV_COLUMNS,
  customerExportCsv,
  customerExportJson,
  mergeEvents,
  parseJsonLines,
  toJsonLines,
} from '../../../utils/domain/log-io';
import {
  ContactEventSchema,
  CustomerSchema,
  InvoiceSchema,
  type ContactEvent,
  type Invoice,
} from '../../../utils/domain/schemas';

const SITE = 'https://acme.odoo.com';
const CUSTOMER_ID = `${SITE}|dupont sarl`;
const INV1 = `${SITE}|INV/2026/0001`;
const INV2 = `${SITE}|INV/2026/0002`;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

function rawEntry(n: number, date: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuid(n),
    customerId: CUSTOMER_ID,
    invoiceIds: [INV1],
    at: `${date}T10:00:00.000Z`,
    recordedAt: `${date}T10:05:00.000Z`,
    author: 'Claire',
    kind: 'contact',
    channel: 'phone',
    direction: 'outgoing',
    outcome: { type: 'reached' },
    ...extra,
  };
}
const entry = (n: number, date: string, extra: Record<string, unknown> = {}): ContactEvent =>
  ContactEventSchema.parse(rawEntry(n, date, extra));

const customer = CustomerSchema.parse({
  id: CUSTOMER_ID,
  site: SITE,
  name: 'Dupont SARL',
  email: 'compta@dupont.example',
  createdAt: '2026-10-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
});

function invoiceOf(number: string, customerId = CUSTOMER_ID): Invoice {
  return InvoiceSchema.parse({
    id: `${SITE}|${number}`,
    site: SITE,
    number,
    customerId,
    customerName: 'Dupont SARL',
    dueDate: '2026-10-31',
    total: eur(120000),
    amountDue: eur(120000),
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    firstSeenAt: '2026-10-01T08:00:00.000Z',
    lastSeenAt: '2026-11-20T08:00:00.000Z',
  });
}

const log = [
  entry(3, '2026-11-12', { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: eur(120000) } }),
  entry(1, '2026-11-02', { channel: 'email', notes: 'Sent "copy", with invoice\nsecond line' }),
  entry(2, '2026-11-05', { kind: 'correction', correctsId: uuid(1), at: '2026-11-02T10:00:00.000Z', channel: 'email', outcome: { type: 'voicemail' } }),
];

describe('toJsonLines / parseJsonLines', () => {
  it('writes one object per line, oldest recorded first, whatever the input order', () => {
    const text = toJsonLines(log);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect(toJsonLines([...log].reverse())).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('breaks recordedAt ties by id', () => {
    const a = entry(9, '2026-11-02');
    const b = entry(8, '2026-11-02');
    expect(toJsonLines([a, b]).trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([uuid(8), uuid(9)]);
  });

  it('an empty log is an empty file', () => {
    expect(toJsonLines([])).toBe('');
    expect(parseJsonLines('')).toEqual({ events: [], errors: [], fileProblem: { kind: 'empty' } });
  });

  it('reads back exactly what it wrote', () => {
    const { events, errors } = parseJsonLines(toJsonLines(log));
    expect(errors).toEqual([]);
    expect(events).toEqual([log[1], log[2], log[0]]);
  });

  it('keeps the good lines and names the line and field of each bad one', () => {
    const text = [
      JSON.stringify(rawEntry(1, '2026-11-02')),
      '',
      JSON.stringify(rawEntry(2, '2026-11-03', { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: { amountMinor: 100, currency: 'euro' } } })),
      '{ "id": "truncated',
      JSON.stringify(rawEntry(3, '2026-11-04')),
      JSON.stringify(rawEntry(4, '2026-11-05', { kind: 'correction' })),
      '   ',
      '[1, 2]',
    ].join('\r\n');
    const { events, errors } = parseJsonLines(text);
    expect(events.map((e) => e.id)).toEqual([uuid(1), uuid(3)]);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toEqual({
      line: 3,
      message: 'line 3: outcome.amount.currency: expected a 3-letter ISO code',
      field: 'outcome.amount.currency',
      reason: 'expected a 3-letter ISO code',
    });
    expect(errors[1]?.line).toBe(4);
    expect(errors[1]?.message).toMatch(/^line 4: not valid JSON \(.+\)$/);
    expect(errors[2]).toMatchObject({ line: 6, message: 'line 6: correctsId: required for a correction: the id of the entry it corrects', field: 'correctsId' });
    expect(errors[3]).toEqual({ line: 8, message: 'line 8: expected a contact log entry (an object)', field: '', reason: 'expected a contact log entry (an object)' });
  });

  it('reports every problem of a line', () => {
    const { errors } = parseJsonLines(JSON.stringify(rawEntry(1, '2026-11-02', { channel: 'fax', author: '' })));
    expect(errors.map((e) => e.message)).toEqual([
      'line 1: author: must not be empty',
      'line 1: channel: expected one of email, phone, sms, letter, registered-letter, visit, meeting, other',
    ]);
  });

  const good = JSON.stringify(rawEntry(1, '2026-11-02'));
  it.each<[string, string, string | undefined]>([
    ['an empty file', '\n  \n', 'empty'],
    ['a binary file (a zip)', `PK\u0003\u0004\u0000\u0000${'\uFFFD'.repeat(40)}`, 'binary'],
    ['a customer export', `${customerExportJson(customer, [], [entry(1, '2026-11-02')])}`, 'customer-export'],
    ['a JSON array of entries', `[${good},\n${good}]`, 'json-document'],
    ['a pretty-printed entry', JSON.stringify(rawEntry(1, '2026-11-02'), null, 2), 'json-document'],
    ['a CSV', 'date,channel,notes\n2026-11-02,phone,"Called, no answer"\n', 'not-json'],
    ['JSON lines that are not entries', '{"a": 1}\n{"b": 2}\n', undefined],
    ['a log with a bad line', `${good}\nnot json\n`, undefined],
  ])('tells when the whole file is not a log: %s → %s', (_label, text, kind) => {
    const parsed = parseJsonLines(text);
    expect(parsed.fileProblem?.kind).toBe(kind);
    if (kind !== undefined) expect(parsed.events).toEqual([]);
  });

  it('a text file with no JSON line gives its first line’s problem', () => {
    const parsed = parseJsonLines('Dear customer,\nplease pay.\n');
    expect(parsed.fileProblem).toEqual({ kind: 'not-json', firstError: expect.objectContaining({ line: 1, field: '' }) });
    expect(parsed.errors).toHaveLength(2);
  });

  it('ignores a byte-order mark', () => {
    expect(parseJsonLines(`\uFEFF${JSON.stringify(rawEntry(1, '2026-11-02'))}\n`).events).toHaveLength(1);
  });
});

describe('mergeEvents', () => {
  it('importing the same file twice adds nothing the second time', () => {
    const file = toJsonLines(log);
    const first = mergeEvents([], parseJsonLines(file).events);
    expect(first).toEqual({ toAdd: parseJsonLines(file).events, duplicates: 0, conflicts: [] });
    const second = mergeEvents(first.toAdd, parseJsonLines(file).events);
    expect(second).toEqual({ toAdd: [], duplicates: 3, conflicts: [] });
  });

  it('key order and omitted defaults do not make a difference', () => {
    const stored = entry(1, '2026-11-02');
    const reordered = ContactEventSchema.parse(Object.fromEntries(Object.entries(rawEntry(1, '2026-11-02')).reverse()));
    expect(mergeEvents([stored], [reordered])).toEqual({ toAdd: [], duplicates: 1, conflicts: [] });
  });

  it.each<[string, ContactEvent[], ContactEvent[], { toAdd: string[]; duplicates: number; conflicts: string[] }]>([
    ['new entries are added', [entry(1, '2026-11-02')], [entry(2, '2026-11-03')], { toAdd: [uuid(2)], duplicates: 0, conflicts: [] }],
    [
      'same id, other content: conflict, stored one kept',
      [entry(1, '2026-11-02')],
      [entry(1, '2026-11-02', { notes: 'changed', outcome: { type: 'refused' } }), entry(2, '2026-11-03')],
      {
        toAdd: [uuid(2)],
        duplicates: 0,
        conflicts: [`entry ${uuid(1)} is already stored with different content (notes, outcome); the stored entry was kept`],
      },
    ],
    [
      'the same id twice in one import',
      [],
      [entry(1, '2026-11-02'), entry(1, '2026-11-02'), entry(1, '2026-11-02', { author: 'Marc' })],
      {
        toAdd: [uuid(1)],
        duplicates: 1,
        conflicts: [`entry ${uuid(1)} appears twice in the import with different content (author); the first was kept`],
      },
    ],
  ])('%s', (_label, existing, incoming, expected) => {
    const result = mergeEvents(existing, incoming);
    expect({
      toAdd: result.toAdd.map((e) => e.id),
      duplicates: result.duplicates,
      conflicts: result.conflicts.map((c) => c.message),
    }).toEqual(expected);
    expect(result.conflicts.every((c) => c.id === uuid(1))).toBe(true);
  });

  it('keeps the stored version of a conflicting entry untouched', () => {
    const stored = entry(1, '2026-11-02');
    const snapshot = structuredClone(stored);
    const result = mergeEvents([stored], [entry(1, '2026-11-02', { notes: 'changed' })]);
    expect(result.toAdd).toEqual([]);
    expect(stored).toEqual(snapshot);
  });
});

describe('customerExportJson', () => {
  const invoices = [invoiceOf('INV/2026/0002'), invoiceOf('INV/2026/0001'), invoiceOf('X/1', `${SITE}|someone else`)];
  const foreign = entry(7, '2026-11-03', { customerId: `${SITE}|someone else` });

  it('is the same document whatever the order of its inputs', () => {
    const a = customerExportJson(customer, invoices, [...log, foreign]);
    const b = customerExportJson(customer, [...invoices].reverse(), [foreign, ...log].reverse());
    expect(a).toBe(b);
  });

  it("holds the customer, their invoices by id and their raw log by recording time, nobody else's", () => {
    const doc = JSON.parse(customerExportJson(customer, invoices, [...log, foreign])) as {
      format: string;
      version: number;
      customer: { id: string; segment: string };
      invoices: Array<{ id: string }>;
      contactLog: Array<{ id: string; kind: string }>;
    };
    expect(doc.format).toBe('amiable.customer-export');
    expect(doc.version).toBe(1);
    expect(doc.customer).toMatchObject({ id: CUSTOMER_ID, segment: 'standard' });
    expect(doc.invoices.map((i) => i.id)).toEqual([INV1, INV2]);
    expect(doc.contactLog.map((e) => [e.id, e.kind])).toEqual([
      [uuid(1), 'contact'],
      [uuid(2), 'correction'],
      [uuid(3), 'contact'],
    ]);
    // The exported log can be imported back as is.
    const reimported = ContactEventSchema.array().parse(doc.contactLog);
    expect(mergeEvents(log, reimported)).toEqual({ toAdd: [], duplicates: 3, conflicts: [] });
  });
});

describe('customerExportCsv', () => {
  const invoices = [invoiceOf('INV/2026/0001'), invoiceOf('INV/2026/0002')];
  const parseCsv = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

  it('one row per current entry, oldest first, with readable outcome, amount and invoice numbers', () => {
    const events = [
      ...log,
      entry(4, '2026-11-20', {
        invoiceIds: [INV1, INV2],
        channel: 'registered-letter',
        trackingNumber: '1A00112233445',
        outcome: { type: 'payment-plan', installments: [{ dueDate: '2026-12-15', amount: eur(60000) }, { dueDate: '2027-01-15', amount: eur(60050) }], covered: eur(120050) },
        followUpDate: '2026-12-16',
      }),
      entry(5, '2026-11-21'),
      ContactEventSchema.parse({
        id: uuid(6),
        customerId: CUSTOMER_ID,
        at: '2026-11-22T10:00:00.000Z',
        recordedAt: '2026-11-22T10:00:00.000Z',
        author: 'Claire',
        kind: 'retraction',
        correctsId: uuid(5),
      }),
      entry(8, '2026-11-04', { customerId: `${SITE}|someone else` }),
    ];
    const { data, meta, errors } = parseCsv(customerExportCsv(customer, invoices, events));
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([...CUSTOMER_CSV_COLUMNS]);
    expect(data).toEqual([
      {
        date: '2026-11-02T10:00:00.000Z',
        channel: 'email',
        direction: 'outgoing',
        author: 'Claire',
        outcome: 'voicemail',
        amount: '',
        currency: '',
        notes: '',
        invoices: 'INV/2026/0001',
        trackingNumber: '',
        followUpDate: '',
      },
      {
        date: '2026-11-12T10:00:00.000Z',
        channel: 'phone',
        direction: 'outgoing',
        author: 'Claire',
        outcome: 'promise-to-pay by 2026-12-01',
        amount: '1200.00',
        currency: 'EUR',
        notes: '',
        invoices: 'INV/2026/0001',
        trackingNumber: '',
        followUpDate: '',
      },
      {
        date: '2026-11-20T10:00:00.000Z',
        channel: 'registered-letter',
        direction: 'outgoing',
        author: 'Claire',
        outcome: 'payment-plan: 2026-12-15 600.00 EUR; 2027-01-15 600.50 EUR',
        amount: '1200.50',
        currency: 'EUR',
        notes: '',
        invoices: 'INV/2026/0001, INV/2026/0002',
        trackingNumber: '1A00112233445',
        followUpDate: '2026-12-16',
      },
    ]);
  });

  it('keeps notes with quotes, commas and line breaks intact, and defuses formulas', () => {
    const events = [
      entry(1, '2026-11-02', { notes: 'Sent "copy", with invoice\nsecond line' }),
      entry(2, '2026-11-03', { notes: '=HYPERLINK("http://evil.example")', author: '@admin' }),
    ];
    const { data } = parseCsv(customerExportCsv(customer, invoices, events));
    expect(data.map((row) => [row.author, row.notes])).toEqual([
      ['Claire', 'Sent "copy", with invoice\nsecond line'],
      ["'@admin", `'=HYPERLINK("http://evil.example")`],
    ]);
  });

  it('starts with a UTF-8 byte-order mark so Excel reads accents right', () => {
    const csv = customerExportCsv(customer, invoices, [entry(1, '2026-11-02', { author: 'Zoé' })]);
    expect(csv.startsWith('\uFEFFdate,channel,')).toBe(true);
    expect(parseCsv(csv).data[0]?.author).toBe('Zoé');
  });

  it.each<[string, string[], Record<string, unknown>, string]>([
    ['a dispute logged on the whole balance', [], { type: 'dispute', reason: 'Damaged', invoiceIds: [INV2] }, 'INV/2026/0002'],
    ['a dispute on one of the linked invoices', [INV1, INV2], { type: 'dispute', reason: 'Damaged', invoiceIds: [INV2] }, 'INV/2026/0001, INV/2026/0002'],
    ['a dispute on another invoice than the linked one', [INV1], { type: 'dispute', reason: 'Damaged', invoiceIds: [INV2] }, 'INV/2026/0001, INV/2026/0002'],
    ['a resolution', [], { type: 'dispute-resolved', invoiceIds: [INV1] }, 'INV/2026/0001'],
    ['a call on the whole balance', [], { type: 'reached' }, ''],
  ])('the invoices column of %s lists every invoice it is about', (_label, invoiceIds, outcome, expected) => {
    const { data } = parseCsv(customerExportCsv(customer, invoices, [entry(1, '2026-11-02', { invoiceIds, outcome })]));
    expect(data[0]?.invoices).toBe(expected);
  });

  it('shows an invoice id when the invoice is not in the list', () => {
    const { data } = parseCsv(customerExportCsv(customer, [], [entry(1, '2026-11-02')]));
    expect(data[0]?.invoices).toBe(INV1);
  });
});
