import { useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CollectionSettings } from '@/utils/db/collection';
import { postalAddressOf } from '@/utils/db/collection';
import { getDb } from '@/utils/db/db';
import { appendEvents } from '@/utils/db/events-repo';
import { notifyDataChanged } from '@/utils/db/notify';
import type { CustomerDetail } from '@/utils/db/queries';
import { formatDate } from '@/utils/domain/dates';
import { explainNote } from '@/utils/domain/law';
import {
  isLetter,
  LETTER_DRAFT_KEY,
  letterDraftOf,
  prepareMessage,
  sentMessageFor,
  sentRecordsFor,
  suggestedSituation,
  type MessageProblem,
  type PreparedMessage,
} from '@/utils/domain/reminder-draft';
import { explainTone, SITUATIONS, TONE_OF_SITUATION, type Situation } from '@/utils/domain/templates';
import type { IsoDate } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { REMINDER_MESSAGES } from '@/utils/i18n/reminder-messages';
import { openCreditNotes, openMessageInvoices, recentPayment, reminderStateOf, useCollectionSettings, type CustomerReminderState } from './reminder-state';
import { toLocalIsoString } from '@/utils/ui/log-form';

/** Where a TemplateInputError's field is explained: `creditor.name` → `creditorName`. */
function fieldKey(field: string): string {
  return field.startsWith('creditor.') ? `creditor${field.charAt(9).toUpperCase()}${field.slice(10)}` : field;
}

/** One readable sentence per problem, naming the placeholder or field and where to fix it. */
export function problemText(problem: MessageProblem, lang: Language): string {
  const t = REMINDER_MESSAGES[lang];
  switch (problem.kind) {
    case 'no-invoices':
      return t.preview.noInvoices;
    case 'law':
      return t.preview.lawFailed(problem.message);
    case 'input':
      return t.preview.missing(t.fields[fieldKey(problem.field)] ?? problem.message);
    case 'template': {
      const { issue } = problem;
      const field = t.preview.fieldWord[issue.field];
      if (issue.code === 'unknown-placeholder') return t.preview.unknownPlaceholder(issue.placeholder, field);
      if (issue.code === 'missing-variable') return t.preview.missing(t.fields[issue.placeholder] ?? `{{${issue.placeholder}}}`);
      if (issue.code === 'legal-threat') return t.preview.legalThreat(issue.placeholder, field);
      return t.preview.malformed(issue.message, field);
    }
  }
}

/** The suggested message for the customer, editable, with copy, "mark as sent" and print for letters. */
export function ReminderPreview({ lang, detail, today }: { lang: Language; detail: CustomerDetail; today: IsoDate }) {
  const t = REMINDER_MESSAGES[lang];
  const settings = useCollectionSettings();
  if (settings.status === 'error') return <p role="alert">{t.error(settings.error.message)}</p>;
  if (settings.status === 'loading') return <p>{t.loading}</p>;
  const state = reminderStateOf(detail, today, settings.value);
  if (!state.ok) return null; // the next-action card already says why
  if (state.action.reason.code === 'excluded') return null; // never reminded: nothing to prepare
  return <Preview key={detail.customer.id} lang={lang} today={today} settings={settings.value} state={state} />;
}

type Ok = Extract<CustomerReminderState, { ok: true }>;
type Status = { kind: 'info'; text: string } | { kind: 'error'; text: string } | undefined;

function Preview({ lang, today, settings, state }: { lang: Language; today: IsoDate; settings: CollectionSettings; state: Ok }) {
  const t = REMINDER_MESSAGES[lang];
  const { action } = state;
  const customer = state.case.customer;
  const suggested = suggestedSituation(action);
  const [picked, setPicked] = useState<Situation | undefined>();
  const [language, setLanguage] = useState<Language>(lang);
  const [edits, setEdits] = useState<{ key: string; subject?: string; body?: string }>({ key: '' });
  const [status, setStatus] = useState<Status>();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const situation = picked ?? suggested;
  const editKey = `${situation}|${language}|${suggested}`;
  const postalAddress = postalAddressOf(customer);

  let prepared: PreparedMessage;
  try {
    prepared = prepareMessage({
      situation,
      language,
      today,
      action,
      customer: { name: customer.name, debtorKind: customer.debtorKind, ...(postalAddress ? { postalAddress } : {}) },
      openInvoices: openMessageInvoices(state.case, today),
      creditNotes: openCreditNotes(state.case),
      logState: state.case.logState,
      creditor: settings.creditor,
      senderName: settings.general.authorName,
      rates: settings.rates,
      templates: settings.templates,
      deadlineDays: Math.max(1, settings.policy.escalationDelayDays),
      ...(() => {
        const paid = recentPayment(state.case, today);
        return paid ? { paymentAmount: paid } : {};
      })(),
    });
  } catch (error) {
    prepared = { ok: false, problems: [{ kind: 'input', field: '', message: error instanceof Error ? error.message : String(error) }] };
  }

  const own = edits.key === editKey ? edits : { key: editKey };
  const subject = prepared.ok ? (own.subject ?? prepared.subject) : '';
  const body = prepared.ok ? (own.body ?? prepared.body) : '';
  const edited = own.subject !== undefined || own.body !== undefined;
  const sent = sentMessageFor(situation, action, settings.policy);
  const letter = isLetter(situation, sent.channel);

  const copy = async (text: string, field: HTMLInputElement | HTMLTextAreaElement | null) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ kind: 'info', text: t.preview.copied });
    } catch {
      // No clipboard permission (or an unfocused document): select the text so the user can copy it.
      field?.focus();
      field?.select();
      const copied = (() => {
        try {
          return document.execCommand('copy');
        } catch {
          return false;
        }
      })();
      setStatus({ kind: 'info', text: copied ? t.preview.copied : t.preview.copyFallback });
    }
  };

  const markSent = async () => {
    if (!prepared.ok) return;
    setStatus(undefined);
    try {
      const now = toLocalIsoString(new Date());
      // One entry per ladder level, so each invoice of a grouped message moves up its own ladder.
      const records = sentRecordsFor(situation, action, settings.policy, prepared.invoices.map((i) => i.id));
      // All or nothing: a message is never half recorded.
      await appendEvents(
        getDb(),
        records.map((record) => ({
          id: crypto.randomUUID(),
          kind: 'contact',
          customerId: customer.id,
          invoiceIds: record.invoiceIds,
          at: now,
          recordedAt: now,
          author: settings.general.authorName.trim() || t.preview.author,
          channel: record.channel,
          direction: 'outgoing',
          outcome: { type: 'note' },
          ...(record.levelId ? { reminder: { level: record.levelId, tone: record.tone } } : {}),
          notes: record.channel === 'phone' ? t.preview.callNote(subject) : t.preview.sentNote(subject),
        })),
      );
      setStatus({ kind: 'info', text: t.preview.marked });
      setPicked(undefined);
      setEdits({ key: '' });
      await notifyDataChanged();
    } catch (error) {
      setStatus({ kind: 'error', text: t.preview.markFailed(error instanceof Error ? error.message : String(error)) });
    }
  };

  const printLetter = async () => {
    if (!prepared.ok) return;
    try {
      const draft = letterDraftOf({
        language,
        text: body,
        subject,
        vars: prepared.vars,
        creditor: { name: settings.creditor.name, ...(settings.creditor.address ? { address: settings.creditor.address } : {}) },
        customer: { name: customer.name, ...(postalAddress ? { postalAddress } : {}) },
      });
      await browser.storage.session.set({ [LETTER_DRAFT_KEY]: draft });
      await browser.tabs.create({ url: browser.runtime.getURL('/letter.html') });
    } catch (error) {
      setStatus({ kind: 'error', text: t.preview.printFailed(error instanceof Error ? error.message : String(error)) });
    }
  };

  const tone = TONE_OF_SITUATION[situation];
  return (
    <section class="card" aria-labelledby="preview-title" data-situation={situation} data-tone={tone}>
      <h2 id="preview-title" style={{ marginTop: 0 }}>{t.preview.title}</h2>
      <p>
        <strong>
          {action.kind === 'wait'
            ? t.preview.upcoming(t.situations[suggested], formatDate(action.dueOn, LOCALE_OF[lang], 'long'))
            : action.kind === 'none'
              ? t.preview.nothingDue(t.situations[suggested])
              : t.preview.suggested(t.situations[suggested])}
        </strong>
      </p>
      <p class="hint" data-testid="tone-explanation">{explainTone(tone, lang)}</p>
      <div class="row">
        <div style={{ maxWidth: '100%' }}>
          <label for="preview-situation">{t.preview.situation}</label>
          <select id="preview-situation" style={{ maxWidth: '100%' }} value={situation} onChange={(e) => setPicked(e.currentTarget.value as Situation)}>
            {SITUATIONS.map((s) => (
              <option key={s} value={s}>
                {t.situations[s] === t.tones[TONE_OF_SITUATION[s]] ? t.situations[s] : `${t.situations[s]} (${t.tones[TONE_OF_SITUATION[s]]})`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="preview-language">{t.preview.language}</label>
          <select id="preview-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
            {(['fr', 'en'] as const).map((l) => (
              <option key={l} value={l}>{t.preview.languages[l]}</option>
            ))}
          </select>
        </div>
      </div>
      {!prepared.ok ? (
        <ProblemList lang={lang} problems={prepared.problems} />
      ) : (
        <>
          {prepared.charges && prepared.charges.warnings.length > 0 && (
            <ul class="hint" data-testid="charge-warnings">
              {prepared.charges.warnings.map((w, i) => (
                <li key={i}>{explainNote(w, lang)}</li>
              ))}
            </ul>
          )}
          <label for="preview-subject">{t.preview.subject}</label>
          <input
            id="preview-subject"
            ref={subjectRef}
            style={{ width: '100%' }}
            value={subject}
            onInput={(e) => setEdits({ ...own, subject: e.currentTarget.value })}
          />
          <label for="preview-body">{t.preview.body}</label>
          <textarea
            id="preview-body"
            ref={bodyRef}
            rows={14}
            style={{ width: '100%', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '12px' }}
            value={body}
            aria-describedby="preview-body-hint"
            onInput={(e) => setEdits({ ...own, body: e.currentTarget.value })}
          />
          <p id="preview-body-hint" class="hint">{t.preview.bodyHint}</p>
          <div class="row">
            <button onClick={() => void copy(body, bodyRef.current)}>{t.preview.copy}</button>
            <button onClick={() => void copy(subject, subjectRef.current)}>{t.preview.copySubject}</button>
            {edited && <button onClick={() => setEdits({ key: '' })}>{t.preview.reset}</button>}
            {letter && <button onClick={() => void printLetter()}>{t.preview.print}</button>}
            <button class="primary" onClick={() => void markSent()}>
              {sent.channel === 'phone' ? t.preview.markCallDone : t.preview.markSent}
            </button>
          </div>
        </>
      )}
      <p role="status" aria-live="polite" class={status?.kind === 'error' ? 'field-error' : 'hint'}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}

/** Placeholders whose values are set in the options page (the others come from the customer or the log). */
const OPTION_FIELDS = new Set(['creditorName', 'creditorAddress', 'paymentDetails', 'senderName', 'senderSignature']);

/** True when the fix is in the options page: the company, the templates, the rate table. */
function fixedInOptions(problem: MessageProblem): boolean {
  if (problem.kind === 'law' || problem.kind === 'input') return true;
  if (problem.kind === 'template') return problem.issue.code !== 'missing-variable' || OPTION_FIELDS.has(problem.issue.placeholder);
  return false;
}

function ProblemList({ lang, problems }: { lang: Language; problems: MessageProblem[] }) {
  const t = REMINDER_MESSAGES[lang];
  const fixableInOptions = problems.some(fixedInOptions);
  return (
    <div role="alert" data-testid="message-problems">
      {problems.some((p) => p.kind !== 'no-invoices') && <p>{t.preview.cannotPrepare}</p>}
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{problemText(p, lang)}</li>
        ))}
      </ul>
      {fixableInOptions && (
        <button onClick={() => void browser.runtime.openOptionsPage()}>{t.preview.openOptions}</button>
      )}
    </div>
  );
}
