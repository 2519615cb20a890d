// Odoo (odoo.com and self-hosted, v16–18) customer-invoice list view.
//
// What Odoo renders (web ListRenderer + account `view_invoice_tree`):
//   <table class="o_list_table"> <thead><tr><th data-name="FIELD">Label…</th>…
//   <tbody><tr class="o_data_row" data-id="…"><td class="o_data_cell …" name="FIELD">…</td>…
// Columns are identified by field name, never by their (translated) label:
//   name (number; `/` for a draft never posted), invoice_partner_display_name or partner_id (customer),
//   invoice_date, invoice_date_due, amount_total_in_currency_signed / amount_total_signed (total, negative
//   for credit notes), amount_residual_signed (amount due, optional column), state and payment_state badges
//   (v16–17) or status_in_payment (v18), move_type when shown.
// invoice_date_due uses the `remaining_days` widget: its text is relative ("In 5 days", "Yesterday",
// "5 days ago", the date itself beyond 99 days) but the element carries the date in `title` (formatted in the
// user's date format), which is what we read. The cell is left empty once the invoice is paid or cancelled.
import type { StatusTextFacts } from '../domain/status-text';
import { classifyStatusText } from '../domain/status-text';
import { cellText, isInvoiceList, preparedPage, prepareListSteps, readPreparedPage, RowCells, runToEnd, titledDate } from './generic';
import type { ListSource } from './generic';
import type { ColumnRole } from './headers';
import type { ExtractContext, ExtractResult, PreparedList, PreparedPage, SiteAdapter } from './types';

/** Field names for each role, preferred first. */
const ROLE_FIELDS: Record<Exclude<ColumnRole, 'status' | 'type'>, readonly string[]> = {
  number: ['name', 'display_name'],
  customer: ['invoice_partner_display_name', 'partner_id', 'commercial_partner_id'],
  issueDate: ['invoice_date'],
  dueDate: ['invoice_date_due'],
  total: ['amount_total_in_currency_signed', 'amount_total_signed', 'amount_total'],
  amountDue: ['amount_residual_signed', 'amount_residual'],
};
const TOTAL_FIELDS = ROLE_FIELDS.total;
/** Badge fields whose texts (and colours) tell the status, and move_type for credit notes. */
const STATUS_FIELDS = ['state', 'payment_state', 'status_in_payment', 'move_type'] as const;
type StatusField = (typeof STATUS_FIELDS)[number];

type Decoration = 'success' | 'info' | 'warning' | 'danger' | 'muted';

/** Odoo's badge colours (`decoration-*` in the view), used only when the badge text is not one we know. */
const DECORATIONS: Record<StatusField, Partial<Record<Decoration, StatusTextFacts>>> = {
  // v16–17: decoration-info="state == 'draft'" decoration-success="state == 'posted'"
  state: { info: { lifecycle: 'draft' }, success: { lifecycle: 'issued' } },
  // v16–17: danger not_paid, warning partial/in_payment, success paid/reversed
  payment_state: {
    danger: { lifecycle: 'issued', paid: false },
    warning: { lifecycle: 'issued', paid: false },
    success: { lifecycle: 'issued', paid: true },
  },
  // v18: info draft, danger cancel, muted posted/sent/partial, success in_payment/paid/reversed
  status_in_payment: {
    info: { lifecycle: 'draft' },
    danger: { lifecycle: 'cancelled' },
    muted: { lifecycle: 'issued' },
    success: { lifecycle: 'issued', paid: true },
  },
  move_type: {},
};

function decorationOf(cell: Element): Decoration | undefined {
  const badge = cell.querySelector('.badge') ?? cell;
  // Bootstrap 5 `text-bg-*` (v17+), `bg-*`/`text-*`, Bootstrap 4 `badge-*` (v14–15).
  const match = /\b(?:text-bg|bg|text|badge)-(success|info|warning|danger|muted|secondary)\b/.exec(badge.getAttribute('class') ?? '');
  return match?.[1] as Decoration | undefined;
}

function statusOfCell(field: StatusField, cell: Element): StatusTextFacts {
  const text = cellText(cell);
  if (!text) return {};
  const byText = classifyStatusText(text);
  if (byText.lifecycle || byText.paid !== undefined || byText.kind) return byText;
  const decoration = decorationOf(cell);
  return (decoration && DECORATIONS[field][decoration]) || {};
}

/** Combines the state, payment and type badges of one row: cancelled > draft > issued; any "paid" wins. */
function mergeStatus(parts: StatusTextFacts[]): StatusTextFacts {
  const merged: StatusTextFacts = {};
  const lifecycles = new Set(parts.map((p) => p.lifecycle));
  const lifecycle = (['cancelled', 'draft', 'issued'] as const).find((l) => lifecycles.has(l));
  if (lifecycle) merged.lifecycle = lifecycle;
  if (parts.some((p) => p.paid === true)) merged.paid = true;
  else if (parts.some((p) => p.paid === false)) merged.paid = false;
  if (parts.some((p) => p.kind === 'credit-note')) merged.kind = 'credit-note';
  return merged;
}

/** The date a due-date cell stands for: the remaining_days `title` when it holds one, else the cell text. */
const readOdooDate = (cell: Element): string => titledDate(cell) ?? cellText(cell);

/** Field names of a row's data cells (the first cell of a name wins). */
function dataCellNames(row: Element): string[] {
  const names: string[] = [];
  for (let td = row.firstElementChild; td; td = td.nextElementSibling) {
    const name = td.getAttribute('name');
    if (td.localName === 'td' && name && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The field name of each column position, from the header cells: Odoo up to 15 names only its header cells
 * (`th[data-name]`), not the body's `<td>`s.
 */
function fieldsByPosition(table: Element): Array<string | null> {
  const header = table.querySelector('thead tr');
  const fields: Array<string | null> = [];
  for (let cell = header?.firstElementChild; cell; cell = cell.nextElementSibling) fields.push(cell.getAttribute('data-name'));
  return fields;
}

function dataRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (let section = table.firstElementChild; section; section = section.nextElementSibling) {
    if (section.localName !== 'tbody') continue;
    for (let tr = section.firstElementChild; tr; tr = tr.nextElementSibling) {
      if (tr.localName === 'tr' && tr.classList.contains('o_data_row')) rows.push(tr);
    }
  }
  return rows;
}

/** Column labels by field name, from `thead th[data-name]` (or the first row's cells when absent). */
function columnLabels(table: Element, rows: Element[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const th of Array.from(table.querySelectorAll('thead th[data-name]'))) {
    if (th.closest('table') !== table) continue;
    const name = th.getAttribute('data-name');
    if (name && !labels.has(name)) labels.set(name, cellText(th) || name);
  }
  if (labels.size === 0 && rows[0]) {
    for (const name of dataCellNames(rows[0])) labels.set(name, name);
  }
  return labels;
}

/** The invoice list an Odoo list view shows, or null when its columns are not an invoice list's. */
function odooSource(table: Element): ListSource | null {
  const rows = dataRows(table);
  const labels = columnLabels(table, rows);
  const fieldOf: Partial<Record<ColumnRole, string>> = {};
  const headers: Partial<Record<ColumnRole, string>> = {};
  for (const role of Object.keys(ROLE_FIELDS) as Array<keyof typeof ROLE_FIELDS>) {
    // Signed totals pair with the signed amount due (both negative for a credit note).
    const candidates =
      role === 'amountDue' && fieldOf.total && !fieldOf.total.endsWith('_signed')
        ? [...ROLE_FIELDS.amountDue].reverse()
        : ROLE_FIELDS[role];
    const field = candidates.find((f) => labels.has(f));
    if (!field) continue;
    fieldOf[role] = field;
    headers[role] = labels.get(field) ?? field;
  }
  const statusFields = STATUS_FIELDS.filter((f) => labels.has(f));
  if (statusFields.length) headers.status = statusFields.map((f) => labels.get(f)).join(' / ');
  if (!isInvoiceList(fieldOf)) return null;

  // One slot per field we read, filled in one walk over each row (no Map per row).
  const slotOf = new Map<string, number>();
  const slot = (field: string): number => {
    let at = slotOf.get(field);
    if (at === undefined) {
      at = slotOf.size;
      slotOf.set(field, at);
    }
    return at;
  };
  const roleSlot: Partial<Record<ColumnRole, number>> = {};
  for (const [role, field] of Object.entries(fieldOf) as Array<[ColumnRole, string]>) roleSlot[role] = slot(field);
  const altTotalSlots = TOTAL_FIELDS.filter((f) => f !== fieldOf.total && labels.has(f)).map(slot);
  const statusSlots = statusFields.map((field) => [field, slot(field)] as const);
  const cells = new RowCells(slotOf.size);
  const rowCells: Array<Element | undefined> = new Array<undefined>(slotOf.size);
  const byPosition = fieldsByPosition(table);
  for (const tr of rows) {
    rowCells.fill(undefined);
    let position = 0;
    for (let td = tr.firstElementChild; td; td = td.nextElementSibling, position++) {
      if (td.localName !== 'td') continue;
      const name = td.getAttribute('name') ?? byPosition[position];
      const at = name ? slotOf.get(name) : undefined;
      if (at !== undefined && rowCells[at] === undefined) rowCells[at] = td;
    }
    cells.add(tr, rowCells);
  }
  return {
    headers,
    rows: cells.rows,
    cell: (i, role) => cells.at(i, roleSlot[role] ?? -1),
    altTotals(i) {
      const alt: Element[] = [];
      for (const at of altTotalSlots) {
        const cell = cells.at(i, at);
        if (cell) alt.push(cell);
      }
      return alt.length ? alt : undefined;
    },
    readDateText: readOdooDate,
    readStatus(i) {
      const parts: StatusTextFacts[] = [];
      for (const [field, at] of statusSlots) {
        const cell = cells.at(i, at);
        if (cell) parts.push(statusOfCell(field, cell));
      }
      return mergeStatus(parts);
    },
  };
}

const ODOO_DOM = '.o_web_client, table.o_list_table';

/** Odoo invoice lists, on *.odoo.com and on any self-hosted Odoo (recognized by its web client markup). */
export const odooAdapter: SiteAdapter = {
  id: 'odoo',
  name: 'Odoo',
  matches(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    return host === 'odoo.com' || host.endsWith('.odoo.com');
  },
  looksLike(root: ParentNode): boolean {
    if (root instanceof Element && root.matches(ODOO_DOM)) return true;
    return root.querySelector(ODOO_DOM) !== null;
  },
  extract(root: ParentNode, ctx: ExtractContext): ExtractResult {
    return readPreparedPage(runToEnd(odooSteps(root, ctx)));
  },
  prepareSteps: (root: ParentNode, ctx: ExtractContext) => odooSteps(root, ctx),
};

function* odooSteps(root: ParentNode, ctx: ExtractContext): Generator<void, PreparedPage, void> {
  const lists: PreparedList[] = [];
  const tables = root.querySelectorAll('table.o_list_table');
  for (let i = 0; i < tables.length; i++) {
    const source = odooSource(tables[i]!);
    if (source) lists.push(yield* prepareListSteps(source, ctx));
  }
  return preparedPage(lists);
}
