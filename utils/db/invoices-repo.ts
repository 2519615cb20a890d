// Invoices and customers learnt from accounting pages.
import { customerIdFor, invoiceIdFor, type Customer, type Invoice } from '../domain/schemas';
import type { WireInvoice } from '../messaging/protocol';
import { searchKeyOf, type AmiableDb, type CustomerRecord } from './db';

/**
 * Stores every invoice and customer a page shows: upsert by site and invoice number, in one transaction.
 * A paid invoice seen later updates the stored one (and records when it was first seen paid).
 * Returns the stored invoices in the order given.
 */
export async function upsertSeenInvoices(
  db: AmiableDb,
  site: string,
  seen: WireInvoice[],
  now: string,
): Promise<Invoice[]> {
  return db.transaction('rw', db.customers, db.invoices, async () => {
    const invoiceIds = seen.map((w) => invoiceIdFor(site, w.number));
    const customerIds = seen.map((w) => customerIdFor(site, w.customerName));
    const [storedInvoices, storedCustomers] = await Promise.all([
      db.invoices.bulkGet(invoiceIds),
      db.customers.bulkGet([...new Set(customerIds)]),
    ]);
    const customers = new Map<string, CustomerRecord>();
    for (const c of storedCustomers) if (c) customers.set(c.id, c);

    const newCustomers = new Map<string, CustomerRecord>();
    const result: Invoice[] = [];
    seen.forEach((wire, i) => {
      const customerId = customerIds[i]!;
      if (!customers.has(customerId) && !newCustomers.has(customerId)) {
        const customer: Customer = {
          id: customerId,
          site,
          name: wire.customerName,
          debtorKind: 'business',
          segment: 'standard',
          createdAt: now,
          updatedAt: now,
        };
        newCustomers.set(customerId, { ...customer, searchKey: searchKeyOf(wire.customerName) });
      }
      const before = storedInvoices[i];
      const invoice: Invoice = {
        id: invoiceIds[i]!,
        site,
        number: wire.number,
        customerId,
        customerName: wire.customerName,
        lifecycle: wire.lifecycle,
        kind: wire.kind,
        paid: wire.paid,
        firstSeenAt: before?.firstSeenAt ?? now,
        lastSeenAt: now,
      };
      if (wire.issueDate) invoice.issueDate = wire.issueDate;
      if (wire.dueDate) invoice.dueDate = wire.dueDate;
      if (wire.total) invoice.total = wire.total;
      if (wire.amountDue) invoice.amountDue = wire.amountDue;
      const paidAt = wire.paid ? (before?.paidAt ?? (before && !before.paid ? now : undefined)) : undefined;
      if (paidAt) invoice.paidAt = paidAt;
      result.push(invoice);
    });
    await db.customers.bulkPut([...newCustomers.values()]);
    await db.invoices.bulkPut(result);
    return result;
  });
}

export async function invoicesOfCustomer(db: AmiableDb, customerId: string): Promise<Invoice[]> {
  return db.invoices.where('customerId').equals(customerId).toArray();
}
