// In-page side of the contact-log benchmark (bundled by tests/bench/log.ts with esbuild, run in Chromium).
// Everything measured here is the project's real code against the browser's real IndexedDB, each figure next
// to a raw IndexedDB floor on the same data, in the same page.
import { z } from 'zod';
import { byTimelineOrder, openDb, type AmiableDb, type CustomerLog, type CustomerRecord } from '../../utils/db/db';
import { loadAllCases, customerCaseOf, readCollectionSettings } from '../../utils/db/collection';
import { loadAllLogStates, rebuildDigests, type CustomerDigest } from '../../utils/db/digests';
import { appendEvent, importEvents, timeline } from '../../utils/db/events-repo';
import { deriveCustomerState, stateFromDigest } from '../../utils/domain/contact-log';
import { parseJsonLines, toJsonLines } from '../../utils/domain/log-io';
import { nextBestAction, todoToday } from '../../utils/domain/next-action';
import type { PolicyCustomer } from '../../utils/domain/policy';
import { ContactEventSchema, CustomerSchema, InvoiceSchema, type ContactEvent, type Invoice } from '../../utils/domain/schemas';
import { BENCH_TODAY, DEFAULT_LOG_DATA, generateLogData, prng, type LogData } from './log-data';

let data: LogData | undefined;
let jsonLines = '';
let main: AmiableDb | undefined;
/** The per-event floor's database (the v2 layout: one row per entry), left by the last rawImportOnce. */
let perEvent: IDBDatabase | undefined;
const PER_EVENT_DB = 'bench-raw-per-event';

function loaded(): LogData {
  if (!data) throw new Error('call setup() first');
  return data;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** A fresh, empty database with the extension's schema (Dexie opens it, so object stores and indexes are the real ones). */
async function freshDb(name: string): Promise<AmiableDb> {
  const db = openDb(name);
  await db.delete();
  const fresh = openDb(name);
  await fresh.open();
  return fresh;
}

async function drop(db: AmiableDb): Promise<void> {
  db.close();
  await db.delete();
}

const storedCount = async (db: AmiableDb) => (await db.logs.toArray()).reduce((n, l) => n + l.events.length, 0);

/** A fresh raw database with the v2 `events` store exactly as Dexie declared it (one row per entry, four indexes). */
async function freshPerEventDb(): Promise<IDBDatabase> {
  perEvent?.close();
  perEvent = undefined;
  await request(indexedDB.deleteDatabase(PER_EVENT_DB) as unknown as IDBRequest<unknown>);
  const open = indexedDB.open(PER_EVENT_DB, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('events', { keyPath: 'id' });
    store.createIndex('customerId', 'customerId');
    store.createIndex('[customerId+at]', ['customerId', 'at']);
    store.createIndex('recordedAt', 'recordedAt');
    store.createIndex('correctsId', 'correctsId');
  };
  return request(open);
}

function invoicesOfCustomer(invoices: readonly Invoice[], customerId: string): Invoice[] {
  return invoices.filter((i) => i.customerId === customerId);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const api = {
  /** Generates the data set, checks it against the schemas and writes the JSON Lines file a user would import. */
  setup() {
    const t0 = performance.now();
    data = generateLogData(DEFAULT_LOG_DATA);
    for (const c of data.customers) CustomerSchema.parse(c);
    for (const i of data.invoices) InvoiceSchema.parse(i);
    let invalid = 0;
    for (const e of data.events) if (!ContactEventSchema.safeParse(e).success) invalid += 1;
    if (invalid > 0) throw new Error(`${invalid} generated events fail ContactEventSchema`);
    jsonLines = toJsonLines(data.events);
    const perCustomer = [...groupBy(data.events, (e) => e.customerId).values()].map((l) => l.length);
    return {
      customers: data.customers.length,
      invoices: data.invoices.length,
      unpaidInvoices: data.invoices.filter((i) => !i.paid).length,
      events: data.events.length,
      kinds: data.kinds,
      outcomes: Object.fromEntries(
        [...groupBy(data.events, (e) => e.outcome.type).entries()].map(([k, v]) => [k, v.length]),
      ),
      maxEventsPerCustomer: Math.max(...perCustomer),
      minEventsPerCustomer: Math.min(...perCustomer),
      jsonLinesBytes: new Blob([jsonLines]).size,
      setupMs: performance.now() - t0,
      userAgent: navigator.userAgent,
      // zod decides when its schemas are built (at load, under the page's policy; page.evaluate itself may eval).
      evalAllowed: z.core.util.allowsEval.value,
    };
  },

  /**
   * The side panel's import, from the file's text: parseJsonLines (JSON + schema per line), then importEvents
   * (no second validation: the entries come from parseJsonLines; getAll of the id shards, the digest shards and
   * logs concerned, mergeEvents, grouping per customer, bulkPut of logs and id shards, the customers' digests, in
   * one transaction) into an empty database.
   */
  async importOnce() {
    const db = await freshDb('bench-import');
    const t0 = performance.now();
    const parsed = parseJsonLines(jsonLines);
    const t1 = performance.now();
    const result = await importEvents(db, parsed.events);
    const t2 = performance.now();
    const stored = await storedCount(db);
    await drop(db);
    return { parseMs: t1 - t0, importEventsMs: t2 - t1, totalMs: t2 - t0, errors: parsed.errors.length, added: result.added, stored };
  },

  /**
   * Per-event floor (the v2 layout): JSON.parse of each line, then IDBObjectStore.add of every object in one
   * transaction, into a store with v2's four indexes. The database is kept for the per-event read floors.
   */
  async rawImportOnce() {
    const idb = await freshPerEventDb();
    const t0 = performance.now();
    const objects: ContactEvent[] = [];
    for (const line of jsonLines.split('\n')) if (line !== '') objects.push(JSON.parse(line) as ContactEvent);
    const t1 = performance.now();
    const tx = idb.transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    for (const o of objects) store.add(o);
    await done(tx);
    const t2 = performance.now();
    const stored = await request(idb.transaction('events', 'readonly').objectStore('events').count());
    perEvent = idb;
    return { jsonParseMs: t1 - t0, addMs: t2 - t1, totalMs: t2 - t0, stored };
  },

  /**
   * Floor of the new layout: JSON.parse of each line, grouping per customer in timeline order, then
   * IDBObjectStore.put of each customer's log in one transaction, into the extension's real `logs` store.
   */
  async rawLogsImportOnce() {
    const db = await freshDb('bench-raw-logs');
    const idb = db.backendDB();
    const t0 = performance.now();
    const objects: ContactEvent[] = [];
    for (const line of jsonLines.split('\n')) if (line !== '') objects.push(JSON.parse(line) as ContactEvent);
    const t1 = performance.now();
    const logs: CustomerLog[] = [...groupBy(objects, (e) => e.customerId)].map(([customerId, events]) => ({
      customerId,
      events: events.sort(byTimelineOrder),
    }));
    const t2 = performance.now();
    const tx = idb.transaction('logs', 'readwrite');
    const store = tx.objectStore('logs');
    for (const log of logs) store.put(log);
    await done(tx);
    const t3 = performance.now();
    const stored = await storedCount(db);
    await drop(db);
    return { jsonParseMs: t1 - t0, groupMs: t2 - t1, putMs: t3 - t2, totalMs: t3 - t0, stored };
  },

  /** Diagnostic of the import's parts, outside any transaction: one schema pass over the 100,000 entries. */
  importParts() {
    const events = loaded().events;
    const t = performance.now();
    for (const e of events) ContactEventSchema.safeParse(e);
    return { oneSchemaPassMs: performance.now() - t };
  },

  /** The database the queries read: the imported log plus customers and invoices. */
  async prepareMain() {
    const d = loaded();
    main = await freshDb('bench-main');
    await importEvents(main, d.events);
    await main.customers.bulkAdd(d.customers);
    await main.invoices.bulkAdd(d.invoices);
    // Customers and invoices are written raw here (not through upsertSeenInvoices), so the stored log states are
    // rebuilt from the stored rows, as the schema v4 upgrade does: timed, it is what that upgrade costs.
    let t = performance.now();
    await rebuildDigests(main);
    const rebuildDigestsMs = performance.now() - t;
    // Diagnostics on the full log: reading every log at once (what an import does first), and importing the
    // same file a second time (the real path again; every entry is a duplicate, so nothing is written).
    t = performance.now();
    const logs = await main.logs.toArray();
    const allLogsMs = performance.now() - t;
    t = performance.now();
    const again = await importEvents(main, parseJsonLines(jsonLines).events);
    const reimportMs = performance.now() - t;
    if (again.added !== 0 || again.duplicates !== d.events.length) throw new Error(`re-import: ${JSON.stringify(again).slice(0, 200)}`);
    return {
      events: await storedCount(main),
      customers: await main.customers.count(),
      invoices: await main.invoices.count(),
      logs: logs.length,
      allLogsMs,
      reimportMs,
      rebuildDigestsMs,
      digestShards: await main.digests.count(),
      digestBytes: (await main.digests.toArray()).reduce((n, s) => n + s.text.length, 0),
    };
  },

  /**
   * `count` timeline queries over customers drawn with `seed`, each next to two raw floors for the same customer,
   * each in its own read-only transaction: get of the customer's log (this layout) and index getAll on
   * [customerId+at] (the per-event layout); the order rotates so all three share the noise.
   */
  async timelines(count: number, seed: number, warmup: number) {
    const db = main;
    if (!db) throw new Error('call prepareMain() first');
    const customers = loaded().customers;
    const random = prng(seed);
    const idb = db.backendDB();
    const dexieMs: number[] = [];
    const rawMs: number[] = [];
    const perEventMs: number[] = [];
    let rows = 0;
    const events = perEvent;
    if (!events) throw new Error('call rawImportOnce() first');
    const raw = async (customerId: string) => {
      const tx = idb.transaction('logs', 'readonly');
      const log = await request(tx.objectStore('logs').get(customerId) as IDBRequest<CustomerLog | undefined>);
      return log?.events ?? [];
    };
    const rawPerEvent = async (customerId: string) => {
      const tx = events.transaction('events', 'readonly');
      const index = tx.objectStore('events').index('[customerId+at]');
      return request(index.getAll(IDBKeyRange.bound([customerId], [customerId, []])));
    };
    for (let q = 0; q < warmup + count; q++) {
      const customerId = customers[Math.floor(random() * customers.length)]!.id;
      let a = 0;
      let b = 0;
      let c = 0;
      let rawRows = 0;
      let perEventRows = 0;
      let dexieRows = 0;
      const runDexie = async () => {
        const t = performance.now();
        dexieRows = (await timeline(db, customerId)).length;
        a = performance.now() - t;
      };
      const runRaw = async () => {
        const t = performance.now();
        rawRows = (await raw(customerId)).length;
        b = performance.now() - t;
      };
      const runPerEvent = async () => {
        const t = performance.now();
        perEventRows = (await rawPerEvent(customerId)).length;
        c = performance.now() - t;
      };
      const order = [runDexie, runRaw, runPerEvent];
      for (let k = 0; k < 3; k++) await order[(q + k) % 3]!();
      if (rawRows !== dexieRows || perEventRows !== dexieRows) {
        throw new Error(`timeline of ${customerId}: ${dexieRows} rows, raw log ${rawRows}, raw index ${perEventRows}`);
      }
      if (q < warmup) continue;
      dexieMs.push(a);
      rawMs.push(b);
      perEventMs.push(c);
      rows += dexieRows;
    }
    return { dexieMs, rawMs, perEventMs, meanRows: rows / count };
  },

  /**
   * Every customer's derived state from the stored digests (loadAllLogStates: getAll of the digest shards,
   * JSON.parse, stateFromDigest per customer), beside its raw floor (getAll of the `digests` store), the floors of
   * deriving from the raw rows (getAll of customers and invoices; of customers, invoices and logs; and the per-event
   * layout's), the pure derivation on those arrays, and the side panel's "to do today" list (loadAllCases + policy).
   */
  async stateOnce(run: number) {
    const db = main;
    if (!db) throw new Error('call prepareMain() first');
    const settings = await readCollectionSettings(db);
    const grace = settings.general.promiseGraceDays;

    let logStates: Awaited<ReturnType<typeof loadAllLogStates>> = [];
    const viaLoadAllLogStates = async () => {
      const t0 = performance.now();
      logStates = await loadAllLogStates(db, BENCH_TODAY, grace);
      return performance.now() - t0;
    };
    let digestRecords: Array<{ shard: number; text: string }> = [];
    const digestRead = async () => {
      const t0 = performance.now();
      digestRecords = await request(idb.transaction('digests', 'readonly').objectStore('digests').getAll() as IDBRequest<typeof digestRecords>);
      return performance.now() - t0;
    };
    const viaLoadAllCases = async () => {
      const t0 = performance.now();
      const result = await loadAllCases(db, BENCH_TODAY, settings.general);
      return { result, ms: performance.now() - t0 };
    };
    const idb = db.backendDB();
    const rawRead = async () => {
      const t0 = performance.now();
      const tx = idb.transaction(['customers', 'invoices', 'logs'], 'readonly');
      const rows = await Promise.all([
        request(tx.objectStore('customers').getAll() as IDBRequest<CustomerRecord[]>),
        request(tx.objectStore('invoices').getAll() as IDBRequest<Invoice[]>),
        request(tx.objectStore('logs').getAll() as IDBRequest<CustomerLog[]>),
      ]);
      return { rows, ms: performance.now() - t0 };
    };
    // What any derived state must read besides the log: the customers and their invoices.
    const baseRead = async () => {
      const t0 = performance.now();
      const tx = idb.transaction(['customers', 'invoices'], 'readonly');
      await Promise.all([request(tx.objectStore('customers').getAll()), request(tx.objectStore('invoices').getAll())]);
      return performance.now() - t0;
    };
    const eventsDb = perEvent;
    if (!eventsDb) throw new Error('call rawImportOnce() first');
    const perEventRead = async () => {
      const t0 = performance.now();
      const tx = idb.transaction(['customers', 'invoices'], 'readonly');
      const rows = await Promise.all([
        request(tx.objectStore('customers').getAll() as IDBRequest<CustomerRecord[]>),
        request(tx.objectStore('invoices').getAll() as IDBRequest<Invoice[]>),
        request(eventsDb.transaction('events', 'readonly').objectStore('events').getAll() as IDBRequest<ContactEvent[]>),
      ]);
      return { rows, ms: performance.now() - t0 };
    };
    // Rotate which read goes first between runs, so none always finds the others' cache or garbage.
    let cases: Awaited<ReturnType<typeof viaLoadAllCases>> | undefined;
    let raw: Awaited<ReturnType<typeof rawRead>> | undefined;
    let perEventMs = 0;
    let perEventRows = 0;
    let baseReadMs = 0;
    let loadAllLogStatesMs = 0;
    let digestReadMs = 0;
    const reads = [
      async () => (loadAllLogStatesMs = await viaLoadAllLogStates()),
      async () => (digestReadMs = await digestRead()),
      async () => (baseReadMs = await baseRead()),
      async () => (cases = await viaLoadAllCases()),
      async () => (raw = await rawRead()),
      async () => {
        const r = await perEventRead();
        perEventMs = r.ms;
        perEventRows = r.rows[2].length;
      },
    ];
    for (let k = 0; k < reads.length; k++) await reads[(run + k) % reads.length]!();
    if (!cases || !raw) throw new Error('unreachable');
    const all = cases.result;
    const loadAllCasesMs = cases.ms;
    const rawReadMs = raw.ms;
    if (all.failures.length > 0) throw new Error(`${all.failures.length} customers failed: ${all.failures[0]!.error.message}`);
    const [customers, invoices, logs] = raw.rows;
    const events = logs.flatMap((l) => l.events);
    if (logStates.length !== customers.length) throw new Error(`loadAllLogStates gave ${logStates.length} states for ${customers.length} customers`);
    if (perEventRows !== events.length) throw new Error(`per-event floor read ${perEventRows} events, logs hold ${events.length}`);

    const invoicesOf = groupBy(invoices, (i) => i.customerId);
    const eventsOf = groupBy(events, (e) => e.customerId);
    let promises = 0;
    const parseStart = performance.now();
    const digests: CustomerDigest[] = digestRecords.flatMap((r) => JSON.parse(r.text) as CustomerDigest[]);
    const parseOnlyMs = performance.now() - parseStart;
    const finishOnly = () => {
      const t0 = performance.now();
      for (const d of digests) stateFromDigest(d.digest, d.invoices, BENCH_TODAY, grace);
      return performance.now() - t0;
    };
    // The stored states are what deriving from the raw rows gives (checked on every 25th customer).
    const stateOf = new Map(logStates.map((s) => [s.customerId, s.state]));
    for (let i = 0; i < customers.length; i += 25) {
      const c = customers[i]!;
      const derived = deriveCustomerState({ events: logs.find((l) => l.customerId === c.id)?.events ?? [], invoices: invoicesOfCustomer(invoices, c.id), today: BENCH_TODAY, promiseGraceDays: grace });
      if (JSON.stringify(derived) !== JSON.stringify(stateOf.get(c.id))) throw new Error(`stored state of ${c.id} differs from the derived one`);
    }
    const deriveOnly = () => {
      const t0 = performance.now();
      for (const c of customers) {
        const state = deriveCustomerState({
          events: eventsOf.get(c.id) ?? [],
          invoices: invoicesOf.get(c.id) ?? [],
          today: BENCH_TODAY,
          promiseGraceDays: settings.general.promiseGraceDays,
        });
        promises += state.promises.length;
      }
      return performance.now() - t0;
    };
    const caseOnly = () => {
      const t0 = performance.now();
      for (const c of customers) {
        customerCaseOf(c, invoicesOf.get(c.id) ?? [], eventsOf.get(c.id) ?? [], BENCH_TODAY, settings.general);
      }
      return performance.now() - t0;
    };
    // Alternate the order between runs: whichever runs first pays for the garbage of the read before it.
    let deriveOnlyMs: number;
    let caseOnlyMs: number;
    let finishOnlyMs: number;
    if (run % 2 === 0) {
      deriveOnlyMs = deriveOnly();
      caseOnlyMs = caseOnly();
      finishOnlyMs = finishOnly();
    } else {
      finishOnlyMs = finishOnly();
      caseOnlyMs = caseOnly();
      deriveOnlyMs = deriveOnly();
    }

    // The rest of the side panel's loadToday (TodayTab.tsx): the policy's next action per customer, then the list.
    const t = performance.now();
    const again = await loadAllCases(db, BENCH_TODAY, settings.general);
    const valid: PolicyCustomer[] = [];
    for (const c of again.cases) {
      nextBestAction(c.policyCustomer, BENCH_TODAY, settings.policy);
      valid.push(c.policyCustomer);
    }
    const todo = todoToday(valid, BENCH_TODAY, settings.policy);
    const todoTodayMs = performance.now() - t;

    return {
      loadAllLogStatesMs,
      digestReadMs,
      finishOnlyMs,
      parseOnlyMs,
      loadAllCasesMs,
      rawReadMs,
      baseReadMs,
      perEventMs,
      deriveOnlyMs,
      caseOnlyMs,
      todoTodayMs,
      cases: all.cases.length,
      rawRows: { customers: customers.length, invoices: invoices.length, logs: logs.length, events: events.length },
      promises,
      todoItems: todo.length,
    };
  },
};

/**
 * `count` single entries logged into the full log (appendEvent: one rw transaction reading and writing the
 * customer's log, the id shard and the customer's digest shard), each beside the floor of this layout (raw get + put of that customer's log
 * in one rw transaction) and the per-event floor (raw add of one row into the v2 store).
 */
async function appends(count: number, seed: number) {
  const db = main;
  const events = perEvent;
  if (!db || !events) throw new Error('call prepareMain() and rawImportOnce() first');
  const d = loaded();
  const random = prng(seed);
  const idb = db.backendDB();
  const appendMs: number[] = [];
  const rawMs: number[] = [];
  const perEventMs: number[] = [];
  const contacts = d.events.filter((e) => e.kind === 'contact');
  for (let q = 0; q < count; q++) {
    const template = contacts[Math.floor(random() * contacts.length)]!;
    const entry = (): ContactEvent => ({ ...template, id: crypto.randomUUID() });
    const runs = [
      async () => {
        const t = performance.now();
        await appendEvent(db, entry());
        appendMs.push(performance.now() - t);
      },
      async () => {
        const e = entry();
        const t = performance.now();
        const tx = idb.transaction('logs', 'readwrite');
        const store = tx.objectStore('logs');
        const log = await request(store.get(e.customerId) as IDBRequest<CustomerLog | undefined>);
        store.put({ customerId: e.customerId, events: [...(log?.events ?? []), e] });
        await done(tx);
        rawMs.push(performance.now() - t);
      },
      async () => {
        const e = entry();
        const t = performance.now();
        const tx = events.transaction('events', 'readwrite');
        tx.objectStore('events').add(e);
        await done(tx);
        perEventMs.push(performance.now() - t);
      },
    ];
    for (let k = 0; k < 3; k++) await runs[(q + k) % 3]!();
  }
  return { appendMs, rawMs, perEventMs };
}

const benchApi = { ...api, appends };
export type LogBench = typeof benchApi;
(globalThis as unknown as { __logBench: LogBench }).__logBench = benchApi;
