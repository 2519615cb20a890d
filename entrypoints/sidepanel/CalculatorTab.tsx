// Late-payment interest calculator: one unpaid amount, its due date and the date of payment (or today), under the
// law of the creditor's country, with the rate table from the options. Every problem is shown next to its field.
import { useEffect, useState } from 'preact/hooks';
import { getDb } from '@/utils/db/db';
import { readSettings } from '@/utils/db/settings';
import { formatDate, isIsoDate } from '@/utils/domain/dates';
import {
  computeLatePaymentCharges,
  CREDITOR_COUNTRIES,
  DEBTOR_KINDS,
  explainBreakdown,
  explainNote,
  LatePaymentInputError,
  type CreditorCountry,
  type DebtorKind,
  type LatePaymentBreakdown,
} from '@/utils/domain/law';
import { formatMoney, parseMoneyDetailed } from '@/utils/domain/money';
import { DEFAULT_RATES, MissingRateError, type RateTables } from '@/utils/domain/rates';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { LAW_MESSAGES, type LawMessages } from '@/utils/i18n/options-law-messages';
import { today } from '@/utils/ui/settings';
import { useLiveQuery } from '@/utils/ui/use-live-query';

const CURRENCIES = ['EUR', 'GBP'] as const;
type Currency = (typeof CURRENCIES)[number];
/** The law computes in the regime's currency: pounds for the UK, euros elsewhere. */
const currencyOf = (country: CreditorCountry): Currency => (country === 'GB' ? 'GBP' : 'EUR');

type Field = 'amount' | 'currency' | 'dueDate' | 'asOf' | 'country' | 'debtor' | 'contractualRate' | 'formalNoticeDate';

interface Form {
  amount: string;
  currency: Currency;
  dueDate: string;
  asOf: string;
  country: CreditorCountry;
  debtor: DebtorKind;
  contractualRate: string;
  formalNoticeDate: string;
}

type Outcome =
  | { ok: true; breakdown: LatePaymentBreakdown }
  | { ok: false; errors: Partial<Record<Field, string>>; general?: string };

/** Which form field a LatePaymentInputError is about. */
const FIELD_OF_INPUT: Record<string, Field> = {
  'principal.amountMinor': 'amount',
  'principal.currency': 'currency',
  dueDate: 'dueDate',
  asOf: 'asOf',
  formalNoticeDate: 'formalNoticeDate',
  contractualRatePercent: 'contractualRate',
  country: 'country',
  debtor: 'debtor',
};

/** Checks the form in the user's words, then runs the late-payment rules; pure apart from its inputs. */
function calculate(form: Form, rates: RateTables, m: LawMessages): Outcome {
  const e = m.calculator.errors;
  const errors: Partial<Record<Field, string>> = {};
  const money = form.amount.trim() === '' ? null : parseMoneyDetailed(form.amount, { defaultCurrency: form.currency });
  if (form.amount.trim() === '') errors.amount = e.required;
  else if (!money) errors.amount = e.amount;
  else if (money.currency && money.currency !== form.currency) errors.amount = e.amountCurrency(money.currency, form.currency);
  else if (money.amountMinor <= 0) errors.amount = e.amountPositive;
  for (const field of ['dueDate', 'asOf'] as const) {
    if (form[field] === '') errors[field] = e.required;
    else if (!isIsoDate(form[field])) errors[field] = e.date;
  }
  const consumer = form.debtor === 'consumer';
  if (consumer && form.formalNoticeDate !== '' && !isIsoDate(form.formalNoticeDate)) errors.formalNoticeDate = e.date;
  let contractualRatePercent: number | undefined;
  if (form.contractualRate.trim() !== '') {
    contractualRatePercent = Number(form.contractualRate.trim().replace(',', '.'));
    if (!Number.isFinite(contractualRatePercent) || contractualRatePercent < 0 || contractualRatePercent > 100) {
      errors.contractualRate = e.rate;
    }
  }
  if (Object.keys(errors).length > 0 || !money) return { ok: false, errors };

  try {
    const breakdown = computeLatePaymentCharges(
      {
        principal: { amountMinor: money.amountMinor, currency: form.currency },
        dueDate: form.dueDate,
        asOf: form.asOf,
        country: form.country,
        debtor: form.debtor,
        contractualRatePercent,
        formalNoticeDate: consumer && form.formalNoticeDate !== '' ? form.formalNoticeDate : undefined,
      },
      rates,
    );
    return { ok: true, breakdown };
  } catch (error) {
    if (error instanceof LatePaymentInputError) {
      const field = FIELD_OF_INPUT[error.field];
      if (field === 'currency') {
        return { ok: false, errors: { currency: e.currency(m.countries[form.country], currencyOf(form.country)) } };
      }
      const message = error.message.slice(error.field.length + 2);
      return field ? { ok: false, errors: { [field]: message } } : { ok: false, errors: {}, general: e.other(error.message) };
    }
    if (error instanceof MissingRateError) return { ok: false, errors: {}, general: e.missingRate(error.message) };
    return { ok: false, errors: {}, general: e.other((error as Error).message) };
  }
}

export function CalculatorTab({ lang }: { lang: Language }) {
  const m = LAW_MESSAGES[lang];
  const t = m.calculator;
  const locale = LOCALE_OF[lang];
  const rates = useLiveQuery(() => readSettings(getDb(), 'rates'), []);
  const creditor = useLiveQuery(() => readSettings(getDb(), 'creditor'), []);
  const [form, setForm] = useState<Form>(() => ({
    amount: '',
    currency: 'EUR',
    dueDate: '',
    asOf: today(),
    country: 'FR',
    debtor: 'business',
    contractualRate: '',
    formalNoticeDate: '',
  }));
  const [countryTouched, setCountryTouched] = useState(false);
  // Results follow the inputs once the user has asked for a first calculation.
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    if (creditor.status !== 'ready' || countryTouched) return;
    const country = creditor.value.country;
    setForm((old) => ({ ...old, country, currency: currencyOf(country) }));
  }, [creditor.status === 'ready' ? creditor.value.country : undefined]);

  const table = rates.status === 'ready' ? rates.value : DEFAULT_RATES;
  const outcome = submitted ? calculate(form, table, m) : null;
  const errors = outcome && !outcome.ok ? outcome.errors : {};

  const set = (patch: Partial<Form>) => setForm((old) => ({ ...old, ...patch }));
  const describedBy = (field: Field, hint?: boolean) =>
    [hint ? `calc-${field}-hint` : '', errors[field] ? `calc-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (field: Field) =>
    errors[field] ? <p id={`calc-${field}-error`} class="field-error">{errors[field]}</p> : null;
  const input = (field: 'dueDate' | 'asOf' | 'formalNoticeDate', label: string, hint?: string) => (
    <div>
      <label for={`calc-${field}`}>{label}</label>
      <input id={`calc-${field}`} type="date" value={form[field]} required={field !== 'formalNoticeDate'}
        aria-invalid={Boolean(errors[field])} aria-describedby={describedBy(field, Boolean(hint))}
        onInput={(e) => set({ [field]: e.currentTarget.value })} />
      {hint && <p id={`calc-${field}-hint`} class="hint">{hint}</p>}
      {error(field)}
    </div>
  );

  function submit(event: Event) {
    event.preventDefault();
    setSubmitted(true);
    const result = calculate(form, table, m);
    if (!result.ok) {
      const first = (Object.keys(result.errors) as Field[])[0];
      if (first) document.getElementById(first === 'debtor' ? 'calc-debtor-business' : `calc-${first}`)?.focus();
    }
  }

  return (
    <section aria-labelledby="calculator-title">
      <h1 id="calculator-title">{t.title}</h1>
      <p class="hint">{t.intro}</p>
      <form onSubmit={submit} noValidate>
        <div class="row" style={{ alignItems: 'flex-start' }}>
          <div style={{ flex: '1 1 10em' }}>
            <label for="calc-amount">{t.amount}</label>
            <input id="calc-amount" inputMode="decimal" autoComplete="off" value={form.amount} placeholder={t.amountHint}
              required aria-invalid={Boolean(errors.amount)} aria-describedby={describedBy('amount')} style={{ width: '100%' }}
              onInput={(e) => set({ amount: e.currentTarget.value })} />
            {error('amount')}
          </div>
          <div>
            <label for="calc-currency">{t.currency}</label>
            <select id="calc-currency" value={form.currency} aria-invalid={Boolean(errors.currency)}
              aria-describedby={describedBy('currency')} onChange={(e) => set({ currency: e.currentTarget.value as Currency })}>
              {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
            {error('currency')}
          </div>
        </div>
        {input('dueDate', t.dueDate)}
        {input('asOf', t.asOf, t.asOfHint)}
        <div>
          <label for="calc-country">{t.country}</label>
          <select id="calc-country" value={form.country} aria-invalid={Boolean(errors.country)} aria-describedby={describedBy('country')}
            onChange={(e) => {
              const country = e.currentTarget.value as CreditorCountry;
              setCountryTouched(true);
              set({ country, currency: currencyOf(country) });
            }}>
            {CREDITOR_COUNTRIES.map((c) => <option key={c} value={c}>{m.countries[c]}</option>)}
          </select>
          {error('country')}
        </div>
        <fieldset style={{ border: 0, padding: 0, margin: '8px 0 0' }} aria-describedby={describedBy('debtor')}>
          <legend style={{ fontWeight: 600, padding: 0 }}>{t.debtor}</legend>
          <div class="row">
            {DEBTOR_KINDS.map((kind) => (
              <label key={kind} style={{ display: 'inline-flex', gap: '4px', alignItems: 'center', fontWeight: 400, margin: 0 }}>
                <input type="radio" id={`calc-debtor-${kind}`} name="calc-debtor" value={kind} checked={form.debtor === kind}
                  onChange={() => set({ debtor: kind })} />
                {t.debtorKinds[kind]}
              </label>
            ))}
          </div>
          {error('debtor')}
        </fieldset>
        {form.debtor === 'consumer' && input('formalNoticeDate', t.formalNoticeDate, t.formalNoticeHint)}
        <div>
          <label for="calc-contractualRate">{t.contractualRate}</label>
          <input id="calc-contractualRate" inputMode="decimal" autoComplete="off" size={8} value={form.contractualRate}
            aria-invalid={Boolean(errors.contractualRate)} aria-describedby={describedBy('contractualRate', true)}
            onInput={(e) => set({ contractualRate: e.currentTarget.value })} />
          <p id="calc-contractualRate-hint" class="hint">{t.contractualRateHint}</p>
          {error('contractualRate')}
        </div>
        <p><button class="primary" type="submit">{t.calculate}</button></p>
      </form>

      <div aria-live="polite">
        {outcome && !outcome.ok && outcome.general && <p class="field-error" role="alert">{outcome.general}</p>}
        {outcome?.ok && <Result breakdown={outcome.breakdown} lang={lang} locale={locale} />}
      </div>
    </section>
  );
}

function Result({ breakdown: b, lang, locale }: { breakdown: LatePaymentBreakdown; lang: Language; locale: string }) {
  const t = LAW_MESSAGES[lang].calculator;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const days = new Intl.NumberFormat(locale);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: b.total.currency }, locale);
  const warnings = b.notes.filter((note) => note.severity === 'warning').map((note) => explainNote(note, lang));
  // Warnings get their own box above; the explanation keeps everything else, in order.
  const sentences = explainBreakdown(b, lang).filter((sentence) => !warnings.includes(sentence));
  return (
    <section aria-labelledby="calc-result-title" id="calc-result">
      <h2 id="calc-result-title">{t.result}</h2>
      {warnings.length > 0 && (
        <div role="note" aria-label={t.notes} class="card" style={{ background: '#fffbeb', borderColor: '#d97706', color: '#78350f' }}>
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {warnings.map((text) => <li key={text}>{text}</li>)}
          </ul>
        </div>
      )}
      <table id="calc-lines">
        <caption class="visually-hidden">{t.result}</caption>
        {b.lines.length > 0 && (
          <thead>
            <tr>
              <th scope="col">{t.period}</th>
              <th scope="col" class="num">{t.days}</th>
              <th scope="col" class="num">{t.rate}</th>
              <th scope="col" class="num">{t.interestOfPeriod}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {b.lines.map((line) => (
            <tr key={line.from}>
              <td>{formatDate(line.from, locale)} – {formatDate(line.to, locale)}</td>
              <td class="num">{days.format(line.days)}</td>
              <td class="num">{percent.format(line.ratePercent / 100)}</td>
              <td class="num">{money(Math.round(line.interestExact))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total="interest"><th scope="row" colSpan={3}>{t.interest}</th><td class="num">{money(b.interest.amountMinor)}</td></tr>
          <tr data-total="indemnity"><th scope="row" colSpan={3}>{t.indemnity}</th><td class="num">{money(b.indemnity.amountMinor)}</td></tr>
          <tr data-total="total"><th scope="row" colSpan={3}>{t.total}</th><td class="num"><strong>{money(b.total.amountMinor)}</strong></td></tr>
        </tfoot>
      </table>
      <h3>{t.detail}</h3>
      <ol id="calc-explanation">
        {sentences.map((sentence, index) => <li key={index}>{sentence}</li>)}
      </ol>
    </section>
  );
}
