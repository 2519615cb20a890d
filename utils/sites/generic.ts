// Generic invoice detector: HTML tables, ARIA grids, schema.org Invoice microdata and JSON-LD, in any app.
// Pure reading: it never changes the page, never reads layout (no innerText, no geometry), and touches each
// row once so a 10,000-row list stays fast.
import { parseDate, relativeDate, resolveDateOrder } from '../domain/dates';
import type { DateOrder } from '../domain/dates';
import { parseMoney } from '../domain/money';
import { classifyStatusText, documentKind } from '../domain/status-text';
import type { StatusTextFacts } from '../domain/status-text';
import type { InvoiceFacts, IsoDate, Money } from '../domain/types';
import { isTotalRowLabel, normalizeHeader, readHeader, SECOND_MEANING } from './headers';
import type { ColumnRole } from './headers';
import type {
  ExtractContext,
  ExtractedInvoice,
  ExtractProblem,
  ExtractResult,
  PreparedList,
  PreparedPage,
  SiteAdapter,
} from './types';

/** Tag of the badge element the extension inserts; never read as page content. */
export const BADGE_TAG = 'amiable-badge';

const SKIPPED_TAGS = new Set([BADGE_TAG, 'script', 'style', 'template', 'noscript']);
// Elements that start a new line when rendered: a space keeps "Acme<br>Paris" from reading "AcmeParis".
const BREAKING_TAGS = new Set(['br', 'div', 'p', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK_TAGS = new Set(['div', 'p', 'li', 'dd', 'dt']);

function collectText(node: Node, out: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? '');
    } else if (child.nodeType === 1) {
      const tag = (child as Element).localName;
      // aria-hidden content (avatar initials, sort arrows, icons) is decoration, not data; hidden content is not shown.
      if (SKIPPED_TAGS.has(tag) || isHidden(child as Element)) continue;
      const breaks = BREAKING_TAGS.has(tag);
      if (breaks) out.push(' ');
      collectText(child, out);
      if (breaks) out.push(' ');
    }
  }
}

/** True for an element not shown to the user: `hidden`, `aria-hidden="true"` or an inline `display: none`. */
function isHidden(el: Element): boolean {
  return (
    el.getAttribute('aria-hidden') === 'true' ||
    el.hasAttribute('hidden') ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')
  );
}

/** Text that collapsing whitespace and trimming would change: any but single inner spaces, or U+200B. */
const UNTIDY = /[^\S ]|\s\s|^\s|\s$|\u200b/;

/**
 * The text of an element as a reader (and a screen reader) gets it, whitespace collapsed, leaving out
 * `<amiable-badge>` elements, scripts/styles and `aria-hidden` decoration, so a page we already badged reads
 * exactly as before. Walks nodes like textContent: no layout is read.
 */
export function cellText(node: Node | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === 1) return elementText(node as Element);
  return walkedText(node);
}

/** {@link cellText} of an element (one DOM call fewer: on a long list, each counts). */
function elementText(el: Element | undefined): string {
  return el ? textOf(el, el.childElementCount) : '';
}

/** {@link elementText} of an element whose number of child elements the caller already read. */
function textOf(el: Element, children: number): string {
  // Fast path for the common cell holding only text (most of a large list), fastest when already tidy.
  if (children === 0) {
    const text = el.textContent ?? '';
    if (!UNTIDY.test(text)) return text;
    return text.includes('\u200b') ? text.replace(/\u200b/g, '').replace(/\s+/g, ' ').trim() : text.replace(/\s+/g, ' ').trim();
  }
  return walkedText(el);
}

function walkedText(node: Node): string {
  const out: string[] = [];
  collectText(node, out);
  return out.join('').replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Shared list core: from cells per row to invoice facts (also used by platform adapters).
//
// A list is read in two phases so a long one never blocks the page: `prepareList` finds each row's number and
// date texts (all it needs to decide how the list's dates read), then `read(i)` parses one row on demand.

/** Cells of many rows for a few columns in one flat array: no object or Map per row on a 10,000-row list. */
export class RowCells {
  readonly rows: Element[] = [];
  private readonly cells: Array<Element | undefined> = [];

  /** @param width cell slots per row */
  constructor(readonly width: number) {}

  /** Adds a row and its cells, `cells[slot]` per slot (undefined where the row has none). */
  add(row: Element, cells: ReadonlyArray<Element | undefined>): void {
    this.rows.push(row);
    for (let slot = 0; slot < this.width; slot++) this.cells.push(cells[slot]);
  }

  /** The cell of row `i` in `slot`; undefined when the row has none or `slot` is negative. */
  at(i: number, slot: number): Element | undefined {
    return slot < 0 ? undefined : this.cells[i * this.width + slot];
  }
}

/** A list of invoices as columns and rows, ready to be read. */
export interface ListSource {
  /** The visible header of each column, for messages the user reads. */
  headers: Partial<Record<ColumnRole, string>>;
  /** Candidate rows, in document order. */
  rows: ArrayLike<Element>;
  /** The cell of row `i` holding a column role, if the row has one. */
  cell(i: number, role: ColumnRole): Element | undefined;
  /** Other cells of row `i` showing the total (e.g. in another currency), used when the total's currency differs from the amount due's. */
  altTotals?: (i: number) => readonly Element[] | undefined;
  /** Reads the date shown by a date cell; defaults to its text. */
  readDateText?: (cell: Element) => string;
  /** Reads what row `i`'s status says; defaults to classifying the status cell's text. */
  readStatus?: (i: number) => StatusTextFacts;
}

/** A prepared list that also tells, before reading a row, which number it would have (for de-duplication). */
export interface SourceList extends PreparedList {
  /** The number row `i` shows: the invoice's number whenever `read(i)` gives one. */
  numberAt(i: number): string;
}

type DateRole = 'issueDate' | 'dueDate';

/**
 * True when the columns are those of an invoice list: a number, a date, an amount, and something only an invoice
 * list has (a customer, a due date or a status). A bank statement has a reference, a date, an amount and a
 * balance; a product list a reference, a creation date and a price: neither is an invoice list.
 */
export function isInvoiceList(roles: Partial<Record<ColumnRole, unknown>>): boolean {
  return (
    roles.number !== undefined &&
    (roles.issueDate ?? roles.dueDate) !== undefined &&
    (roles.total ?? roles.amountDue) !== undefined &&
    (roles.customer ?? roles.dueDate ?? roles.status) !== undefined
  );
}

/** The parsed facts before defaults are applied. */
export interface RawFacts {
  number: string;
  customerName: string;
  issueDate?: IsoDate;
  dueDate?: IsoDate;
  total?: Money;
  amountDue?: Money;
  status: StatusTextFacts;
}

/**
 * Turns parsed values into {@link InvoiceFacts}: lifecycle and kind from the status (issued invoice by default),
 * a negative amount makes a credit note, a zero amount due (or a paid status) makes it paid, and the amount due
 * defaults to the total (zero when paid) when the page shows no remaining amount.
 */
export function composeFacts(raw: RawFacts): InvoiceFacts {
  const lifecycle = raw.status.lifecycle ?? 'issued';
  const negative = (raw.total?.amountMinor ?? 0) < 0 || (raw.amountDue?.amountMinor ?? 0) < 0;
  const kind = raw.status.kind ?? (negative ? 'credit-note' : 'invoice');
  const paid = raw.status.paid === true || (lifecycle === 'issued' && raw.amountDue?.amountMinor === 0);
  const amountDue =
    raw.amountDue ?? (raw.total ? (paid ? { amountMinor: 0, currency: raw.total.currency } : raw.total) : undefined);
  const facts: InvoiceFacts = { number: raw.number, customerName: raw.customerName, lifecycle, kind, paid };
  if (raw.issueDate) facts.issueDate = raw.issueDate;
  if (raw.dueDate) facts.dueDate = raw.dueDate;
  if (raw.total) facts.total = raw.total;
  if (amountDue) facts.amountDue = amountDue;
  return facts;
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

function dateHints(ctx: ExtractContext): { lang?: string; platform?: DateOrder; user?: DateOrder } {
  const hints: { lang?: string; platform?: DateOrder; user?: DateOrder } = { lang: ctx.lang };
  if (ctx.platformDateOrder) hints.platform = ctx.platformDateOrder;
  if (ctx.userDateOrder) hints.user = ctx.userDateOrder;
  return hints;
}

/** True when some sample reads differently as day/month and month/day (`05/11/2026`): an order is needed. */
function needsOrder(samples: string[]): boolean {
  return samples.some((s) => parseDate(s) === null && (parseDate(s, 'dmy') !== null || parseDate(s, 'mdy') !== null));
}

/**
 * Decides the order of each date column from its own values and the page hints. A column that stays
 * ambiguous borrows the evidence of the list's other date columns (one page formats all its dates alike);
 * if that does not settle it either, the column is reported and left undecided. Columns whose dates read
 * the same either way (ISO, month names, `15/11/2026`) or that are empty never count as ambiguous.
 * Only which texts occur matters, not how often: callers may pass each distinct text once.
 */
export function resolveColumnOrders<K extends string>(
  samplesByColumn: Partial<Record<K, string[]>>,
  ctx: ExtractContext,
): { orders: Partial<Record<K, DateOrder>>; ambiguous: K[] } {
  const hints = dateHints(ctx);
  const orders: Partial<Record<K, DateOrder>> = {};
  const ambiguous: K[] = [];
  const keys = (Object.keys(samplesByColumn) as K[]).filter((k) => (samplesByColumn[k] ?? []).length > 0);
  const all = keys.flatMap((k) => samplesByColumn[k] ?? []);
  for (const key of keys) {
    const samples = samplesByColumn[key] ?? [];
    const own = resolveDateOrder(samples, hints);
    const order = own === 'ambiguous' && keys.length > 1 ? resolveDateOrder(all, hints) : own;
    if (order !== 'ambiguous') orders[key] = order;
    else if (needsOrder(samples)) ambiguous.push(key);
  }
  return { orders, ambiguous };
}

/** The message shown when a column's dates cannot be read without guessing. */
export function ambiguousDateProblem(header: string): ExtractProblem {
  return {
    kind: 'ambiguous-date-order',
    message:
      `Dates in column “${header}” could be day/month or month/day and nothing on the page tells which; ` +
      'set the date order for this site in the options.',
  };
}

/** Parses an amount cell; an empty cell (or a dash standing for none) is `undefined`, an unreadable one `null`. */
function readMoney(text: string, ctx: ExtractContext): Money | null | undefined {
  if (!HAS_WORD_CHAR.test(text)) return undefined;
  return parseMoney(text, ctx.defaultCurrency ? { defaultCurrency: ctx.defaultCurrency } : undefined);
}

/**
 * Tracks cells we could not read, to report one problem per column rather than one per row. Each cell comes
 * with its place in the list (`order`), so the problems and their examples are the same whatever order the
 * rows are read in: columns by their first unreadable cell, the example being that first cell.
 */
class UnreadableCells {
  private readonly byColumn = new Map<string, { count: number; example: string; first: number }>();
  add(header: string, text: string, order: number): void {
    const entry = this.byColumn.get(header);
    if (!entry) this.byColumn.set(header, { count: 1, example: text, first: order });
    else {
      entry.count++;
      if (order < entry.first) {
        entry.first = order;
        entry.example = text;
      }
    }
  }
  problems(): ExtractProblem[] {
    return [...this.byColumn]
      .sort(([, a], [, b]) => a.first - b.first)
      .map(([header, { count, example }]) => ({
        kind: 'unreadable-cell' as const,
        message: `${count} row${count > 1 ? 's' : ''} skipped: “${example}” in column “${header}” could not be read.`,
      }));
  }
}

/** A role as the user reads it when its column has no header: `issueDate` is "issue date". */
const roleLabel = (role: ColumnRole): string => role.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/**
 * Tells whether number cells' texts name invoices: something to track them by, and not a totals label.
 * Which digits a text shows never makes it a totals label, so the (costly) label test runs once per shape
 * (`FA-2026-0101` and `FA-2026-0102` are both `FA-0000-0000`): a handful of times for a 10,000-row list.
 */
function invoiceNumberTest(): (text: string) => boolean {
  const totalByShape = new Map<string, boolean>();
  return (text) => {
    // `/`, `—`: no number yet (an unposted draft), nothing to track the invoice by.
    if (!HAS_WORD_CHAR.test(text)) return false;
    const shape = text.replace(/[0-9]/g, '0');
    let total = totalByShape.get(shape);
    if (total === undefined) {
      total = isTotalRowLabel(shape);
      totalByShape.set(shape, total);
    }
    return !total;
  };
}

/** A list with nothing to read (yet) but its problems. */
function emptyList(problems: ExtractProblem[]): SourceList {
  return {
    count: 0,
    rowAt: (i) => {
      throw new RangeError(`row ${i} of an empty list`);
    },
    read: () => null,
    problems: () => problems,
    numberAt: () => '',
  };
}

/**
 * Prepares an invoice list: reads each row's number and date texts and decides each date column's order.
 * Rows without a number and totals rows are left out. When a date column's order is ambiguous the list has no
 * rows and one problem naming the column. `read(i)` then parses row `i`: rows whose dates or amounts cannot
 * be read give null (and a problem), as do rows with neither a date nor an amount (group headers, notes).
 */
export function prepareList(source: ListSource, ctx: ExtractContext): SourceList {
  return runToEnd(prepareListSteps(source, ctx));
}

/** Rows read between two pauses of a preparation in steps (a few milliseconds' work). */
const ROWS_PER_STEP = 256;

/** Runs a preparation in steps to its end, at once. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Something that looks like a calendar date, not a relative one: `15/11/2026`, `2026-11-15`, `15 nov. 2026`. */
const DATE_LIKE = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{4}/;

/** A date in a `title` of the cell or of an element inside it (tooltips over "5 days ago"), or null. */
export function titledDate(cell: Element): string | null {
  const own = cell.getAttribute('title');
  if (own && DATE_LIKE.test(own)) return own.trim();
  const titled = cell.querySelectorAll('[title]');
  for (let i = 0; i < titled.length; i++) {
    const title = titled[i]!.getAttribute('title');
    if (title && DATE_LIKE.test(title)) return title.trim();
  }
  return null;
}

/**
 * The date a cell shows: its text when that reads as a date, else a `<time datetime>` or a date in a tooltip
 * inside it (the text being relative, or without a year), else the text.
 */
function dateText(cell: Element): string {
  const text = elementText(cell);
  if (DATE_LIKE.test(text)) return text;
  const alt = cell.querySelector('time[datetime]')?.getAttribute('datetime') ?? titledDate(cell);
  return alt && DATE_LIKE.test(alt) ? alt : text;
}

/** The number a number cell shows: the text of its first link holding a digit (the invoice's link), else its text. */
function numberText(cell: Element | undefined): string {
  if (!cell) return '';
  const children = cell.childElementCount;
  if (children) {
    const link = cell.querySelector('a');
    const text = link ? elementText(link) : '';
    if (/\d/.test(text)) return text;
  }
  return textOf(cell, children);
}

/**
 * The customer a cell names: the first of the blocks it stacks (QuickBooks shows the contact, then the company
 * in grey below), else its whole text ("Acme<br>Paris" reads "Acme Paris").
 */
function customerText(cell: Element | undefined): string {
  if (!cell) return '';
  const children = cell.childElementCount;
  const lines = children ? stackedLines(cell) : [];
  return lines.length > 1 && lines.every((line) => BLOCK_TAGS.has(line.localName)) ? elementText(lines[0]) : textOf(cell, children);
}

/** What a status cell says: its text, else the tooltip or label of the cell or of an icon in it. */
function labelText(cell: Element): string {
  const text = elementText(cell);
  const labelled = text ? null : cell.matches('[title],[aria-label]') ? cell : cell.querySelector('[title],[aria-label],img[alt]');
  return labelled ? (labelled.getAttribute('title') || labelled.getAttribute('aria-label') || labelled.getAttribute('alt') || '').trim() : text;
}

/**
 * The one order under which every row's due date is on or after its issue date, when only one is: with
 * `03/10/2026` issued and `02/11/2026` due, month/day would have the invoice due before it was issued.
 */
function orderFromSpans(issueTexts: string[], dueTexts: string[]): DateOrder | undefined {
  const fits = (order: DateOrder): boolean => {
    let pairs = 0;
    for (let i = 0; i < issueTexts.length; i++) {
      if (!issueTexts[i] || !dueTexts[i]) continue;
      const issue = parseDate(issueTexts[i]!, order);
      const due = parseDate(dueTexts[i]!, order);
      if (!issue || !due || due < issue) return false;
      pairs++;
    }
    return pairs > 0;
  };
  const dmy = fits('dmy');
  return dmy === fits('mdy') ? undefined : dmy ? 'dmy' : 'mdy';
}

const ON_RECEIPT = /\b(?:receipt|reception|sofort|immediate|immediately|vista|contado|comptant|inmediato)\b/;

/** {@link prepareList} in steps: pauses every few hundred rows so a caller can spread a long list over tasks. */
export function* prepareListSteps(source: ListSource, ctx: ExtractContext): Generator<void, SourceList, void> {
  const readDate = source.readDateText ?? dateText;
  const header = (role: ColumnRole): string => source.headers[role] || roleLabel(role);
  // A dash or an empty cell shows no date.
  const dateOfCell = (cell: Element | undefined): string => {
    const text = cell ? readDate(cell).trim() : '';
    return HAS_WORD_CHAR.test(text) ? text : '';
  };

  // The texts the order of the dates depends on, once per cell; everything else waits for `read`.
  const isInvoiceNumber = invoiceNumberTest();
  const kindByType = new Map<string, 'invoice' | 'credit-note' | null>();
  const rowIndex: number[] = [];
  const numbers: string[] = [];
  const issueTexts: string[] = [];
  const dueTexts: string[] = [];
  const credits = new Set<number>();
  const issueSamples = new Set<string>();
  const dueSamples = new Set<string>();
  const { rows } = source;
  // The loop lives in a plain function, called once per step: V8 optimizes that well, not a loop in a generator.
  const collect = (from: number, to: number): void => {
    for (let r = from; r < to; r++) {
      const number = numberText(source.cell(r, 'number'));
      if (!isInvoiceNumber(number)) continue;
      // A list of every sales document (QuickBooks "All sales"): payments, quotes and receipts are not invoices.
      const typeCell = source.cell(r, 'type');
      if (typeCell) {
        const type = elementText(typeCell);
        let kind = kindByType.get(type);
        if (kind === undefined) {
          kind = documentKind(type);
          kindByType.set(type, kind);
        }
        if (!kind) continue;
        if (kind === 'credit-note') credits.add(rowIndex.length);
      }
      const issue = dateOfCell(source.cell(r, 'issueDate'));
      const due = dateOfCell(source.cell(r, 'dueDate'));
      if (issue) issueSamples.add(issue);
      if (due) dueSamples.add(due);
      rowIndex.push(r);
      numbers.push(number);
      issueTexts.push(issue);
      dueTexts.push(due);
    }
  };
  const [first, end] = ctx.rowWindow ? ctx.rowWindow(rows) : [0, rows.length];
  for (let from = first; from < end; from += ROWS_PER_STEP) {
    if (from > first) yield;
    collect(from, Math.min(end, from + ROWS_PER_STEP));
  }

  const samples: Partial<Record<DateRole, string[]>> = {};
  if (issueSamples.size) samples.issueDate = [...issueSamples];
  if (dueSamples.size) samples.dueDate = [...dueSamples];
  let { orders, ambiguous } = resolveColumnOrders(samples, ctx);
  if (ambiguous.length) {
    const order = orderFromSpans(issueTexts, dueTexts);
    if (order) ({ orders, ambiguous } = { orders: { issueDate: order, dueDate: order }, ambiguous: [] });
  }
  if (ambiguous.length) return emptyList(ambiguous.map((role) => ambiguousDateProblem(header(role))));

  const unreadable = new UnreadableCells();
  const results: Array<ExtractedInvoice | null | undefined> = new Array<undefined>(rowIndex.length);
  // A list shows the same few hundred days over and over, and many equal amounts (0,00 € once paid):
  // parse each text once per column.
  const moneyCache = new Map<string, Money | null | undefined>();
  const moneyOf = (text: string): Money | null | undefined => {
    let money = moneyCache.get(text);
    if (money === undefined && !moneyCache.has(text)) {
      money = readMoney(text, ctx);
      moneyCache.set(text, money);
    }
    // A copy: invoices never share an amount object.
    return money ? { amountMinor: money.amountMinor, currency: money.currency } : money;
  };
  const { today } = ctx;
  const issueCache = new Map<string, IsoDate | null>();
  const dueCache = new Map<string, IsoDate | null>();
  const dateOf = (text: string, cache: Map<string, IsoDate | null>, order: DateOrder | undefined): IsoDate | null => {
    let iso = cache.get(text);
    if (iso === undefined) {
      // "In 5 days", "Yesterday": relative to today when the caller gave it.
      iso = parseDate(text, order) ?? (today ? relativeDate(text, today) : null);
      cache.set(text, iso);
    }
    return iso;
  };

  const parse = (i: number): ExtractedInvoice | null => {
    const r = rowIndex[i]!;
    const issueText = issueTexts[i]!;
    const dueText = dueTexts[i]!;
    const issueDate = issueText ? dateOf(issueText, issueCache, orders.issueDate) : undefined;
    let dueDate = dueText ? dateOf(dueText, dueCache, orders.dueDate) : undefined;
    // "Due on receipt", "À réception", "Sofort": due the day it was issued.
    if (dueDate === null && ON_RECEIPT.test(normalizeHeader(dueText))) dueDate = issueDate ?? undefined;
    const totalText = elementText(source.cell(r, 'total'));
    let total = moneyOf(totalText);
    const dueAmountText = elementText(source.cell(r, 'amountDue'));
    const amountDue = moneyOf(dueAmountText);
    const faults: Array<[ColumnRole, string]> = [];
    if (issueDate === null) faults.push(['issueDate', issueText]);
    if (dueDate === null) faults.push(['dueDate', dueText]);
    if (total === null) faults.push(['total', totalText]);
    if (amountDue === null) faults.push(['amountDue', dueAmountText]);
    if (faults.length) {
      // A hidden row (a template the app fills in later) is not worth a word to the user.
      if (!isHidden(rows[r]!)) for (const [role, text] of faults) unreadable.add(header(role), text, i * 4 + ROLES.indexOf(role));
      return null;
    }
    const statusCell = source.readStatus ? undefined : source.cell(r, 'status');
    const statusText = statusCell ? labelText(statusCell) : '';
    const status = source.readStatus ? source.readStatus(r) : statusText ? classifyStatusText(statusText) : {};
    if (credits.has(i)) status.kind = 'credit-note';
    // No due date shown, but the status tells it: "Overdue 12 days", "Due in 5 days", "Vence en 3 días".
    if (!dueDate && statusText && today) dueDate = relativeDate(statusText, today) ?? undefined;
    // A row with neither a date nor an amount is not an invoice line (group header, spacer, note).
    if (!issueDate && !dueDate) return null;
    if (!total && !amountDue) return null;
    if (total && amountDue && total.currency !== amountDue.currency) {
      const alternatives = source.altTotals?.(r);
      if (alternatives) {
        for (const cell of alternatives) {
          const money = moneyOf(elementText(cell));
          if (money?.currency === amountDue.currency) {
            total = money;
            break;
          }
        }
      }
    }
    const raw: RawFacts = { number: numbers[i]!, customerName: customerText(source.cell(r, 'customer')), status };
    if (issueDate) raw.issueDate = issueDate;
    if (dueDate) raw.dueDate = dueDate;
    if (total) raw.total = total;
    if (amountDue) raw.amountDue = amountDue;
    const badgeHost = source.cell(r, 'number');
    if (!badgeHost) return null;
    return { facts: composeFacts(raw), row: rows[r]!, badgeHost };
  };

  return {
    count: rowIndex.length,
    rowAt: (i) => rows[rowIndex[i]!]!,
    read(i) {
      let result = results[i];
      if (result === undefined) {
        result = parse(i);
        results[i] = result;
      }
      return result;
    },
    problems: () => unreadable.problems(),
    numberAt: (i) => numbers[i]!,
  };
}

/** A list already read in full (small structured-data lists), as a prepared list. */
function eagerList(result: ExtractResult): SourceList {
  const { invoices, problems } = result;
  return {
    count: invoices.length,
    rowAt: (i) => invoices[i]!.row,
    read: (i) => invoices[i] ?? null,
    problems: () => problems,
    numberAt: (i) => invoices[i]!.facts.number,
  };
}

/** A page made of prepared lists; its problems are theirs, in list order. */
export function preparedPage(lists: PreparedList[]): PreparedPage {
  return { lists, problems: () => lists.flatMap((list) => list.problems()) };
}

/** The result of an adapter without `prepare`, as a prepared page of one list. */
export function preparedFromResult(result: ExtractResult): PreparedPage {
  return preparedPage([eagerList(result)]);
}

/** Reads every row of every list of a prepared page: the same result `extract` gives. */
export function readPreparedPage(page: PreparedPage): ExtractResult {
  const invoices: ExtractedInvoice[] = [];
  for (const list of page.lists) {
    for (let i = 0; i < list.count; i++) {
      const invoice = list.read(i);
      if (invoice) invoices.push(invoice);
    }
  }
  return { invoices, problems: page.problems() };
}

/** Reads every row of an invoice list (see {@link prepareList}): the invoices, then the problems met. */
export function extractList(source: ListSource, ctx: ExtractContext): ExtractResult {
  return readPreparedPage(preparedPage([prepareList(source, ctx)]));
}

/**
 * Lists of one page where an invoice found by an earlier list (same number or same row) is not found again by
 * a later one: a table and the microdata on its rows, an ARIA grid and its JSON-LD. One list may show a number
 * twice; only earlier lists count. Which rows an earlier list yields is looked up lazily, by number or row, so
 * any row of any list can be read first.
 */
function firstListWins(lists: SourceList[]): PreparedList[] {
  if (lists.length < 2) return lists;
  interface Index {
    byNumber: Map<string, number[]>;
    byRow: Map<Element, number[]>;
  }
  const indexes: Array<Index | undefined> = [];
  const indexOf = (k: number): Index => {
    let index = indexes[k];
    if (!index) {
      const list = lists[k]!;
      index = { byNumber: new Map(), byRow: new Map() };
      for (let i = 0; i < list.count; i++) {
        const number = list.numberAt(i);
        const row = list.rowAt(i);
        const withNumber = index.byNumber.get(number);
        if (withNumber) withNumber.push(i);
        else index.byNumber.set(number, [i]);
        const inRow = index.byRow.get(row);
        if (inRow) inRow.push(i);
        else index.byRow.set(row, [i]);
      }
      indexes[k] = index;
    }
    return index;
  };
  const yields = (k: number, rows: number[] | undefined): boolean =>
    rows !== undefined && rows.some((i) => lists[k]!.read(i) !== null);
  const takenBefore = (k: number, invoice: ExtractedInvoice): boolean => {
    for (let earlier = 0; earlier < k; earlier++) {
      if (lists[earlier]!.count === 0) continue;
      const index = indexOf(earlier);
      if (yields(earlier, index.byNumber.get(invoice.facts.number)) || yields(earlier, index.byRow.get(invoice.row))) {
        return true;
      }
    }
    return false;
  };
  return lists.map((list, k) =>
    k === 0
      ? list
      : {
          count: list.count,
          rowAt: (i) => list.rowAt(i),
          read(i) {
            const invoice = list.read(i);
            return invoice && !takenBefore(k, invoice) ? invoice : null;
          },
          problems: () => list.problems(),
        },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Column headers, shared by HTML tables and ARIA grids.

/** Where a list's values are: each role's column and, in a column stacking values ("Client / Invoice number"), which. */
interface Columns {
  at: Partial<Record<ColumnRole, number>>;
  /** `[index, count]` of a role's value among the values its column stacks. */
  part: Partial<Record<ColumnRole, readonly [number, number]>>;
  labels: Partial<Record<ColumnRole, string>>;
}

interface Candidate {
  role: ColumnRole;
  score: number;
  position: number;
  label: string;
  part?: readonly [number, number];
}

function headerLabel(cell: Element): string {
  return cellText(cell) || cell.getAttribute('aria-label') || cell.getAttribute('title') || '';
}

/** True when a column's first texts are amounts (`1,440.00`, `€4.00`), not dates. */
const showsAmounts = (texts: string[]): boolean =>
  texts.some(Boolean) && texts.every((t) => !t || (!DATE_LIKE.test(t) && /\d[.,]\d\d(?!\d)|[€$£¥₹]/.test(t)));

/** True for row counters (1, 2, 3…) rather than invoice numbers. */
function countsRows(texts: string[]): boolean {
  return texts.length > 1 && texts.every((t, i) => /^\d+$/.test(t) && (i === 0 || Number(t) === Number(texts[i - 1]) + 1));
}

/**
 * The columns of an invoice list from its header cells (keyed by column position), or null when they are not an
 * invoice list's. Each role goes to its most specific header ("Invoice date" over "Date", "Invoice #" over "#"),
 * the leftmost on a tie; a number column that only counts rows (1, 2, 3) gives way to the next one; a header with a
 * second meaning takes it over amounts (Xero's "Due" amount beside "Due date"). A header "A / B" stacks two
 * values in its cells. A list naming a supplier, or identified by another document's number (payment, quote,
 * receipt, credit note) before any invoice number, is not an invoice list. `sample(position)` gives the texts of
 * the first rows in a column.
 */
function readColumns(headers: Map<number, Element>, sample: (position: number) => string[]): Columns | null {
  const candidates: Candidate[] = [];
  let otherDocumentAt = Infinity;
  for (const [position, cell] of headers) {
    const label = headerLabel(cell);
    let parts = label.split(/\s+\/\s+/);
    let meanings = parts.map(readHeader);
    if (meanings.filter((m) => m && m.meaning !== 'veto' && m.meaning !== 'document').length < 2) {
      parts = [label];
      meanings = [readHeader(label)];
    }
    meanings.forEach((m, index) => {
      if (m?.meaning === 'veto') otherDocumentAt = -1;
      else if (m?.meaning === 'document') otherDocumentAt = Math.min(otherDocumentAt, position);
      else if (m) {
        // Xero's "Due" (beside "Due date") shows amounts: what remains due, not a date.
        const second = SECOND_MEANING[normalizeHeader(parts[index]!)];
        const role = second && showsAmounts(sample(position)) ? second : m.meaning;
        const candidate: Candidate = { role, score: m.score, position, label: parts[index]! };
        if (parts.length > 1) candidate.part = [index, parts.length];
        candidates.push(candidate);
      }
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.position - b.position);
  const columns: Columns = { at: {}, part: {}, labels: {} };
  const assign = (c: Candidate): void => {
    columns.at[c.role] = c.position;
    columns.labels[c.role] = c.label;
    if (c.part) columns.part[c.role] = c.part;
    else delete columns.part[c.role];
  };
  const numbers: Candidate[] = [];
  for (const c of candidates) {
    if (columns.at[c.role] === undefined) assign(c);
    else if (c.role === 'number') numbers.push(c);
  }
  // A number column that only counts rows gives way to the next one.
  if (numbers[0] && countsRows(sample(columns.at.number!))) assign(numbers[0]);
  return isInvoiceList(columns.at) && otherDocumentAt > columns.at.number! ? columns : null;
}

/** The blocks a cell stacks, one per line (`<div>Client</div><div>0000214</div>`), hidden ones left out. */
function stackedLines(cell: Element): Element[] {
  let el = cell;
  while (el.childElementCount === 1 && !ownText(el)) el = el.firstElementChild!;
  return ownText(el) ? [el] : Array.from(el.children).filter((line) => !isHidden(line) && elementText(line) !== '');
}

/** Value `index` of `count` stacked in a cell; with another number of lines, the first is the whole cell. */
function stackedValue(cell: Element, index: number, count: number): Element | undefined {
  const lines = stackedLines(cell);
  return lines.length === count ? lines[index] : index === 0 ? cell : undefined;
}

function ownText(el: Element): boolean {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 && (node.nodeValue ?? '').trim()) return true;
  }
  return false;
}

/** Column slots by position: which {@link ROLES} slots a column fills (several when it stacks values). */
function slotsByPosition(columns: Columns): Map<number, number[]> {
  const slots = new Map<number, number[]>();
  for (const [role, position] of Object.entries(columns.at) as Array<[ColumnRole, number]>) {
    const list = slots.get(position);
    if (list) list.push(ROLE_SLOT[role]);
    else slots.set(position, [ROLE_SLOT[role]]);
  }
  return slots;
}

/** A list source whose `cell(i, role)` gives a role's own value where its column stacks several. */
function withStacks(columns: Columns, source: ListSource): ListSource {
  if (Object.keys(columns.part).length === 0) return source;
  const cell = source.cell;
  return {
    ...source,
    cell(i, role) {
      const found = cell(i, role);
      const part = columns.part[role];
      return part && found ? stackedValue(found, part[0], part[1]) : found;
    },
  };
}

/** The context of a list in an element: the language of its closest `lang` ancestor decides its dates. */
function contextFor(el: Element, ctx: ExtractContext): ExtractContext {
  const lang = el.closest('[lang]')?.getAttribute('lang');
  return lang && lang !== ctx.lang ? { ...ctx, lang } : ctx;
}

// ---------------------------------------------------------------------------------------------------------
// HTML tables.

/** The cells of a row, in order (children only: a nested table's cells are not this row's). */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'td' || c.localName === 'th') cells.push(c);
  }
  return cells;
}

/** How many columns a cell spans (`colspan`, 1 when absent or invalid). */
function spanOf(cell: Element): number {
  const attr = cell.getAttribute('colspan');
  if (attr === null) return 1;
  const span = Number(attr);
  return Number.isInteger(span) && span > 0 ? span : 1;
}

/** Cells keyed by their first column position, counting colspans. */
function positionedCells(row: Element): Map<number, Element> {
  const map = new Map<number, Element>();
  let position = 0;
  for (const cell of cellsOf(row)) {
    map.set(position, cell);
    position += spanOf(cell);
  }
  return map;
}

/**
 * A table's header rows and body rows (tfoot holds totals, never invoices). The body is a static list found in
 * one call, its rows reached from script only when read: a first look at the rows on screen of a 10,000-row table
 * touches a few dozen of them.
 */
function tableRows(table: Element): { head: Element[]; body: ArrayLike<Element> } {
  return {
    head: [...table.querySelectorAll(':scope > thead > tr')],
    body: table.querySelectorAll(':scope > tbody > tr, :scope > tr'),
  };
}

/** Rows `[from, from + count)` of `rows` as an array. */
function someRows(rows: ArrayLike<Element>, from: number, count: number): Element[] {
  const out: Element[] = [];
  for (let i = from; i < Math.min(rows.length, from + count); i++) out.push(rows[i]!);
  return out;
}

/** Every column role, in the order of their slots in a {@link RowCells}. */
const ROLES: readonly ColumnRole[] = ['number', 'customer', 'issueDate', 'dueDate', 'total', 'amountDue', 'status', 'type'];
const ROLE_SLOT = Object.fromEntries(ROLES.map((role, slot) => [role, slot])) as Record<ColumnRole, number>;

/** A list source over rows whose cells were filed by role (slot = index in {@link ROLES}). */
function roleSource(headers: Partial<Record<ColumnRole, string>>, cells: RowCells): ListSource {
  return { headers, rows: cells.rows, cell: (i, role) => cells.at(i, ROLE_SLOT[role]) };
}

/**
 * The invoice list a table shows; or, for a table holding only an invoice list's header row, that row's cells
 * (a fixed header above a scrolling body: the next table reads its rows with them); else null.
 * The header is the `<thead>` row naming most roles, else one of the first rows (Dolibarr prints a row of
 * search filters above its titles), else `headerAbove`.
 */
function tableSource(table: Element, headerAbove?: Map<number, Element>): ListSource | Map<number, Element> | null {
  const { head, body } = tableRows(table);
  const sampleFrom = (start: number) => (position: number) =>
    someRows(body, start, 3).map((row) => elementText(positionedCells(row).get(position)));
  let columns: Columns | null = null;
  let headers: Map<number, Element> | undefined;
  let first = 0;
  let most = 0;
  const candidates = [...head, ...someRows(body, 0, 3)];
  for (let k = 0; k < candidates.length; k++) {
    const cells = positionedCells(candidates[k]!);
    const start = Math.max(0, k - head.length + 1);
    const found = readColumns(cells, sampleFrom(start));
    const count = found ? Object.keys(found.at).length : 0;
    if (count > most) {
      most = count;
      columns = found;
      headers = cells;
      first = start;
    }
  }
  // The header above applies to a body with as many cells a row, not to any table below it.
  if (!columns && headerAbove && body[0] && cellsOf(body[0]).length === headerAbove.size) {
    columns = readColumns(headerAbove, sampleFrom(0));
    first = 0;
  }
  if (!columns) return null;
  const rows = first === 0 ? body : Array.prototype.slice.call(body, first);
  if (!rows.length) return headers ?? null;
  // A row's cells are found on demand, walking it only as far as the column asked for, and the walk resumes
  // where it stopped: preparing the list reads the number and date cells of every row, reading a row the
  // rest. Each DOM call from a content script costs (its isolated world maps every node it touches), so no
  // cell is visited twice.
  const { at } = columns;
  const slotsAt = slotsByPosition(columns);
  // Most tables span no columns: then a cell's position is its index and `colspan` need not be read.
  const spans = table.querySelector('[colspan]') !== null;
  const width = ROLES.length;
  const found: Array<Element | undefined> = new Array<undefined>(rows.length * width);
  const nextOf: Array<Element | null | undefined> = new Array<undefined>(rows.length); // undefined: not walked yet
  const positionOf = new Int32Array(rows.length);
  const hasDataOf = new Uint8Array(rows.length); // 1 once a <td> was seen: not a repeated header row
  const cell = (i: number, role: ColumnRole): Element | undefined => {
    const column = at[role];
    if (column === undefined) return undefined;
    let next = nextOf[i];
    if (next === undefined) next = rows[i]!.firstElementChild;
    let position = positionOf[i]!;
    let hasData = hasDataOf[i] === 1;
    if (next !== null && (position <= column || !hasData)) {
      const base = i * width;
      while (next && (position <= column || !hasData)) {
        const tag = next.localName;
        if (tag === 'td' || tag === 'th') {
          if (tag === 'td') hasData = true;
          const slots = slotsAt.get(position);
          if (slots) for (const slot of slots) found[base + slot] = next;
          position += spans ? spanOf(next) : 1;
        }
        next = next.nextElementSibling;
      }
      positionOf[i] = position;
      hasDataOf[i] = hasData ? 1 : 0;
    }
    nextOf[i] = next;
    // A row of header cells only (a header repeated in the body) has no invoice cells.
    return hasData ? found[i * width + ROLE_SLOT[role]] : undefined;
  };
  return withStacks(columns, { headers: columns.labels, rows, cell });
}

// ---------------------------------------------------------------------------------------------------------
// ARIA grids (div-based tables of most SaaS apps).

const GRID_SELECTOR = '[role="grid"],[role="table"],[role="treegrid"]';
const CELL_SELECTOR = '[role="cell"],[role="gridcell"],[role="rowheader"],[role="columnheader"]';

/**
 * The grid's rows as the user sees them: DOM rows sharing an `aria-rowindex` are one row (grids with pinned
 * columns render each row once per column container), in document order.
 */
function logicalRows(grid: Element): Element[][] {
  const groups: Element[][] = [];
  const byIndex = new Map<string, Element[]>();
  const rows = grid.querySelectorAll('[role="row"]');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.closest(GRID_SELECTOR) !== grid) continue;
    const index = row.getAttribute('aria-rowindex');
    let group = index ? byIndex.get(index) : undefined;
    if (!group) {
      group = [];
      groups.push(group);
      if (index) byIndex.set(index, group);
    }
    group.push(row);
  }
  return groups;
}

/**
 * Calls `visit(key, cell, row)` for each cell of a logical row, keyed by column (aria-colindex when given, else
 * position); only the first cell of a key counts. Cells may be nested at any depth in their DOM row.
 */
function forEachAriaCell(rows: Element[], visit: (key: number, cell: Element, row: Element) => void): void {
  const seen = new Set<number>();
  let position = 0;
  for (const row of rows) {
    // Rows whose cells carry no role (only the grid and its rows do): the row's children are its cells.
    let found: ArrayLike<Element> = row.querySelectorAll(CELL_SELECTOR);
    if (!found.length) found = row.children;
    for (let i = 0; i < found.length; i++) {
      const cell = found[i]!;
      if (cell.closest('[role="row"]') !== row) continue;
      const colIndex = Number(cell.getAttribute('aria-colindex'));
      const key = Number.isInteger(colIndex) && colIndex > 0 ? colIndex - 1 : position;
      if (!seen.has(key)) {
        seen.add(key);
        visit(key, cell, row);
      }
      position = key + 1;
    }
  }
}

const isHeaderRow = (rows: Element[]): boolean => rows.some((row) => row.querySelector('[role="columnheader"]') !== null);

/** The invoice list an ARIA grid shows, or null when no header row names an invoice list's columns. */
function ariaGridSource(grid: Element): ListSource | null {
  const groups = logicalRows(grid);
  const headerGroups = groups.filter(isHeaderRow);
  if (!headerGroups.length) return null;
  const dataGroups = groups.filter((group) => !headerGroups.includes(group));
  const sample = (position: number): string[] =>
    dataGroups.slice(0, 3).map((group) => {
      let text = '';
      forEachAriaCell(group, (key, cell) => {
        if (key === position) text = elementText(cell);
      });
      return text;
    });
  let columns: Columns | null = null;
  let most = 0;
  for (const group of headerGroups) {
    const headers = new Map<number, Element>();
    forEachAriaCell(group, (key, cell) => {
      if (cell.getAttribute('role') === 'columnheader') headers.set(key, cell);
    });
    const found = readColumns(headers, sample);
    const count = found ? Object.keys(found.at).length : 0;
    if (count > most) {
      most = count;
      columns = found;
    }
  }
  if (!columns) return null;
  const slotsAt = slotsByPosition(columns);
  const numberAt = columns.at.number;
  const cells = new RowCells(ROLES.length);
  const rowCells: Array<Element | undefined> = new Array<undefined>(ROLES.length);
  for (const group of dataGroups) {
    rowCells.fill(undefined);
    // The invoice's row is the DOM row holding its number (the badge goes there).
    let row = group[0]!;
    forEachAriaCell(group, (key, cell, domRow) => {
      const slots = slotsAt.get(key);
      if (!slots || cell.getAttribute('role') === 'columnheader') return;
      for (const slot of slots) rowCells[slot] = cell;
      if (key === numberAt) row = domRow;
    });
    cells.add(row, rowCells);
  }
  return withStacks(columns, roleSource(columns.labels, cells));
}

// ---------------------------------------------------------------------------------------------------------
// schema.org Invoice: microdata and JSON-LD.

const INVOICE_TYPE = /^(?:https?:\/\/schema\.org\/|schema:)?Invoice$/i;

/** A schema.org Invoice read from the page, before dates are parsed. */
interface SchemaInvoice {
  number: string;
  customerName: string;
  issueDateText?: string;
  dueDateText?: string;
  total?: Money;
  status: StatusTextFacts;
  /** Where the invoice is shown; absent for JSON-LD until its number is found in the page. */
  row?: Element;
  badgeHost?: Element;
}

/** schema.org PaymentStatusType values (bare, full URL or `schema:` prefixed), else a status text. */
export function schemaPaymentStatus(value: string): StatusTextFacts {
  const name = value.trim().replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '');
  const type = /^payment(?:(complete|automaticallyapplied)|due|pastdue|declined)$/i.exec(name);
  return type ? { lifecycle: 'issued', paid: type[1] !== undefined } : classifyStatusText(name);
}

/** Amount from a machine value and currency (`1234.56`, `EUR`), or a displayed text. */
function schemaMoney(value: string | undefined, currency: string | undefined, ctx: ExtractContext): Money | undefined {
  if (!value) return undefined;
  const cur = currency?.trim();
  const text = cur && /^[A-Za-z]{3}$/.test(cur) ? `${cur.toUpperCase()} ${value}` : `${cur ?? ''} ${value}`;
  return readMoney(text.trim(), ctx) ?? undefined;
}

const itemTypes = (el: Element): string[] => (el.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean);

/** Microdata properties of an item: elements with `itemprop` whose nearest item is `scope`. */
function itemProps(scope: Element): Map<string, Element[]> {
  const props = new Map<string, Element[]>();
  const walk = (parent: Element): void => {
    for (const el of Array.from(parent.children)) {
      if (el.localName === BADGE_TAG) continue;
      const names = (el.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean);
      for (const name of names) {
        const list = props.get(name);
        if (list) list.push(el);
        else props.set(name, [el]);
      }
      if (!el.hasAttribute('itemscope')) walk(el);
    }
  };
  walk(scope);
  return props;
}

/** The value of a microdata property element, as the microdata spec reads it. */
function propValue(el: Element): string {
  if (el.hasAttribute('content')) return el.getAttribute('content') ?? '';
  const tag = el.localName;
  if (tag === 'time' && el.hasAttribute('datetime')) return el.getAttribute('datetime') ?? '';
  if ((tag === 'data' || tag === 'meter') && el.hasAttribute('value')) return el.getAttribute('value') ?? '';
  if ((tag === 'a' || tag === 'link' || tag === 'area') && el.hasAttribute('href')) return el.getAttribute('href') ?? '';
  return cellText(el);
}

function firstProp(props: Map<string, Element[]>, ...names: string[]): Element | undefined {
  for (const name of names) {
    const el = props.get(name)?.[0];
    if (el) return el;
  }
  return undefined;
}

/** A text property, reading a nested item's `name`/`value` when the property is an item. */
function textProp(props: Map<string, Element[]>, ...names: string[]): string {
  const el = firstProp(props, ...names);
  if (!el) return '';
  if (el.hasAttribute('itemscope')) {
    const nested = itemProps(el);
    const inner = firstProp(nested, 'name', 'legalName', 'value');
    return inner ? propValue(inner).trim() : cellText(el);
  }
  return propValue(el).trim();
}

function readMicrodata(root: ParentNode, ctx: ExtractContext): SchemaInvoice[] {
  const found: SchemaInvoice[] = [];
  for (const scope of Array.from(root.querySelectorAll('[itemscope][itemtype]'))) {
    if (!itemTypes(scope).some((t) => INVOICE_TYPE.test(t))) continue;
    const props = itemProps(scope);
    const number = textProp(props, 'confirmationNumber', 'identifier', 'name');
    if (!number) continue;
    const amountEl = firstProp(props, 'totalPaymentDue');
    let total: Money | undefined;
    if (amountEl?.hasAttribute('itemscope')) {
      const nested = itemProps(amountEl);
      total = schemaMoney(
        textProp(nested, 'price', 'value'),
        textProp(nested, 'priceCurrency', 'currency') || undefined,
        ctx,
      );
    } else if (amountEl) {
      total = schemaMoney(propValue(amountEl), undefined, ctx);
    }
    const statusText = textProp(props, 'paymentStatus');
    const numberEl = firstProp(props, 'confirmationNumber', 'identifier', 'name');
    // A table row can carry the item; the badge then goes in the number's cell, never the <tr>.
    const badgeHost = scope.localName === 'tr' ? (numberEl?.closest('td,th') ?? scope.firstElementChild ?? scope) : scope;
    const invoice: SchemaInvoice = {
      number,
      customerName: textProp(props, 'customer'),
      status: statusText ? schemaPaymentStatus(statusText) : {},
      row: scope,
      badgeHost,
    };
    const issued = textProp(props, 'dateCreated', 'datePublished', 'dateIssued');
    const due = textProp(props, 'paymentDueDate', 'paymentDue');
    if (issued) invoice.issueDateText = issued;
    if (due) invoice.dueDateText = due;
    if (total) invoice.total = total;
    found.push(invoice);
  }
  return found;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonGet(node: JsonObject, key: string): Json | undefined {
  return node[key] ?? node[`schema:${key}`] ?? node[`https://schema.org/${key}`] ?? node[`http://schema.org/${key}`];
}

/** A scalar as text; objects give their `name`, `value`, `@value` or `@id`; arrays their first item. */
function jsonText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return jsonText(value[0]);
  for (const key of ['name', 'legalName', 'value', '@value', '@id']) {
    const inner = jsonGet(value, key);
    if (inner !== undefined) return jsonText(inner);
  }
  return '';
}

function isJsonInvoice(node: JsonObject): boolean {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && INVOICE_TYPE.test(t));
}

/** Invoice objects anywhere in a JSON-LD value (top level, arrays, `@graph`, nested properties). */
function collectJsonInvoices(value: Json, out: JsonObject[], depth = 0): void {
  if (depth > 12) return;
  if (Array.isArray(value)) {
    for (const item of value) collectJsonInvoices(item, out, depth + 1);
  } else if (isObject(value)) {
    if (isJsonInvoice(value)) out.push(value);
    for (const key of Object.keys(value)) collectJsonInvoices(value[key] ?? null, out, depth + 1);
  }
}

function readJsonLd(root: ParentNode, ctx: ExtractContext): SchemaInvoice[] {
  const nodes: JsonObject[] = [];
  for (const script of Array.from(root.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collectJsonInvoices(JSON.parse(script.textContent ?? '') as Json, nodes);
    } catch {
      // Broken structured data is the page's problem; the rest of the page is still read.
    }
  }
  const found: SchemaInvoice[] = [];
  for (const node of nodes) {
    const number = jsonText(jsonGet(node, 'confirmationNumber') ?? jsonGet(node, 'identifier') ?? jsonGet(node, 'name'));
    if (!number) continue;
    const amount = jsonGet(node, 'totalPaymentDue');
    const total = isObject(amount)
      ? schemaMoney(
          jsonText(jsonGet(amount, 'price') ?? jsonGet(amount, 'value')),
          jsonText(jsonGet(amount, 'priceCurrency') ?? jsonGet(amount, 'currency')) || undefined,
          ctx,
        )
      : schemaMoney(jsonText(amount), undefined, ctx);
    const statusText = jsonText(jsonGet(node, 'paymentStatus'));
    const invoice: SchemaInvoice = {
      number,
      customerName: jsonText(jsonGet(node, 'customer')),
      status: statusText ? schemaPaymentStatus(statusText) : {},
    };
    const issued = jsonText(jsonGet(node, 'dateCreated') ?? jsonGet(node, 'datePublished'));
    const due = jsonText(jsonGet(node, 'paymentDueDate'));
    if (issued) invoice.issueDateText = issued;
    if (due) invoice.dueDateText = due;
    if (total) invoice.total = total;
    found.push(invoice);
  }
  return found;
}

const HIDDEN_TAGS = new Set([BADGE_TAG, 'script', 'style', 'template', 'noscript', 'head', 'title', 'svg']);

/** Visible text nodes in document order (hidden subtrees, scripts and our badges skipped). */
function visibleTextNodes(root: ParentNode): Text[] {
  const out: Text[] = [];
  const walk = (parent: Node): void => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 3) {
        if ((child.nodeValue ?? '').trim()) out.push(child as Text);
      } else if (child.nodeType === 1 && !HIDDEN_TAGS.has((child as Element).localName) && !isHidden(child as Element)) {
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** For each JSON-LD invoice, the smallest visible element whose own text shows its number. */
function placeJsonLd(root: ParentNode, invoices: SchemaInvoice[]): SchemaInvoice[] {
  if (!invoices.length) return [];
  const texts = visibleTextNodes(root);
  const placed: SchemaInvoice[] = [];
  for (const invoice of invoices) {
    // The number as a whole token: `2026-0453` must not be found inside `2026-04530`.
    const escaped = invoice.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
    const text = texts.find((t) => pattern.test(t.nodeValue ?? ''));
    const host = text?.parentElement;
    if (!host) continue; // not shown on the page: nowhere to put a badge
    const row = host.closest('tr,[role="row"],li,article') ?? host;
    placed.push({ ...invoice, row, badgeHost: host });
  }
  return placed;
}

function schemaToInvoices(found: SchemaInvoice[], ctx: ExtractContext, source: string): ExtractResult {
  const samples: Partial<Record<DateRole, string[]>> = {};
  for (const inv of found) {
    if (inv.issueDateText) (samples.issueDate ??= []).push(inv.issueDateText);
    if (inv.dueDateText) (samples.dueDate ??= []).push(inv.dueDateText);
  }
  const { orders, ambiguous } = resolveColumnOrders(samples, ctx);
  if (ambiguous.length) {
    const names: Record<DateRole, string> = { issueDate: 'dateCreated', dueDate: 'paymentDueDate' };
    return { invoices: [], problems: ambiguous.map((role) => ambiguousDateProblem(`${source} ${names[role]}`)) };
  }
  const unreadable = new UnreadableCells();
  const invoices: ExtractedInvoice[] = [];
  for (let i = 0; i < found.length; i++) {
    const inv = found[i]!;
    if (!inv.row || !inv.badgeHost) continue;
    const issueDate = inv.issueDateText ? parseDate(inv.issueDateText, orders.issueDate) : undefined;
    const dueDate = inv.dueDateText ? parseDate(inv.dueDateText, orders.dueDate) : undefined;
    if (issueDate === null) {
      unreadable.add(`${source} dateCreated`, inv.issueDateText ?? '', i * 2);
      continue;
    }
    if (dueDate === null) {
      unreadable.add(`${source} paymentDueDate`, inv.dueDateText ?? '', i * 2 + 1);
      continue;
    }
    // totalPaymentDue is what the invoice asks for; nothing remains of it once paid.
    const raw: RawFacts = { number: inv.number, customerName: inv.customerName, status: inv.status };
    if (issueDate) raw.issueDate = issueDate;
    if (dueDate) raw.dueDate = dueDate;
    if (inv.total) raw.total = inv.total;
    invoices.push({ facts: composeFacts(raw), row: inv.row, badgeHost: inv.badgeHost });
  }
  return { invoices, problems: unreadable.problems() };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Finds invoices in any page: HTML tables and ARIA grids whose headers name a number, a date and an amount
 * (fr/en/de/es), then schema.org Invoice microdata and JSON-LD. Other tables yield nothing. An invoice a list
 * found (same number or same row) is not found again by a later list.
 */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  name: 'Any page',
  matches: () => true,
  extract(root: ParentNode, ctx: ExtractContext): ExtractResult {
    return readPreparedPage(runToEnd(genericSteps(root, ctx)));
  },
  prepareSteps: (root: ParentNode, ctx: ExtractContext) => genericSteps(root, ctx),
};

function* genericSteps(root: ParentNode, ctx: ExtractContext): Generator<void, PreparedPage, void> {
  const lists: SourceList[] = [];
  const tables = root.querySelectorAll('table');
  let headerAbove: Map<number, Element> | undefined;
  for (let i = 0; i < tables.length; i++) {
    const table = tables[i]!;
    const source = tableSource(table, headerAbove);
    headerAbove = source instanceof Map ? source : undefined;
    if (source && !(source instanceof Map)) lists.push(yield* prepareListSteps(source, contextFor(table, ctx)));
  }
  const grids = root.querySelectorAll(GRID_SELECTOR);
  for (let i = 0; i < grids.length; i++) {
    const grid = grids[i]!;
    if (grid.localName === 'table') continue; // already read as a table
    const source = ariaGridSource(grid);
    if (source) lists.push(yield* prepareListSteps(source, contextFor(grid, ctx)));
  }
  yield;
  // Structured data describes a handful of invoices: read at once.
  const microdata = readMicrodata(root, ctx);
  const first = microdata[0]?.row;
  lists.push(eagerList(schemaToInvoices(microdata, first ? contextFor(first, ctx) : ctx, 'microdata')));
  lists.push(eagerList(schemaToInvoices(placeJsonLd(root, readJsonLd(root, ctx)), ctx, 'JSON-LD')));
  return preparedPage(firstListWins(lists));
}
