// The creditor (the user's company): name, address, country (which late-payment law applies), payment details,
// signature. Validated with CreditorSettingsSchema; each error is shown under its field.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { CreditorSettingsSchema, readSettings, writeSettings, type CreditorSettings } from '@/utils/db/settings';
import { CREDITOR_COUNTRIES, type CreditorCountry } from '@/utils/domain/law';
import type { Language } from '@/utils/i18n/language';
import { LAW_MESSAGES } from '@/utils/i18n/options-law-messages';
import { fieldErrors } from './field-errors';

type TextField = 'name' | 'address' | 'paymentDetails' | 'signature';

export function CreditorSection({ lang }: { lang: Language }) {
  const m = LAW_MESSAGES[lang];
  const t = m.creditor;
  const [draft, setDraft] = useState<CreditorSettings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => void readSettings(getDb(), 'creditor').then(setDraft), []);
  if (!draft) return null;

  const change = (patch: Partial<CreditorSettings>) => {
    setStatus(null);
    const next = { ...draft, ...patch };
    setDraft(next);
    // Errors follow the text as it is typed, but only for fields that already showed one.
    const parsed = CreditorSettingsSchema.safeParse(next);
    setErrors((old) => {
      const now = parsed.success ? {} : fieldErrors(parsed.error, m.notANumber);
      return Object.fromEntries(Object.keys(old).filter((k) => now[k]).map((k) => [k, now[k] as string]));
    });
  };

  async function save(event: Event) {
    event.preventDefault();
    const parsed = CreditorSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error, m.notANumber);
      setErrors(found);
      setStatus({ text: m.fixErrors(Object.keys(found).length), error: true });
      return;
    }
    setErrors({});
    await writeSettings(getDb(), 'creditor', parsed.data);
    await browser.runtime.sendMessage({ type: 'data-changed' }).catch(() => undefined);
    setStatus({ text: m.saved, error: false });
  }

  const describedBy = (field: string, hint?: boolean) =>
    [hint ? `creditor-${field}-hint` : '', errors[field] ? `creditor-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (field: string) =>
    errors[field] && <p id={`creditor-${field}-error`} class="field-error">{errors[field]}</p>;
  const textField = (field: TextField, label: string, multiline: boolean, hint?: string) => (
    <div>
      <label for={`creditor-${field}`}>{label}</label>
      {multiline ? (
        <textarea id={`creditor-${field}`} rows={3} cols={50} value={draft[field]} aria-invalid={Boolean(errors[field])}
          aria-describedby={describedBy(field, Boolean(hint))}
          onInput={(e) => change({ [field]: e.currentTarget.value })} />
      ) : (
        <input id={`creditor-${field}`} size={40} value={draft[field]} aria-invalid={Boolean(errors[field])}
          aria-describedby={describedBy(field, Boolean(hint))}
          onInput={(e) => change({ [field]: e.currentTarget.value })} />
      )}
      {hint && <p id={`creditor-${field}-hint`} class="hint">{hint}</p>}
      {error(field)}
    </div>
  );

  return (
    <section aria-labelledby="creditor-title">
      <h2 id="creditor-title">{t.title}</h2>
      <p class="hint">{t.intro}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        {textField('name', t.name, false)}
        {textField('address', t.address, true)}
        <div>
          <label for="creditor-country">{t.country}</label>
          <select id="creditor-country" value={draft.country} aria-invalid={Boolean(errors.country)}
            aria-describedby={describedBy('country')}
            onChange={(e) => change({ country: e.currentTarget.value as CreditorCountry })}>
            {CREDITOR_COUNTRIES.map((c) => <option key={c} value={c}>{m.countries[c]}</option>)}
          </select>
          {error('country')}
        </div>
        {textField('paymentDetails', t.paymentDetails, true)}
        {textField('signature', t.signature, true, t.signatureHint)}
        <p>
          <button class="primary" type="submit">{m.save}</button>{' '}
          {status && <span role={status.error ? 'alert' : 'status'} class={status.error ? 'field-error' : 'hint'}>{status.text}</span>}
        </p>
      </form>
    </section>
  );
}
