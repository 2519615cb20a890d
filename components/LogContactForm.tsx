import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney } from '@/utils/domain/money';
import { CHANNELS, DIRECTIONS, OUTCOME_TYPES, type OutcomeType } from '@/utils/domain/schemas';
import type { Money } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { LOG_MESSAGES } from '@/utils/i18n/log-messages';
import { CHANNEL_LABEL, DIRECTION_LABEL, OUTCOME_LABEL } from '@/utils/i18n/log-words';
import { amountText, newInstallment, planDifference, type FieldErrors, type LogFormValues } from '@/utils/ui/log-form';
import './log.css';

export interface FormInvoice {
  id: string;
  number: string;
  amountDue?: Money;
}

export interface LogContactFormProps {
  lang: Language;
  mode: 'new' | 'edit';
  initial: LogFormValues;
  /** The customer's open invoices, offered as "invoices concerned" and as disputed invoices. */
  invoices: FormInvoice[];
  /** Invoices under an open dispute, offered when the outcome is "dispute resolved". */
  disputedInvoices: FormInvoice[];
  /** Decimal mark of amounts the form fills in itself (`,` in French). */
  decimalMark: '.' | ',';
  /** True when the author comes from the settings: shown as text, no field to fill. */
  authorFromSettings: boolean;
  /** Validates and saves; resolves to the errors per field, or null once saved (the parent then closes the form). */
  onSubmit: (values: LogFormValues) => Promise<FieldErrors | null>;
  onCancel: () => void;
}

const AMOUNT_OUTCOMES: ReadonlySet<OutcomeType> = new Set(['promise-to-pay', 'payment-plan', 'partial-payment-announced']);

/** The currency-safe sum of the amounts due of `invoices` in `currency`, or undefined when there is none. */
function totalDue(invoices: readonly FormInvoice[], currency: string): number | undefined {
  const amounts = invoices.flatMap((i) => (i.amountDue && i.amountDue.currency === currency ? [i.amountDue.amountMinor] : []));
  return amounts.length ? amounts.reduce((a, b) => a + b, 0) : undefined;
}

/**
 * Logs a contact (or corrects one), keyboard first: focus starts on the channel, channel and outcome are
 * selects that accept typing a letter, Enter saves from any field but the notes, Escape cancels.
 * Each error is shown next to its field and the first invalid field gets the focus.
 */
export function LogContactForm(props: LogContactFormProps) {
  const { lang } = props;
  const t = LOG_MESSAGES[lang].form;
  const locale = LOCALE_OF[lang];
  const [values, setValues] = useState<LogFormValues>(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const channelRef = useRef<HTMLSelectElement>(null);
  const [focusFirstError, setFocusFirstError] = useState(0);

  useEffect(() => channelRef.current?.focus(), []);
  useEffect(() => {
    if (focusFirstError === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  const set = (patch: Partial<LogFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const id = (key: string) => `log-${key}`;
  const errorId = (key: string) => `log-${key}-error`;
  /** Accessibility attributes of a control: its id, whether it is invalid, what describes it. */
  const a11y = (key: string, errorKey = key, hintId?: string) => {
    const describedBy = [hintId, errors[errorKey] ? errorId(errorKey) : undefined].filter(Boolean).join(' ');
    return {
      id: id(key),
      'aria-invalid': errors[errorKey] ? ('true' as const) : undefined,
      'aria-describedby': describedBy || undefined,
    };
  };
  const errorOf = (key: string) =>
    errors[key] ? (
      <p id={errorId(key)} class="field-error">
        {errors[key]}
      </p>
    ) : null;

  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const result = await props.onSubmit(values);
      if (result) {
        setErrors(result);
        setFocusFirstError((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
      return;
    }
    if (event.key !== 'Enter' || event.isComposing || event.altKey || event.shiftKey) return;
    // Text fields submit natively; selects, checkboxes and radios do not: make Enter save from them too.
    // In the notes, Enter is a new line and Ctrl+Enter saves.
    const tag = target.tagName;
    const type = (target as HTMLInputElement).type;
    const needsHelp =
      tag === 'SELECT' ||
      (tag === 'INPUT' && (type === 'checkbox' || type === 'radio')) ||
      (tag === 'TEXTAREA' && (event.ctrlKey || event.metaKey));
    if (needsHelp) {
      event.preventDefault();
      void submit();
    }
  }

  function chooseOutcome(outcome: OutcomeType) {
    const patch: Partial<LogFormValues> = { outcome };
    // Sensible defaults from the invoices concerned, only when the field is still empty.
    if (outcome === 'dispute' && values.disputeInvoiceIds.length === 0) patch.disputeInvoiceIds = [...values.invoiceIds];
    if (outcome === 'payment-plan' && values.planCovered.trim() === '') {
      const concerned = values.invoiceIds.length ? props.invoices.filter((i) => values.invoiceIds.includes(i.id)) : props.invoices;
      const due = totalDue(concerned, values.currency);
      if (due !== undefined && due > 0) patch.planCovered = amountText({ amountMinor: due, currency: values.currency }, props.decimalMark);
    }
    set(patch);
  }

  const toggle = (list: string[], invoiceId: string, checked: boolean) =>
    checked ? [...list, invoiceId] : list.filter((x) => x !== invoiceId);

  const invoiceLabel = (inv: FormInvoice) => t.invoiceOption(inv.number, inv.amountDue ? formatMoney(inv.amountDue, locale) : '');

  /** A group of invoice checkboxes; the error (if any) is announced by every box of the group. */
  const invoiceChecks = (key: 'invoiceIds' | 'disputeInvoiceIds' | 'resolvedInvoiceIds', legend: string, choices: FormInvoice[], hint?: string) => (
    <fieldset>
      <legend>{legend}</legend>
      {hint && <p id={id(`${key}-hint`)} class="hint">{hint}</p>}
      {choices.length === 0 && <p class="hint">{t.noInvoices}</p>}
      {choices.map((inv, i) => {
        const attrs = a11y(`${key}-${i}`, key, hint ? id(`${key}-hint`) : undefined);
        return (
          <label key={inv.id} class="check" for={attrs.id}>
            <input
              type="checkbox"
              {...attrs}
              checked={values[key].includes(inv.id)}
              onChange={(e) => set({ [key]: toggle(values[key], inv.id, e.currentTarget.checked) })}
            />{' '}
            {invoiceLabel(inv)}
          </label>
        );
      })}
      {errorOf(key)}
    </fieldset>
  );

  const textInput = (
    key: keyof LogFormValues & string,
    label: string,
    extra: JSX.InputHTMLAttributes<HTMLInputElement> = {},
    transform: (typed: string) => string = (typed) => typed,
  ) => (
    <div>
      <label for={id(key)}>{label}</label>
      <input
        {...extra}
        {...a11y(key)}
        value={values[key] as string}
        onInput={(e) => set({ [key]: transform(e.currentTarget.value) })}
      />
      {errorOf(key)}
    </div>
  );
  const amountInput = (key: keyof LogFormValues & string, label: string, placeholder?: string) =>
    textInput(key, label, { type: 'text', inputMode: 'decimal', autocomplete: 'off', placeholder });
  const dateInput = (key: keyof LogFormValues & string, label: string) => textInput(key, label, { type: 'date' });

  const concernedDue = totalDue(
    values.invoiceIds.length ? props.invoices.filter((i) => values.invoiceIds.includes(i.id)) : props.invoices,
    values.currency,
  );
  const balancePlaceholder =
    concernedDue !== undefined && /^[A-Z]{3}$/.test(values.currency)
      ? formatMoney({ amountMinor: concernedDue, currency: values.currency }, locale)
      : undefined;

  const plan = values.outcome === 'payment-plan' ? planDifference(values) : undefined;

  return (
    <form ref={formRef} class="card log-form" aria-labelledby="log-form-title" noValidate onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      <h3 id="log-form-title">{props.mode === 'new' ? t.titleNew : t.titleEdit}</h3>
      {props.mode === 'edit' && <p class="hint">{t.editNotice}</p>}
      {Object.keys(errors).length > 0 && (
        <p role="alert" class="field-error">
          {t.invalid(Object.keys(errors).length)} {errors.form ?? ''}
        </p>
      )}

      <div>
        <label for={id('channel')}>{t.channel}</label>
        <select
          ref={channelRef}
          {...a11y('channel', 'channel', id('channel-hint'))}
          value={values.channel}
          onChange={(e) => set({ channel: e.currentTarget.value as LogFormValues['channel'] })}
        >
          {CHANNELS.map((c) => (
            <option key={c} value={c}>{CHANNEL_LABEL[lang][c]}</option>
          ))}
        </select>
        <p id={id('channel-hint')} class="hint">{t.channelHint}</p>
        {errorOf('channel')}
      </div>
      {values.channel === 'registered-letter' && textInput('trackingNumber', t.trackingNumber, { autocomplete: 'off' })}

      <div>
        <label for={id('outcome')}>{t.outcome}</label>
        <select
          {...a11y('outcome', 'outcome', id('outcome-hint'))}
          value={values.outcome}
          onChange={(e) => chooseOutcome(e.currentTarget.value as OutcomeType)}
        >
          {OUTCOME_TYPES.map((o) => (
            <option key={o} value={o}>{OUTCOME_LABEL[lang][o]}</option>
          ))}
        </select>
        <p id={id('outcome-hint')} class="hint">{t.outcomeHint}</p>
        {errorOf('outcome')}
      </div>

      {values.outcome === 'promise-to-pay' && (
        <div class="outcome-details">
          {dateInput('promiseDate', t.promiseDate)}
          {amountInput('promiseAmount', t.promiseAmount, balancePlaceholder)}
        </div>
      )}
      {values.outcome === 'dispute' && (
        <div class="outcome-details">
          {textInput('disputeReason', t.disputeReason, { autocomplete: 'off' })}
          {invoiceChecks('disputeInvoiceIds', t.disputeInvoices, props.invoices)}
        </div>
      )}
      {values.outcome === 'dispute-resolved' && (
        <div class="outcome-details">
          {invoiceChecks('resolvedInvoiceIds', t.resolvedInvoices, props.disputedInvoices.length ? props.disputedInvoices : props.invoices)}
          {textInput('resolution', t.resolution, { autocomplete: 'off' })}
        </div>
      )}
      {values.outcome === 'payment-plan' && (
        <div class="outcome-details">
          {amountInput('planCovered', t.planCovered, balancePlaceholder)}
          <fieldset>
            <legend>{t.installments}</legend>
            <ol class="installments">
              {values.installments.map((row, i) => {
                const update = (patch: Partial<typeof row>) =>
                  set({ installments: values.installments.map((r) => (r.key === row.key ? { ...r, ...patch } : r)) });
                return (
                  <li key={row.key} class="row">
                    <span>
                      <label for={id(`installment-${i}-date`)} class="visually-hidden">{t.installmentDate(i + 1)}</label>
                      <input type="date" {...a11y(`installment-${i}-date`)} value={row.dueDate} onInput={(e) => update({ dueDate: e.currentTarget.value })} />
                    </span>
                    <span>
                      <label for={id(`installment-${i}-amount`)} class="visually-hidden">{t.installmentAmount(i + 1)}</label>
                      <input
                        type="text"
                        inputMode="decimal"
                        autocomplete="off"
                        {...a11y(`installment-${i}-amount`, errors[`installment-${i}-amount`] ? `installment-${i}-amount` : 'installments')}
                        placeholder={t.installmentAmountPlaceholder}
                        value={row.amount}
                        onInput={(e) => update({ amount: e.currentTarget.value })}
                      />
                    </span>
                    {values.installments.length > 1 && (
                      <button type="button" aria-label={t.removeInstallment(i + 1)} onClick={() => set({ installments: values.installments.filter((r) => r.key !== row.key) })}>
                        ×
                      </button>
                    )}
                    {errorOf(`installment-${i}-date`)}
                    {errorOf(`installment-${i}-amount`)}
                  </li>
                );
              })}
            </ol>
            <button type="button" onClick={() => set({ installments: [...values.installments, newInstallment()] })}>
              {t.addInstallment}
            </button>
            <p class="hint" aria-live="polite" data-plan-difference>
              {plan === undefined
                ? ''
                : plan.difference === 0
                  ? t.planBalanced
                  : plan.difference < 0
                    ? t.planRemaining(formatMoney({ amountMinor: -plan.difference, currency: plan.currency }, locale))
                    : t.planExceeding(formatMoney({ amountMinor: plan.difference, currency: plan.currency }, locale))}
            </p>
            {errorOf('installments')}
          </fieldset>
        </div>
      )}
      {values.outcome === 'partial-payment-announced' && (
        <div class="outcome-details">
          {amountInput('partialAmount', t.partialAmount)}
          {dateInput('partialDate', t.partialDate)}
        </div>
      )}
      {AMOUNT_OUTCOMES.has(values.outcome) &&
        textInput('currency', t.currency, { autocomplete: 'off', maxLength: 3, size: 4 }, (typed) => typed.toUpperCase())}

      <fieldset>
        <legend>{t.direction}</legend>
        <div class="row" role="radiogroup" aria-label={t.direction}>
          {DIRECTIONS.map((d) => (
            <label key={d} class="check" for={id(`direction-${d}`)}>
              <input
                type="radio"
                name="log-direction"
                id={id(`direction-${d}`)}
                checked={values.direction === d}
                onChange={() => set({ direction: d })}
              />{' '}
              {DIRECTION_LABEL[lang][d]}
            </label>
          ))}
        </div>
        {errorOf('direction')}
      </fieldset>

      {textInput('at', t.at, { type: 'datetime-local' })}
      {props.authorFromSettings && !errors.author ? (
        <p class="hint">{t.authorIs(values.author)}</p>
      ) : (
        textInput('author', props.authorFromSettings ? t.author : t.authorMissing, { autocomplete: 'name' })
      )}

      {invoiceChecks('invoiceIds', t.invoices, props.invoices, t.invoicesHint)}

      <div>
        <label for={id('notes')}>{t.notes}</label>
        <textarea {...a11y('notes')} rows={3} value={values.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
        {errorOf('notes')}
      </div>
      {dateInput('followUpDate', t.followUpDate)}

      <p class="row">
        <button type="submit" class="primary" disabled={busy}>{t.save}</button>
        <button type="button" onClick={props.onCancel}>{t.cancel}</button>
        <span class="hint">{t.saveHint}</span>
      </p>
    </form>
  );
}
