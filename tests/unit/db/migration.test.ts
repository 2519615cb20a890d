import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type AmiableDb } from '../../../utils/db/db';
import { appendEvent, exportAllEvents, retractEvent, timeline } from '../../../utils/db/events-repo';
import { DIGEST_SHARDS, loadAllLogStates } from '../../../utils/db/digests';
import { deriveCustomerState } from '../../../utils/domain/contact-log';
import type { ContactEvent, Invoice } from '../../../utils/domain/schemas';

const SITE = 'https://acme.odoo.com';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The database exactly as the first release declared it (db.ts, version 1), with nothing of version 2. */
function openV1(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    customers: 'id, site, name',
    invoices: 'id, customerId, site, number, dueDate',
    events: 'id, customerId, at, correctsId',
    sites: 'origin',
    settings: 'key',
  });
  return db;
}

/** The database exactly as schema version 2 declared it (db.ts, versions 1 and 2), events one row each. */
function openV2(name: string): Dexie {
  const db = openV1(name);
  db.version(2).stores({
    customers: 'id, site, name, searchKey',
    events: 'id, customerId, [customerId+at], recordedAt, correctsId',
  });
  return db;
}

const customers = [
  { id: `${SITE}|société générale`, name: 'Société Générale', key: 'societe generale' },
  { id: `${SITE}|garage  müller`, name: 'Garage  MÜLLER ', key: 'garage muller' },
  { id: `${SITE}|dupont`, name: 'Dupont', key: 'dupont' },
];

function event(n: number, customerId: string, at: string) {
  return {
    id: uuid(n),
    kind: 'contact',
    customerId,
    invoiceIds: [],
    at,
    recordedAt: at,
    author: 'Claire',
    channel: 'phone',
    direction: 'outgoing',
    outcome: { type: 'reached' },
    notes: '',
  };
}

let opened: AmiableDb | undefined;
afterEach(async () => {
  if (opened) {
    opened.close();
    await opened.delete();
    opened = undefined;
  }
});

describe('upgrade from schema version 1', () => {
  it('keeps every row, gives customers an accent-folded search key and indexes events by customer and date', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v1 = openV1(name);
    await v1.table('customers').bulkAdd(
      customers.map((c) => ({ id: c.id, site: SITE, name: c.name, debtorKind: 'business', segment: 'standard', createdAt: '2026-10-01T08:00:00.000Z', updatedAt: '2026-10-01T08:00:00.000Z' })),
    );
    const [sg, muller] = customers.map((c) => c.id) as [string, string];
    await v1.table('events').bulkAdd([
      event(1, sg, '2026-11-10T10:00:00.000Z'),
      event(2, muller, '2026-11-05T10:00:00.000Z'),
      event(3, sg, '2026-11-02T10:00:00.000Z'),
      event(4, sg, '2026-11-20T10:00:00.000Z'),
    ]);
    await v1.table('settings').put({ key: 'general', value: { authorName: 'Claire' } });
    expect(v1.verno).toBe(1);
    v1.close();

    opened = openDb(name);
    await opened.open();
    expect(opened.verno).toBe(4);

    const stored = await opened.customers.toArray();
    expect(stored.map((c) => [c.name, c.searchKey]).sort()).toEqual(customers.map((c) => [c.name, c.key]).sort());
    expect((await opened.logs.toArray()).flatMap((l) => l.events)).toHaveLength(4);
    expect(await opened.settings.get('general')).toEqual({ key: 'general', value: { authorName: 'Claire' } });

    // Customer search by key; each customer's timeline by date of contact.
    expect((await opened.customers.where('searchKey').startsWith('societe').toArray()).map((c) => c.name)).toEqual(['Société Générale']);
    expect((await timeline(opened, sg)).map((e) => e.id)).toEqual([uuid(3), uuid(1), uuid(4)]);
    expect((await timeline(opened, muller)).map((e) => e.id)).toEqual([uuid(2)]);
  });
});

describe('upgrade from schema version 2 to version 3 (one log per customer)', () => {
  it('moves every entry into its customer’s log in timeline order, drops the events table, and keeps ids unique', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v2 = openV2(name);
    const [sg, muller, dupont] = customers.map((c) => c.id) as [string, string, string];
    const correction = { ...event(5, sg, '2026-11-10T10:00:00.000Z'), kind: 'correction', correctsId: uuid(1), notes: 'fixed' };
    const retraction = {
      id: uuid(6),
      kind: 'retraction',
      correctsId: uuid(2),
      customerId: muller,
      invoiceIds: [],
      at: '2026-11-06T09:00:00.000Z',
      recordedAt: '2026-11-06T09:00:00.000Z',
      author: 'Marc',
    };
    const rows = [
      event(1, sg, '2026-11-10T10:00:00.000Z'),
      event(2, muller, '2026-11-05T10:00:00.000Z'),
      event(3, sg, '2026-11-02T10:00:00.000Z'),
      event(4, sg, '2026-11-20T10:00:00.000Z'),
      correction,
      retraction,
      event(7, dupont, '2026-10-30T16:00:00.000-04:00'),
    ];
    // Added in shuffled order: the log's order must come from the entries, not from the insertion.
    await v2.table('events').bulkAdd([rows[4], rows[6], rows[1], rows[3], rows[0], rows[5], rows[2]]);
    const before = (await v2.table('events').toArray()) as unknown[];
    v2.close();

    opened = openDb(name);
    await opened.open();
    expect(opened.verno).toBe(4);
    expect(opened.tables.map((t) => t.name).sort()).toEqual(['customers', 'digests', 'invoices', 'logIds', 'logs', 'settings', 'sites']);

    const logs = await opened.logs.toArray();
    expect(logs.map((l) => [l.customerId, l.events.length]).sort()).toEqual([[dupont, 1], [muller, 2], [sg, 4]].sort());
    for (const log of logs) expect(log.events.every((e) => e.customerId === log.customerId)).toBe(true);
    // Same order as the v2 [customerId+at] index: by date of contact, then id (entries 1 and 5 share a date).
    expect((await timeline(opened, sg)).map((e) => e.id)).toEqual([uuid(3), uuid(1), uuid(5), uuid(4)]);
    expect((await timeline(opened, muller)).map((e) => e.id)).toEqual([uuid(2), uuid(6)]);
    // Nothing lost or changed: the backup of the migrated log holds exactly the v2 rows.
    const sortById = (list: unknown[]) => [...list].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
    const exported = (await exportAllEvents(opened)).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(sortById(exported)).toEqual(sortById(before));
    // An id moved from v2 stays taken, even for another customer, and is found by id for a retraction.
    await expect(appendEvent(opened, { ...event(2, dupont, '2026-11-21T10:00:00.000Z') } as never)).rejects.toThrow(/already stored/);
    const retracted = await retractEvent(opened, uuid(7), 'Marc', '2026-11-22T09:00:00.000Z');
    expect((await timeline(opened, dupont)).map((e) => e.id)).toEqual([uuid(7), retracted.id]);
  });

  it('opens an empty version 2 database as an empty log', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v2 = openV2(name);
    await v2.open();
    v2.close();
    opened = openDb(name);
    expect(await opened.logs.count()).toBe(0);
    expect(await exportAllEvents(opened)).toBe('');
  });
});

/** The database exactly as schema version 3 declared it (db.ts, versions 1 to 3): one log per customer. */
function openV3(name: string): Dexie {
  const db = openV2(name);
  db.version(3).stores({ logs: 'customerId', logIds: 'shard', events: null });
  return db;
}

describe('upgrade from schema version 3 to version 4 (stored log states)', () => {
  const invoice = (number: string, customerId: string, extra: Partial<Invoice> = {}): Invoice => ({
    id: `${SITE}|${number}`,
    site: SITE,
    number,
    customerId,
    customerName: customerId.split('|')[1]!,
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    dueDate: '2026-10-31',
    amountDue: { amountMinor: 120000, currency: 'EUR' },
    firstSeenAt: '2026-10-01T08:00:00.000Z',
    lastSeenAt: '2026-11-20T08:00:00.000Z',
    ...extra,
  });

  it('builds every customer’s log state from the stored rows, the same as derived from the whole log', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v3 = openV3(name);
    const [sg, muller, dupont] = customers.map((c) => c.id) as [string, string, string];
    await v3.table('customers').bulkAdd(
      customers.map((c) => ({ id: c.id, site: SITE, name: c.name, searchKey: c.key, debtorKind: 'business', segment: 'standard', createdAt: '2026-10-01T08:00:00.000Z', updatedAt: '2026-10-01T08:00:00.000Z' })),
    );
    const invoices = [invoice('F-1', sg), invoice('F-2', sg, { paid: true, amountDue: { amountMinor: 0, currency: 'EUR' } }), invoice('F-3', muller)];
    await v3.table('invoices').bulkAdd(invoices);
    const promise = {
      ...event(1, sg, '2026-11-10T10:00:00.000Z'),
      invoiceIds: [`${SITE}|F-1`],
      outcome: { type: 'promise-to-pay', date: '2026-11-15', amount: { amountMinor: 120000, currency: 'EUR' } },
    };
    const dispute = {
      ...event(2, muller, '2026-11-12T10:00:00.000Z'),
      invoiceIds: [`${SITE}|F-3`],
      outcome: { type: 'dispute', reason: 'Livraison incomplète', invoiceIds: [`${SITE}|F-3`] },
      followUpDate: '2026-11-25',
    };
    const logs = [
      { customerId: sg, events: [event(3, sg, '2026-11-02T10:00:00.000Z'), promise] },
      { customerId: muller, events: [dispute] },
    ];
    await v3.table('logs').bulkAdd(logs);
    v3.close();

    opened = openDb(name);
    await opened.open();
    expect(opened.verno).toBe(4);
    expect(await opened.digests.count()).toBe(DIGEST_SHARDS);
    const today = '2026-11-20';
    const states = await loadAllLogStates(opened, today, 3);
    expect(states.map((s) => s.name).sort()).toEqual(customers.map((c) => c.name).sort());
    const expected = (customerId: string) =>
      deriveCustomerState({
        events: (logs.find((l) => l.customerId === customerId)?.events ?? []) as ContactEvent[],
        invoices: invoices.filter((i) => i.customerId === customerId),
        today,
      });
    for (const id of [sg, muller, dupont]) expect(states.find((s) => s.customerId === id)?.state).toEqual(expected(id));
    // What the user sees: the promise on F-1 broken (not paid after its grace), F-3 under dispute.
    expect(states.find((s) => s.customerId === sg)?.state.brokenPromise?.eventId).toBe(uuid(1));
    expect(states.find((s) => s.customerId === muller)?.state.disputedInvoiceIds).toEqual([`${SITE}|F-3`]);
    expect(states.find((s) => s.customerId === dupont)?.state.lastContact).toBeUndefined();
  });

  it('a new database starts with every shard, empty', async () => {
    opened = openDb(`test-${crypto.randomUUID()}`);
    await opened.open();
    expect(await opened.digests.count()).toBe(DIGEST_SHARDS);
    expect(await loadAllLogStates(opened, '2026-11-20', 3)).toEqual([]);
  });
});
