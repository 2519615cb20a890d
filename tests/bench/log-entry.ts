// In-page side of the contact-log benchmark (bundled by tests/bench/log.ts with esbuild, run in Chromium).
// Everything measured here is the project's real code against the browser's real IndexedDB, each figure next
// to a raw IndexedDB floor on the same data, in the same page.
import { openDb, type AmiableDb, type CustomerRecord } from '../../utils/db/db';
import { loadAllCases, customerCaseOf, readCollectionSettings } from '../../utils/db/collection';
import { importEvents, timeline } from '../../utils/db/events-repo';
import { deriveCustomerState } from '../../utils/domain/contact-log';
import { parseJsonLines, toJsonLines } from '../../utils/domain/log-io';
import { nextBestAction, todoToday } from '../../utils/domain/next-action';
import type { PolicyCustomer } from '../../utils/domain/policy';
import { ContactEventSchema, CustomerSchema, InvoiceSchema, type ContactEvent, type Invoice } from '../../utils/domain/schemas';
import { BENCH_TODAY, DEFAULT_LOG_DATA, generateLogData, prng, type LogData } from './log-data';

let data: LogData | undefined;
let jsonLines = '';
let main: AmiableDb | undefined;

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
    };
  },

  /**
   * The side panel's import, from the file's text: parseJsonLines (JSON + schema per line), then importEvents
   * (validation, bulkGet of the ids, mergeEvents, bulkAdd, in one transaction) into an empty database.
   */
  async importOnce() {
    const db = await freshDb('bench-import');
    const t0 = performance.now();
    const parsed = parseJsonLines(jsonLines);
    const t1 = performance.now();
    const result = await importEvents(db, parsed.events);
    const t2 = performance.now();
    const stored = await db.events.count();
    await drop(db);
    return { parseMs: t1 - t0, importEventsMs: t2 - t1, totalMs: t2 - t0, errors: parsed.errors.length, added: result.added, stored };
  },

  /** Floor: JSON.parse of each line, then IDBObjectStore.add of every object in one transaction (same stores and indexes). */
  async rawImportOnce() {
    const db = await freshDb('bench-raw');
    const idb = db.backendDB();
    const t0 = performance.now();
    const objects: unknown[] = [];
    for (const line of jsonLines.split('\n')) if (line !== '') objects.push(JSON.parse(line));
    const t1 = performance.now();
    const tx = idb.transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    for (const o of objects) store.add(o);
    await done(tx);
    const t2 = performance.now();
    const stored = await db.events.count();
    await drop(db);
    return { jsonParseMs: t1 - t0, addMs: t2 - t1, totalMs: t2 - t0, stored };
  },

  /** Diagnostics of the import's parts, outside any transaction: one schema pass, and bulkGet of 100,000 absent ids. */
  async importParts() {
    const events = loaded().events;
    let t = performance.now();
    for (const e of events) ContactEventSchema.safeParse(e);
    const oneSchemaPassMs = performance.now() - t;
    const db = await freshDb('bench-parts');
    t = performance.now();
    await db.events.bulkGet(events.map((e) => e.id));
    const bulkGetAbsentMs = performance.now() - t;
    await drop(db);
    return { oneSchemaPassMs, bulkGetAbsentMs };
  },

  /** The database the queries read: the imported log plus customers and invoices. */
  async prepareMain() {
    const d = loaded();
    main = await freshDb('bench-main');
    await importEvents(main, d.events);
    await main.customers.bulkAdd(d.customers);
    await main.invoices.bulkAdd(d.invoices);
    // Diagnostics on the full log: reading every stored id at once, and importing the same file a second time
    // (the real path again; every entry is a duplicate, so nothing is written).
    let t = performance.now();
    const keys = await main.events.toCollection().primaryKeys();
    const allKeysMs = performance.now() - t;
    t = performance.now();
    const again = await importEvents(main, parseJsonLines(jsonLines).events);
    const reimportMs = performance.now() - t;
    if (again.added !== 0 || again.duplicates !== d.events.length) throw new Error(`re-import: ${JSON.stringify(again).slice(0, 200)}`);
    return {
      events: await main.events.count(),
      customers: await main.customers.count(),
      invoices: await main.invoices.count(),
      keys: keys.length,
      allKeysMs,
      reimportMs,
    };
  },

  /**
   * `count` timeline queries over customers drawn with `seed`, each next to the raw floor (index getAll on
   * [customerId+at] for the same customer, own read-only transaction); the order alternates so both share the noise.
   */
  async timelines(count: number, seed: number, warmup: number) {
    const db = main;
    if (!db) throw new Error('call prepareMain() first');
    const customers = loaded().customers;
    const random = prng(seed);
    const idb = db.backendDB();
    const dexieMs: number[] = [];
    const rawMs: number[] = [];
    let rows = 0;
    const raw = async (customerId: string) => {
      const tx = idb.transaction('events', 'readonly');
      const index = tx.objectStore('events').index('[customerId+at]');
      return request(index.getAll(IDBKeyRange.bound([customerId], [customerId, []])));
    };
    for (let q = 0; q < warmup + count; q++) {
      const customerId = customers[Math.floor(random() * customers.length)]!.id;
      let a = 0;
      let b = 0;
      let rawRows = 0;
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
      if (q % 2 === 0) {
        await runDexie();
        await runRaw();
      } else {
        await runRaw();
        await runDexie();
      }
      if (rawRows !== dexieRows) throw new Error(`timeline of ${customerId}: ${dexieRows} rows, raw index ${rawRows}`);
      if (q < warmup) continue;
      dexieMs.push(a);
      rawMs.push(b);
      rows += dexieRows;
    }
    return { dexieMs, rawMs, meanRows: rows / count };
  },

  /**
   * Every customer's derived state as the side panel's "to do today" reads it (loadAllCases: three toArray, group
   * by customer, deriveCustomerState + the policy's view per customer), beside: the raw read floor (getAll of the
   * same three stores in one transaction), the pure derivation on those arrays, and the whole "to do today" list.
   */
  async stateOnce(run: number) {
    const db = main;
    if (!db) throw new Error('call prepareMain() first');
    const settings = await readCollectionSettings(db);

    const viaLoadAllCases = async () => {
      const t0 = performance.now();
      const result = await loadAllCases(db, BENCH_TODAY, settings.general);
      return { result, ms: performance.now() - t0 };
    };
    const idb = db.backendDB();
    const rawRead = async () => {
      const t0 = performance.now();
      const tx = idb.transaction(['customers', 'invoices', 'events'], 'readonly');
      const rows = await Promise.all([
        request(tx.objectStore('customers').getAll() as IDBRequest<CustomerRecord[]>),
        request(tx.objectStore('invoices').getAll() as IDBRequest<Invoice[]>),
        request(tx.objectStore('events').getAll() as IDBRequest<ContactEvent[]>),
      ]);
      return { rows, ms: performance.now() - t0 };
    };
    // Alternate which read goes first between runs, so neither always finds the other's cache or garbage.
    let cases: Awaited<ReturnType<typeof viaLoadAllCases>>;
    let raw: Awaited<ReturnType<typeof rawRead>>;
    if (run % 2 === 0) {
      cases = await viaLoadAllCases();
      raw = await rawRead();
    } else {
      raw = await rawRead();
      cases = await viaLoadAllCases();
    }
    const all = cases.result;
    const loadAllCasesMs = cases.ms;
    const rawReadMs = raw.ms;
    if (all.failures.length > 0) throw new Error(`${all.failures.length} customers failed: ${all.failures[0]!.error.message}`);
    const [customers, invoices, events] = raw.rows;

    const invoicesOf = groupBy(invoices, (i) => i.customerId);
    const eventsOf = groupBy(events, (e) => e.customerId);
    let promises = 0;
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
    if (run % 2 === 0) {
      deriveOnlyMs = deriveOnly();
      caseOnlyMs = caseOnly();
    } else {
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
      loadAllCasesMs,
      rawReadMs,
      deriveOnlyMs,
      caseOnlyMs,
      todoTodayMs,
      cases: all.cases.length,
      rawRows: { customers: customers.length, invoices: invoices.length, events: events.length },
      promises,
      todoItems: todo.length,
    };
  },
};

export type LogBench = typeof api;
(globalThis as unknown as { __logBench: LogBench }).__logBench = api;
