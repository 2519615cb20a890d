// What a badge shows from the contact log, worded in the user's language. Runs in the background only; the
// result travels to the badge's closed shadow root and nowhere else.
import type { AmiableDb } from '../db/db';
import { readSettings } from '../db/settings';
import { deriveCustomerState, summarizeForInvoice } from '../domain/contact-log';
import { formatDate } from '../domain/dates';
import { formatMoney } from '../domain/money';
import { explainAction, nextBestAction } from '../domain/next-action';
import { toPolicyCustomer } from '../domain/policy-input';
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
    next: (sentence: string) => `Next action: ${sentence}`,
    nextFailed: (reason: string) => `Next action unknown: ${reason}`,
  },
  fr: {
    lastContact: (channel: string, date: string) => `Dernier contact : ${channel}, ${date}`,
    noContact: 'Aucun contact enregistré',
    promise: (amount: string, date: string, state: string) => `Promesse de payer ${amount} le ${date} (${state})`,
    dispute: (reason: string) => `En litige : ${reason}`,
    plan: (state: string) => `Échéancier ${state}`,
    followUp: (date: string) => `Prochaine relance : ${date}`,
    next: (sentence: string) => `Prochaine action : ${sentence}`,
    nextFailed: (reason: string) => `Prochaine action inconnue : ${reason}`,
  },
} satisfies Record<Language, unknown>;

/** Badge lines are limited (300 characters on the wire): a long sentence is cut at a word, with an ellipsis. */
const NEXT_ACTION_MAX = 220;
function shorten(text: string, max = NEXT_ACTION_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * Dates on badges are spelt out ("3 December 2026"): the page may write its own dates day first or month
 * first (a US QuickBooks list next to an en-GB browser), and a numeric 03/12/2026 beside it would be misread.
 */
const badgeDate = (date: IsoDate, locale: string) => formatDate(date, locale, 'long');

/** Annotations keyed by invoice number, for the invoices of one page. */
export async function annotateInvoices(
  db: AmiableDb,
  invoices: Invoice[],
  today: IsoDate,
  lang: Language,
): Promise<Record<string, BadgeAnnotation>> {
  const locale = LOCALE_OF[lang];
  const words = WORDS[lang];
  const [general, policy] = await Promise.all([readSettings(db, 'general'), readSettings(db, 'policy')]);
  const customerIds = [...new Set(invoices.map((i) => i.customerId))];
  const [logs, customerInvoices, customers] = await Promise.all([
    db.logs.bulkGet(customerIds),
    db.invoices.where('customerId').anyOf(customerIds).toArray(),
    db.customers.bulkGet(customerIds),
  ]);
  const annotations: Record<string, BadgeAnnotation> = {};
  for (const [index, customerId] of customerIds.entries()) {
    const own = logs[index]?.events ?? [];
    const ownInvoices = customerInvoices.filter((i) => i.customerId === customerId);
    const state = deriveCustomerState({
      events: own,
      invoices: ownInvoices,
      today,
      promiseGraceDays: general.promiseGraceDays,
    });
    // The customer's next best action, one short sentence shared by all its badges.
    let nextLine: string | undefined;
    const customer = customers.find((c) => c?.id === customerId);
    if (customer) {
      try {
        const policyCustomer = toPolicyCustomer({ customer, invoices: ownInvoices, logState: state, today, settings: general });
        nextLine = words.next(shorten(explainAction(nextBestAction(policyCustomer, today, policy), lang)));
      } catch (error) {
        nextLine = words.nextFailed(shorten(error instanceof Error ? error.message : String(error), 200));
      }
    }
    for (const invoice of invoices) {
      if (invoice.customerId !== customerId) continue;
      const summary = summarizeForInvoice(state, invoice.id);
      const lines: string[] = [];
      const annotation: BadgeAnnotation = { lines };
      lines.push(
        state.lastContact
          ? // The date as written in the entry: the logger's own calendar day (the form writes their UTC offset).
          words.lastContact(CHANNEL_LABEL[lang][state.lastContact.channel], badgeDate(state.lastContact.at.slice(0, 10), locale))
          : words.noContact,
      );
      if (summary.promise) {
        const p = summary.promise;
        lines.push(words.promise(formatMoney(p.amount, locale), badgeDate(p.date, locale), PROMISE_STATE_LABEL[lang][p.state]));
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
      if (state.nextFollowUp) lines.push(words.followUp(badgeDate(state.nextFollowUp, locale)));
      if (nextLine) lines.push(nextLine);
      annotations[invoice.number] = annotation;
    }
  }
  return annotations;
}
