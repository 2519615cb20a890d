// The reminder policy editor: the ladder of levels (add, remove, reorder), spacing and escalation, event messages
// and segment adjustments. Validated with PolicySchema on every change; each error is shown under its field.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { readSettings, writeSettings } from '@/utils/db/settings';
import {
  ADJUSTED_SEGMENTS,
  CHANNELS,
  DEFAULT_POLICY,
  LEGAL_TONES,
  PolicySchema,
  SITUATIONS,
  TONES,
  type AdjustedSegment,
  type Channel,
  type Policy,
  type ReminderLevel,
  type Situation,
  type Tone,
} from '@/utils/domain/policy';
import type { Language } from '@/utils/i18n/language';
import { LAW_MESSAGES } from '@/utils/i18n/options-law-messages';
import { fieldErrors, fieldId, numberFromInput, numberToInput } from './field-errors';

const EVENT_KEYS = ['brokenPromise', 'missedInstallment', 'lastCall'] as const;
type EventKey = (typeof EVENT_KEYS)[number];
const LEVEL_FIELDS = ['id', 'delayDays', 'channel', 'tone', 'situation', 'minAmount'] as const;
/** Tones a segment may soften; legal tones keep their content (PolicySchema refuses it anyway). */
const SOFTENABLE_TONES = TONES.filter((tone) => !LEGAL_TONES.includes(tone));

/** Paths that have a field of their own in this form; other errors go to the summary under the form. */
const FIELD_PATHS = [
  /^levels$/,
  /^levels\.\d+\.(id|delayDays|channel|tone|situation|minAmount)$/,
  /^(minDaysBetweenReminders|escalationDelayDays|escalationMinAmount)$/,
  /^(brokenPromise|missedInstallment|lastCall)\.(levelId|channel|tone)$/,
  /^segments\.(key-account|chronic-late)\.(delayFactor|extraSpacingDays|toneSoftening\.[a-z-]+)$/,
];
const hasField = (path: string) => FIELD_PATHS.some((pattern) => pattern.test(path));
const id = (path: string) => fieldId('policy', path);

export function PolicySection({ lang }: { lang: Language }) {
  const m = LAW_MESSAGES[lang];
  const t = m.policy;
  const [draft, setDraft] = useState<Policy | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => void readSettings(getDb(), 'policy').then(setDraft), []);
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  if (!draft) return null;

  const parsed = PolicySchema.safeParse(draft);
  const errors = parsed.success ? {} : fieldErrors(parsed.error, m.notANumber);
  const otherErrors = Object.entries(errors).filter(([path]) => !hasField(path));

  const update = (mutate: (policy: Policy) => void) => {
    const next = structuredClone(draft);
    mutate(next);
    setStatus(null);
    setDraft(next);
  };
  const updateLevel = (index: number, patch: Partial<ReminderLevel>) =>
    update((p) => {
      const level = p.levels[index];
      if (level) p.levels[index] = { ...level, ...patch };
    });
  const move = (index: number, by: -1 | 1) => {
    update((p) => {
      const [level] = p.levels.splice(index, 1);
      if (level) p.levels.splice(index + by, 0, level);
    });
    // Keyboard users keep their place: focus follows the moved level.
    const target = index + by;
    const canRepeat = by === -1 ? target > 0 : target < draft.levels.length - 1;
    const direction = (by === -1) === canRepeat ? 'up' : 'down';
    setFocusId(`policy-level-${target}-${direction}`);
  };
  const remove = (index: number) => {
    update((p) => void p.levels.splice(index, 1));
    setFocusId(draft.levels.length > 1 ? `policy-level-${Math.max(0, index - 1)}-id` : 'policy-add-level');
  };
  const addLevel = () => {
    const taken = new Set(draft.levels.map((level) => level.id));
    let n = draft.levels.length + 1;
    while (taken.has(`level-${n}`)) n += 1;
    const last = draft.levels.at(-1);
    update((p) =>
      p.levels.push({
        id: `level-${n}`,
        delayDays: (last?.delayDays ?? 0) + 7,
        channel: 'email',
        tone: 'firm',
        situation: 'firm-reminder',
      }),
    );
    setFocusId(id(`levels.${draft.levels.length}.id`));
  };

  async function save(event: Event) {
    event.preventDefault();
    const result = PolicySchema.safeParse(draft);
    if (!result.success) {
      const found = fieldErrors(result.error, m.notANumber);
      setStatus({ text: m.fixErrors(Object.keys(found).length), error: true });
      // The first field to fix, in reading order.
      (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await writeSettings(getDb(), 'policy', result.data);
    await browser.runtime.sendMessage({ type: 'data-changed' }).catch(() => undefined);
    setStatus({ text: m.saved, error: false });
  }

  function reset() {
    setDraft(structuredClone(DEFAULT_POLICY));
    setStatus({ text: t.resetDone, error: false });
  }

  /** Accessibility and error wiring of the control editing `path`. */
  const control = (path: string, hintId?: string) => ({
    id: id(path),
    'aria-invalid': Boolean(errors[path]),
    'aria-describedby': [hintId, errors[path] ? `${id(path)}-error` : undefined].filter(Boolean).join(' ') || undefined,
  });
  const error = (path: string) =>
    errors[path] ? <p id={`${id(path)}-error`} class="field-error">{errors[path]}</p> : null;

  const select = <V extends string>(
    path: string,
    value: V,
    options: readonly V[],
    labels: Record<V, string>,
    onChange: (value: V) => void,
    ariaLabel?: string,
    maxWidth?: string,
  ) => (
    <select {...control(path)} aria-label={ariaLabel} value={value} style={maxWidth ? { maxWidth } : undefined}
      onChange={(e) => onChange(e.currentTarget.value as V)}>
      {options.map((option) => <option key={option} value={option}>{labels[option]}</option>)}
    </select>
  );

  const numberField = (
    path: string,
    label: string,
    value: number | undefined,
    onChange: (value: number | undefined) => void,
    options: { step?: string; optional?: boolean; hint?: string; ariaLabel?: string } = {},
  ) => {
    const hintId = options.hint ? `${id(path)}-hint` : undefined;
    const input = (
      <input {...control(path, hintId)} type="number" step={options.step ?? '1'} value={numberToInput(value)}
        aria-label={options.ariaLabel} style={{ width: options.ariaLabel ? '5em' : '7em' }}
        onInput={(e) => onChange(numberFromInput(e.currentTarget.value, options.optional))} />
    );
    return options.ariaLabel ? (
      <>{input}{error(path)}</>
    ) : (
      <div>
        <label for={id(path)}>{label}</label>
        {input}
        {options.hint && <p id={hintId} class="hint">{options.hint}</p>}
        {error(path)}
      </div>
    );
  };

  const levelRow = (level: ReminderLevel, index: number) => {
    const n = index + 1;
    const name = (column: string) => `${column}, ${t.levelName(n)}`;
    const path = (field: (typeof LEVEL_FIELDS)[number]) => `levels.${index}.${field}`;
    return (
      <tr key={index}>
        <td class="num">{n}</td>
        <td>
          <input {...control(path('id'))} aria-label={name(t.id)} size={12} value={level.id}
            onInput={(e) => updateLevel(index, { id: e.currentTarget.value })} />
          {error(path('id'))}
        </td>
        <td>{numberField(path('delayDays'), t.delayDays, level.delayDays, (v) => updateLevel(index, { delayDays: v ?? Number.NaN }), { ariaLabel: name(t.delayDays) })}</td>
        <td>{select(path('channel'), level.channel, CHANNELS, m.channels, (v: Channel) => updateLevel(index, { channel: v }), name(t.channel), '9em')}{error(path('channel'))}</td>
        <td>{select(path('tone'), level.tone, TONES, m.tones, (v: Tone) => updateLevel(index, { tone: v }), name(t.tone), '8em')}{error(path('tone'))}</td>
        <td>{select(path('situation'), level.situation, SITUATIONS, m.situations, (v: Situation) => updateLevel(index, { situation: v }), name(t.situation), '10em')}{error(path('situation'))}</td>
        <td>{numberField(path('minAmount'), t.minAmount, level.minAmount, (v) => updateLevel(index, { minAmount: v }), { step: '0.01', optional: true, ariaLabel: name(t.minAmount) })}</td>
        <td>
          <div class="row" style={{ gap: '4px', flexWrap: 'nowrap' }}>
            <button type="button" id={`policy-level-${index}-up`} aria-label={t.moveUp(n)} title={t.moveUp(n)}
              disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
            <button type="button" id={`policy-level-${index}-down`} aria-label={t.moveDown(n)} title={t.moveDown(n)}
              disabled={index === draft.levels.length - 1} onClick={() => move(index, 1)}>↓</button>
            <button type="button" class="danger" aria-label={t.remove(n)} title={t.remove(n)}
              disabled={draft.levels.length === 1} onClick={() => remove(index)}>✕</button>
          </div>
        </td>
      </tr>
    );
  };

  const eventFieldset = (key: EventKey) => (
    <fieldset key={key} class="card">
      <legend>{t[key]}</legend>
      <div class="row" style={{ alignItems: 'flex-start' }}>
        <div>
          <label for={id(`${key}.levelId`)}>{t.levelId}</label>
          <input {...control(`${key}.levelId`)} size={18} value={draft[key].levelId}
            onInput={(e) => update((p) => void (p[key].levelId = e.currentTarget.value))} />
          {error(`${key}.levelId`)}
        </div>
        <div>
          <label for={id(`${key}.channel`)}>{t.channel}</label>
          {select(`${key}.channel`, draft[key].channel, CHANNELS, m.channels, (v: Channel) => update((p) => void (p[key].channel = v)))}
          {error(`${key}.channel`)}
        </div>
        <div>
          <label for={id(`${key}.tone`)}>{t.tone}</label>
          {select(`${key}.tone`, draft[key].tone, TONES, m.tones, (v: Tone) => update((p) => void (p[key].tone = v)))}
          {error(`${key}.tone`)}
        </div>
      </div>
    </fieldset>
  );

  const segmentFieldset = (segment: AdjustedSegment) => {
    const adjustment = draft.segments[segment];
    const base = `segments.${segment}`;
    return (
      <fieldset key={segment} class="card">
        <legend>{t[segment]}</legend>
        {numberField(`${base}.delayFactor`, t.delayFactor, adjustment.delayFactor,
          (v) => update((p) => void (p.segments[segment].delayFactor = v ?? Number.NaN)), { step: '0.1', hint: t.delayFactorHint })}
        {numberField(`${base}.extraSpacingDays`, t.extraSpacingDays, adjustment.extraSpacingDays,
          (v) => update((p) => void (p.segments[segment].extraSpacingDays = v ?? Number.NaN)))}
        {SOFTENABLE_TONES.map((tone) => {
          const path = `${base}.toneSoftening.${tone}`;
          return (
            <div key={tone}>
              <label for={id(path)}>{t.softening(m.tones[tone])}</label>
              <select {...control(path)} value={adjustment.toneSoftening[tone] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value as Tone | '';
                  update((p) => {
                    const softening = p.segments[segment].toneSoftening;
                    if (value === '' || value === tone) delete softening[tone];
                    else softening[tone] = value;
                  });
                }}>
                <option value="">{t.unchanged}</option>
                {SOFTENABLE_TONES.filter((other) => other !== tone).map((other) => (
                  <option key={other} value={other}>{m.tones[other]}</option>
                ))}
              </select>
              {error(path)}
            </div>
          );
        })}
      </fieldset>
    );
  };

  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">{t.title}</h2>
      <p class="hint">{t.intro}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <h3 id="policy-levels-title">{t.levels}</h3>
        <div style={{ overflowX: 'auto' }}>
          <table aria-labelledby="policy-levels-title">
            <thead>
              <tr>
                <th class="num">#</th>
                <th>{t.id}</th>
                <th>{t.delayDays}</th>
                <th>{t.channel}</th>
                <th>{t.tone}</th>
                <th>{t.situation}</th>
                <th>{t.minAmount}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>{draft.levels.map(levelRow)}</tbody>
          </table>
        </div>
        <p class="hint">{t.minAmountHint}</p>
        {errors.levels && <p id={`${id('levels')}-error`} class="field-error" role="alert">{errors.levels}</p>}
        <p><button type="button" id="policy-add-level" onClick={addLevel}>{t.addLevel}</button></p>

        <h3>{t.spacing}</h3>
        {numberField('minDaysBetweenReminders', t.minDaysBetweenReminders, draft.minDaysBetweenReminders,
          (v) => update((p) => void (p.minDaysBetweenReminders = v ?? Number.NaN)))}
        {numberField('escalationDelayDays', t.escalationDelayDays, draft.escalationDelayDays,
          (v) => update((p) => void (p.escalationDelayDays = v ?? Number.NaN)))}
        {numberField('escalationMinAmount', t.escalationMinAmount, draft.escalationMinAmount,
          (v) => update((p) => void (p.escalationMinAmount = v ?? Number.NaN)), { step: '0.01' })}
        <p class="hint">{t.promiseGraceHint}</p>

        <h3>{t.events}</h3>
        {EVENT_KEYS.map(eventFieldset)}

        <h3>{t.segments}</h3>
        {ADJUSTED_SEGMENTS.map(segmentFieldset)}

        {otherErrors.length > 0 && (
          <div role="alert">
            <h3>{t.otherErrors}</h3>
            <ul>{otherErrors.map(([path, message]) => <li key={path} class="field-error"><code>{path}</code>: {message}</li>)}</ul>
          </div>
        )}
        <p class="row">
          <button class="primary" type="submit" id="policy-save">{m.save}</button>
          <button type="button" onClick={reset}>{t.reset}</button>
          {status && <span role={status.error ? 'alert' : 'status'} class={status.error ? 'field-error' : 'hint'}>{status.text}</span>}
        </p>
      </form>
    </section>
  );
}
