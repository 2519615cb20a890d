// The one Dexie database, in the extension's own origin. Opened by the background and extension pages only:
// a content script opening IndexedDB would write into the host page's origin.
import Dexie, { type EntityTable } from 'dexie';
import type { ContactEvent, Customer, Invoice } from '../domain/schemas';
import { buildDigestShards } from './digests';

/** A self-hosted accounting site the user added in the options (Dolibarr, Odoo on premises, ...). */
export interface SiteRecord {
  origin: string;
  addedAt: string;
}

/** Customer row as stored: the domain record plus a search key (added by schema version 2). */
export type CustomerRecord = Customer & { searchKey: string };

/**
 * One customer's whole contact log, every version of every entry, as one record (schema version 3). IndexedDB
 * costs about the same per record whatever its size, so 100,000 entries stored as 5,000 logs import and read
 * many times faster than as 100,000 rows. Entries are kept in timeline order: by `at` as written, then by id.
 */
export interface CustomerLog {
  customerId: string;
  events: ContactEvent[];
}

/**
 * Which customer holds each entry id, in 256 shards by the id's first two characters (schema version 3): ids are
 * unique across all customers, and with the log stored per customer this is how an append or a retraction finds
 * an id without reading every log. Written in the same transaction as the logs it describes.
 */
export interface LogIdShard {
  shard: string;
  /** Entry id → customer id. */
  owners: Map<string, string>;
}

/** The shard of an entry id in `logIds`. */
export function shardOf(eventId: string): string {
  return eventId.slice(0, 2).toLowerCase();
}

/**
 * Records which customer holds `event` in `shards` (shard key → shard being written). A shard missing there is
 * started from its stored copy in `stored`, when given, so the ids it already holds are kept.
 */
export function noteOwner(
  shards: Map<string, LogIdShard>,
  event: Pick<ContactEvent, 'id' | 'customerId'>,
  stored?: ReadonlyMap<string, LogIdShard>,
): void {
  const key = shardOf(event.id);
  let shard = shards.get(key);
  if (!shard) shards.set(key, (shard = { shard: key, owners: new Map(stored?.get(key)?.owners) }));
  shard.owners.set(event.id, event.customerId);
}

/**
 * One shard of the stored log states (schema version 4; see digests.ts): the JSON text of the CustomerDigest of
 * every customer whose id hashes to `shard`, sorted by customer id.
 */
export interface DigestShard {
  shard: number;
  text: string;
}

export type AmiableDb = Dexie & {
  customers: EntityTable<CustomerRecord, 'id'>;
  invoices: EntityTable<Invoice, 'id'>;
  logs: EntityTable<CustomerLog, 'customerId'>;
  logIds: EntityTable<LogIdShard, 'shard'>;
  digests: EntityTable<DigestShard, 'shard'>;
  sites: EntityTable<SiteRecord, 'origin'>;
  settings: EntityTable<{ key: string; value: unknown }, 'key'>;
};

export const DB_NAME = 'amiable';

/** Folds case, accents and spacing so "Société Générale" is found by "societe gen". */
export function searchKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Declares every schema version. Never edit a version that shipped: add a new one with its upgrader.
 * v1: first release. v2: customers get a searchKey (accent-folded name) for the side panel search,
 * and events a [customerId+at] index for timelines. v3: the contact log moves from one `events` row per entry to
 * one `logs` record per customer (see CustomerLog), with `logIds` to find an entry's customer by id; the upgrader
 * moves every entry, then `events` is dropped. v4: `digests`, the stored state of every customer's log (digests.ts),
 * built by the upgrader from the stored rows (and, for a new database, created empty).
 */
export function declareSchema(db: Dexie): void {
  db.version(1).stores({
    customers: 'id, site, name',
    invoices: 'id, customerId, site, number, dueDate',
    events: 'id, customerId, at, correctsId',
    sites: 'origin',
    settings: 'key',
  });
  db.version(2)
    .stores({
      customers: 'id, site, name, searchKey',
      events: 'id, customerId, [customerId+at], recordedAt, correctsId',
    })
    .upgrade((tx) =>
      tx
        .table('customers')
        .toCollection()
        .modify((c: { name: string; searchKey?: string }) => {
          c.searchKey = searchKeyOf(c.name);
        }),
    );
  db.version(3)
    .stores({ logs: 'customerId', logIds: 'shard', events: null })
    .upgrade(async (tx) => {
      const events = (await tx.table('events').toArray()) as ContactEvent[];
      const logs = new Map<string, ContactEvent[]>();
      const shards = new Map<string, LogIdShard>();
      for (const event of events) {
        const list = logs.get(event.customerId);
        if (list) list.push(event);
        else logs.set(event.customerId, [event]);
        noteOwner(shards, event);
      }
      await tx
        .table('logs')
        .bulkAdd([...logs].map(([customerId, list]): CustomerLog => ({ customerId, events: list.sort(byTimelineOrder) })));
      await tx.table('logIds').bulkAdd([...shards.values()]);
    });
  db.version(4)
    .stores({ digests: 'shard' })
    .upgrade(async (tx) => {
      const [customers, invoices, logs] = await Promise.all([
        tx.table('customers').toArray() as Promise<CustomerRecord[]>,
        tx.table('invoices').toArray() as Promise<Invoice[]>,
        tx.table('logs').toArray() as Promise<CustomerLog[]>,
      ]);
      await tx.table('digests').bulkPut(buildDigestShards(customers, invoices, logs));
    });
  db.on('populate', (tx) => tx.table('digests').bulkAdd(buildDigestShards([], [], [])));
}

/** The order of a customer's log (the order of the v2 `[customerId+at]` index): `at` as written, then id. */
export function byTimelineOrder(a: ContactEvent, b: ContactEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function openDb(name = DB_NAME): AmiableDb {
  const db = new Dexie(name) as AmiableDb;
  declareSchema(db);
  return db;
}

let shared: AmiableDb | undefined;
/** The database of this extension context (background or extension page). */
export function getDb(): AmiableDb {
  shared ??= openDb();
  return shared;
}
