// Invoices and customers learnt from accounting pages.
import { invoiceForLog } from '../domain/contact-log';
import { customerIdFor, invoiceIdFor, type Customer, type Invoice } from '../domain/schemas';
import type { WireInvoice } from '../messaging/protocol';
import { searchKeyOf, type AmiableDb, type CustomerRecord } from './db';
import { updateDigests, type DigestChange } from './digests';

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
  return db.transaction('rw', db.customers, db.invoices, db.digests, async () => {
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
    await updateDigests(db, digestChanges(result, storedInvoices, newCustomers));
    return result;
  });
}

/**
 * What the stored log states learn from invoices just stored: each invoice's facts (the last one given under a
 * number wins, as in the store) and new customers' names. An invoice now under another customer than before,
 * or than earlier in the same page, leaves the other one.
 */
function digestChanges(
  stored: readonly Invoice[],
  before: ReadonlyArray<Invoice | undefined>,
  newCustomers: ReadonlyMap<string, CustomerRecord>,
): DigestChange[] {
  const owners = new Map<string, Set<string>>();
  const last = new Map<string, Invoice>();
  stored.forEach((invoice, i) => {
    let set = owners.get(invoice.id);
    if (!set) owners.set(invoice.id, (set = new Set()));
    const previous = before[i]?.customerId;
    if (previous !== undefined) set.add(previous);
    set.add(invoice.customerId);
    last.set(invoice.id, invoice);
  });
  const changes: DigestChange[] = [...newCustomers.values()].map((c) => ({ customerId: c.id, name: c.name }));
  const storedBefore = new Map<string, Invoice>();
  for (const b of before) if (b) storedBefore.set(b.id, b);
  for (const invoice of last.values()) {
    // A page seen again usually changes nothing the log reads: then no shard is read or written.
    const previous = storedBefore.get(invoice.id);
    const moved = owners.get(invoice.id)!.size > 1;
    if (!moved && previous && JSON.stringify(invoiceForLog(previous)) === JSON.stringify(invoiceForLog(invoice))) continue;
    changes.push({ customerId: invoice.customerId, invoices: [invoice] });
    for (const owner of owners.get(invoice.id)!) if (owner !== invoice.customerId) changes.push({ customerId: owner, dropInvoiceIds: [invoice.id] });
  }
  return changes;
}

export async function invoicesOfCustomer(db: AmiableDb, customerId: string): Promise<Invoice[]> {
  return db.invoices.where('customerId').equals(customerId).toArray();
}
