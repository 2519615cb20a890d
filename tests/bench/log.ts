// Benchmark (not a test): the contact log at scale in Debian's Chromium, on real IndexedDB. 100,000 events over
// 5,000 customers and 20,000 invoices: one customer's timeline, every customer's derived state, and the import of
// the whole log from a JSON Lines file, each beside a raw IndexedDB floor on the same data in the same page.
// Run with `npm run bench` (or `npx vite-node tests/bench/log.ts` once the extension is built). The machine is
// noisy: read the ratios to the floors rather than absolute numbers.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch } from '../e2e/harness';
import type { LogBench } from './log-entry';

const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const TIMELINE_QUERIES = Number(process.env.BENCH_TIMELINE_QUERIES ?? 200);
const STATE_RUNS = Number(process.env.BENCH_STATE_RUNS ?? 5);
const TIMELINE_WARMUP = 10;
const ORIGIN = 'https://bench.example.test/';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(1)}×`;

type Bench = { __logBench: LogBench };

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./log-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

async function main() {
  const script = await bundle();
  const s = await launch();
  try {
    await s.serve(`${ORIGIN}**`, '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
    const page = await s.context.newPage();
    await page.goto(ORIGIN);
    await page.addScriptTag({ content: script });
    const facts = await page.evaluate(() => (window as unknown as Bench).__logBench.setup());

    const imports: Array<Awaited<ReturnType<LogBench['importOnce']>>> = [];
    const raws: Array<Awaited<ReturnType<LogBench['rawImportOnce']>>> = [];
    for (let run = 0; run < IMPORT_RUNS; run++) {
      // Alternate which goes first so both see the same share of the machine's noise.
      if (run % 2 === 0) {
        imports.push(await page.evaluate(() => (window as unknown as Bench).__logBench.importOnce()));
        raws.push(await page.evaluate(() => (window as unknown as Bench).__logBench.rawImportOnce()));
      } else {
        raws.push(await page.evaluate(() => (window as unknown as Bench).__logBench.rawImportOnce()));
        imports.push(await page.evaluate(() => (window as unknown as Bench).__logBench.importOnce()));
      }
    }
    const parts = await page.evaluate(() => (window as unknown as Bench).__logBench.importParts());
    const prepared = await page.evaluate(() => (window as unknown as Bench).__logBench.prepareMain());
    const tl = await page.evaluate(
      ([count, warmup]) => (window as unknown as Bench).__logBench.timelines(count, 7, warmup),
      [TIMELINE_QUERIES, TIMELINE_WARMUP] as const,
    );
    const states: Array<Awaited<ReturnType<LogBench['stateOnce']>>> = [];
    for (let run = 0; run < STATE_RUNS; run++) states.push(await page.evaluate((r) => (window as unknown as Bench).__logBench.stateOnce(r), run));
    await page.close();

    const bad = imports.find((r) => r.errors > 0 || r.added !== facts.events || r.stored !== facts.events);
    if (bad) throw new Error(`import did not store the whole log: ${JSON.stringify(bad)}`);

    const med = <T>(rows: readonly T[], key: (r: T) => number) => median(rows.map(key));
    const importMs = med(imports, (r) => r.totalMs);
    const rawParse = med(raws, (r) => r.jsonParseMs);
    const rawAdd = med(raws, (r) => r.addMs);
    const importFloor = med(raws, (r) => r.totalMs);
    const tlMedian = median(tl.dexieMs);
    const tlP95 = percentile(tl.dexieMs, 95);
    const tlFloorMedian = median(tl.rawMs);
    const tlFloorP95 = percentile(tl.rawMs, 95);
    const stateMs = med(states, (r) => r.loadAllCasesMs);
    const readFloor = med(states, (r) => r.rawReadMs);

    const cpu = cpus();
    console.log(
      `\nAmiable contact-log benchmark — ${facts.events} events (${facts.kinds.contact} contacts, ${facts.kinds.correction} corrections, ` +
        `${facts.kinds.retraction} retractions) over ${facts.customers} customers (${facts.minEventsPerCustomer}–${facts.maxEventsPerCustomer} events each) ` +
        `and ${facts.invoices} invoices (${facts.unpaidInvoices} unpaid); JSON Lines file ${(facts.jsonLinesBytes / 1e6).toFixed(1)} MB.`,
    );
    console.log(`Outcomes: ${Object.entries(facts.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    console.log(
      `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} (shared), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end, ` +
        `${(freemem() / 2 ** 30).toFixed(1)} of ${(totalmem() / 2 ** 30).toFixed(1)} GiB free; ${facts.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? facts.userAgent}; ` +
        `IndexedDB on disk (persistent profile in the temp dir). performance.now() is coarsened to 0.1 ms in this non-isolated page.`,
    );
    console.log(
      `Runs: import ${IMPORT_RUNS} (fresh database each, alternating with the floor), timeline ${TIMELINE_QUERIES} queries over random customers ` +
        `(after ${TIMELINE_WARMUP} warm-up, ${tl.meanRows.toFixed(1)} rows on average), state ${STATE_RUNS} runs.\n`,
    );
    console.table({
      'timeline, one customer (median)': { value: ms(tlMedian), floor: ms(tlFloorMedian), ratio: ratio(tlMedian, tlFloorMedian), goal: '≤ 5 ms' },
      'timeline, one customer (p95)': { value: ms(tlP95), floor: ms(tlFloorP95), ratio: ratio(tlP95, tlFloorP95), goal: '' },
      'state of all customers (loadAllCases)': { value: ms(stateMs), floor: ms(readFloor), ratio: ratio(stateMs, readFloor), goal: '≤ 300 ms' },
      '  of which derivation alone (deriveCustomerState ×5000)': { value: ms(med(states, (r) => r.deriveOnlyMs)), floor: '', ratio: '', goal: '' },
      '  of which case alone (state + policy view ×5000)': { value: ms(med(states, (r) => r.caseOnlyMs)), floor: '', ratio: '', goal: '' },
      '"to do today" list (loadAllCases + policy)': { value: ms(med(states, (r) => r.todoTodayMs)), floor: ms(readFloor), ratio: ratio(med(states, (r) => r.todoTodayMs), readFloor), goal: '' },
      'import of 100,000 events (parseJsonLines + importEvents)': { value: ms(importMs), floor: ms(importFloor), ratio: ratio(importMs, importFloor), goal: '≤ 3000 ms' },
      '  parseJsonLines (JSON + schema per line)': { value: ms(med(imports, (r) => r.parseMs)), floor: ms(rawParse), ratio: ratio(med(imports, (r) => r.parseMs), rawParse), goal: '' },
      '  importEvents (validate, merge, bulkAdd)': { value: ms(med(imports, (r) => r.importEventsMs)), floor: ms(rawAdd), ratio: ratio(med(imports, (r) => r.importEventsMs), rawAdd), goal: '' },
      '  diagnostic: one ContactEventSchema pass': { value: ms(parts.oneSchemaPassMs), floor: '', ratio: '', goal: '' },
      '  diagnostic: bulkGet of 100,000 absent ids': { value: ms(parts.bulkGetAbsentMs), floor: '', ratio: '', goal: '' },
      '  diagnostic: all 100,000 stored ids (primaryKeys)': { value: ms(prepared.allKeysMs), floor: '', ratio: '', goal: '' },
      're-import of the same file (all duplicates, once)': { value: ms(prepared.reimportMs), floor: '', ratio: '', goal: '' },
    });
    console.log('\nPer run (ms):');
    console.table({
      'import total': imports.map((r) => Math.round(r.totalMs)),
      'import parseJsonLines': imports.map((r) => Math.round(r.parseMs)),
      'import importEvents': imports.map((r) => Math.round(r.importEventsMs)),
      'floor JSON.parse': raws.map((r) => Math.round(r.jsonParseMs)),
      'floor raw add': raws.map((r) => Math.round(r.addMs)),
      'state loadAllCases': states.map((r) => Math.round(r.loadAllCasesMs)),
      'state raw getAll floor': states.map((r) => Math.round(r.rawReadMs)),
    });
    console.log(
      `\nStored: ${prepared.events} events, ${prepared.customers} customers, ${prepared.invoices} invoices; ` +
        `${states[0]?.cases} cases, ${states[0]?.promises} promises derived, ${states[0]?.todoItems} items to do today.`,
    );
  } finally {
    await s.close();
  }
}

await main();
