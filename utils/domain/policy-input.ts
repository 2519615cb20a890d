// Bridges the stored records and the contact log to the reminder policy: builds the PolicyCustomer that
// nextBestAction / todoToday / escalationAssessment read. Pure: `today` and the settings are parameters.
//
// Rules (what the user notices):
// - Invoices: every issued invoice or credit note of the customer, with `paid` from invoiceStatus (so an
//   invoice with nothing left due counts as paid). The due date is the one shown, else issue date + the
//   default payment term. An invoice with neither date, or with no known amount, is left out: Amiable never
//   reminds without evidence of what is owed and since when. A credit note needs only its amount (its date,
//   else today, just orders the deductions): the policy deducts it from the open invoices (see credits.ts).
// - Pauses and events come from the derived log state: open disputes, the pending promise, the latest
//   broken promise (found broken the day after its grace), the latest payment plan still running.
// - Past reminders are the log entries carrying `reminder: { level, tone }`, dated as written. An entry
//   dated after `today` has not happened yet (e.g. written in another time zone) and is left out until then.
// - Payment history score: among invoices seen paid with a known payment date (`paidAt`, when Amiable first
//   saw the invoice paid) and a due date, the share paid after the due date; 0 when there is none.
import type { CustomerLogState } from './contact-log';
import { addDays } from './dates';
import type {
  PastReminder,
  PolicyBrokenPromise,
  PolicyCustomer,
  PolicyInvoice,
  PolicyPaymentPlan,
  PolicyPendingPromise,
} from './policy';
import type { Customer, Invoice } from './schemas';
import { effectiveDueDate, invoiceStatus, type InvoiceStatusOptions } from './status';
import type { InvoiceFacts, IsoDate } from './types';

/** Everything needed to describe one customer to the reminder policy. */
export interface ToPolicyCustomerInput {
  customer: Pick<Customer, 'id' | 'segment'>;
  /** The customer's invoices as stored (all of them: paid ones feed the payment history). */
  invoices: readonly Invoice[];
  /** deriveCustomerState over the customer's log, for the same `today`. */
  logState: CustomerLogState;
  today: IsoDate;
  /** The user's due-soon window and default payment term (as for the badges). */
  settings?: InvoiceStatusOptions;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The facts of a stored invoice, as the status rules read them. */
export function factsOf(invoice: Invoice): InvoiceFacts {
  const facts: InvoiceFacts = {
    number: invoice.number,
    customerName: invoice.customerName,
    lifecycle: invoice.lifecycle,
    kind: invoice.kind,
    paid: invoice.paid,
  };
  if (invoice.issueDate) facts.issueDate = invoice.issueDate;
  if (invoice.dueDate) facts.dueDate = invoice.dueDate;
  if (invoice.total) facts.total = invoice.total;
  if (invoice.amountDue) facts.amountDue = invoice.amountDue;
  return facts;
}

function policyInvoiceOf(invoice: Invoice, today: IsoDate, settings: InvoiceStatusOptions | undefined): PolicyInvoice | undefined {
  const facts = factsOf(invoice);
  // A credit note's date only orders the deductions: one without any date still reduces what is owed.
  const dueDate =
    invoice.kind === 'credit-note'
      ? (invoice.dueDate ?? invoice.issueDate ?? today)
      : effectiveDueDate(facts, settings?.defaultTermDays);
  const amountDue = invoice.amountDue ?? invoice.total;
  if (dueDate === undefined || amountDue === undefined) return undefined;
  // Drafts, cancelled invoices and credit notes have no status; they are kept (the policy ignores them).
  const status = invoiceStatus(facts, today, settings);
  return {
    id: invoice.id,
    number: invoice.number,
    dueDate,
    amountDue: { ...amountDue },
    paid: status ? status.status === 'paid' : invoice.paid,
    lifecycle: invoice.lifecycle,
    kind: invoice.kind,
  };
}

/**
 * Share (0..1) of the customer's paid invoices that were paid after their due date. Only invoices with a
 * known payment date (`paidAt`: when Amiable first saw them paid, so at most a few days after the actual
 * payment) and a due date (shown, or issue date + default term) count; 0 when there is none.
 */
export function paymentHistoryScore(invoices: readonly Invoice[], settings?: InvoiceStatusOptions): number {
  let known = 0;
  let late = 0;
  for (const invoice of invoices) {
    if (!invoice.paid || invoice.paidAt === undefined) continue;
    if (invoice.lifecycle !== 'issued' || invoice.kind !== 'invoice') continue;
    const dueDate = effectiveDueDate(factsOf(invoice), settings?.defaultTermDays);
    if (dueDate === undefined) continue;
    known += 1;
    if (invoice.paidAt.slice(0, 10) > dueDate) late += 1;
  }
  return known === 0 ? 0 : late / known;
}

function pendingPromiseOf(state: CustomerLogState): PolicyPendingPromise | undefined {
  const promise = state.pendingPromise;
  if (!promise) return undefined;
  return { date: promise.date, graceUntil: promise.graceUntil, invoiceIds: [...promise.invoiceIds] };
}

function brokenPromiseOf(state: CustomerLogState): PolicyBrokenPromise | undefined {
  const promise = state.brokenPromise;
  if (!promise) return undefined;
  // Broken means today is past the grace: it was found broken the day after the grace ended.
  return { date: promise.date, eventId: promise.eventId, invoiceIds: [...promise.invoiceIds], brokenOn: addDays(promise.graceUntil, 1) };
}

function planOf(state: CustomerLogState): PolicyPaymentPlan | undefined {
  const plan = state.plans.filter((p) => p.supersededBy === undefined && p.state !== 'completed').at(-1);
  if (!plan) return undefined;
  return {
    invoiceIds: [...plan.invoiceIds],
    installments: plan.installments.map((i) => ({ dueDate: i.dueDate, amount: { ...i.amount }, state: i.state })),
  };
}

function remindersOf(state: CustomerLogState, today: IsoDate): PastReminder[] {
  return state.reminders
    .map((r) => ({ at: r.at.slice(0, 10), levelId: r.level, invoiceIds: [...r.invoiceIds] }))
    .filter((r) => r.at <= today);
}

/**
 * The customer as the reminder policy sees it (see the module comment for the rules).
 * @throws Error naming the field when `today` is not a YYYY-MM-DD date or an invoice belongs to another customer.
 */
export function toPolicyCustomer(input: ToPolicyCustomerInput): PolicyCustomer {
  const { customer, invoices, logState, today, settings } = input;
  if (typeof today !== 'string' || !ISO_DATE.test(today)) {
    throw new Error(`today: expected a date as YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  invoices.forEach((invoice, index) => {
    if (invoice.customerId !== customer.id) {
      throw new Error(`invoices[${index}].customerId: invoice ${invoice.number} belongs to ${invoice.customerId}, not to ${customer.id}`);
    }
  });
  const result: PolicyCustomer = {
    id: customer.id,
    segment: customer.segment,
    invoices: invoices.flatMap((invoice) => policyInvoiceOf(invoice, today, settings) ?? []),
    disputedInvoiceIds: [...logState.disputedInvoiceIds],
    reminders: remindersOf(logState, today),
    paymentHistoryScore: paymentHistoryScore(invoices, settings),
  };
  const pending = pendingPromiseOf(logState);
  if (pending) result.pendingPromise = pending;
  const broken = brokenPromiseOf(logState);
  if (broken && broken.brokenOn <= today) result.brokenPromise = broken;
  const plan = planOf(logState);
  if (plan) result.plan = plan;
  const lastContactOn = logState.lastContact?.at.slice(0, 10);
  if (lastContactOn !== undefined && lastContactOn <= today) result.lastContactOn = lastContactOn;
  return result;
}
