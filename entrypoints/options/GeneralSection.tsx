import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { GeneralSettingsSchema, readSettings, writeSettings, type GeneralSettings } from '@/utils/db/settings';
import { formatZodIssues } from '@/utils/domain/schemas';
import type { Language } from '@/utils/i18n/language';
import { OPTIONS_MESSAGES } from '@/utils/i18n/options-messages';

type NumberField = 'dueSoonDays' | 'defaultTermDays' | 'promiseGraceDays';

export function GeneralSection({ lang }: { lang: Language }) {
  const t = OPTIONS_MESSAGES[lang].general;
  const [draft, setDraft] = useState<GeneralSettings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => void readSettings(getDb(), 'general').then(setDraft), []);
  if (!draft) return null;

  async function save(event: Event) {
    event.preventDefault();
    const parsed = GeneralSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(Object.fromEntries(formatZodIssues(parsed.error).map((i) => [i.path, i.message])));
      return;
    }
    setErrors({});
    await writeSettings(getDb(), 'general', parsed.data);
    await browser.runtime.sendMessage({ type: 'data-changed' }).catch(() => undefined);
    setSaved(true);
  }

  const numberField = (field: NumberField, label: string) => (
    <div>
      <label for={field}>{label}</label>
      <input id={field} type="number" min={0} value={draft[field]} aria-invalid={Boolean(errors[field])}
        aria-describedby={errors[field] ? `${field}-error` : undefined}
        onInput={(e) => { setSaved(false); setDraft({ ...draft, [field]: Number(e.currentTarget.value) }); }} />
      {errors[field] && <p id={`${field}-error`} class="field-error">{errors[field]}</p>}
    </div>
  );

  return (
    <section aria-labelledby="general-title">
      <h2 id="general-title">{t.title}</h2>
      <form onSubmit={(e) => void save(e)}>
        <label for="authorName">{t.author}</label>
        <input id="authorName" value={draft.authorName} onInput={(e) => { setSaved(false); setDraft({ ...draft, authorName: e.currentTarget.value }); }} />
        {numberField('dueSoonDays', t.dueSoonDays)}
        {numberField('defaultTermDays', t.defaultTermDays)}
        {numberField('promiseGraceDays', t.promiseGraceDays)}
        <p><button class="primary" type="submit">{t.save}</button> {saved && <span role="status">{t.saved}</span>}</p>
      </form>
    </section>
  );
}
