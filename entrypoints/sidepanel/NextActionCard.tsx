import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb, type CustomerRecord } from '@/utils/db/db';
import { postalAddressOf } from '@/utils/db/collection';
import { notifyDataChanged } from '@/utils/db/notify';
import type { CustomerDetail } from '@/utils/db/queries';
import { formatDate } from '@/utils/domain/dates';
import { explainAction, type NextAction } from '@/utils/domain/next-action';
import { CUSTOMER_SEGMENTS, DEBTOR_KINDS, type CustomerSegment, type DebtorKind } from '@/utils/domain/schemas';
import type { IsoDate } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { CHANNEL_LABEL } from '@/utils/i18n/log-words';
import { REMINDER_MESSAGES } from '@/utils/i18n/reminder-messages';
import { reminderStateOf, useCollectionSettings } from './reminder-state';

const FACTS_STYLE = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 10px', margin: '4px 0' };

/** The dossier page of a customer, in a new tab. */
async function openDossier(customerId: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/dossier.html?customer=${encodeURIComponent(customerId)}`) });
}

function whenText(action: NextAction, today: IsoDate, lang: Language): string {
  const t = REMINDER_MESSAGES[lang].next;
  const date = formatDate(action.dueOn, LOCALE_OF[lang], 'long');
  if (action.dueOn > today) return t.on(date);
  if (action.kind === 'none') return '—';
  return action.dueOn < today ? t.since(date) : t.today;
}

/**
 * The customer's next best action (what, when, channel, tone and why), the escalation assessment when it says
 * escalate, and the customer's settings that shape the policy (segment, debtor kind, postal address).
 */
export function NextActionCard({ lang, detail, today }: { lang: Language; detail: CustomerDetail; today: IsoDate }) {
  const t = REMINDER_MESSAGES[lang];
  const settings = useCollectionSettings();
  let content;
  if (settings.status === 'error') content = <p role="alert">{t.error(settings.error.message)}</p>;
  else if (settings.status === 'loading') content = <p>{t.loading}</p>;
  else {
    const state = reminderStateOf(detail, today, settings.value);
    if (!state.ok) content = <p role="alert">{t.next.failed(state.error.message)}</p>;
    else {
      const { action, escalation } = state;
      let why: string;
      try {
        why = explainAction(action, lang);
      } catch (error) {
        why = t.next.failed(error instanceof Error ? error.message : String(error));
      }
      content = (
        <div data-next-action={action.kind} data-tone={action.tone ?? ''} data-situation={action.situation ?? ''}>
          <dl style={FACTS_STYLE}>
            <dt>{t.next.what}</dt>
            <dd style={{ margin: 0 }}><strong>{t.next.kind[action.kind]}</strong></dd>
            <dt>{t.next.when}</dt>
            <dd style={{ margin: 0 }}>{whenText(action, today, lang)}</dd>
            {action.channel && (
              <>
                <dt>{t.next.channel}</dt>
                <dd style={{ margin: 0 }}>{CHANNEL_LABEL[lang][action.channel]}</dd>
              </>
            )}
            {action.tone && (
              <>
                <dt>{t.next.tone}</dt>
                <dd style={{ margin: 0 }}>{t.tones[action.tone]}</dd>
              </>
            )}
            <dt>{t.next.why}</dt>
            <dd style={{ margin: 0 }} data-testid="next-action-why">{why}</dd>
          </dl>
          {escalation.escalate && (
            <div class="card" role="group" aria-labelledby="escalation-title" data-testid="escalation">
              <h3 id="escalation-title">{t.next.escalationTitle}</h3>
              <p>{t.next.escalationIntro}</p>
              <ul>
                {escalation.reasons.map((r) => (
                  <li key={r.code}>{r.text[lang]}</li>
                ))}
              </ul>
              <button class="primary" title={t.next.dossierHint} onClick={() => void openDossier(detail.customer.id)}>
                {t.next.dossier}
              </button>
            </div>
          )}
        </div>
      );
    }
  }
  return (
    <section class="card" aria-labelledby="next-action-title">
      <h2 id="next-action-title" style={{ marginTop: 0 }}>{t.next.title}</h2>
      {content}
      <CustomerSettingsForm key={detail.customer.id} lang={lang} customer={detail.customer} />
    </section>
  );
}

/** Segment, debtor kind and postal address of the customer, saved on its record. */
function CustomerSettingsForm({ lang, customer }: { lang: Language; customer: CustomerDetail['customer'] }) {
  const t = REMINDER_MESSAGES[lang].customerSettings;
  const [segment, setSegment] = useState<CustomerSegment>(customer.segment);
  const [debtorKind, setDebtorKind] = useState<DebtorKind>(customer.debtorKind);
  const [address, setAddress] = useState(postalAddressOf(customer) ?? '');
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; message: string } | undefined>();
  const prefix = `customer-settings`;

  const save = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    try {
      const trimmed = address.trim();
      // postalAddress is not in CustomerSchema yet; kept on the record so erasing the customer erases it.
      const changes = {
        segment,
        debtorKind,
        postalAddress: trimmed === '' ? undefined : trimmed,
        updatedAt: new Date().toISOString(),
      } as Partial<CustomerRecord>;
      const updated = await getDb().customers.update(customer.id, changes);
      if (updated === 0) throw new Error(REMINDER_MESSAGES[lang].dossier.notFound);
      setStatus({ kind: 'saved' });
      await notifyDataChanged();
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <details open={customer.segment === 'excluded' || undefined}>
      <summary>{t.title}</summary>
      <form onSubmit={(e) => void save(e)} aria-label={t.title}>
        <label for={`${prefix}-segment`}>{t.segment}</label>
        <select id={`${prefix}-segment`} value={segment} onChange={(e) => setSegment(e.currentTarget.value as CustomerSegment)}>
          {CUSTOMER_SEGMENTS.map((s) => (
            <option key={s} value={s}>{t.segments[s]}</option>
          ))}
        </select>
        <label for={`${prefix}-debtor`}>{t.debtorKind}</label>
        <select id={`${prefix}-debtor`} value={debtorKind} onChange={(e) => setDebtorKind(e.currentTarget.value as DebtorKind)}>
          {DEBTOR_KINDS.map((k) => (
            <option key={k} value={k}>{t.debtorKinds[k]}</option>
          ))}
        </select>
        <label for={`${prefix}-address`}>{t.address}</label>
        <textarea
          id={`${prefix}-address`}
          rows={3}
          style={{ width: '100%' }}
          value={address}
          aria-describedby={`${prefix}-address-hint`}
          onInput={(e) => setAddress(e.currentTarget.value)}
        />
        <p id={`${prefix}-address-hint`} class="hint">{t.addressHint}</p>
        <div class="row">
          <button type="submit" class="primary">{t.save}</button>
          <span role="status" aria-live="polite">
            {status?.kind === 'saved' && t.saved}
          </span>
        </div>
        {status?.kind === 'error' && <p role="alert" class="field-error">{t.failed(status.message)}</p>}
      </form>
    </details>
  );
}
