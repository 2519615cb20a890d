// Message template editor: one situation × language at a time, subject and body checked on every keystroke
// (an unknown placeholder is named with its line and column), a live plain-text preview on sample data, and the
// list of placeholders (click to insert at the cursor). Saved as overrides of the built-in texts.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { readSettings, writeSettings, type CreditorSettings, type GeneralSettings } from '@/utils/db/settings';
import { addDays } from '@/utils/domain/dates';
import { computeLatePaymentCharges, type LatePaymentBreakdown } from '@/utils/domain/law';
import { DEFAULT_RATES, type RateTables } from '@/utils/domain/rates';
import {
  buildTemplateVars,
  defaultTemplate,
  explainTone,
  LANGUAGES,
  renderTemplate,
  resolveTemplate,
  SITUATIONS,
  TEMPLATE_VARIABLES,
  TemplateError,
  TONE_OF_SITUATION,
  validateTemplate,
  type InvoiceLine,
  type MessageTemplate,
  type Situation,
  type TemplateIssue,
  type TemplateOverrides,
  type TemplateVars,
  type TemplateVariable,
} from '@/utils/domain/templates';
import type { Money } from '@/utils/domain/types';
import type { Language } from '@/utils/i18n/language';
import { LAW_MESSAGES } from '@/utils/i18n/options-law-messages';
import { today } from '@/utils/ui/settings';

type Field = 'subject' | 'body';
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

/** Line and column (from 1) of a character offset, so "{{foo}}" can be found in a long body. */
function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/**
 * Sample values for the preview in `language`: a customer with two overdue invoices, charges computed by the
 * late-payment rules (France, business debtor) with the user's rate table, and every optional fact present.
 */
function sampleVars(
  language: Language,
  todayIso: string,
  creditor: CreditorSettings | null,
  general: GeneralSettings | null,
  rates: RateTables,
): TemplateVars {
  const sample = LAW_MESSAGES[language].templates.sample;
  const invoices: InvoiceLine[] = [
    { number: 'F-2026-0142', issueDate: addDays(todayIso, -75), dueDate: addDays(todayIso, -45), amountDue: eur(125_000), daysOverdue: 45 },
    { number: 'F-2026-0187', issueDate: addDays(todayIso, -50), dueDate: addDays(todayIso, -20), amountDue: eur(48_000), daysOverdue: 20 },
  ];
  const chargesWith = (table: RateTables) =>
    invoices.map((invoice) =>
      computeLatePaymentCharges(
        { principal: invoice.amountDue, dueDate: invoice.dueDate ?? todayIso, asOf: todayIso, country: 'FR', debtor: 'business' },
        table,
      ),
    );
  let charges: LatePaymentBreakdown[];
  try {
    charges = chargesWith(rates);
  } catch {
    // A user table that starts too late must not blank the preview: the shipped table is fine for a sample.
    charges = chargesWith(DEFAULT_RATES);
  }
  const sum = (pick: (b: LatePaymentBreakdown) => Money) => eur(charges.reduce((total, b) => total + pick(b).amountMinor, 0));
  return buildTemplateVars({
    language,
    today: todayIso,
    customerName: sample.customerName,
    contactName: sample.contactName,
    creditor: {
      name: creditor?.name.trim() || sample.creditorName,
      address: creditor?.address.trim() || sample.creditorAddress,
      paymentDetails: creditor?.paymentDetails.trim() || sample.paymentDetails,
      signature: creditor?.signature.trim() || undefined,
      senderName: general?.authorName.trim() || sample.senderName,
    },
    debtorAddress: sample.debtorAddress,
    invoices,
    charges: {
      interest: sum((b) => b.interest),
      indemnity: sum((b) => b.indemnity),
      legalBasis: charges[0]?.legalBasis[language] ?? sample.legalBasis,
    },
    deadlineDays: 8,
    promise: { date: addDays(todayIso, 7), amount: eur(50_000) },
    installment: { dueDate: addDays(todayIso, -3), amount: eur(25_000) },
    disputeReason: sample.disputeReason,
    paymentAmount: eur(30_000),
  });
}

const sameTemplate = (a: MessageTemplate, b: MessageTemplate) => a.subject === b.subject && a.body === b.body;

export function TemplatesSection({ lang }: { lang: Language }) {
  const m = LAW_MESSAGES[lang];
  const t = m.templates;
  const [overrides, setOverrides] = useState<TemplateOverrides | null>(null);
  const [context, setContext] = useState<{ creditor: CreditorSettings; general: GeneralSettings; rates: RateTables } | null>(null);
  const [situation, setSituation] = useState<Situation>('first-reminder');
  const [language, setLanguage] = useState<Language>(lang);
  // Unsaved edits per situation and language, so switching does not lose work.
  const [drafts, setDrafts] = useState<Record<string, MessageTemplate>>({});
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [caret, setCaret] = useState<{ field: Field; at: number } | null>(null);
  const fields = { subject: useRef<HTMLTextAreaElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  const lastField = useRef<Field>('body');

  useEffect(() => {
    const db = getDb();
    void readSettings(db, 'templates').then(setOverrides);
    void Promise.all([readSettings(db, 'creditor'), readSettings(db, 'general'), readSettings(db, 'rates')]).then(
      ([creditor, general, rates]) => setContext({ creditor, general, rates }),
    );
  }, []);
  useEffect(() => {
    if (!caret) return;
    const element = fields[caret.field].current;
    element?.focus();
    element?.setSelectionRange(caret.at, caret.at);
    setCaret(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caret]);
  if (!overrides) return null;

  const key = `${situation}:${language}`;
  const saved = resolveTemplate(situation, language, overrides);
  const draft = drafts[key] ?? saved;
  const issues = validateTemplate(draft, situation);
  const unsaved = !sameTemplate(draft, saved);
  const edited = overrides[situation]?.[language] !== undefined;

  let preview: { ok: true; value: MessageTemplate } | { ok: false; message: string };
  if (issues.length > 0) {
    preview = { ok: false, message: t.previewUnavailable };
  } else {
    try {
      const vars = sampleVars(language, today(), context?.creditor ?? null, context?.general ?? null, context?.rates ?? DEFAULT_RATES);
      preview = { ok: true, value: renderTemplate(draft, vars, language) };
    } catch (error) {
      const issue = error instanceof TemplateError ? error.issues[0] : undefined;
      preview = { ok: false, message: t.previewFailed(issue ? describeIssue(issue) : (error as Error).message) };
    }
  }

  function describeIssue(issue: TemplateIssue): string {
    const { line, column } = lineAndColumn(draft[issue.field], issue.index);
    const where = `${issue.field === 'subject' ? t.subject : t.body}, ${t.where(line, column)}`;
    switch (issue.code) {
      case 'unknown-placeholder':
        return t.unknownPlaceholder(issue.placeholder, where);
      case 'malformed-tag':
        return t.malformedTag(issue.placeholder, where);
      case 'unbalanced-if':
        // An unclosed block is reported by its name; show the tag as the user typed it.
        return t.unbalancedIf(issue.placeholder.startsWith('{{') ? issue.placeholder : `{{#if ${issue.placeholder}}}`, where);
      case 'missing-variable':
        return t.missingVariable(issue.placeholder, where);
      case 'legal-threat':
        return t.legalThreat(issue.placeholder, where);
    }
  }

  const edit = (next: MessageTemplate) => {
    setStatus(null);
    setDrafts({ ...drafts, [key]: next });
  };

  function insert(name: TemplateVariable) {
    const field = lastField.current;
    const element = fields[field].current;
    const text = draft[field];
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? start;
    const tag = `{{${name}}}`;
    edit({ ...draft, [field]: text.slice(0, start) + tag + text.slice(end) });
    setCaret({ field, at: start + tag.length });
  }

  async function save(event: Event) {
    event.preventDefault();
    if (issues.length > 0) {
      setStatus({ text: m.fixErrors(issues.length), error: true });
      fields[issues[0]?.field ?? 'body'].current?.focus();
      return;
    }
    const next: TemplateOverrides = structuredClone(overrides ?? {});
    const forSituation = { ...next[situation] };
    // A text equal to the built-in one is no override: later improvements of the built-in text then apply.
    if (sameTemplate(draft, defaultTemplate(situation, language))) delete forSituation[language];
    else forSituation[language] = draft;
    if (Object.keys(forSituation).length > 0) next[situation] = forSituation;
    else delete next[situation];
    await writeSettings(getDb(), 'templates', next);
    await browser.runtime.sendMessage({ type: 'data-changed' }).catch(() => undefined);
    setOverrides(next);
    const { [key]: _done, ...rest } = drafts;
    setDrafts(rest);
    setStatus({ text: m.saved, error: false });
  }

  const fieldIssues = (field: Field) => issues.filter((issue) => issue.field === field);
  const textarea = (field: Field, rows: number) => {
    const found = fieldIssues(field);
    return (
      <div>
        <label for={`template-${field}`}>{field === 'subject' ? t.subject : t.body}</label>
        <textarea id={`template-${field}`} ref={fields[field]} rows={rows} spellcheck style={{ width: '100%', fontFamily: 'ui-monospace, monospace' }}
          value={draft[field]} aria-invalid={found.length > 0}
          aria-describedby={found.length > 0 ? `template-${field}-errors` : undefined}
          onFocus={() => (lastField.current = field)}
          onInput={(e) => edit({ ...draft, [field]: e.currentTarget.value })} />
        <div aria-live="polite">
          {found.length > 0 && (
            <ul id={`template-${field}-errors`} class="plain">
              {found.map((issue) => (
                <li key={`${issue.index}-${issue.code}`} class="field-error" data-placeholder={issue.placeholder}>{describeIssue(issue)}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    );
  };

  const tone = TONE_OF_SITUATION[situation];
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">{t.title}</h2>
      <p class="hint">{t.intro}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div class="row">
          <div>
            <label for="template-situation">{t.situation}</label>
            <select id="template-situation" value={situation}
              onChange={(e) => { setStatus(null); setSituation(e.currentTarget.value as Situation); }}>
              {SITUATIONS.map((s) => (
                <option key={s} value={s}>{m.situations[s]}{overrides[s] ? ' ✎' : ''}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="template-language">{t.language}</label>
            <select id="template-language" value={language}
              onChange={(e) => { setStatus(null); setLanguage(e.currentTarget.value as Language); }}>
              {LANGUAGES.map((l) => <option key={l} value={l}>{m.languages[l]}</option>)}
            </select>
          </div>
        </div>
        <p class="hint">
          {t.tone(m.tones[tone])} {explainTone(tone, lang)}
          {edited && <> <span class="pill">{t.edited}</span></>}
          {unsaved && <> <span class="pill">{t.unsaved}</span></>}
        </p>
        {textarea('subject', 2)}
        {textarea('body', 16)}
        <p class="row">
          <button class="primary" type="submit" id="template-save">{m.save}</button>
          <button type="button" onClick={() => { edit(defaultTemplate(situation, language)); setStatus({ text: t.resetDone, error: false }); }}>
            {t.reset}
          </button>
          {status && <span role={status.error ? 'alert' : 'status'} class={status.error ? 'field-error' : 'hint'}>{status.text}</span>}
        </p>

        <h3 id="template-preview-title">{t.preview}</h3>
        <div class="card" id="template-preview" aria-labelledby="template-preview-title" role="region">
          {preview.ok ? (
            <>
              <p style={{ fontWeight: 600, whiteSpace: 'pre-wrap', margin: '0 0 8px' }}>{preview.value.subject}</p>
              <div style={{ whiteSpace: 'pre-wrap', fontFamily: 'ui-monospace, monospace', fontSize: '13px' }}>{preview.value.body}</div>
            </>
          ) : (
            <p class="field-error">{preview.message}</p>
          )}
        </div>

        <h3 id="template-placeholders-title">{t.placeholders}</h3>
        <p class="hint">{t.placeholdersHint}</p>
        <ul class="plain" aria-labelledby="template-placeholders-title">
          {TEMPLATE_VARIABLES.map((name) => (
            <li key={name}>
              <button type="button" class="link" aria-label={t.insert(name)} onClick={() => insert(name)}>
                <code>{`{{${name}}}`}</code>
              </button>{' '}
              <span class="hint">{t.placeholderDescriptions[name]}</span>
            </li>
          ))}
        </ul>
      </form>
    </section>
  );
}
