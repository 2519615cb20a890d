// The contact log in the database. Append-only: entries are added, never updated; a correction or a
// retraction is a new entry pointing at the one it changes. The only destructive operation is
// eraseCustomer (the customer's right to erasure), which deletes everything held on one customer.
import Dexie from 'dexie';
import { mergeEvents, toJsonLines, type MergeConflict } from '../domain/log-io';
import {
  ContactEventSchema,
  formatZodIssues,
  type ContactEvent,
  type ContactEventInput,
  type FieldIssue,
} from '../domain/schemas';
import type { IsoDateTime } from '../domain/types';
import type { AmiableDb } from './db';

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

/**
 * Validates and stores a new entry. Never overwrites: an id already stored is refused by the database.
 * @returns the entry as stored (schema defaults applied).
 * @throws EventValidationError when the entry does not match ContactEventSchema.
 */
export async function appendEvent(db: AmiableDb, event: ContactEventInput): Promise<ContactEvent> {
  const stored = validate(event);
  await db.events.add(stored);
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
  const target = await db.events.get(id);
  if (!target) throw new Error(`no contact log entry with id ${id}`);
  if (target.kind === 'retraction') throw new Error(`entry ${id} is already a retraction`);
  return appendEvent(db, {
    id: crypto.randomUUID(),
    kind: 'retraction',
    correctsId: id,
    customerId: target.customerId,
    invoiceIds: target.invoiceIds,
    at: now,
    recordedAt: now,
    author,
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
 * Merges entries (e.g. from parseJsonLines) into the log in one transaction: only ids not stored yet
 * are added; nothing stored changes. Importing the same entries twice adds nothing the second time.
 * @throws EventValidationError (nothing is stored) when an entry does not match the schema.
 */
export async function importEvents(db: AmiableDb, events: readonly ContactEventInput[]): Promise<ImportResult> {
  const incoming = events.map(validate);
  return db.transaction('rw', db.events, async () => {
    const stored = await storedAmong(db, [...new Set(incoming.map((e) => e.id))]);
    const merge = mergeEvents(stored, incoming);
    await db.events.bulkAdd(merge.toAdd);
    return { added: merge.toAdd.length, duplicates: merge.duplicates, conflicts: merge.conflicts };
  });
}

/**
 * The stored entries whose id is in `ids`. Each get is a round trip to the database (100,000 of them take
 * seconds in Chromium), so an empty log is not read at all, and a large import first reads every stored id
 * in one request and fetches only the ids found.
 */
async function storedAmong(db: AmiableDb, ids: string[]): Promise<ContactEvent[]> {
  const count = await db.events.count();
  if (count === 0) return [];
  let wanted = ids;
  if (ids.length > count / 32) {
    const storedIds = new Set(await db.events.toCollection().primaryKeys());
    wanted = ids.filter((id) => storedIds.has(id));
  }
  const found = await db.events.bulkGet(wanted);
  return found.filter((e): e is ContactEvent => e !== undefined);
}

/** The whole log (every customer, corrections and retractions included) as JSON Lines, for a backup. */
export async function exportAllEvents(db: AmiableDb): Promise<string> {
  return toJsonLines(await db.events.toArray());
}

export interface ErasureResult {
  customer: boolean;
  invoices: number;
  events: number;
}

/**
 * Deletes a customer, its invoices and its whole contact log, in one transaction (all or nothing).
 * The only operation that removes log entries. Other customers are untouched.
 */
export async function eraseCustomer(db: AmiableDb, customerId: string): Promise<ErasureResult> {
  return db.transaction('rw', db.customers, db.invoices, db.events, async () => {
    const customer = (await db.customers.get(customerId)) !== undefined;
    await db.customers.delete(customerId);
    const invoices = await db.invoices.where('customerId').equals(customerId).delete();
    const events = await db.events.where('customerId').equals(customerId).delete();
    return { customer, invoices, events };
  });
}

/**
 * One customer's raw log (every version), in the order of the `[customerId+at]` index: by `at` as
 * written, oldest first. Pass it to currentView / historyOf / deriveCustomerState.
 */
export async function timeline(db: AmiableDb, customerId: string): Promise<ContactEvent[]> {
  return db.events
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .toArray();
}
