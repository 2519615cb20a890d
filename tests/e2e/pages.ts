// Fixture pages for the end-to-end tests, built relative to today's date so statuses are predictable.
import { isoDaysFromToday, numericDate } from './harness';

export interface Row {
  number: string;
  customer: string;
  /** Due date as days from today (negative: in the past). */
  dueInDays: number;
  amount: string;
  remaining?: string;
  state?: 'posted' | 'draft' | 'cancel';
  payment?: 'not_paid' | 'paid' | 'partial' | 'reversed';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Odoo 17 customer-invoice list view markup (web client list renderer). */
export function odooListPage(rows: Row[], lang: 'en-US' | 'fr-FR' = 'en-US'): string {
  const order = lang === 'en-US' ? 'mdy' : 'dmy';
  const label = (en: string, fr: string) => (lang === 'en-US' ? en : fr);
  const stateText = { posted: label('Posted', 'Comptabilisé'), draft: label('Draft', 'Brouillon'), cancel: label('Cancelled', 'Annulé') };
  const payText = { not_paid: label('Not Paid', 'Non payées'), paid: label('Paid', 'Payé'), partial: label('Partially Paid', 'Partiellement réglé'), reversed: label('Reversed', 'Extourné') };
  const body = rows
    .map((r) => {
      const issue = numericDate(isoDaysFromToday(r.dueInDays - 30), order);
      const due = numericDate(isoDaysFromToday(r.dueInDays), order);
      const state = r.state ?? 'posted';
      const payment = r.payment ?? 'not_paid';
      return `<tr class="o_data_row" data-id="${esc(r.number)}">
  <td class="o_list_record_selector"><input type="checkbox"/></td>
  <td class="o_data_cell cursor-pointer o_field_cell o_list_char o_readonly_modifier" name="name">${esc(r.number)}</td>
  <td class="o_data_cell cursor-pointer o_field_cell o_list_char" name="invoice_partner_display_name">${esc(r.customer)}</td>
  <td class="o_data_cell cursor-pointer o_field_cell o_date_cell" name="invoice_date">${issue}</td>
  <td class="o_data_cell cursor-pointer o_field_cell o_remaining_days_cell" name="invoice_date_due"><div class="o_field_widget o_field_remaining_days"><div>${due}</div></div></td>
  <td class="o_data_cell cursor-pointer o_field_cell o_list_number" name="amount_total_in_currency_signed"><span class="o_field_widget o_field_monetary">${esc(r.amount)}</span></td>
  <td class="o_data_cell cursor-pointer o_field_cell o_list_number" name="amount_residual_signed"><span class="o_field_widget o_field_monetary">${esc(r.remaining ?? r.amount)}</span></td>
  <td class="o_data_cell cursor-pointer o_field_cell o_badge_cell" name="payment_state"><span class="badge rounded-pill">${payText[payment]}</span></td>
  <td class="o_data_cell cursor-pointer o_field_cell o_badge_cell" name="state"><span class="badge rounded-pill">${stateText[state]}</span></td>
</tr>`;
    })
    .join('\n');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Invoices - Odoo</title></head>
<body class="o_web_client"><div class="o_action_manager"><div class="o_action o_view_controller o_list_view">
<div class="o_content"><div class="o_list_renderer table-responsive">
<table class="o_list_table table table-sm table-hover position-relative mb-0 o_list_table_ungrouped table-striped">
<thead><tr>
  <th class="o_list_record_selector"></th>
  <th data-name="name" class="o_column_sortable"><span>${label('Number', 'Numéro')}</span></th>
  <th data-name="invoice_partner_display_name"><span>${label('Customer', 'Client')}</span></th>
  <th data-name="invoice_date"><span>${label('Invoice Date', 'Date de facturation')}</span></th>
  <th data-name="invoice_date_due"><span>${label('Due Date', "Date d'échéance")}</span></th>
  <th data-name="amount_total_in_currency_signed"><span>Total</span></th>
  <th data-name="amount_residual_signed"><span>${label('Amount Due', 'Montant dû')}</span></th>
  <th data-name="payment_state"><span>${label('Payment Status', 'État du paiement')}</span></th>
  <th data-name="state"><span>${label('Status', 'Statut')}</span></th>
</tr></thead>
<tbody class="ui-sortable">${body}</tbody>
</table></div></div></div></div></body></html>`;
}

/** A plain HTML table, headers in French, as many SaaS invoice lists render. */
export function frenchTablePage(rows: Row[], extraHead = ''): string {
  const body = rows
    .map((r) => `<tr><td>${esc(r.number)}</td><td>${esc(r.customer)}</td><td>${numericDate(isoDaysFromToday(r.dueInDays - 30), 'dmy')}</td>
<td>${numericDate(isoDaysFromToday(r.dueInDays), 'dmy')}</td><td>${esc(r.amount)}</td><td>${esc(r.remaining ?? r.amount)}</td>
<td>${r.payment === 'paid' ? 'Payée' : r.state === 'draft' ? 'Brouillon' : 'À régler'}</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Factures</title>${extraHead}</head><body>
<h1>Factures clients</h1>
<table id="invoices"><thead><tr><th>N° facture</th><th>Client</th><th>Date</th><th>Échéance</th><th>Montant TTC</th><th>Reste à payer</th><th>Statut</th></tr></thead>
<tbody>${body}</tbody></table>
<h2>Produits</h2>
<table id="products"><thead><tr><th>Référence</th><th>Désignation</th><th>Prix</th></tr></thead><tbody><tr><td>P-1</td><td>Chaise</td><td>120,00 €</td></tr></tbody></table>
</body></html>`;
}

/** Appends one row to the French table, the way a single-page app would after a fetch. */
export function frenchRowHtml(r: Row): string {
  return `<td>${esc(r.number)}</td><td>${esc(r.customer)}</td><td>${numericDate(isoDaysFromToday(r.dueInDays - 30), 'dmy')}</td>
<td>${numericDate(isoDaysFromToday(r.dueInDays), 'dmy')}</td><td>${esc(r.amount)}</td><td>${esc(r.remaining ?? r.amount)}</td><td>À régler</td>`;
}

/**
 * Dolibarr's customer-invoice list (compta/facture/list.php): a `table.liste` without <thead>, whose first row
 * holds the search filters and the second (`liste_titre`) the column titles.
 */
export function dolibarrListPage(rows: Row[]): string {
  const body = rows
    .map((r) => `<tr class="oddeven">
<td class="nowraponall"><a href="card.php?id=1" class="classfortooltip"><span class="fas fa-file-invoice-dollar"></span>${esc(r.number)}</a></td>
<td class="center">${numericDate(isoDaysFromToday(r.dueInDays - 30), 'dmy')}</td>
<td class="center">${numericDate(isoDaysFromToday(r.dueInDays), 'dmy')}</td>
<td class="tdoverflowmax200"><a href="../../societe/card.php?socid=1">${esc(r.customer)}</a></td>
<td class="right nowraponall amount">${esc(r.amount)}</td>
<td class="right nowraponall amount">${esc(r.remaining ?? r.amount)}</td>
<td class="nowrap right"><span class="badge badge-status1 badge-status">${r.payment === 'paid' ? 'Payée' : 'Impayée'}</span></td>
</tr>`)
    .join('\n');
  return `<!doctype html><html lang="fr_FR"><head><meta charset="utf-8"><title>Factures clients</title></head><body class="body">
<div class="fiche"><form method="POST" id="searchFormList" action="/compta/facture/list.php">
<div class="div-table-responsive"><table class="tagtable nobottomiftotal liste">
<tr class="liste_titre_filter"><td class="liste_titre"><input class="flat maxwidth50imp" type="text" name="search_ref"></td>
<td class="liste_titre center"><input name="search_date_start" placeholder="Du"></td><td class="liste_titre center"><input name="search_datelimit_start" placeholder="Du"></td>
<td class="liste_titre"><input class="flat" type="text" name="search_company"></td><td class="liste_titre right"><input class="flat" name="search_montant_ttc"></td>
<td class="liste_titre"></td><td class="liste_titre center"><button type="submit" class="button_search"><span class="fas fa-search"></span></button></td></tr>
<tr class="liste_titre"><th class="wrapcolumntitle liste_titre">Réf.</th><th class="wrapcolumntitle center liste_titre">Date facturation</th>
<th class="wrapcolumntitle center liste_titre">Date échéance</th><th class="wrapcolumntitle liste_titre">Tiers</th>
<th class="wrapcolumntitle right liste_titre">Montant TTC</th><th class="wrapcolumntitle right liste_titre">Reste à encaisser</th>
<th class="wrapcolumntitle right liste_titre">État</th></tr>
${body}
</table></div></form></div></body></html>`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** ISO date → `2 Nov 2026`, as Xero writes dates. */
const dayMonthYear = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
};

/** Xero's invoice list: Number, Reference, To, Date, Due date, Paid, Due (the amount), Status. */
export function xeroInvoicesPage(rows: Array<Row & { status: string }>): string {
  const body = rows
    .map((r) => `<tr class="xui-readonlytable--row"><td><input type="checkbox"></td><td><a href="/app/invoicing/view/${esc(r.number)}">${esc(r.number)}</a></td>
<td></td><td>${esc(r.customer)}</td><td>${dayMonthYear(isoDaysFromToday(r.dueInDays - 14))}</td><td>${dayMonthYear(isoDaysFromToday(r.dueInDays))}</td>
<td>0.00</td><td>${esc(r.remaining ?? r.amount)}</td><td><span class="xui-tag">${esc(r.status)}</span></td><td>Sent</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invoices | Xero</title></head><body>
<table class="xui-readonlytable"><thead><tr><th><input type="checkbox" aria-label="Select all"></th>
<th><button>Number<span class="xui-u-hidden-visually">, sortable column</span></button></th><th><button>Reference</button></th>
<th><button>To</button></th><th><button>Date</button></th><th><button>Due date</button></th><th><button>Paid</button></th>
<th><button>Due</button></th><th><button>Status</button></th><th><button>Sent</button></th></tr></thead>
<tbody>${body}</tbody></table></body></html>`;
}

/**
 * QuickBooks Online's invoice list: a dgrid ARIA grid (div rows holding presentation tables) with no due-date
 * column; the status says how late an invoice is ("Overdue 12 days", "Due in 5 days", "Due today").
 */
export function qboInvoicesPage(rows: Array<Row & { status?: string }>): string {
  const status = (r: Row & { status?: string }): string =>
    r.status ?? (r.dueInDays < 0 ? `Overdue ${-r.dueInDays} days` : r.dueInDays === 0 ? 'Due today' : `Due in ${r.dueInDays} days`);
  const body = rows
    .map((r) => `<div role="row" class="dgrid-row"><table class="dgrid-row-table" role="presentation"><tr>
<td role="gridcell"><input type="checkbox"></td><td role="gridcell">${numericDate(isoDaysFromToday(r.dueInDays - 30), 'mdy')}</td>
<td role="gridcell">${esc(r.number)}</td><td role="gridcell"><div>${esc(r.customer)}</div></td><td role="gridcell">${esc(r.amount)}</td>
<td role="gridcell"><div class="status"><span>${esc(status(r))}</span><div class="status-sub">Sent</div></div></td>
<td role="gridcell"><button>Receive payment</button></td></tr></table></div>`)
    .join('\n');
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Invoices | QuickBooks</title></head><body>
<div class="dgrid" role="grid" aria-label="Invoices"><div class="dgrid-header" role="row"><table role="presentation"><tr>
<th role="columnheader"><input type="checkbox" aria-label="Select all"></th><th role="columnheader">DATE</th><th role="columnheader">NO.</th>
<th role="columnheader">CUSTOMER</th><th role="columnheader">AMOUNT</th><th role="columnheader">STATUS</th><th role="columnheader">ACTION</th>
</tr></table></div><div class="dgrid-scroller" style="overflow-y:auto;max-height:400px">${body}</div></div></body></html>`;
}

/** FreshBooks' invoice list: two values stacked per column ("Client / Invoice Number", "Issued Date / Due Date", "Amount / Status"). */
export function freshbooksInvoicesPage(rows: Array<Row & { status: string }>): string {
  const stacked = (a: string, b: string) => `<div class="stacked"><div>${a}</div><div>${b}</div></div>`;
  const body = rows
    .map((r) => `<tr><td><input type="checkbox"></td><td>${stacked(esc(r.customer), esc(r.number))}</td><td>Services</td>
<td>${stacked(numericDate(isoDaysFromToday(r.dueInDays - 30), 'mdy'), numericDate(isoDaysFromToday(r.dueInDays), 'mdy'))}</td>
<td>${stacked(esc(r.amount), `<span class="status-pill">${esc(r.status)}</span>`)}</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Invoices - FreshBooks</title></head><body>
<table class="fb-table"><thead><tr><th><input type="checkbox" aria-label="Select all"></th><th>Client / Invoice Number</th><th>Description</th>
<th>Issued Date / Due Date</th><th>Amount / Status</th></tr></thead><tbody>${body}</tbody></table></body></html>`;
}

/** Zoho Books' invoice list in Spanish: a fixed header table above a scrolling body table. */
export function zohoInvoicesPage(rows: Array<Row & { status: string }>): string {
  const body = rows
    .map((r) => `<tr><td><input type="checkbox"></td><td>${numericDate(isoDaysFromToday(r.dueInDays - 30), 'dmy')}</td>
<td><a href="#/invoices/1">${esc(r.number)}</a></td><td></td><td>${esc(r.customer)}</td><td>${esc(r.status)}</td>
<td>${numericDate(isoDaysFromToday(r.dueInDays), 'dmy')}</td><td>${esc(r.amount)}</td><td>${esc(r.remaining ?? r.amount)}</td></tr>`)
    .join('\n');
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Facturas | Zoho Books</title></head><body>
<div class="fixed-table-header"><table><thead><tr><th><input type="checkbox"></th><th>FECHA</th><th>N.º DE FACTURA</th><th>NÚMERO DE PEDIDO</th>
<th>NOMBRE DEL CLIENTE</th><th>ESTADO</th><th>FECHA DE VENCIMIENTO</th><th>IMPORTE</th><th>SALDO ADEUDADO</th></tr></thead></table></div>
<div style="overflow-y:auto;height:300px"><table><tbody>${body}</tbody></table></div></body></html>`;
}
