// The contact log in the database. Append-only: entries are added, never updated; a correction or a
// retraction is a new entry pointing at the one it changes. The only destructive operation is
// eraseCustomer (the customer's right to erasure), which deletes everything held on one customer.
import { digestToStore } from '../domain/contact-log';
import { isValidatedEvents, mergeEvents, toJsonLines, type MergeConflict } from '../domain/log-io';
import {
  ContactEventSchema,
  formatZodIssues,
  type ContactEvent,
  type ContactEventInput,
  type FieldIssue,
} from '../domain/schemas';
import type { IsoDateTime } from '../domain/types';
import { byTimelineOrder, noteOwner, shardOf, type AmiableDb, type CustomerLog, type LogIdShard } from './db';
import { readDigestShards, updateDigests, writeDigestChanges, type DigestChange } from './digests';

/** A contact log entry that the schema refuses; `issues` name each wrong field (for forms and reports). */
export class EventValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(
      `Invalid contact log entry: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
    this.name = 'EventValidationError';
  }
}

/** Optional keys set to `undefined` are removed, so a cleared field is absent rather than stored as undefined. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function validate(input: unknown): ContactEvent {
  const parsed = ContactEventSchema.safeParse(input);
  if (!parsed.success) throw new EventValidationError(formatZodIssues(parsed.error));
  return withoutUndefined(parsed.data);
}

/** Where `event` goes in a log kept in timeline order: after every entry that sorts before it or with it. */
function insertInOrder(events: ContactEvent[], event: ContactEvent): void {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (byTimelineOrder(events[mid]!, event) <= 0) low = mid + 1;
    else high = mid;
  }
  events.splice(low, 0, event);
}

const alreadyStored = (id: string) =>
  new Error(`a contact log entry with id ${id} is already stored; entries are never overwritten`);

/**
 * Adds `event` to its customer's log and its id to `logIds`; call inside a rw transaction on both tables (and
 * `digests`, which the caller updates from the log returned). The customer's log is read, changed and written
 * whole in that transaction, so two side panels appending at once are serialized and neither entry is lost.
 * @returns the customer's log as now stored.
 */
async function appendInTransaction(db: AmiableDb, event: ContactEvent): Promise<ContactEvent[]> {
  const key = shardOf(event.id);
  const [log, shard] = await Promise.all([db.logs.get(event.customerId), db.logIds.get(key)]);
  if (shard?.owners.has(event.id) || log?.events.some((e) => e.id === event.id)) throw alreadyStored(event.id);
  const events = [...(log?.events ?? [])];
  insertInOrder(events, event);
  const owners = new Map(shard?.owners);
  owners.set(event.id, event.customerId);
  await Promise.all([db.logs.put({ customerId: event.customerId, events }), db.logIds.put({ shard: key, owners })]);
  return events;
}

/** The digest changes of the logs appended to (customer id → its log as now stored). */
function digestChangesOf(logs: Iterable<readonly [string, readonly ContactEvent[]]>): DigestChange[] {
  return [...logs].map(([customerId, events]) => ({ customerId, digest: digestToStore(events) }));
}

/** Appends one entry and stores its log's digest, the digest shard read beside the log (one round trip). */
async function appendOne(db: AmiableDb, event: ContactEvent): Promise<void> {
  const [shards, events] = await Promise.all([readDigestShards(db, [event.customerId]), appendInTransaction(db, event)]);
  await writeDigestChanges(db, shards, digestChangesOf([[event.customerId, events]]));
}

/**
 * Validates and stores a new entry. Never overwrites: an id already stored (under any customer) is refused.
 * @returns the entry as stored (schema defaults applied).
 * @throws EventValidationError when the entry does not match ContactEventSchema.
 */
export async function appendEvent(db: AmiableDb, event: ContactEventInput): Promise<ContactEvent> {
  const stored = validate(event);
  await db.transaction('rw', db.logs, db.logIds, db.digests, () => appendOne(db, stored));
  return stored;
}

/**
 * Validates and stores several new entries, all or nothing, in one transaction (e.g. a grouped reminder marked
 * as sent: one entry per level). Refuses, storing none, when any entry is invalid or its id already stored.
 * @returns the entries as stored, in the order given.
 */
export async function appendEvents(db: AmiableDb, events: readonly ContactEventInput[]): Promise<ContactEvent[]> {
  const stored = events.map(validate);
  await db.transaction('rw', db.logs, db.logIds, db.digests, async () => {
    const logs = new Map<string, ContactEvent[]>();
    for (const event of stored) logs.set(event.customerId, await appendInTransaction(db, event));
    await updateDigests(db, digestChangesOf(logs));
  });
  return stored;
}

/** Fields of an entry a correction may change; ids, kind and recording time are set by correctEvent. */
export type EventChanges = Partial<
  Omit<ContactEvent, 'id' | 'kind' | 'correctsId' | 'recordedAt' | 'author' | 'customerId'>
>;

/**
 * Appends a correction of `original` (any version of an entry): a copy of it with `changes` applied,
 * a new id, `correctsId` = `original.id`, written by `author` at `now`. A change set to `undefined`
 * removes that optional field (e.g. a follow-up date cleared).
 * @throws when `original` is a retraction, or EventValidationError when the corrected entry is invalid.
 */
export async function correctEvent(
  db: AmiableDb,
  original: ContactEvent,
  changes: EventChanges,
  author: string,
  now: IsoDateTime,
): Promise<ContactEvent> {
  if (original.kind === 'retraction') throw new Error(`entry ${original.id} is a retraction: it cannot be corrected`);
  const { correctsId: _previousTarget, ...rest } = original;
  return appendEvent(db, {
    ...rest,
    ...changes,
    id: crypto.randomUUID(),
    kind: 'correction',
    correctsId: original.id,
    recordedAt: now,
    author,
  });
}

/**
 * Appends a retraction of entry `id` (it disappears from the timeline but stays in its history).
 * @throws when no entry has that id, or when it is itself a retraction.
 */
export async function retractEvent(db: AmiableDb, id: string, author: string, now: IsoDateTime): Promise<ContactEvent> {
  return db.transaction('rw', db.logs, db.logIds, db.digests, async () => {
    const owner = (await db.logIds.get(shardOf(id)))?.owners.get(id);
    const target = owner === undefined ? undefined : (await db.logs.get(owner))?.events.find((e) => e.id === id);
    if (!target) throw new Error(`no contact log entry with id ${id}`);
    if (target.kind === 'retraction') throw new Error(`entry ${id} is already a retraction`);
    const retraction = validate({
      id: crypto.randomUUID(),
      kind: 'retraction',
      correctsId: id,
      customerId: target.customerId,
      invoiceIds: target.invoiceIds,
      at: now,
      recordedAt: now,
      author,
    });
    await appendOne(db, retraction);
    return retraction;
  });
}

export interface ImportResult {
  /** Entries stored by this import. */
  added: number;
  /** Entries identical to one already stored (or repeated in the import): nothing to do. */
  duplicates: number;
  /** Entries whose id is already stored with other content: the stored entry is kept. */
  conflicts: MergeConflict[];
}

/**
 * Merges entries (e.g. from parseJsonLines) into the log in one transaction: only ids not stored yet (under any
 * customer) are added; nothing stored changes. Importing the same entries twice adds nothing the second time.
 * Entries from parseJsonLines are stored as validated there; any other list is validated here first.
 * Reads the id shards (one getAll), the digest shards of the customers in the import, then only the logs
 * concerned: those of the customers in the import and of the customers already holding one of its ids; writes
 * back only the logs and shards that gain entries, and their customers' digests.
 * @throws EventValidationError (nothing is stored) when an entry does not match the schema.
 */
export async function importEvents(db: AmiableDb, events: readonly ContactEventInput[]): Promise<ImportResult> {
  const incoming: readonly ContactEvent[] = isValidatedEvents(events) ? events : events.map(validate);
  const customerIds = new Set(incoming.map((e) => e.customerId));
  return db.transaction('rw', db.logs, db.logIds, db.digests, async () => {
    const [storedShards, digestShards] = await Promise.all([db.logIds.toArray(), readDigestShards(db, customerIds)]);
    const shards = new Map(storedShards.map((s) => [s.shard, s]));
    const concerned = new Set(customerIds);
    for (const event of incoming) {
      const owner = shards.get(shardOf(event.id))?.owners.get(event.id);
      if (owner !== undefined) concerned.add(owner);
    }
    const logOf = new Map((await logsAmong(db, concerned)).map((l) => [l.customerId, l]));
    const incomingIds = new Set(incoming.map((e) => e.id));
    const stored: ContactEvent[] = [];
    for (const log of logOf.values()) for (const e of log.events) if (incomingIds.has(e.id)) stored.push(e);
    const merge = mergeEvents(stored, incoming);

    const changedLogs = new Map<string, CustomerLog>();
    const changedShards = new Map<string, LogIdShard>();
    for (const event of merge.toAdd) {
      let log = changedLogs.get(event.customerId);
      if (!log) {
        log = { customerId: event.customerId, events: [...(logOf.get(event.customerId)?.events ?? [])] };
        changedLogs.set(event.customerId, log);
      }
      log.events.push(event);
      noteOwner(changedShards, event, shards);
    }
    for (const log of changedLogs.values()) log.events.sort(byTimelineOrder);
    const writes = [db.logs.bulkPut([...changedLogs.values()]), db.logIds.bulkPut([...changedShards.values()])];
    // Digested while IndexedDB takes in the logs just put.
    const digests = digestChangesOf([...changedLogs.values()].map((l) => [l.customerId, l.events] as const));
    await Promise.all([...writes, writeDigestChanges(db, digestShards, digests)]);
    return { added: merge.toAdd.length, duplicates: merge.duplicates, conflicts: merge.conflicts };
  });
}

/**
 * The stored logs of `customerIds`. A get per key costs a round trip even for a log that does not exist, so only
 * stored keys are fetched (read in one request), and when most logs are wanted they are all read at once.
 */
async function logsAmong(db: AmiableDb, customerIds: ReadonlySet<string>): Promise<CustomerLog[]> {
  const storedKeys = await db.logs.toCollection().primaryKeys();
  const wanted = storedKeys.filter((k) => customerIds.has(k));
  if (wanted.length === 0) return [];
  if (wanted.length > storedKeys.length / 4) return (await db.logs.toArray()).filter((l) => customerIds.has(l.customerId));
  return (await db.logs.bulkGet(wanted)).filter((l): l is CustomerLog => l !== undefined);
}

/** The whole log (every customer, corrections and retractions included) as JSON Lines, for a backup. */
export async function exportAllEvents(db: AmiableDb): Promise<string> {
  return toJsonLines((await db.logs.toArray()).flatMap((l) => l.events));
}

export interface ErasureResult {
  customer: boolean;
  invoices: number;
  events: number;
}

/**
 * Deletes a customer, its invoices and its whole contact log (entries and their ids), in one transaction (all or nothing).
 * The only operation that removes log entries. Other customers are untouched.
 */
export async function eraseCustomer(db: AmiableDb, customerId: string): Promise<ErasureResult> {
  return db.transaction('rw', [db.customers, db.invoices, db.logs, db.logIds, db.digests], async () => {
    const customer = (await db.customers.get(customerId)) !== undefined;
    await db.customers.delete(customerId);
    const invoices = await db.invoices.where('customerId').equals(customerId).delete();
    const log = await db.logs.get(customerId);
    const ids = log?.events.map((e) => e.id) ?? [];
    const shards = (await db.logIds.bulkGet([...new Set(ids.map(shardOf))])).filter((s): s is LogIdShard => s !== undefined);
    for (const shard of shards) for (const id of ids) shard.owners.delete(id);
    await Promise.all([db.logIds.bulkPut(shards), db.logs.delete(customerId), updateDigests(db, [{ customerId, erase: true }])]);
    return { customer, invoices, events: ids.length };
  });
}

/**
 * One customer's raw log (every version), in timeline order: by `at` as written, oldest first, then by id.
 * Pass it to currentView / historyOf / deriveCustomerState.
 */
export async function timeline(db: AmiableDb, customerId: string): Promise<ContactEvent[]> {
  return (await db.logs.get(customerId))?.events ?? [];
}
