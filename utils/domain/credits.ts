// Credit notes reduce what a customer owes. A credit note the accounting app still shows as open (not matched to
// an invoice there) is applied here to the customer's open invoices in the same currency, the one that fell due
// first before the others (Code civil, art. 1342-10: without other instruction, a payment goes to the debt that
// fell due first). Reminders, priorities, escalation thresholds and late-payment interest then work on what is
// really owed, and a message can show which credit note was deducted from which invoice.
// Pure: amounts in minor units, no currency conversion.
import type { InvoiceKind, InvoiceLifecycle, IsoDate, Money } from './types';

/** A document as stored for a customer: an invoice or a credit note. */
export interface CreditableDocument {
  id: string;
  number: string;
  dueDate: IsoDate;
  /** What remains due (invoice) or unused (credit note); credit notes may be shown negative. */
  amountDue: Money;
  paid: boolean;
  lifecycle: InvoiceLifecycle;
  kind: InvoiceKind;
}

/** Part of a credit note deducted from one invoice. */
export interface CreditApplication {
  creditId: string;
  creditNumber: string;
  invoiceId: string;
  /** Positive amount deducted from the invoice. */
  amount: Money;
}

export interface CreditAllocation {
  /** What remains due on each open invoice once the credit notes are deducted (zero when fully covered). */
  netDue: ReadonlyMap<string, Money>;
  applications: CreditApplication[];
  /** Credit left over once every open invoice in its currency is covered, per currency. */
  unused: Money[];
}

/** An issued, unpaid invoice with something left to pay. */
export function isOpenInvoice(doc: CreditableDocument): boolean {
  return doc.lifecycle === 'issued' && doc.kind === 'invoice' && !doc.paid && doc.amountDue.amountMinor > 0;
}

/** An issued credit note not yet used up (pages show credit notes positive or negative). */
export function isOpenCredit(doc: CreditableDocument): boolean {
  return doc.lifecycle === 'issued' && doc.kind === 'credit-note' && !doc.paid && doc.amountDue.amountMinor !== 0;
}

const byDueDate = (a: CreditableDocument, b: CreditableDocument) =>
  a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number) || a.id.localeCompare(b.id);

/**
 * Deducts the open credit notes from the open invoices of the same currency, earliest due invoice first, the
 * earliest credit note first. Drafts, cancelled and paid documents take no part.
 */
export function allocateCredits(documents: readonly CreditableDocument[]): CreditAllocation {
  const invoices = documents.filter(isOpenInvoice).sort(byDueDate);
  const credits = documents.filter(isOpenCredit).sort(byDueDate);
  const remaining = new Map(invoices.map((invoice) => [invoice.id, invoice.amountDue.amountMinor]));
  const applications: CreditApplication[] = [];
  const unused = new Map<string, number>();
  for (const credit of credits) {
    const { currency } = credit.amountDue;
    let left = Math.abs(credit.amountDue.amountMinor);
    for (const invoice of invoices) {
      if (left === 0) break;
      if (invoice.amountDue.currency !== currency) continue;
      const due = remaining.get(invoice.id) ?? 0;
      if (due === 0) continue;
      const amountMinor = Math.min(due, left);
      remaining.set(invoice.id, due - amountMinor);
      left -= amountMinor;
      applications.push({ creditId: credit.id, creditNumber: credit.number, invoiceId: invoice.id, amount: { amountMinor, currency } });
    }
    if (left > 0) unused.set(currency, (unused.get(currency) ?? 0) + left);
  }
  return {
    netDue: new Map(invoices.map((invoice) => [invoice.id, { amountMinor: remaining.get(invoice.id) ?? 0, currency: invoice.amountDue.currency }])),
    applications,
    unused: [...unused].map(([currency, amountMinor]) => ({ amountMinor, currency })),
  };
}
