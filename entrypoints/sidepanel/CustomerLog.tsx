import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LogContactForm, type FormInvoice } from '@/components/LogContactForm';
import { LogSummary, Timeline } from '@/components/Timeline';
import { getDb } from '@/utils/db/db';
import { appendEvent, correctEvent, EventValidationError, retractEvent, type EventChanges } from '@/utils/db/events-repo';
import { notifyDataChanged } from '@/utils/db/notify';
import type { CustomerDetail } from '@/utils/db/queries';
import { writeSettings, type GeneralSettings } from '@/utils/db/settings';
import { deriveCustomerState, withBalanceDue } from '@/utils/domain/contact-log';
import type { ContactEvent } from '@/utils/domain/schemas';
import type { IsoDate } from '@/utils/domain/types';
import type { Language } from '@/utils/i18n/language';
import { LOG_MESSAGES, schemaMessage } from '@/utils/i18n/log-messages';
import { MESSAGES } from '@/utils/i18n/messages';
import { emptyValues, formFieldFor, validateLogForm, valuesFromEvent, type FieldErrors, type LocalProblem, type LogFormValues } from '@/utils/ui/log-form';

type Editing = { mode: 'new' } | { mode: 'edit'; entry: ContactEvent };

/** True when a key press is meant for a field, not for a page shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog[open]') !== null;
}

/**
 * The customer's contact log: where things stand, the form to log a contact (button or the N key),
 * and the timeline with corrections and deletions. Everything is appended, nothing edited in place.
 */
export function CustomerLog({ lang, detail, today, settings }: { lang: Language; detail: CustomerDetail; today: IsoDate; settings: GeneralSettings }) {
  const t = LOG_MESSAGES[lang].form;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState('');
  const [formKey, setFormKey] = useState(0);
  // A name typed in the form is kept for the next entries of this session.
  const [typedAuthor, setTypedAuthor] = useState('');
  const openButton = useRef<HTMLButtonElement>(null);
  const settingsAuthor = settings.authorName.trim();

  const state = useMemo(
    () => deriveCustomerState({ events: detail.events, invoices: detail.invoices, today, promiseGraceDays: settings.promiseGraceDays }),
    [detail.events, detail.invoices, today, settings.promiseGraceDays],
  );
  const invoiceNumbers = useMemo(() => new Map(detail.invoices.map((i) => [i.id, i.number] as const)), [detail.invoices]);
  const openInvoices: FormInvoice[] = useMemo(
    () =>
      detail.invoices
        .filter((i) => i.lifecycle === 'issued' && i.kind === 'invoice' && !i.paid)
        .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.number.localeCompare(b.number))
        .map((i) => ({ id: i.id, number: i.number, amountDue: i.amountDue ?? i.total })),
    [detail.invoices],
  );
  const disputedInvoices = openInvoices.filter((i) => state.disputedInvoiceIds.includes(i.id));
  const currency = openInvoices.find((i) => i.amountDue)?.amountDue?.currency ?? 'EUR';

  const open = (next: Editing) => {
    setStatus('');
    setEditing(next);
    setFormKey((k) => k + 1);
  };
  const close = () => {
    setEditing(null);
    // Back to the button, so N or Enter logs the next contact.
    requestAnimationFrame(() => openButton.current?.focus());
  };

  // The listener reads the form's state when the key comes: N right after Esc must open the form, even before
  // an effect depending on `editing` would have run again (Preact runs effects after the next frame).
  const editingNow = useRef(editing);
  editingNow.current = editing;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'n' || event.ctrlKey || event.metaKey || event.altKey || editingNow.current || isTyping(event.target)) return;
      event.preventDefault();
      open({ mode: 'new' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  async function save(values: LogFormValues): Promise<FieldErrors | null> {
    const now = new Date().toISOString();
    const entry = editing?.mode === 'edit' ? editing.entry : undefined;
    const words = {
      local: (problem: LocalProblem) => t[problem],
      schema: (message: string) => schemaMessage(lang, message),
    };
    const checked = validateLogForm(
      values,
      entry
        ? { id: crypto.randomUUID(), customerId: entry.customerId, recordedAt: now, kind: 'correction', correctsId: entry.id, originalAt: entry.at }
        : { id: crypto.randomUUID(), customerId: detail.customer.id, recordedAt: now, kind: 'contact' },
      words,
    );
    if (checked.errors) return checked.errors;
    // A promise records the balance it starts from, so paying the promised part of it keeps it.
    const event = withBalanceDue(checked.event, detail.invoices, entry);
    try {
      if (entry) {
        const { id: _id, kind: _kind, correctsId: _correctsId, recordedAt: _recordedAt, author, customerId: _customerId, ...fields } = event;
        // Optional fields left empty in the form are removed from the corrected version.
        const changes: EventChanges = { trackingNumber: undefined, followUpDate: undefined, ...fields };
        await correctEvent(getDb(), entry, changes, author, now);
      } else {
        await appendEvent(getDb(), event);
      }
    } catch (error) {
      if (error instanceof EventValidationError) {
        return Object.fromEntries(error.issues.map((i) => [formFieldFor(i.path, values.outcome), schemaMessage(lang, i.message)]));
      }
      return { form: t.saveFailed(error instanceof Error ? error.message : String(error)) };
    }
    if (!settingsAuthor) {
      // The name is asked once: typed here, it becomes the author setting (editable in the options).
      setTypedAuthor(event.author);
      await writeSettings(getDb(), 'general', { ...settings, authorName: event.author });
    }
    await notifyDataChanged();
    setStatus(entry ? t.corrected : t.saved);
    close();
    return null;
  }

  async function remove(entry: ContactEvent) {
    const author = settingsAuthor || typedAuthor || entry.author;
    try {
      await retractEvent(getDb(), entry.id, author, new Date().toISOString());
      await notifyDataChanged();
      setStatus(t.deleted);
    } catch (error) {
      setStatus(t.saveFailed(error instanceof Error ? error.message : String(error)));
    }
  }

  const author = settingsAuthor || typedAuthor;
  const decimalMark = lang === 'fr' ? ',' : '.';
  // An entry being corrected may name invoices paid since: offer them too, so none is dropped unseen.
  const choices =
    editing?.mode === 'edit'
      ? [
          ...openInvoices,
          ...detail.invoices
            .filter((i) => editing.entry.invoiceIds.includes(i.id) && !openInvoices.some((o) => o.id === i.id))
            .map((i) => ({ id: i.id, number: i.number, amountDue: i.amountDue ?? i.total })),
        ]
      : openInvoices;
  const initial =
    editing?.mode === 'edit'
      ? valuesFromEvent(editing.entry, author, currency, decimalMark)
      : emptyValues({ now: new Date(), author, currency });

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{MESSAGES[lang].customer.timeline}</h2>
      <LogSummary lang={lang} state={state} today={today} invoiceNumbers={invoiceNumbers} />
      <p class="row no-print">
        <button ref={openButton} type="button" class="primary" aria-keyshortcuts="N" disabled={editing !== null} onClick={() => open({ mode: 'new' })}>
          {t.open}
        </button>
        <span class="hint">{t.openHint}</span>
      </p>
      <p role="status" class="hint" data-log-status>
        {status}
      </p>
      {editing && (
        <LogContactForm
          key={formKey}
          lang={lang}
          mode={editing.mode}
          decimalMark={decimalMark}
          initial={initial}
          invoices={choices}
          disputedInvoices={disputedInvoices}
          authorFromSettings={settingsAuthor !== '' || typedAuthor !== ''}
          onSubmit={save}
          onCancel={close}
        />
      )}
      <Timeline
        lang={lang}
        events={detail.events}
        state={state}
        invoiceNumbers={invoiceNumbers}
        onEdit={(entry) => open({ mode: 'edit', entry })}
        onDelete={(entry) => void remove(entry)}
      />
    </section>
  );
}
