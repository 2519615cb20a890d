// Core domain vocabulary shared by every layer. Pure types only: no browser, no database.

/** Calendar date, ISO `YYYY-MM-DD`. Never a `Date` carried across time zones. */
export type IsoDate = string;
/** Instant, ISO 8601 with offset, e.g. `2026-11-23T09:30:00.000Z`. */
export type IsoDateTime = string;

/** Money in integer minor units (cents) with an ISO 4217 currency code. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Status shown on a badge. Drafts, cancelled invoices and credit notes get none. */
export type InvoiceStatus = 'paid' | 'not-due' | 'due-soon' | 'overdue';

/** Where an invoice stands in its life; only `issued` invoices are receivables. */
export type InvoiceLifecycle = 'draft' | 'issued' | 'cancelled';

/** A credit note reduces what the customer owes; it is never reminded. */
export type InvoiceKind = 'invoice' | 'credit-note';

export type AgingBucket = 'not-due' | '1-30' | '31-60' | '61-90' | '90+';
export const AGING_BUCKETS: readonly AgingBucket[] = ['not-due', '1-30', '31-60', '61-90', '90+'];

/**
 * The facts about an invoice as a page shows them, already parsed.
 * `amountDue` is what remains to be paid (the total when the page shows no remaining column).
 */
export interface InvoiceFacts {
  number: string;
  customerName: string;
  issueDate?: IsoDate;
  dueDate?: IsoDate;
  total?: Money;
  amountDue?: Money;
  lifecycle: InvoiceLifecycle;
  kind: InvoiceKind;
  /** True when the page says it is paid (status text) or nothing remains due. */
  paid: boolean;
}
