// The stored read model of every customer's log state (schema version 4): per customer, the digest of its log
// (digestToStore), the facts of its invoices the log reads and its name, so that the state of all customers is
// computed without reading 100,000 entries and 20,000 invoice rows. Kept exact by every write it depends on, in
// the same transaction (events-repo.ts, invoices-repo.ts); rebuildDigests recomputes it from the stored rows.
import {
  DigestRangeError,
  deriveCustomerState,
  digestLog,
  digestToStore,
  invoiceForLog,
  stateFromDigest,
  type CustomerLogState,
  type InvoiceForLog,
  type LogDigest,
} from '../domain/contact-log';
import type { ContactEvent, Invoice } from '../domain/schemas';
import type { IsoDate } from '../domain/types';
import type { AmiableDb, CustomerLog, CustomerRecord, DigestShard } from './db';

/**
 * How many shard records hold the digests. IndexedDB costs about 0.2 ms per record written, and a value over
 * 64 KB is stored as a separate blob (a read-modify-write of one then costs tens of ms): 128 shards keep each
 * near 130 KB of text for 5,000 customers, while reading them all stays one getAll of 128 records.
 */
export const DIGEST_SHARDS = 128;

/** What the read model holds on one customer. */
export interface CustomerDigest {
  customerId: string;
  /** Absent while the customer is not stored (entries imported before any of its invoices was seen). */
  name?: string;
  digest: LogDigest;
  /** Its invoices' facts, by id. */
  invoices: InvoiceForLog[];
}

/** The shard of a customer id (FNV-1a: stable, spreads ids evenly). */
export function digestShardOf(customerId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    hash ^= customerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % DIGEST_SHARDS;
}

// Digests are stored as one JSON text per shard: IndexedDB clones thousands of small objects far more slowly than
// it copies a string, and JSON.parse of the text is faster than that clone (measured in Chromium: 125-170 ms
// against 250-300 ms for all 5,000 customers).
function encode(shard: number, entries: Iterable<CustomerDigest>): DigestShard {
  const sorted = [...entries].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return { shard, text: JSON.stringify(sorted) };
}

function decode(record: DigestShard): CustomerDigest[] {
  return JSON.parse(record.text) as CustomerDigest[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every shard (empty ones too) built from the stored rows: what the upgrader and rebuildDigests write. */
export function buildDigestShards(
  customers: readonly Pick<CustomerRecord, 'id' | 'name'>[],
  invoices: readonly Invoice[],
  logs: readonly CustomerLog[],
): DigestShard[] {
  const entries = new Map<string, CustomerDigest>();
  const entryOf = (customerId: string): CustomerDigest => {
    let entry = entries.get(customerId);
    if (!entry) entries.set(customerId, (entry = { customerId, digest: EMPTY_DIGEST, invoices: [] }));
    return entry;
  };
  for (const c of customers) entryOf(c.id).name = c.name;
  for (const i of invoices) entryOf(i.customerId).invoices.push(invoiceForLog(i));
  for (const l of logs) entryOf(l.customerId).digest = digestToStore(l.events);
  const shards: CustomerDigest[][] = Array.from({ length: DIGEST_SHARDS }, () => []);
  for (const entry of entries.values()) {
    entry.invoices.sort(byId);
    shards[digestShardOf(entry.customerId)]!.push(entry);
  }
  return shards.map((list, shard) => encode(shard, list));
}

const EMPTY_DIGEST: LogDigest = digestLog([]);

/** Recomputes every shard from the stored customers, invoices and logs, in one transaction. */
export async function rebuildDigests(db: AmiableDb): Promise<void> {
  await db.transaction('rw', [db.customers, db.invoices, db.logs, db.digests], async () => {
    const [customers, invoices, logs] = await Promise.all([db.customers.toArray(), db.invoices.toArray(), db.logs.toArray()]);
    await db.digests.bulkPut(buildDigestShards(customers, invoices, logs));
  });
}

/** A change to one customer's entry, applied by updateDigests. */
export type DigestChange =
  | { customerId: string; erase: true }
  | {
      customerId: string;
      name?: string;
      /** Its log's new digest (digestToStore of the whole log). */
      digest?: LogDigest;
      /** Invoices seen: their facts replace those stored under the same id. */
      invoices?: readonly InvoiceForLog[];
      /** Invoices no longer this customer's. */
      dropInvoiceIds?: readonly string[];
    };

/** Shards read for a change, by shard number (a shard missing from the store is absent). */
export type LoadedDigestShards = Map<number, { before: string; entries: Map<string, CustomerDigest> }>;

/**
 * Reads the shards holding `customerIds`, for applyDigestChanges; call inside the rw transaction that will
 * write them. Issued before the transaction's writes, the read does not wait behind them.
 */
export async function readDigestShards(db: AmiableDb, customerIds: Iterable<string>): Promise<LoadedDigestShards> {
  const keys = [...new Set([...customerIds].map(digestShardOf))];
  const records = keys.length === 0 ? [] : await db.digests.bulkGet(keys);
  const shards: LoadedDigestShards = new Map();
  records.forEach((record, i) => {
    if (record) shards.set(keys[i]!, { before: record.text, entries: new Map(decode(record).map((e) => [e.customerId, e])) });
  });
  return shards;
}

/**
 * Applies `changes` to shards read by readDigestShards (they must hold the changes' customers) and writes those
 * whose content changes. A shard missing from the store is left missing: loadAllLogStates then rebuilds every
 * shard from the stored rows.
 */
export async function writeDigestChanges(db: AmiableDb, shards: LoadedDigestShards, changes: readonly DigestChange[]): Promise<void> {
  for (const change of changes) {
    const shard = shards.get(digestShardOf(change.customerId));
    if (!shard) continue;
    if ('erase' in change) {
      shard.entries.delete(change.customerId);
      continue;
    }
    let entry = shard.entries.get(change.customerId);
    if (!entry) shard.entries.set(change.customerId, (entry = { customerId: change.customerId, digest: EMPTY_DIGEST, invoices: [] }));
    if (change.name !== undefined) entry.name = change.name;
    if (change.digest) entry.digest = change.digest;
    if (change.invoices || change.dropInvoiceIds) {
      const invoices = new Map(entry.invoices.map((i) => [i.id, i]));
      for (const id of change.dropInvoiceIds ?? []) invoices.delete(id);
      for (const i of change.invoices ?? []) invoices.set(i.id, invoiceForLog(i));
      entry.invoices = [...invoices.values()].sort(byId);
    }
  }
  const changed: DigestShard[] = [];
  for (const [key, shard] of shards) {
    const record = encode(key, shard.entries.values());
    if (record.text !== shard.before) changed.push(record);
  }
  if (changed.length > 0) await db.digests.bulkPut(changed);
}

/**
 * Applies `changes` to the stored shards; call inside a rw transaction that includes `db.digests` and the tables
 * the changes come from (readDigestShards then writeDigestChanges).
 */
export async function updateDigests(db: AmiableDb, changes: readonly DigestChange[]): Promise<void> {
  if (changes.length === 0) return;
  await writeDigestChanges(db, await readDigestShards(db, changes.map((c) => c.customerId)), changes);
}

/** Every stored entry, from the shards (rebuilt first when one is missing). */
export async function readAllDigests(db: AmiableDb): Promise<CustomerDigest[]> {
  let records = await db.digests.toArray();
  if (records.length < DIGEST_SHARDS) {
    await rebuildDigests(db);
    records = await db.digests.toArray();
  }
  return records.flatMap(decode);
}

export interface CustomerLogStateRow {
  customerId: string;
  name: string;
  state: CustomerLogState;
}

/**
 * Every stored customer's log state as of `today`, from the read model: what deriveCustomerState gives on its
 * whole log and invoices. A digest that does not reach back to `today` (the clock went back) is derived from the
 * customer's log instead.
 * @throws when `today` is not a real date or the grace is not a whole number ≥ 0.
 */
export async function loadAllLogStates(db: AmiableDb, today: IsoDate, promiseGraceDays: number): Promise<CustomerLogStateRow[]> {
  const rows: CustomerLogStateRow[] = [];
  for (const entry of await readAllDigests(db)) {
    if (entry.name === undefined) continue;
    // Synchronous for every customer whose digest answers (all of them but after a clock change).
    const state = digestState(entry, today, promiseGraceDays) ?? (await logState(db, entry, today, promiseGraceDays));
    rows.push({ customerId: entry.customerId, name: entry.name, state });
  }
  return rows;
}

/** One entry's state from its digest alone; undefined when the digest does not reach back to `today`. */
function digestState(entry: CustomerDigest, today: IsoDate, promiseGraceDays: number): CustomerLogState | undefined {
  try {
    return stateFromDigest(entry.digest, entry.invoices, today, promiseGraceDays);
  } catch (error) {
    if (error instanceof DigestRangeError) return undefined;
    throw error;
  }
}

/** One entry's state; the log is read only when the digest does not answer for `today`. */
export async function stateOf(
  db: AmiableDb,
  entry: CustomerDigest,
  today: IsoDate,
  promiseGraceDays: number,
): Promise<CustomerLogState> {
  return digestState(entry, today, promiseGraceDays) ?? logState(db, entry, today, promiseGraceDays);
}

/** One entry's state derived from its customer's whole log (when the digest does not answer). */
async function logState(db: AmiableDb, entry: CustomerDigest, today: IsoDate, promiseGraceDays: number): Promise<CustomerLogState> {
  const events: ContactEvent[] = (await db.logs.get(entry.customerId))?.events ?? [];
  return deriveCustomerState({ events, invoices: entry.invoices, today, promiseGraceDays });
}
