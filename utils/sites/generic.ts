// Generic invoice detector: HTML tables, ARIA grids, schema.org Invoice microdata and JSON-LD, in any app.
// Pure reading: it never changes the page, never reads layout (no innerText, no geometry), and touches each
// row once so a 10,000-row list stays fast.
import { parseDate, resolveDateOrder } from '../domain/dates';
import type { DateOrder } from '../domain/dates';
import { parseMoney } from '../domain/money';
import { classifyStatusText } from '../domain/status-text';
import type { StatusTextFacts } from '../domain/status-text';
import type { InvoiceFacts, IsoDate, Money } from '../domain/types';
import { classifyHeader, isTotalRowLabel } from './headers';
import type { ColumnRole } from './headers';
import type { ExtractContext, ExtractedInvoice, ExtractProblem, ExtractResult, SiteAdapter } from './types';

/** Tag of the badge element the extension inserts; never read as page content. */
export const BADGE_TAG = 'amiable-badge';

const SKIPPED_TAGS = new Set([BADGE_TAG, 'script', 'style', 'template', 'noscript']);
// Elements that start a new line when rendered: a space keeps "Acme<br>Paris" from reading "AcmeParis".
const BREAKING_TAGS = new Set(['br', 'div', 'p', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function collectText(node: Node, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? '');
    } else if (child.nodeType === 1) {
      const tag = (child as Element).localName;
      // aria-hidden content (avatar initials, sort arrows, icons) is decoration, not data.
      if (SKIPPED_TAGS.has(tag) || (child as Element).getAttribute('aria-hidden') === 'true') continue;
      const breaks = BREAKING_TAGS.has(tag);
      if (breaks) out.push(' ');
      collectText(child, out);
      if (breaks) out.push(' ');
    }
  }
}

/**
 * The text of an element as a reader (and a screen reader) gets it, whitespace collapsed, leaving out
 * `<amiable-badge>` elements, scripts/styles and `aria-hidden` decoration, so a page we already badged reads
 * exactly as before. Walks nodes like textContent: no layout is read.
 */
export function cellText(node: Node | null | undefined): string {
  if (!node) return '';
  // Fast path for the common cell holding only text (most of a large list).
  if (node.nodeType === 1 && (node as Element).childElementCount === 0) {
    const text = node.textContent ?? '';
    return text.includes('\u200b') ? text.replace(/\u200b/g, '').replace(/\s+/g, ' ').trim() : text.replace(/\s+/g, ' ').trim();
  }
  const out: string[] = [];
  collectText(node, out);
  return out.join('').replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Shared list core: from cells per row to invoice facts (also used by platform adapters).

/** One row of a list, with the cell holding each column role. */
export interface ListRow {
  row: Element;
  cells: Partial<Record<ColumnRole, Element>>;
  /** Other cells showing the total (e.g. in another currency), used when `cells.total`'s currency differs from the amount due. */
  altTotals?: Element[];
}

/** A list of invoices as columns and rows, ready to be read. */
export interface ListSource {
  /** The visible header of each column, for messages the user reads. */
  headers: Partial<Record<ColumnRole, string>>;
  rows: ListRow[];
  /** Reads the date shown by a date cell; defaults to its text. */
  readDateText?: (cell: Element) => string;
  /** Reads what the row's status says; defaults to classifying the status cell's text. */
  readStatus?: (row: ListRow) => StatusTextFacts;
}

type DateRole = 'issueDate' | 'dueDate';
type AmountRole = 'total' | 'amountDue';
const DATE_ROLES: readonly DateRole[] = ['issueDate', 'dueDate'];
const AMOUNT_ROLES: readonly AmountRole[] = ['total', 'amountDue'];

/** True when the columns are those of an invoice list: a number, a date and an amount. */
export function isInvoiceList(roles: ReadonlySet<ColumnRole> | Partial<Record<ColumnRole, unknown>>): boolean {
  const has = (role: ColumnRole): boolean =>
    roles instanceof Set ? roles.has(role) : (roles as Partial<Record<ColumnRole, unknown>>)[role] !== undefined;
  return has('number') && (has('issueDate') || has('dueDate')) && (has('total') || has('amountDue'));
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

/** Parses an amount cell; an empty cell is `undefined`, an unreadable one `null`. */
function readMoney(text: string, ctx: ExtractContext): Money | null | undefined {
  if (!text) return undefined;
  return parseMoney(text, ctx.defaultCurrency ? { defaultCurrency: ctx.defaultCurrency } : undefined);
}

/** Tracks cells we could not read, to report one problem per column rather than one per row. */
class UnreadableCells {
  private readonly byColumn = new Map<string, { count: number; example: string }>();
  add(header: string, text: string): void {
    const entry = this.byColumn.get(header);
    if (entry) entry.count++;
    else this.byColumn.set(header, { count: 1, example: text });
  }
  problems(): ExtractProblem[] {
    return [...this.byColumn].map(([header, { count, example }]) => ({
      kind: 'unreadable-cell' as const,
      message: `${count} row${count > 1 ? 's' : ''} skipped: “${example}” in column “${header}” could not be read.`,
    }));
  }
}

const ROLE_LABELS: Record<ColumnRole, string> = {
  number: 'number',
  customer: 'customer',
  issueDate: 'issue date',
  dueDate: 'due date',
  total: 'total',
  amountDue: 'amount due',
  status: 'status',
};

/**
 * Reads every row of an invoice list into invoices. Rows without a number, totals rows and rows whose
 * dates or amounts cannot be read are skipped (the last reported). When a date column's order is
 * ambiguous the whole list yields no invoices and one problem naming the column.
 */
export function extractList(source: ListSource, ctx: ExtractContext): ExtractResult {
  const readDate = source.readDateText ?? ((cell: Element) => cellText(cell));
  const header = (role: ColumnRole): string => source.headers[role] || ROLE_LABELS[role];

  // First pass: the texts we need, once per cell.
  interface Pending {
    source: ListRow;
    number: string;
    dates: Partial<Record<DateRole, string>>;
  }
  const pending: Pending[] = [];
  const samples: Partial<Record<DateRole, string[]>> = {};
  for (const role of DATE_ROLES) if (source.headers[role] !== undefined) samples[role] = [];
  for (const row of source.rows) {
    const number = cellText(row.cells.number);
    // `/`, `—`: no number yet (an unposted draft), nothing to track the invoice by.
    if (!/[\p{L}\p{N}]/u.test(number) || isTotalRowLabel(number)) continue;
    const dates: Partial<Record<DateRole, string>> = {};
    for (const role of DATE_ROLES) {
      const cell = row.cells[role];
      if (!cell) continue;
      const text = readDate(cell).trim();
      dates[role] = text;
      if (text) (samples[role] ??= []).push(text);
    }
    pending.push({ source: row, number, dates });
  }

  const { orders, ambiguous } = resolveColumnOrders(samples, ctx);
  if (ambiguous.length) {
    return { invoices: [], problems: ambiguous.map((role) => ambiguousDateProblem(header(role))) };
  }

  const unreadable = new UnreadableCells();
  const invoices: ExtractedInvoice[] = [];
  for (const { source: row, number, dates } of pending) {
    let readable = true;
    const parsedDates: Partial<Record<DateRole, IsoDate>> = {};
    for (const role of DATE_ROLES) {
      const text = dates[role];
      if (!text) continue;
      const iso = parseDate(text, orders[role]);
      if (iso) parsedDates[role] = iso;
      else {
        unreadable.add(header(role), text);
        readable = false;
      }
    }
    const amounts: Partial<Record<AmountRole, Money>> = {};
    for (const role of AMOUNT_ROLES) {
      const text = cellText(row.cells[role]);
      const money = readMoney(text, ctx);
      if (money) amounts[role] = money;
      else if (money === null) {
        unreadable.add(header(role), text);
        readable = false;
      }
    }
    if (!readable) continue;
    // A row with neither a date nor an amount is not an invoice line (group header, spacer, note).
    if (!parsedDates.issueDate && !parsedDates.dueDate) continue;
    if (!amounts.total && !amounts.amountDue) continue;
    if (row.altTotals && amounts.total && amounts.amountDue && amounts.total.currency !== amounts.amountDue.currency) {
      const due = amounts.amountDue.currency;
      const same = row.altTotals.map((cell) => readMoney(cellText(cell), ctx)).find((m) => m?.currency === due);
      if (same) amounts.total = same;
    }
    const status = source.readStatus
      ? source.readStatus(row)
      : row.cells.status
        ? classifyStatusText(cellText(row.cells.status))
        : {};
    const facts = composeFacts({
      number,
      customerName: cellText(row.cells.customer),
      ...parsedDates,
      ...amounts,
      status,
    });
    const badgeHost = row.cells.number;
    if (!badgeHost) continue;
    invoices.push({ facts, row: row.row, badgeHost });
  }
  return { invoices, problems: unreadable.problems() };
}

// ---------------------------------------------------------------------------------------------------------
// HTML tables.

function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (const c of Array.from(row.children)) {
    if (c.localName === 'td' || c.localName === 'th') cells.push(c);
  }
  return cells;
}

/** Cells keyed by their first column position, counting colspans. */
function positionedCells(row: Element): Map<number, Element> {
  const map = new Map<number, Element>();
  let position = 0;
  for (const cell of cellsOf(row)) {
    map.set(position, cell);
    const span = Number(cell.getAttribute('colspan') ?? '1');
    position += Number.isInteger(span) && span > 0 ? span : 1;
  }
  return map;
}

function headerLabel(cell: Element): string {
  return cellText(cell) || cell.getAttribute('aria-label') || cell.getAttribute('title') || '';
}

/** Column roles from header cells: the first column of each role wins. */
function rolesFromHeaders(headers: Map<number, Element>): {
  columns: Partial<Record<ColumnRole, number>>;
  labels: Partial<Record<ColumnRole, string>>;
} {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const labels: Partial<Record<ColumnRole, string>> = {};
  for (const [position, cell] of headers) {
    const label = headerLabel(cell);
    const role = classifyHeader(label);
    if (role && columns[role] === undefined) {
      columns[role] = position;
      labels[role] = label;
    }
  }
  return { columns, labels };
}

function tableRows(table: Element): { head: Element[]; body: Element[] } {
  const head: Element[] = [];
  const body: Element[] = [];
  for (const section of Array.from(table.children)) {
    const tag = section.localName;
    if (tag === 'tr') body.push(section);
    else if (tag === 'thead' || tag === 'tbody') {
      for (const tr of Array.from(section.children)) {
        if (tr.localName === 'tr') (tag === 'thead' ? head : body).push(tr);
      }
    }
    // tfoot holds totals, never invoices.
  }
  return { head, body };
}

const isHeaderRow = (row: Element): boolean => {
  const cells = cellsOf(row);
  return cells.length > 0 && cells.every((c) => c.localName === 'th');
};

function readTable(table: Element, ctx: ExtractContext): ExtractResult | null {
  const { head, body } = tableRows(table);
  let headerRow: Element | undefined;
  let best = -1;
  for (const row of head) {
    const count = Object.keys(rolesFromHeaders(positionedCells(row)).columns).length;
    if (count > best) {
      best = count;
      headerRow = row;
    }
  }
  let bodyRows = body;
  if (!headerRow) {
    const first = body[0];
    if (!first || !isHeaderRow(first)) return null;
    headerRow = first;
    bodyRows = body.slice(1);
  }
  const { columns, labels } = rolesFromHeaders(positionedCells(headerRow));
  if (!isInvoiceList(columns)) return null;
  const entries = Object.entries(columns) as Array<[ColumnRole, number]>;
  const rows: ListRow[] = [];
  for (const tr of bodyRows) {
    if (isHeaderRow(tr)) continue;
    const positioned = positionedCells(tr);
    const cells: Partial<Record<ColumnRole, Element>> = {};
    for (const [role, position] of entries) {
      const cell = positioned.get(position);
      if (cell) cells[role] = cell;
    }
    rows.push({ row: tr, cells });
  }
  return extractList({ headers: labels, rows }, ctx);
}

// ---------------------------------------------------------------------------------------------------------
// ARIA grids (div-based tables of most SaaS apps).

const GRID_SELECTOR = '[role="grid"],[role="table"],[role="treegrid"]';
const CELL_SELECTOR = '[role="cell"],[role="gridcell"],[role="rowheader"],[role="columnheader"]';

/** Cells of an ARIA row keyed by column (aria-colindex when given, else position). */
function ariaCells(row: Element): Map<number, Element> {
  const map = new Map<number, Element>();
  let position = 0;
  for (const cell of Array.from(row.querySelectorAll(CELL_SELECTOR))) {
    if (cell.closest('[role="row"]') !== row) continue;
    const colIndex = Number(cell.getAttribute('aria-colindex'));
    const key = Number.isInteger(colIndex) && colIndex > 0 ? colIndex - 1 : position;
    if (!map.has(key)) map.set(key, cell);
    position = key + 1;
  }
  return map;
}

function readAriaGrid(grid: Element, ctx: ExtractContext): ExtractResult | null {
  const rows = Array.from(grid.querySelectorAll('[role="row"]')).filter((r) => r.closest(GRID_SELECTOR) === grid);
  const headerIndex = rows.findIndex((r) => r.querySelector('[role="columnheader"]') !== null);
  const headerRow = rows[headerIndex];
  if (!headerRow) return null;
  const headers = new Map<number, Element>();
  for (const [key, cell] of ariaCells(headerRow)) {
    if (cell.getAttribute('role') === 'columnheader') headers.set(key, cell);
  }
  const { columns, labels } = rolesFromHeaders(headers);
  if (!isInvoiceList(columns)) return null;
  const entries = Object.entries(columns) as Array<[ColumnRole, number]>;
  const listRows: ListRow[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    const positioned = ariaCells(row);
    const cells: Partial<Record<ColumnRole, Element>> = {};
    for (const [role, position] of entries) {
      const cell = positioned.get(position);
      if (cell && cell.getAttribute('role') !== 'columnheader') cells[role] = cell;
    }
    listRows.push({ row, cells });
  }
  return extractList({ headers: labels, rows: listRows }, ctx);
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
  switch (name.toLowerCase()) {
    case 'paymentcomplete':
    case 'paymentautomaticallyapplied':
      return { lifecycle: 'issued', paid: true };
    case 'paymentdue':
    case 'paymentpastdue':
    case 'paymentdeclined':
      return { lifecycle: 'issued', paid: false };
    default:
      return classifyStatusText(name);
  }
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

function isHidden(el: Element): boolean {
  if (HIDDEN_TAGS.has(el.localName)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Visible text nodes in document order (hidden subtrees, scripts and our badges skipped). */
function visibleTextNodes(root: ParentNode): Text[] {
  const out: Text[] = [];
  const walk = (parent: Node): void => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 3) {
        if ((child.nodeValue ?? '').trim()) out.push(child as Text);
      } else if (child.nodeType === 1 && !isHidden(child as Element)) {
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
  for (const inv of found) {
    if (!inv.row || !inv.badgeHost) continue;
    const issueDate = inv.issueDateText ? parseDate(inv.issueDateText, orders.issueDate) : undefined;
    const dueDate = inv.dueDateText ? parseDate(inv.dueDateText, orders.dueDate) : undefined;
    if (issueDate === null) {
      unreadable.add(`${source} dateCreated`, inv.issueDateText ?? '');
      continue;
    }
    if (dueDate === null) {
      unreadable.add(`${source} paymentDueDate`, inv.dueDateText ?? '');
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

/** Adds a source's invoices unless a previous source already found the same invoice (same number or row). */
function merge(into: ExtractResult, from: ExtractResult | null, seen: { numbers: Set<string>; rows: Set<Element> }): void {
  if (!from) return;
  into.problems.push(...from.problems);
  for (const inv of from.invoices) {
    if (seen.rows.has(inv.row) || seen.numbers.has(inv.facts.number)) continue;
    into.invoices.push(inv);
  }
  // Marked after the whole source: one list may legitimately show a number twice.
  for (const inv of from.invoices) {
    seen.rows.add(inv.row);
    seen.numbers.add(inv.facts.number);
  }
}

/**
 * Finds invoices in any page: HTML tables and ARIA grids whose headers name a number, a date and an amount
 * (fr/en/de/es), then schema.org Invoice microdata and JSON-LD. Other tables yield nothing.
 */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  name: 'Any page',
  matches: () => true,
  extract(root: ParentNode, ctx: ExtractContext): ExtractResult {
    const result: ExtractResult = { invoices: [], problems: [] };
    const seen = { numbers: new Set<string>(), rows: new Set<Element>() };
    for (const table of Array.from(root.querySelectorAll('table'))) merge(result, readTable(table, ctx), seen);
    for (const grid of Array.from(root.querySelectorAll(GRID_SELECTOR))) {
      if (grid.localName === 'table') continue; // already read as a table
      merge(result, readAriaGrid(grid, ctx), seen);
    }
    merge(result, schemaToInvoices(readMicrodata(root, ctx), ctx, 'microdata'), seen);
    merge(result, schemaToInvoices(placeJsonLd(root, readJsonLd(root, ctx)), ctx, 'JSON-LD'), seen);
    return result;
  },
};
