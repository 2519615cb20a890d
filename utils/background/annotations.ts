// What a badge shows from the contact log, worded in the user's language. Runs in the background only; the
// result travels to the badge's closed shadow root and nowhere else.
import type { AmiableDb } from '../db/db';
import { readSettings } from '../db/settings';
import { deriveCustomerState, summarizeForInvoice } from '../domain/contact-log';
import { formatDate } from '../domain/dates';
import { formatMoney } from '../domain/money';
import type { Invoice } from '../domain/schemas';
import type { IsoDate } from '../domain/types';
import { LOCALE_OF, type Language } from '../i18n/language';
import { CHANNEL_LABEL, PLAN_STATE_LABEL, PROMISE_STATE_LABEL } from '../i18n/log-words';
import type { BadgeAnnotation } from '../messaging/protocol';

const WORDS = {
  en: {
    lastContact: (channel: string, date: string) => `Last contact: ${channel}, ${date}`,
    noContact: 'No contact logged yet',
    promise: (amount: string, date: string, state: string) => `Promise to pay ${amount} by ${date} (${state})`,
    dispute: (reason: string) => `Disputed: ${reason}`,
    plan: (state: string) => `Payment plan ${state}`,
    followUp: (date: string) => `Next follow-up: ${date}`,
  },
  fr: {
    lastContact: (channel: string, date: string) => `Dernier contact : ${channel}, ${date}`,
    noContact: 'Aucun contact enregistré',
    promise: (amount: string, date: string, state: string) => `Promesse de payer ${amount} le ${date} (${state})`,
    dispute: (reason: string) => `En litige : ${reason}`,
    plan: (state: string) => `Échéancier ${state}`,
    followUp: (date: string) => `Prochaine relance : ${date}`,
  },
} satisfies Record<Language, unknown>;

/** Annotations keyed by invoice number, for the invoices of one page. */
export async function annotateInvoices(
  db: AmiableDb,
  invoices: Invoice[],
  today: IsoDate,
  lang: Language,
): Promise<Record<string, BadgeAnnotation>> {
  const locale = LOCALE_OF[lang];
  const words = WORDS[lang];
  const general = await readSettings(db, 'general');
  const customerIds = [...new Set(invoices.map((i) => i.customerId))];
  const [events, customerInvoices] = await Promise.all([
    db.events.where('customerId').anyOf(customerIds).toArray(),
    db.invoices.where('customerId').anyOf(customerIds).toArray(),
  ]);
  const annotations: Record<string, BadgeAnnotation> = {};
  for (const customerId of customerIds) {
    const own = events.filter((e) => e.customerId === customerId);
    const state = deriveCustomerState({
      events: own,
      invoices: customerInvoices.filter((i) => i.customerId === customerId),
      today,
      promiseGraceDays: general.promiseGraceDays,
    });
    for (const invoice of invoices) {
      if (invoice.customerId !== customerId) continue;
      const summary = summarizeForInvoice(state, invoice.id);
      const lines: string[] = [];
      const annotation: BadgeAnnotation = { lines };
      lines.push(
        state.lastContact
          ? words.lastContact(CHANNEL_LABEL[lang][state.lastContact.channel], formatDate(state.lastContact.at.slice(0, 10), locale))
          : words.noContact,
      );
      if (summary.promise) {
        const p = summary.promise;
        lines.push(words.promise(formatMoney(p.amount, locale), formatDate(p.date, locale), PROMISE_STATE_LABEL[lang][p.state]));
        if (p.state === 'pending' || p.state === 'kept' || p.state === 'broken') annotation.promise = p.state;
      }
      if (summary.dispute) {
        lines.push(words.dispute(summary.dispute.reason));
        annotation.dispute = summary.dispute.state;
      }
      if (summary.plan) {
        lines.push(words.plan(PLAN_STATE_LABEL[lang][summary.plan.state]));
        annotation.plan = summary.plan.state;
      }
      if (state.nextFollowUp) lines.push(words.followUp(formatDate(state.nextFollowUp, locale)));
      annotations[invoice.number] = annotation;
    }
  }
  return annotations;
}
