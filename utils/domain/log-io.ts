// Moving the contact log in and out of Amiable: JSON Lines backup/restore, merge on import,
// per-customer export (JSON document, CSV). Pure: no file or database access here.

import Papa from 'papaparse';
import type { ContactEvent, Customer, Invoice } from './schemas';
import { ContactEventSchema, formatZodIssues, moneyToDecimalString } from './schemas';
import { currentView, invoicesConcerned } from './contact-log';

// ---------------------------------------------------------------------------------------------
// Canonical JSON: keys sorted, undefined dropped, so equal content gives equal text.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canonical(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? null : (value as Json);
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonical(v);
  }
  return out;
}

function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(canonical(value), null, indent);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRecording(a: ContactEvent, b: ContactEvent): number {
  return Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || compareStrings(a.id, b.id);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines.

/**
 * One JSON object per line (keys sorted), ordered by `recordedAt` then id: the same log always gives
 * the same text. Ends with a newline unless empty.
 */
export function toJsonLines(events: readonly ContactEvent[]): string {
  if (events.length === 0) return '';
  return `${[...events].sort(byRecording).map((e) => canonicalJson(e)).join('\n')}\n`;
}

export interface LineError {
  /** 1-based line number in the file. */
  line: number;
  /** Ready to show, e.g. `line 3: outcome.amount.currency: expected a 3-letter ISO code`. */
  message: string;
  /** The field at fault as a dotted path (`outcome.amount.currency`); '' for the whole line. */
  field: string;
  /** Why, in English (`expected a 3-letter ISO code`, `not valid JSON (…)`); the UI may translate it. */
  reason: string;
}

/**
 * Why a whole file is not a contact log in JSON Lines (then nothing in it is imported and the report says
 * so once, rather than listing every line):
 * - `empty`: nothing but blank lines;
 * - `binary`: not text (a spreadsheet, a PDF, an archive…);
 * - `customer-export`: Amiable's per-customer JSON export, which is for the customer, not a log backup;
 * - `json-document`: one JSON document (an array, a pretty-printed object), not one entry per line;
 * - `not-json`: text in which no line is JSON (a CSV, a letter…); `firstError` is the first line's problem.
 */
export type FileProblem =
  | { kind: 'empty' | 'binary' | 'customer-export' | 'json-document' }
  | { kind: 'not-json'; firstError: LineError };

declare const validatedBrand: unique symbol;
/**
 * Entries as parseJsonLines returns them: each passed ContactEventSchema, and all are deeply frozen so none can
 * change afterwards. The repository stores them without validating again (isValidatedEvents), and validates any
 * other list: the type alone proves nothing, membership in a list only this module fills does.
 */
export type ValidatedEvents = readonly ContactEvent[] & { readonly [validatedBrand]: true };

const validatedLists = new WeakSet<object>();

/** Freezes `value` and everything it holds (JSON data: plain objects and arrays), reading no property list twice. */
function deepFreeze(value: object): void {
  if (Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) deepFreeze(v);
  } else {
    for (const key in value) {
      const v: unknown = (value as Record<string, unknown>)[key];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
  }
  Object.freeze(value);
}

function sealValidated(events: ContactEvent[]): ValidatedEvents {
  for (const event of events) deepFreeze(event);
  Object.freeze(events);
  validatedLists.add(events);
  return events as unknown as ValidatedEvents;
}

/** True for a list made by parseJsonLines (validated, frozen since), false for any other. */
export function isValidatedEvents(events: readonly unknown[]): events is ValidatedEvents {
  return validatedLists.has(events);
}

export interface ParsedJsonLines {
  /** Every valid line's entry, in file order (frozen: see ValidatedEvents). */
  events: ValidatedEvents;
  errors: LineError[];
  /** Set when the file as a whole is not JSON Lines; `events` is then empty. */
  fileProblem?: FileProblem;
}

/** NUL characters or many undecodable bytes near the start: the file is not text. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  const undecodable = head.match(/\uFFFD/g)?.length ?? 0;
  return head.length > 0 && undecodable / head.length > 0.01;
}

function wholeFileProblem(text: string, errors: readonly LineError[]): FileProblem | undefined {
  if (looksBinary(text)) return { kind: 'binary' };
  try {
    const document: unknown = JSON.parse(text);
    const isExport =
      typeof document === 'object' && document !== null && (document as { format?: unknown }).format === CUSTOMER_EXPORT_FORMAT;
    return { kind: isExport ? 'customer-export' : 'json-document' };
  } catch {
    // Not one JSON document either: look at the lines.
  }
  const first = errors[0];
  if (first && errors.every((e) => e.reason.startsWith(NOT_JSON))) return { kind: 'not-json', firstError: first };
  return undefined;
}

const NOT_JSON = 'not valid JSON';

/**
 * Reads a JSON Lines file. Blank lines are skipped; every valid line is kept even when others fail.
 * Each problem (invalid JSON, or each schema issue) gives one error naming the line and the field.
 * When no line is a valid entry and the file as a whole is something else (empty, binary, a JSON
 * document, not JSON at all), `fileProblem` says what it is.
 */
export function parseJsonLines(text: string): ParsedJsonLines {
  const events: ContactEvent[] = [];
  const errors: LineError[] = [];
  const body = text.replace(/^\uFEFF/, '');
  // Split at each "\n" and drop the "\r" before it: as split(/\r?\n/) does, many times faster on a large file.
  const lines = body.split('\n');
  lines.forEach((content, index) => {
    const raw = content.endsWith('\r') ? content.slice(0, -1) : content;
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      const reason = `${NOT_JSON} (${err instanceof Error ? err.message : String(err)})`;
      errors.push({ line, message: `line ${line}: ${reason}`, field: '', reason });
      return;
    }
    const parsed = ContactEventSchema.safeParse(value);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    for (const issue of formatZodIssues(parsed.error)) {
      const where = issue.path === '' ? '' : `${issue.path}: `;
      errors.push({ line, message: `line ${line}: ${where}${issue.message}`, field: issue.path, reason: issue.message });
    }
  });
  if (events.length > 0) return { events: sealValidated(events), errors };
  const fileProblem = body.trim() === '' ? ({ kind: 'empty' } as const) : wholeFileProblem(body, errors);
  return fileProblem ? { events: sealValidated(events), errors, fileProblem } : { events: sealValidated(events), errors };
}

// ---------------------------------------------------------------------------------------------
// Merge.

export interface MergeConflict {
  id: string;
  /** Ready to show, in English. */
  message: string;
  /** True when the id is already stored; false when the import itself holds it twice. */
  stored: boolean;
  /** Fields whose content differs. */
  fields: string[];
}

export interface MergeResult {
  /** Incoming entries not stored yet; nothing already stored is ever changed. */
  toAdd: ContactEvent[];
  /** Incoming entries identical to one already stored (or earlier in the same import). */
  duplicates: number;
  /** Incoming entries whose id is taken by different content; the stored (or first) one is kept. */
  conflicts: MergeConflict[];
}

function differingFields(a: ContactEvent, b: ContactEvent): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => canonicalJson((a as Record<string, unknown>)[k]) !== canonicalJson((b as Record<string, unknown>)[k]))
    .sort();
}

/**
 * Merges imported entries into the stored log by event id. The log is append-only, so an id already
 * stored with other content is a conflict: reported, never overwritten. Importing the same file twice
 * adds nothing the second time.
 */
export function mergeEvents(existing: readonly ContactEvent[], incoming: readonly ContactEvent[]): MergeResult {
  const known = new Map<string, { event: ContactEvent; stored: boolean }>(
    existing.map((e) => [e.id, { event: e, stored: true }]),
  );
  const toAdd: ContactEvent[] = [];
  const conflicts: MergeConflict[] = [];
  let duplicates = 0;
  for (const event of incoming) {
    const found = known.get(event.id);
    if (!found) {
      known.set(event.id, { event, stored: false });
      toAdd.push(event);
      continue;
    }
    if (canonicalJson(found.event) === canonicalJson(event)) {
      duplicates += 1;
      continue;
    }
    const fields = differingFields(found.event, event);
    const list = fields.join(', ');
    conflicts.push({
      id: event.id,
      message: found.stored
        ? `entry ${event.id} is already stored with different content (${list}); the stored entry was kept`
        : `entry ${event.id} appears twice in the import with different content (${list}); the first was kept`,
      stored: found.stored,
      fields,
    });
  }
  return { toAdd, duplicates, conflicts };
}

// ---------------------------------------------------------------------------------------------
// Per-customer export.

/** Identifies the export format so a later version can read older files. */
export const CUSTOMER_EXPORT_FORMAT = 'amiable.customer-export';
export const CUSTOMER_EXPORT_VERSION = 1;

/**
 * Everything Amiable holds on one customer as a stable JSON document (keys sorted, invoices by id,
 * the raw log by `recordedAt` then id, corrections and retractions included so it can be re-imported).
 * Invoices and entries of other customers are left out.
 */
export function customerExportJson(
  customer: Customer,
  invoices: readonly Invoice[],
  events: readonly ContactEvent[],
): string {
  const document = {
    format: CUSTOMER_EXPORT_FORMAT,
    version: CUSTOMER_EXPORT_VERSION,
    customer,
    invoices: invoices.filter((inv) => inv.customerId === customer.id).sort((a, b) => compareStrings(a.id, b.id)),
    contactLog: events.filter((e) => e.customerId === customer.id).sort(byRecording),
  };
  return `${canonicalJson(document, 2)}\n`;
}

/** Columns of the CSV export, in order. */
export const CUSTOMER_CSV_COLUMNS = [
  'date',
  'channel',
  'direction',
  'author',
  'outcome',
  'amount',
  'currency',
  'notes',
  'invoices',
  'trackingNumber',
  'followUpDate',
] as const;

function outcomeText(event: ContactEvent): string {
  const o = event.outcome;
  switch (o.type) {
    case 'promise-to-pay':
      return `promise-to-pay by ${o.date}`;
    case 'dispute':
      return `dispute: ${o.reason}`;
    case 'dispute-resolved':
      return o.resolution ? `dispute-resolved: ${o.resolution}` : 'dispute-resolved';
    case 'payment-plan':
      return `payment-plan: ${o.installments
        .map((i) => `${i.dueDate} ${moneyToDecimalString(i.amount)} ${i.amount.currency}`)
        .join('; ')}`;
    case 'partial-payment-announced':
      return o.date ? `partial-payment-announced for ${o.date}` : 'partial-payment-announced';
    default:
      return o.type;
  }
}

function outcomeAmount(event: ContactEvent): { amount: string; currency: string } {
  const o = event.outcome;
  const money =
    o.type === 'promise-to-pay' || o.type === 'partial-payment-announced'
      ? o.amount
      : o.type === 'payment-plan'
        ? o.covered
        : undefined;
  return money ? { amount: moneyToDecimalString(money), currency: money.currency } : { amount: '', currency: '' };
}

/**
 * The customer's contact log as a spreadsheet: one row per entry as it reads today (corrections
 * applied, retractions hidden), oldest first; other customers' entries are left out. Invoices are shown
 * by number (those linked and those a dispute names). Cells that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`…) are escaped. The text starts with a UTF-8 byte-order mark: without it Excel reads
 * the file as Windows-1252 and "Société" becomes "SociÃ©tÃ©".
 */
export function customerExportCsv(
  customer: Customer,
  invoices: readonly Invoice[],
  events: readonly ContactEvent[],
): string {
  const numberOf = new Map(invoices.map((inv) => [inv.id, inv.number] as const));
  const rows = currentView(events.filter((e) => e.customerId === customer.id))
    .reverse()
    .map((event) => {
      const { amount, currency } = outcomeAmount(event);
      return [
        event.at,
        event.channel,
        event.direction,
        event.author,
        outcomeText(event),
        amount,
        currency,
        event.notes,
        invoicesConcerned(event).map((id) => numberOf.get(id) ?? id).join(', '),
        event.trackingNumber ?? '',
        event.followUpDate ?? '',
      ];
    });
  return `\uFEFF${Papa.unparse({ fields: [...CUSTOMER_CSV_COLUMNS], data: rows }, { escapeFormulae: true })}`;
}
