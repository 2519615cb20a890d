// What the reminder parts of the side panel compute from one customer's records: the policy's view, the next
// best action and the escalation assessment, plus the open invoices a message may list.
import { getDb } from '@/utils/db/db';
import { customerCaseOf, readCollectionSettings, type CollectionSettings, type CustomerCase } from '@/utils/db/collection';
import type { CustomerDetail } from '@/utils/db/queries';
import { isOpenCredit, isOpenInvoice } from '@/utils/domain/credits';
import { daysBetween } from '@/utils/domain/dates';
import { escalationAssessment, nextBestAction, type EscalationAssessment, type NextAction } from '@/utils/domain/next-action';
import type { MessageInvoice } from '@/utils/domain/reminder-draft';
import type { IsoDate, Money } from '@/utils/domain/types';
import { useLiveQuery, type LiveResult } from '@/utils/ui/use-live-query';

/** Every settings group the reminder features read, live. */
export function useCollectionSettings(): LiveResult<CollectionSettings> {
  return useLiveQuery(() => readCollectionSettings(getDb()), []);
}

export type CustomerReminderState =
  | { ok: true; case: CustomerCase; action: NextAction; escalation: EscalationAssessment }
  | { ok: false; error: Error };

/** The customer's next action and escalation assessment as of `today`; an error instead of a blank card. */
export function reminderStateOf(detail: CustomerDetail, today: IsoDate, settings: CollectionSettings): CustomerReminderState {
  try {
    const c = customerCaseOf(detail.customer, detail.invoices, detail.events, today, settings.general);
    return {
      ok: true,
      case: c,
      action: nextBestAction(c.policyCustomer, today, settings.policy),
      escalation: escalationAssessment(c.policyCustomer, today, settings.policy),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The customer's open invoices (issued, unpaid, something left to pay) as a message lists them. */
export function openMessageInvoices(c: CustomerCase, today: IsoDate): MessageInvoice[] {
  const stored = new Map(c.invoices.map((i) => [i.id, i] as const));
  return c.policyCustomer.invoices
    .filter(isOpenInvoice)
    .map((i) => {
      const issueDate = stored.get(i.id)?.issueDate;
      return {
        id: i.id,
        number: i.number,
        dueDate: i.dueDate,
        amountDue: i.amountDue,
        daysOverdue: daysBetween(i.dueDate, today),
        ...(issueDate ? { issueDate } : {}),
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number));
}

/** The customer's open credit notes (issued, not used up), which messages deduct from the invoices. */
export function openCreditNotes(c: CustomerCase): MessageInvoice[] {
  const stored = new Map(c.invoices.map((i) => [i.id, i] as const));
  return c.policyCustomer.invoices
    .filter(isOpenCredit)
    .map((i) => {
      const issueDate = stored.get(i.id)?.issueDate;
      return { id: i.id, number: i.number, dueDate: i.dueDate, amountDue: i.amountDue, daysOverdue: 0, kind: 'credit-note' as const, ...(issueDate ? { issueDate } : {}) };
    });
}

/** What the customer paid in the last 30 days (invoices seen paid then), in the first currency found. */
export function recentPayment(c: CustomerCase, today: IsoDate): Money | undefined {
  const paid = c.invoices.filter(
    (i) => i.paid && i.paidAt !== undefined && i.total !== undefined && daysBetween(i.paidAt.slice(0, 10), today) <= 30,
  );
  const currency = paid[0]?.total?.currency;
  if (!currency) return undefined;
  const amountMinor = paid.filter((i) => i.total?.currency === currency).reduce((sum, i) => sum + (i.total?.amountMinor ?? 0), 0);
  return amountMinor > 0 ? { amountMinor, currency } : undefined;
}
