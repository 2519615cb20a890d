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
}

/**
 * Reads a JSON Lines file. Blank lines are skipped; every valid line is kept even when others fail.
 * Each problem (invalid JSON, or each schema issue) gives one error naming the line and the field.
 */
export function parseJsonLines(text: string): { events: ContactEvent[]; errors: LineError[] } {
  const events: ContactEvent[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      errors.push({ line, message: `line ${line}: not valid JSON (${reason})` });
      return;
    }
    const parsed = ContactEventSchema.safeParse(value);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    for (const issue of formatZodIssues(parsed.error)) {
      const where = issue.path === '' ? '' : `${issue.path}: `;
      errors.push({ line, message: `line ${line}: ${where}${issue.message}` });
    }
  });
  return { events, errors };
}

// ---------------------------------------------------------------------------------------------
// Merge.

export interface MergeConflict {
  id: string;
  message: string;
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
    const fields = differingFields(found.event, event).join(', ');
    conflicts.push({
      id: event.id,
      message: found.stored
        ? `entry ${event.id} is already stored with different content (${fields}); the stored entry was kept`
        : `entry ${event.id} appears twice in the import with different content (${fields}); the first was kept`,
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
