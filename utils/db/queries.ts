// Read models for the side panel: what a view shows, computed from the stored rows.
import { agedBalance, invoiceStatus, mergeAgedBalances, type AgedBalance } from '../domain/status';
import type { ContactEvent, Customer, Invoice } from '../domain/schemas';
import type { InvoiceStatus, IsoDate } from '../domain/types';
import { factsOf } from '../domain/policy-input';
import type { AmiableDb } from './db';
import { searchKeyOf } from './db';
import type { GeneralSettings } from './settings';

export { factsOf };

export interface OpenInvoice {
  invoice: Invoice;
  status: InvoiceStatus | 'credit-note';
  daysOverdue: number;
}

/** Receivables still open (issued, unpaid) plus credit notes that reduce them, most overdue first. */
export function openInvoices(invoices: Invoice[], today: IsoDate, settings: Pick<GeneralSettings, 'dueSoonDays' | 'defaultTermDays'>): OpenInvoice[] {
  const open: OpenInvoice[] = [];
  for (const invoice of invoices) {
    if (invoice.lifecycle !== 'issued' || invoice.paid) continue;
    if (invoice.kind === 'credit-note') {
      open.push({ invoice, status: 'credit-note', daysOverdue: 0 });
      continue;
    }
    const status = invoiceStatus(factsOf(invoice), today, settings);
    if (status && status.status !== 'paid') open.push({ invoice, status: status.status, daysOverdue: status.daysOverdue });
  }
  return open.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.invoice.dueDate ?? '').localeCompare(b.invoice.dueDate ?? ''));
}

export interface CustomerSummary {
  customer: Customer;
  balance: AgedBalance;
  openCount: number;
}

/** Every customer with its aged balance, largest debt first; optional accent-insensitive name search. */
export async function customerSummaries(
  db: AmiableDb,
  today: IsoDate,
  settings: Pick<GeneralSettings, 'dueSoonDays' | 'defaultTermDays'>,
  search = '',
): Promise<{ customers: CustomerSummary[]; total: AgedBalance }> {
  const key = searchKeyOf(search);
  const [customers, invoices] = await Promise.all([
    key ? db.customers.filter((c) => c.searchKey.includes(key)).toArray() : db.customers.toArray(),
    db.invoices.toArray(),
  ]);
  const byCustomer = new Map<string, Invoice[]>();
  for (const invoice of invoices) {
    const list = byCustomer.get(invoice.customerId);
    if (list) list.push(invoice);
    else byCustomer.set(invoice.customerId, [invoice]);
  }
  const summaries = customers.map((customer) => {
    const own = byCustomer.get(customer.id) ?? [];
    return {
      customer,
      balance: agedBalance(own.map(factsOf), today, settings),
      openCount: openInvoices(own, today, settings).filter((o) => o.status !== 'credit-note').length,
    };
  });
  const weight = (s: CustomerSummary) => s.balance.byCurrency.reduce((sum, c) => sum + c.total, 0);
  summaries.sort((a, b) => weight(b) - weight(a) || a.customer.name.localeCompare(b.customer.name));
  return { customers: summaries, total: mergeAgedBalances(summaries.map((s) => s.balance)) };
}

export interface CustomerDetail {
  customer: Customer;
  invoices: Invoice[];
  events: ContactEvent[];
}

export async function customerDetail(db: AmiableDb, customerId: string): Promise<CustomerDetail | null> {
  const customer = await db.customers.get(customerId);
  if (!customer) return null;
  const [invoices, log] = await Promise.all([
    db.invoices.where('customerId').equals(customerId).toArray(),
    db.logs.get(customerId),
  ]);
  return { customer, invoices, events: log?.events ?? [] };
}
