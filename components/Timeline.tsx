import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { currentView, historyOf, invoicesConcerned, type CustomerLogState, type InstallmentState } from '@/utils/domain/contact-log';
import { formatDate } from '@/utils/domain/dates';
import { formatMoney } from '@/utils/domain/money';
import { CHANNELS, OUTCOME_TYPES, type Channel, type ContactEvent, type OutcomeType } from '@/utils/domain/schemas';
import type { IsoDate, IsoDateTime, Money } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { LOG_MESSAGES } from '@/utils/i18n/log-messages';
import { CHANNEL_LABEL, DIRECTION_LABEL, OUTCOME_LABEL, PLAN_STATE_LABEL, PROMISE_STATE_LABEL } from '@/utils/i18n/log-words';
import { MESSAGES } from '@/utils/i18n/messages';
import './log.css';

function formatDateTime(at: IsoDateTime, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}

const numbersOf = (ids: readonly string[], invoiceNumbers: ReadonlyMap<string, string>) =>
  ids.map((id) => invoiceNumbers.get(id) ?? id.slice(id.indexOf('|') + 1)).join(', ');

// ---------------------------------------------------------------------------------------------

export interface LogSummaryProps {
  lang: Language;
  state: CustomerLogState;
  today: IsoDate;
  invoiceNumbers: ReadonlyMap<string, string>;
}

/** What the log says now: promise pending or broken, open disputes, plan, last contact, next follow-up. */
export function LogSummary({ lang, state, today, invoiceNumbers }: LogSummaryProps) {
  const t = LOG_MESSAGES[lang].summary;
  const locale = LOCALE_OF[lang];
  const date = (d: IsoDate) => formatDate(d, locale);
  const openDisputes = state.disputes.filter((d) => d.state === 'open');
  const plan = state.plans.filter((p) => p.supersededBy === undefined).at(-1);
  return (
    <section class="card log-summary" aria-labelledby="log-summary-title">
      <h3 id="log-summary-title">{t.title}</h3>
      <ul>
        {state.brokenPromise && (
          <li class="alert" data-summary="broken-promise">
            {t.brokenPromise(formatMoney(state.brokenPromise.amount, locale), date(state.brokenPromise.date))}
          </li>
        )}
        {state.pendingPromise && (
          <li data-summary="pending-promise">
            {t.pendingPromise(formatMoney(state.pendingPromise.amount, locale), date(state.pendingPromise.date))}
          </li>
        )}
        {openDisputes.map((d) => (
          <li key={d.eventId} class="alert" data-summary="dispute">
            {t.openDispute(d.reason, numbersOf(d.openInvoiceIds, invoiceNumbers))}
          </li>
        ))}
        {plan && (
          <li class={plan.state === 'late' ? 'alert' : undefined} data-summary="plan">
            {t.plan(PLAN_STATE_LABEL[lang][plan.state], formatMoney(plan.paidSoFar, locale), formatMoney(plan.covered, locale))}
          </li>
        )}
        <li data-summary="last-contact">
          {state.lastContact
            ? t.lastContact(
                CHANNEL_LABEL[lang][state.lastContact.channel],
                formatDateTime(state.lastContact.at, locale),
                state.lastContact.reminderTone && state.lastContact.outcomeType === 'note'
                  ? t.reminderSent[state.lastContact.reminderTone]
                  : OUTCOME_LABEL[lang][state.lastContact.outcomeType].toLowerCase(),
              )
            : t.noContact}
        </li>
        <li data-summary="follow-up" class={state.nextFollowUp && state.nextFollowUp < today ? 'alert' : undefined}>
          {state.nextFollowUp
            ? state.nextFollowUp < today
              ? t.followUpOverdue(date(state.nextFollowUp))
              : t.nextFollowUp(date(state.nextFollowUp))
            : t.noFollowUp}
        </li>
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

export interface TimelineProps {
  lang: Language;
  /** The customer's raw log (every version); the timeline shows it as it reads today. */
  events: readonly ContactEvent[];
  state: CustomerLogState;
  invoiceNumbers: ReadonlyMap<string, string>;
  onEdit: (entry: ContactEvent) => void;
  /** Called once the user confirmed the deletion. */
  onDelete: (entry: ContactEvent) => void;
}

interface Row {
  entry: ContactEvent;
  /** True for a retracted entry, listed only while the history is shown. */
  deleted: boolean;
}

/** The contact timeline, newest first, with filters, per-entry Edit / Delete and the versions of each entry. */
export function Timeline({ lang, events, state, invoiceNumbers, onEdit, onDelete }: TimelineProps) {
  const t = LOG_MESSAGES[lang].timeline;
  const locale = LOCALE_OF[lang];
  const [channel, setChannel] = useState<Channel | ''>('');
  const [outcome, setOutcome] = useState<OutcomeType | ''>('');
  const [showHistory, setShowHistory] = useState(false);
  const [toDelete, setToDelete] = useState<ContactEvent | null>(null);

  const rows = useMemo<Row[]>(() => {
    const current: Row[] = currentView(events).map((entry) => ({ entry, deleted: false }));
    if (!showHistory) return current;
    // A retracted entry is shown in its last version before the retraction.
    const deleted = new Map<string, Row>();
    for (const retraction of events.filter((e) => e.kind === 'retraction')) {
      const last = historyOf(events, retraction.id).filter((v) => v.kind !== 'retraction').at(-1);
      if (last) deleted.set(last.id, { entry: last, deleted: true });
    }
    return [...current, ...deleted.values()].sort(
      (a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || (a.entry.id < b.entry.id ? -1 : 1),
    );
  }, [events, showHistory]);

  const shown = rows.filter(({ entry }) => (!channel || entry.channel === channel) && (!outcome || entry.outcome.type === outcome));

  if (events.length === 0) {
    return <p class="empty">{MESSAGES[lang].customer.emptyTimeline}</p>;
  }

  const describe = (e: ContactEvent) =>
    `${CHANNEL_LABEL[lang][e.channel]}, ${formatDateTime(e.at, locale)}, ${OUTCOME_LABEL[lang][e.outcome.type]}`;

  return (
    <>
      <div class="log-filters no-print">
        <div>
          <label for="filter-channel">{t.filterChannel}</label>
          <select id="filter-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel | '')}>
            <option value="">{t.all}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>{CHANNEL_LABEL[lang][c]}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-outcome">{t.filterOutcome}</label>
          <select id="filter-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as OutcomeType | '')}>
            <option value="">{t.all}</option>
            {OUTCOME_TYPES.map((o) => (
              <option key={o} value={o}>{OUTCOME_LABEL[lang][o]}</option>
            ))}
          </select>
        </div>
        <button type="button" aria-pressed={showHistory} onClick={() => setShowHistory((v) => !v)}>
          {showHistory ? t.hideHistory : t.showHistory}
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="empty">{MESSAGES[lang].customer.emptyTimeline}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t.noMatch}</p>
      ) : (
        <ol class="timeline" aria-label={MESSAGES[lang].customer.timeline}>
          {shown.map(({ entry, deleted }) => (
            <li key={entry.id} class={deleted ? 'deleted' : undefined} data-entry={entry.id} data-outcome={entry.outcome.type}>
              {deleted && <p><strong>{t.deletedEntry}</strong></p>}
              <EntryBody lang={lang} entry={entry} state={state} invoiceNumbers={invoiceNumbers} />
              {!deleted && (
                <p class="row no-print">
                  <button type="button" aria-label={t.editLabel(describe(entry))} onClick={() => onEdit(entry)}>
                    {t.edit}
                  </button>
                  <button type="button" class="danger" aria-label={t.deleteLabel(describe(entry))} onClick={() => setToDelete(entry)}>
                    {t.delete}
                  </button>
                </p>
              )}
              {showHistory && <Versions lang={lang} events={events} entry={entry} />}
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={t.confirmDelete}
        text={t.confirmDeleteText}
        confirmLabel={t.delete}
        cancelLabel={LOG_MESSAGES[lang].form.cancel}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const entry = toDelete;
          setToDelete(null);
          if (entry) onDelete(entry);
        }}
      />
    </>
  );
}

/** One entry as it reads today: when, how, who, what came out of it, notes, follow-up, invoices. */
function EntryBody({ lang, entry, state, invoiceNumbers }: { lang: Language; entry: ContactEvent; state: CustomerLogState; invoiceNumbers: ReadonlyMap<string, string> }) {
  const t = LOG_MESSAGES[lang].timeline;
  const locale = LOCALE_OF[lang];
  const money = (m: Money) => formatMoney(m, locale);
  const date = (d: IsoDate) => formatDate(d, locale);
  const o = entry.outcome;
  const concerned = invoicesConcerned(entry);
  const namedIds = o.type === 'dispute' || o.type === 'dispute-resolved' ? o.invoiceIds : [];
  const namesAll = namedIds.length > 0;
  let details: ComponentChildren = null;
  switch (o.type) {
    case 'promise-to-pay': {
      const view = state.promises.find((p) => p.eventId === entry.id);
      details = (
        <>
          {t.promise(money(o.amount), date(o.date))}
          {view && <> · <span class={view.state === 'broken' ? 'status-overdue' : undefined}>{PROMISE_STATE_LABEL[lang][view.state]}</span></>}
        </>
      );
      break;
    }
    case 'dispute': {
      const view = state.disputes.find((d) => d.eventId === entry.id);
      details = (
        <>
          {t.dispute(o.reason)} · {t.invoices(numbersOf(o.invoiceIds, invoiceNumbers))}
          {view && <> · {t.disputeStates[view.state]}</>}
        </>
      );
      break;
    }
    case 'dispute-resolved':
      details = (
        <>
          {t.invoices(numbersOf(o.invoiceIds, invoiceNumbers))}
          {o.resolution && <> · {t.resolution(o.resolution)}</>}
        </>
      );
      break;
    case 'payment-plan': {
      const view = state.plans.find((p) => p.eventId === entry.id);
      details = (
        <>
          {t.plan(money(o.covered))}
          {view && <> · {PLAN_STATE_LABEL[lang][view.state]}</>}
          <ul>
            {(view?.installments ?? (o.installments as Array<{ dueDate: IsoDate; amount: Money; state?: InstallmentState }>)).map((inst, i) => (
              <li key={i}>
                {t.installmentLine(date(inst.dueDate), money(inst.amount))}
                {inst.state && <> · {t.installmentStates[inst.state]}</>}
              </li>
            ))}
          </ul>
        </>
      );
      break;
    }
    case 'partial-payment-announced':
      details = t.partial(money(o.amount), o.date ? date(o.date) : '');
      break;
    default:
      details = null;
  }
  return (
    <>
      <p>
        <strong>
          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
        </strong>{' '}
        · {CHANNEL_LABEL[lang][entry.channel]} · {DIRECTION_LABEL[lang][entry.direction].toLowerCase()} · {t.by(entry.author)}
      </p>
      <p>
        <strong>{OUTCOME_LABEL[lang][o.type]}</strong>
        {details !== null && <> · {details}</>}
      </p>
      {entry.reminder && <p>{t.reminder(t.tones[entry.reminder.tone], entry.reminder.level)}</p>}
      {entry.trackingNumber && <p>{t.trackingNumber(entry.trackingNumber)}</p>}
      {entry.notes && <p class="notes">{entry.notes}</p>}
      {entry.followUpDate && <p>{t.followUp(date(entry.followUpDate))}</p>}
      {/* A dispute already names its invoices above: say them again only when the entry concerns more. */}
      {!(namesAll && concerned.length === namedIds.length) && (
        <p class="hint">{concerned.length ? t.invoices(numbersOf(concerned, invoiceNumbers)) : t.wholeBalance}</p>
      )}
    </>
  );
}

/** An outcome in one line, with the figures that a correction usually changes. */
function versionOutcome(lang: Language, entry: ContactEvent): string {
  const t = LOG_MESSAGES[lang].timeline;
  const locale = LOCALE_OF[lang];
  const o = entry.outcome;
  const label = OUTCOME_LABEL[lang][o.type];
  switch (o.type) {
    case 'promise-to-pay':
      return `${label} ${t.promise(formatMoney(o.amount, locale), formatDate(o.date, locale))}`;
    case 'dispute':
      return `${label}: ${o.reason}`;
    case 'payment-plan':
      return `${label}: ${o.installments.map((i) => t.installmentLine(formatDate(i.dueDate, locale), formatMoney(i.amount, locale))).join('; ')}`;
    case 'partial-payment-announced':
      return `${label} ${t.partial(formatMoney(o.amount, locale), o.date ? formatDate(o.date, locale) : '')}`;
    default:
      return label;
  }
}

/** Every version of an entry, oldest first, with who changed it and when. */
function Versions({ lang, events, entry }: { lang: Language; events: readonly ContactEvent[]; entry: ContactEvent }) {
  const t = LOG_MESSAGES[lang].timeline;
  const locale = LOCALE_OF[lang];
  const versions = historyOf(events, entry.id);
  return (
    <ol class="versions" aria-label={t.history}>
      {versions.map((v) => (
        <li key={v.id}>
          {t.version[v.kind](v.author, formatDateTime(v.recordedAt, locale))}
          {v.kind !== 'retraction' && (
            <>
              {' — '}
              {CHANNEL_LABEL[lang][v.channel]}, {formatDateTime(v.at, locale)}, {versionOutcome(lang, v)}
              {v.notes && <>: “{v.notes}”</>}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
