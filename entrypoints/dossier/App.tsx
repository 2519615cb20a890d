import { getDb } from '@/utils/db/db';
import { loadCustomerCase, postalAddressOf, readCollectionSettings, type CollectionSettings, type CustomerCase } from '@/utils/db/collection';
import { currentView } from '@/utils/domain/contact-log';
import { daysBetween, formatDate } from '@/utils/domain/dates';
import { explainNote, type LatePaymentNote } from '@/utils/domain/law';
import { formatMoney, sumByCurrency } from '@/utils/domain/money';
import { escalationAssessment, type EscalationAssessment } from '@/utils/domain/next-action';
import { chargesPerInvoice, withCredits, type InvoiceCharges, type MessageInvoice } from '@/utils/domain/reminder-draft';
import type { ContactEvent } from '@/utils/domain/schemas';
import type { IsoDate, Money } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { CHANNEL_LABEL, DIRECTION_LABEL, OUTCOME_LABEL } from '@/utils/i18n/log-words';
import { uiLanguage } from '@/utils/i18n/messages';
import { REMINDER_MESSAGES } from '@/utils/i18n/reminder-messages';
import { today as localToday } from '@/utils/ui/settings';
import { useLiveQuery } from '@/utils/ui/use-live-query';
import { openCreditNotes, openMessageInvoices } from '../sidepanel/reminder-state';

interface Dossier {
  settings: CollectionSettings;
  case: CustomerCase;
  /** Per overdue invoice, computed on what is owed once credit notes are deducted. */
  charges: InvoiceCharges[];
  /** The credit notes deducted from those invoices, as negative lines. */
  credits: MessageInvoice[];
  disputed: Set<string>;
  escalation: EscalationAssessment | Error;
}

/** The first formal or final notice naming the invoice (or naming none): French consumer interest starts there. */
function formalNoticeOn(c: CustomerCase, invoiceId: string): IsoDate | undefined {
  return c.logState.reminders
    .filter((r) => (r.tone === 'formal-notice' || r.tone === 'final-notice') && (r.invoiceIds.length === 0 || r.invoiceIds.includes(invoiceId)))
    .map((r) => r.at.slice(0, 10))
    .sort()[0];
}

async function loadDossier(customerId: string, day: IsoDate): Promise<Dossier | null> {
  const db = getDb();
  const settings = await readCollectionSettings(db);
  const c = await loadCustomerCase(db, customerId, day, settings.general);
  if (!c) return null;
  const open = openMessageInvoices(c, day);
  // Credit notes are deducted first (earliest due invoice first): the dossier claims what is really owed.
  const credited = withCredits(open.filter((i) => i.daysOverdue > 0), open, openCreditNotes(c));
  const charges = chargesPerInvoice(
    credited.invoices.map((i) => {
      const noticeOn = formalNoticeOn(c, i.id);
      const amountDue = credited.net.get(i.id) ?? i.amountDue;
      return { id: i.id, number: i.number, dueDate: i.dueDate, amountDue, ...(noticeOn ? { formalNoticeDate: noticeOn } : {}) };
    }),
    { asOf: day, country: settings.creditor.country, debtor: c.customer.debtorKind, rates: settings.rates },
  );
  let escalation: EscalationAssessment | Error;
  try {
    escalation = escalationAssessment(c.policyCustomer, day, settings.policy);
  } catch (error) {
    escalation = error instanceof Error ? error : new Error(String(error));
  }
  const credits = credited.rows.filter((row) => row.kind === 'credit-note');
  return { settings, case: c, charges, credits, disputed: new Set(c.logState.disputedInvoiceIds), escalation };
}

/** The escalation dossier of `?customer=<id>`: parties, invoices with charges and totals, assessment, full log. */
export function App() {
  const lang = uiLanguage();
  const t = REMINDER_MESSAGES[lang];
  const customerId = new URLSearchParams(location.search).get('customer') ?? '';
  const day = localToday();
  const result = useLiveQuery(async () => (customerId ? loadDossier(customerId, day) : null), [customerId, day]);
  let content;
  if (!customerId) content = <p class="empty">{t.dossier.missingId}</p>;
  else if (result.status === 'error') content = <p role="alert">{t.error(result.error.message)}</p>;
  else if (result.status === 'loading') content = <p>{t.loading}</p>;
  else if (!result.value) content = <p class="empty">{t.dossier.notFound}</p>;
  else content = <DossierView lang={lang} day={day} dossier={result.value} />;
  return (
    <main>
      <div class="spread">
        <h1>{t.dossier.title}</h1>
        <button class="primary no-print" onClick={() => window.print()}>{t.dossier.print}</button>
      </div>
      {content}
    </main>
  );
}

function DossierView({ lang, day, dossier }: { lang: Language; day: IsoDate; dossier: Dossier }) {
  const t = REMINDER_MESSAGES[lang];
  const locale = LOCALE_OF[lang];
  const { creditor } = dossier.settings;
  const customer = dossier.case.customer;
  const money = (m: Money) => formatMoney(m, locale);
  const computed = dossier.charges.flatMap((c) => (c.breakdown ? [c.breakdown] : []));
  const failed = dossier.charges.filter((c) => c.error);
  const warnings = new Map<string, LatePaymentNote>();
  for (const b of computed) for (const n of b.notes) if (n.severity === 'warning') warnings.set(JSON.stringify(n), n);
  const principal = sumByCurrency(dossier.charges.map((c) => c.invoice.amountDue));
  const interest = sumByCurrency(computed.map((b) => b.interest));
  const indemnity = sumByCurrency(computed.map((b) => b.indemnity));
  const grand = sumByCurrency([
    ...dossier.charges.filter((c) => c.breakdown).map((c) => c.invoice.amountDue),
    ...computed.map((b) => b.total),
  ]);
  const list = (amounts: Money[]) => amounts.map(money).join(' + ') || '—';
  if (typeof document !== 'undefined') document.title = `${t.dossier.title} – ${customer.name}`;
  return (
    <>
      <section class="parties" aria-label={t.dossier.title}>
        <div>
          <h2>{t.dossier.creditor}</h2>
          <address data-testid="creditor">
            {creditor.name || t.dossier.notSet}
            {creditor.address ? `\n${creditor.address}` : ''}
          </address>
        </div>
        <div>
          <h2>{t.dossier.customer}</h2>
          <address data-testid="customer">
            <strong>{customer.name}</strong>
            {postalAddressOf(customer) ? `\n${postalAddressOf(customer)}` : ''}
            {`\n${t.dossier.debtorKind}${colon(lang)}${REMINDER_MESSAGES[lang].customerSettings.debtorKinds[customer.debtorKind]}`}
          </address>
        </div>
        <div>
          <h2>{t.dossier.date}</h2>
          <p>{formatDate(day, locale, 'long')}</p>
        </div>
      </section>

      <h2>{t.dossier.invoices}</h2>
      {dossier.charges.length === 0 ? (
        <p class="empty">{t.dossier.noInvoices}</p>
      ) : (
        <>
          <table aria-label={t.dossier.invoices} data-testid="dossier-invoices">
            <thead>
              <tr>
                <th scope="col">{t.dossier.invoice}</th>
                <th scope="col">{t.dossier.dueDate}</th>
                <th scope="col" class="num">{t.dossier.daysOverdue}</th>
                <th scope="col" class="num">{t.dossier.principal}</th>
                <th scope="col" class="num">{t.dossier.interest}</th>
                <th scope="col" class="num">{t.dossier.indemnity}</th>
                <th scope="col" class="num">{t.dossier.total}</th>
              </tr>
            </thead>
            <tbody>
              {dossier.charges.map(({ invoice, breakdown }) => {
                const daysOverdue = daysBetween(invoice.dueDate, day);
                return (
                  <tr key={invoice.id} data-invoice={invoice.number}>
                    <td>
                      {invoice.number}
                      {dossier.disputed.has(invoice.id) && <> <span class="pill">{OUTCOME_LABEL[lang].dispute}</span></>}
                    </td>
                    <td>{formatDate(invoice.dueDate, locale)}</td>
                    <td class="num">{daysOverdue}</td>
                    <td class="num">{money(invoice.amountDue)}</td>
                    <td class="num">{breakdown ? money(breakdown.interest) : '—'}</td>
                    <td class="num">{breakdown ? money(breakdown.indemnity) : '—'}</td>
                    <td class="num">{breakdown ? list(sumByCurrency([invoice.amountDue, breakdown.total])) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr data-testid="dossier-totals">
                <th scope="row" colSpan={3}>{t.dossier.totals}</th>
                <td class="num">{list(principal)}</td>
                <td class="num" data-testid="total-interest">{list(interest)}</td>
                <td class="num" data-testid="total-indemnity">{list(indemnity)}</td>
                <td class="num" data-testid="grand-total">{list(grand)}</td>
              </tr>
            </tfoot>
          </table>
          {failed.length > 0 && (
            <div role="alert">
              <ul>
                {failed.map((f) => (
                  <li key={f.invoice.id}>{t.dossier.chargeFailed(f.invoice.number, f.error?.message ?? '')}</li>
                ))}
              </ul>
              <p>{t.dossier.totalsIncomplete}</p>
            </div>
          )}
          <ul class="hint">
            <li>{t.dossier.asOf(formatDate(day, locale, 'long'))}</li>
            {dossier.credits.map((credit) => (
              <li key={credit.id} data-testid="credit-deducted">
                {t.dossier.creditDeducted(credit.number, money({ ...credit.amountDue, amountMinor: Math.abs(credit.amountDue.amountMinor) }))}
              </li>
            ))}
            {computed[0] && <li>{t.dossier.legalBasis(computed[0].legalBasis[lang])}</li>}
            {[...warnings.values()].map((w, i) => (
              <li key={i}>{explainNote(w, lang)}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t.dossier.assessment}</h2>
      {dossier.escalation instanceof Error ? (
        <p role="alert">{t.next.failed(dossier.escalation.message)}</p>
      ) : (
        <div class="card" data-testid="dossier-assessment" data-escalate={String(dossier.escalation.escalate)}>
          {dossier.escalation.escalate && <p><strong>{t.next.escalationTitle}</strong></p>}
          <ul>
            {dossier.escalation.reasons.map((r) => (
              <li key={r.code}>{r.text[lang]}</li>
            ))}
          </ul>
        </div>
      )}

      <h2>{t.dossier.log}</h2>
      <ContactLog lang={lang} events={dossier.case.events} />
    </>
  );
}

/** "Label : détail" in French, "Label: detail" in English. */
const colon = (lang: Language) => (lang === 'fr' ? ' : ' : ': ');

/** What came out of an entry, with its details (promised amount and date, dispute reason…). */
function outcomeText(e: ContactEvent, lang: Language): string {
  const locale = LOCALE_OF[lang];
  const label = OUTCOME_LABEL[lang][e.outcome.type];
  const o = e.outcome;
  switch (o.type) {
    case 'promise-to-pay':
      return `${label}${colon(lang)}${formatMoney(o.amount, locale)}, ${formatDate(o.date, locale)}`;
    case 'dispute':
      return `${label}${colon(lang)}${o.reason}`;
    case 'payment-plan':
      return `${label}${colon(lang)}${formatMoney(o.covered, locale)} (${o.installments.length})`;
    case 'partial-payment-announced':
      return `${label}${colon(lang)}${formatMoney(o.amount, locale)}${o.date ? `, ${formatDate(o.date, locale)}` : ''}`;
    default:
      return label;
  }
}

/** The full contact log as it reads today, oldest first, corrections marked. */
function ContactLog({ lang, events }: { lang: Language; events: ContactEvent[] }) {
  const t = REMINDER_MESSAGES[lang];
  const locale = LOCALE_OF[lang];
  const entries = currentView(events).reverse();
  if (entries.length === 0) return <p class="empty">{t.dossier.emptyLog}</p>;
  return (
    <table aria-label={t.dossier.log} data-testid="dossier-log">
      <thead>
        <tr>
          <th scope="col">{t.dossier.when}</th>
          <th scope="col">{t.dossier.channel}</th>
          <th scope="col">{t.dossier.direction}</th>
          <th scope="col">{t.dossier.outcome}</th>
          <th scope="col">{t.dossier.notes}</th>
          <th scope="col">{t.dossier.author}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{formatDate(e.at.slice(0, 10), locale)}</td>
            <td>{CHANNEL_LABEL[lang][e.channel]}</td>
            <td>{DIRECTION_LABEL[lang][e.direction]}</td>
            <td>
              {e.reminder ? `${t.dossier.reminder(t.tones[e.reminder.tone])} · ` : ''}
              {outcomeText(e, lang)}
            </td>
            <td style={{ whiteSpace: 'pre-line' }}>
              {e.notes}
              {e.kind === 'correction' && (
                <>
                  {e.notes ? '\n' : ''}
                  <em>{t.dossier.corrected(formatDate(e.recordedAt.slice(0, 10), locale))}</em>
                </>
              )}
            </td>
            <td>{e.author}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
