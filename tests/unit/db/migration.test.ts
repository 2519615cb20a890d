import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type AmiableDb } from '../../../utils/db/db';
import { timeline } from '../../../utils/db/events-repo';

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

describe('upgrade from schema version 1 to version 2', () => {
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
    expect(opened.verno).toBe(2);

    const stored = await opened.customers.toArray();
    expect(stored.map((c) => [c.name, c.searchKey]).sort()).toEqual(customers.map((c) => [c.name, c.key]).sort());
    expect(await opened.events.count()).toBe(4);
    expect(await opened.settings.get('general')).toEqual({ key: 'general', value: { authorName: 'Claire' } });

    // The new indexes answer queries: customer search by key, timeline by [customerId+at].
    expect((await opened.customers.where('searchKey').startsWith('societe').toArray()).map((c) => c.name)).toEqual(['Société Générale']);
    expect((await timeline(opened, sg)).map((e) => e.id)).toEqual([uuid(3), uuid(1), uuid(4)]);
    expect((await timeline(opened, muller)).map((e) => e.id)).toEqual([uuid(2)]);
  });
});
