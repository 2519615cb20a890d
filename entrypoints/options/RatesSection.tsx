// The reference rate table behind late-payment interest: one series per central bank or official rate, each with
// its steps (from → %) and the date up to which it is known. Validated with RateTableSchema on every change.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { readSettings, writeSettings } from '@/utils/db/settings';
import { addDays, formatDate, isIsoDate } from '@/utils/domain/dates';
import { DEFAULT_RATES, RATE_SERIES, RATE_SOURCES, RateTableSchema, type RateSeriesId, type RateTables } from '@/utils/domain/rates';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { LAW_MESSAGES } from '@/utils/i18n/options-law-messages';
import { today } from '@/utils/ui/settings';
import { fieldErrors, fieldId, numberFromInput, numberToInput } from './field-errors';

const id = (path: string) => fieldId('rates', path);
const FIELD_PATHS = [/^[a-z-]+\.knownThrough$/, /^[a-z-]+\.entries$/, /^[a-z-]+\.entries\.\d+\.(from|ratePercent)$/];
const hasField = (path: string) => FIELD_PATHS.some((pattern) => pattern.test(path));

export function RatesSection({ lang }: { lang: Language }) {
  const m = LAW_MESSAGES[lang];
  const t = m.rates;
  const locale = LOCALE_OF[lang];
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const [draft, setDraft] = useState<RateTables | null>(null);
  const [open, setOpen] = useState<ReadonlySet<RateSeriesId>>(new Set());
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => void readSettings(getDb(), 'rates').then(setDraft), []);
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  if (!draft) return null;

  const parsed = RateTableSchema.safeParse(draft);
  const errors = parsed.success ? {} : fieldErrors(parsed.error, m.notANumber);
  const otherErrors = Object.entries(errors).filter(([path]) => !hasField(path));
  const todayIso = today();

  const update = (series: RateSeriesId, mutate: (table: RateTables[RateSeriesId]) => void) => {
    const next = structuredClone(draft);
    mutate(next[series]);
    setStatus(null);
    setDraft(next);
  };

  const addEntry = (series: RateSeriesId) => {
    const table = draft[series];
    const last = table.entries.at(-1);
    // A new decision usually takes effect today; it must still come after the last step to keep the order.
    const from = last && isIsoDate(last.from) && last.from >= todayIso ? addDays(last.from, 1) : todayIso;
    update(series, (s) => {
      s.entries.push({ from, ratePercent: last?.ratePercent ?? 0 });
      if (!isIsoDate(s.knownThrough) || s.knownThrough < from) s.knownThrough = from;
    });
    setFocusId(id(`${series}.entries.${table.entries.length}.from`));
  };

  async function save(event: Event) {
    event.preventDefault();
    const result = RateTableSchema.safeParse(draft);
    if (!result.success) {
      const found = fieldErrors(result.error, m.notANumber);
      setStatus({ text: m.fixErrors(Object.keys(found).length), error: true });
      // The first field to fix, in reading order.
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await writeSettings(getDb(), 'rates', result.data);
    await browser.runtime.sendMessage({ type: 'data-changed' }).catch(() => undefined);
    setStatus({ text: m.saved, error: false });
  }

  const control = (path: string, extra?: string) => ({
    id: id(path),
    'aria-invalid': Boolean(errors[path]),
    'aria-describedby': [extra, errors[path] ? `${id(path)}-error` : undefined].filter(Boolean).join(' ') || undefined,
  });
  const error = (path: string) =>
    errors[path] ? <p id={`${id(path)}-error`} class="field-error">{errors[path]}</p> : null;
  const showDate = (iso: string) => (isIsoDate(iso) ? formatDate(iso, locale, 'long') : iso);

  const seriesBlock = (series: RateSeriesId) => {
    const table = draft[series];
    const last = table.entries.at(-1);
    const seriesHasErrors = Object.keys(errors).some((path) => path.startsWith(`${series}.`));
    const stale = isIsoDate(table.knownThrough) && table.knownThrough < todayIso;
    const titleId = `${id(series)}-title`;
    return (
      <details key={series} class="card" open={open.has(series) || seriesHasErrors}
        onToggle={(e) => {
          const isOpen = e.currentTarget.open;
          setOpen((old) => {
            const next = new Set(old);
            if (isOpen) next.add(series);
            else next.delete(series);
            return next;
          });
        }}>
        <summary>
          <strong id={titleId}>{t.series[series]}</strong>
          <span class="hint">
            {' — '}
            {t.summary(last && Number.isFinite(last.ratePercent) ? percent.format(last.ratePercent / 100) : '?', showDate(table.knownThrough))}
          </span>
          {seriesHasErrors && <span class="field-error"> ⚠</span>}
        </summary>
        <p class="hint">{t.source}: {RATE_SOURCES[series]}</p>
        <label for={id(`${series}.knownThrough`)}>{t.knownThrough}</label>
        <input {...control(`${series}.knownThrough`, stale ? `${id(series)}-stale` : undefined)} type="date"
          value={table.knownThrough} onInput={(e) => update(series, (s) => void (s.knownThrough = e.currentTarget.value))} />
        {stale && <p id={`${id(series)}-stale`} class="hint" style={{ color: 'var(--soon)' }}>{t.stale}</p>}
        {error(`${series}.knownThrough`)}
        <table aria-labelledby={titleId} style={{ marginTop: '8px', maxWidth: '480px' }}>
          <thead>
            <tr><th>{t.from}</th><th>{t.ratePercent}</th><th><span class="visually-hidden">{m.policy.actions}</span></th></tr>
          </thead>
          <tbody>
            {table.entries.map((entry, index) => {
              const base = `${series}.entries.${index}`;
              return (
                <tr key={index}>
                  <td>
                    <input {...control(`${base}.from`)} type="date" aria-label={t.entryFrom(index + 1)} value={entry.from}
                      onInput={(e) => update(series, (s) => void (s.entries[index] = { ...entry, from: e.currentTarget.value }))} />
                    {error(`${base}.from`)}
                  </td>
                  <td>
                    <input {...control(`${base}.ratePercent`)} type="number" step="0.01" style={{ width: '8em' }}
                      aria-label={t.entryRate(index + 1)} value={numberToInput(entry.ratePercent)}
                      onInput={(e) => {
                        const ratePercent = numberFromInput(e.currentTarget.value) ?? Number.NaN;
                        update(series, (s) => void (s.entries[index] = { ...entry, ratePercent }));
                      }} />
                    {error(`${base}.ratePercent`)}
                  </td>
                  <td>
                    <button type="button" class="danger" aria-label={t.removeEntry(index + 1)} title={t.removeEntry(index + 1)}
                      onClick={() => {
                        update(series, (s) => void s.entries.splice(index, 1));
                        setFocusId(`${id(series)}-add`);
                      }}>✕</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {error(`${series}.entries`)}
        <p><button type="button" id={`${id(series)}-add`} onClick={() => addEntry(series)}>{t.addEntry}</button></p>
      </details>
    );
  };

  return (
    <section aria-labelledby="rates-title">
      <h2 id="rates-title">{t.title}</h2>
      <p class="hint">{t.intro}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        {RATE_SERIES.map(seriesBlock)}
        {otherErrors.length > 0 && (
          <div role="alert">
            <h3>{t.otherErrors}</h3>
            <ul>{otherErrors.map(([path, message]) => <li key={path} class="field-error"><code>{path}</code>: {message}</li>)}</ul>
          </div>
        )}
        <p class="row">
          <button class="primary" type="submit">{m.save}</button>
          <button type="button" onClick={() => { setDraft(structuredClone(DEFAULT_RATES)); setStatus({ text: t.resetDone, error: false }); }}>
            {t.reset}
          </button>
          {status && <span role={status.error ? 'alert' : 'status'} class={status.error ? 'field-error' : 'hint'}>{status.text}</span>}
        </p>
      </form>
    </section>
  );
}
