// The "log a contact" form as data: its draft values, how they become a contact log entry, and where each
// schema issue belongs in the form. No DOM and no database here, so it is testable and shared by new
// entries and corrections.
import { currencyMinorDigits, parseMoney } from '../domain/money';
import {
  ContactEventSchema,
  formatZodIssues,
  type Channel,
  type ContactEvent,
  type Direction,
  type OutcomeType,
} from '../domain/schemas';
import type { Money } from '../domain/types';

export interface InstallmentDraft {
  /** Stable key for the list rendering (rows can be removed in the middle). */
  key: number;
  dueDate: string;
  amount: string;
}

/** Everything the form holds, as typed (amounts are text until saved). */
export interface LogFormValues {
  channel: Channel;
  trackingNumber: string;
  direction: Direction;
  /** `datetime-local` value, `YYYY-MM-DDTHH:mm`, in the browser's time zone. */
  at: string;
  author: string;
  outcome: OutcomeType;
  currency: string;
  promiseDate: string;
  promiseAmount: string;
  disputeReason: string;
  disputeInvoiceIds: string[];
  resolution: string;
  resolvedInvoiceIds: string[];
  planCovered: string;
  installments: InstallmentDraft[];
  partialAmount: string;
  partialDate: string;
  notes: string;
  followUpDate: string;
  invoiceIds: string[];
}

/** Where an error is shown: a field key of the form (`promiseAmount`, `installment-0-date`, …), or `form`. */
export type FieldErrors = Record<string, string>;

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value for an instant, in the browser's time zone (to the minute). */
export function toLocalDateTimeInput(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * An instant written in the browser's time zone with its offset, e.g. `2026-11-23T23:30:00.000+01:00`. The
 * calendar date in the text is then the user's own (`toISOString` would write 22:30Z, the day before for
 * everyone east of UTC after midnight, the day after for the Americas in the evening), and the log derives
 * last contacts and follow-ups from that date.
 */
export function toLocalIsoString(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const ms = String(d.getMilliseconds()).padStart(3, '0');
  return `${toLocalDateTimeInput(d)}:${pad(d.getSeconds())}.${ms}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant a `datetime-local` value names in the browser's time zone, with its offset; undefined when empty or invalid. */
export function fromLocalDateTimeInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const d = new Date(value); // no offset in the text: read as local time, as the user typed it
  return Number.isNaN(d.getTime()) ? undefined : toLocalIsoString(d);
}

let nextKey = 1;
/** An empty installment row. */
export function newInstallment(): InstallmentDraft {
  return { key: nextKey++, dueDate: '', amount: '' };
}

/** A blank form: now, the author from the settings, a phone call by default (the most frequent contact). */
export function emptyValues(opts: { now: Date; author: string; currency: string }): LogFormValues {
  return {
    channel: 'phone',
    trackingNumber: '',
    direction: 'outgoing',
    at: toLocalDateTimeInput(opts.now),
    author: opts.author,
    outcome: 'reached',
    currency: opts.currency,
    promiseDate: '',
    promiseAmount: '',
    disputeReason: '',
    disputeInvoiceIds: [],
    resolution: '',
    resolvedInvoiceIds: [],
    planCovered: '',
    installments: [newInstallment()],
    partialAmount: '',
    partialDate: '',
    notes: '',
    followUpDate: '',
    invoiceIds: [],
  };
}

/**
 * An amount as the form shows it for editing: `1250.50`, or `1250,50` with a `,` mark (no grouping, so it
 * reads back unchanged).
 */
export function amountText(money: Money, decimalMark: '.' | ',' = '.'): string {
  const digits = currencyMinorDigits(money.currency);
  const text = digits === 0 ? String(money.amountMinor) : (money.amountMinor / 10 ** digits).toFixed(digits);
  return decimalMark === '.' ? text : text.replace('.', decimalMark);
}

/** The form prefilled from an entry (to correct it); `author` is who makes the correction. */
export function valuesFromEvent(
  event: ContactEvent,
  author: string,
  fallbackCurrency: string,
  decimalMark: '.' | ',' = '.',
): LogFormValues {
  const shown = (money: Money) => amountText(money, decimalMark);
  const values = emptyValues({ now: new Date(event.at), author, currency: fallbackCurrency });
  values.channel = event.channel;
  values.trackingNumber = event.trackingNumber ?? '';
  values.direction = event.direction;
  values.notes = event.notes;
  values.followUpDate = event.followUpDate ?? '';
  values.invoiceIds = [...event.invoiceIds];
  const o = event.outcome;
  values.outcome = o.type;
  switch (o.type) {
    case 'promise-to-pay':
      values.promiseDate = o.date;
      values.promiseAmount = shown(o.amount);
      values.currency = o.amount.currency;
      break;
    case 'dispute':
      values.disputeReason = o.reason;
      values.disputeInvoiceIds = [...o.invoiceIds];
      break;
    case 'dispute-resolved':
      values.resolvedInvoiceIds = [...o.invoiceIds];
      values.resolution = o.resolution ?? '';
      break;
    case 'payment-plan':
      values.planCovered = shown(o.covered);
      values.currency = o.covered.currency;
      values.installments = o.installments.map((i) => ({ ...newInstallment(), dueDate: i.dueDate, amount: shown(i.amount) }));
      break;
    case 'partial-payment-announced':
      values.partialAmount = shown(o.amount);
      values.partialDate = o.date ?? '';
      values.currency = o.amount.currency;
      break;
    default:
      break;
  }
  return values;
}

/**
 * Problems the form finds itself: text that is not an amount, an unknown currency, a contact dated in the
 * future, a date (promised, installment, follow-up) before the day of the contact.
 */
export type LocalProblem = 'amountUnreadable' | 'currencyInvalid' | 'atInFuture' | 'beforeContact';

/** Clocks differ a little between teammates' machines: a contact up to this far ahead is still "now". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Dates that make no sense against the contact's own date and time: the contact in the future (a typo in
 * the year puts it on top of the timeline for ever), or a promised date, an installment or a follow-up
 * before the day the contact happened. `now` is when the form is saved.
 */
function dateProblems(values: LogFormValues, at: string | undefined, now: string): Array<{ field: string; problem: LocalProblem }> {
  if (at === undefined) return []; // reported as required by the schema
  const problems: Array<{ field: string; problem: LocalProblem }> = [];
  if (Date.parse(at) > Date.parse(now) + FUTURE_TOLERANCE_MS) problems.push({ field: 'at', problem: 'atInFuture' });
  const day = at.slice(0, 10); // the contact's day as the user typed it (the offset is theirs)
  const before = (date: string) => date !== '' && date < day;
  if (values.outcome === 'promise-to-pay' && before(values.promiseDate)) problems.push({ field: 'promiseDate', problem: 'beforeContact' });
  if (values.outcome === 'payment-plan') {
    values.installments.forEach((row, i) => {
      if (before(row.dueDate)) problems.push({ field: `installment-${i}-date`, problem: 'beforeContact' });
    });
  }
  if (before(values.followUpDate)) problems.push({ field: 'followUpDate', problem: 'beforeContact' });
  return problems;
}

/** A local problem, shown on `field`; `amountField` is the amount left out because of it. */
interface LocalIssue {
  field: string;
  problem: LocalProblem;
  amountField: string;
}

function validCurrency(code: string): boolean {
  try {
    currencyMinorDigits(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads an amount typed in the form (`1 250,50`, `1250.50`, `1 250,50 €`). Empty → undefined (the schema then
 * says "required"); unreadable → a local problem. The currency named in the text wins over the form's.
 */
export function readAmount(text: string, currency: string): { money?: Money; problem?: LocalProblem } {
  if (text.trim() === '') return {};
  if (!validCurrency(currency)) return { problem: 'currencyInvalid' };
  const money = parseMoney(text, { defaultCurrency: currency });
  return money ? { money } : { problem: 'amountUnreadable' };
}

/** Sum of the installments minus the amount covered, in minor units; undefined while an amount is unreadable. */
export function planDifference(values: LogFormValues): { difference: number; currency: string } | undefined {
  const currency = values.currency.trim().toUpperCase();
  const covered = readAmount(values.planCovered, currency);
  if (!covered.money) return undefined;
  let sum = 0;
  for (const row of values.installments) {
    const read = readAmount(row.amount, currency);
    if (read.problem) return undefined;
    sum += read.money?.amountMinor ?? 0;
  }
  return { difference: sum - covered.money.amountMinor, currency: covered.money.currency };
}

export interface EntryIdentity {
  id: string;
  customerId: string;
  recordedAt: string;
  kind: 'contact' | 'correction';
  correctsId?: string;
  /** When correcting: the original instant, kept as is when the user left the date and time unchanged. */
  originalAt?: string;
}

/**
 * The entry the form describes, plus the problems found while reading it. Amounts that cannot be read
 * are left out so the schema reports whatever else is wrong at the same time.
 */
export function buildEventInput(
  values: LogFormValues,
  identity: EntryIdentity,
): { input: Record<string, unknown>; problems: LocalIssue[] } {
  const problems: LocalIssue[] = [];
  const currency = values.currency.trim().toUpperCase();
  const amount = (field: string, text: string): Money | undefined => {
    const read = readAmount(text, currency);
    if (read.problem) {
      problems.push({ field: read.problem === 'currencyInvalid' ? 'currency' : field, problem: read.problem, amountField: field });
    }
    return read.money;
  };
  const optionalDate = (text: string) => (text === '' ? undefined : text);

  let outcome: Record<string, unknown>;
  switch (values.outcome) {
    case 'promise-to-pay':
      outcome = { type: 'promise-to-pay', date: optionalDate(values.promiseDate), amount: amount('promiseAmount', values.promiseAmount) };
      break;
    case 'dispute':
      outcome = { type: 'dispute', reason: values.disputeReason, invoiceIds: values.disputeInvoiceIds };
      break;
    case 'dispute-resolved':
      outcome = { type: 'dispute-resolved', invoiceIds: values.resolvedInvoiceIds };
      if (values.resolution.trim() !== '') outcome.resolution = values.resolution.trim();
      break;
    case 'payment-plan':
      outcome = {
        type: 'payment-plan',
        covered: amount('planCovered', values.planCovered),
        installments: values.installments.map((row, i) => ({
          dueDate: optionalDate(row.dueDate),
          amount: amount(`installment-${i}-amount`, row.amount),
        })),
      };
      break;
    case 'partial-payment-announced':
      outcome = { type: 'partial-payment-announced', amount: amount('partialAmount', values.partialAmount), date: optionalDate(values.partialDate) };
      break;
    default:
      outcome = { type: values.outcome };
  }
  // A currency problem is one message, not one per amount.
  const seen = new Set<string>();
  const unique = problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));

  const input: Record<string, unknown> = {
    id: identity.id,
    kind: identity.kind,
    customerId: identity.customerId,
    invoiceIds: values.invoiceIds,
    at:
      identity.originalAt !== undefined && values.at === toLocalDateTimeInput(identity.originalAt)
        ? identity.originalAt
        : fromLocalDateTimeInput(values.at),
    recordedAt: identity.recordedAt,
    author: values.author,
    channel: values.channel,
    direction: values.direction,
    outcome,
    notes: values.notes.trim(),
  };
  if (identity.correctsId !== undefined) input.correctsId = identity.correctsId;
  if (values.channel === 'registered-letter' && values.trackingNumber.trim() !== '') input.trackingNumber = values.trackingNumber.trim();
  if (values.followUpDate !== '') input.followUpDate = values.followUpDate;
  return { input, problems: unique };
}

const OUTCOME_FIELDS: Partial<Record<OutcomeType, Record<string, string>>> = {
  'promise-to-pay': { date: 'promiseDate', amount: 'promiseAmount' },
  dispute: { reason: 'disputeReason', invoiceIds: 'disputeInvoiceIds' },
  'dispute-resolved': { invoiceIds: 'resolvedInvoiceIds', resolution: 'resolution' },
  'payment-plan': { covered: 'planCovered', installments: 'installments' },
  'partial-payment-announced': { amount: 'partialAmount', date: 'partialDate' },
};

/** Fields the form sets itself: an issue there is the form's fault, shown as a whole-form error. */
const INTERNAL_FIELDS = new Set(['id', 'kind', 'correctsId', 'recordedAt', 'customerId']);

/**
 * The key of the form field that shows a schema issue, given the chosen outcome.
 * `path` is dotted, as formatZodIssues gives it (`outcome.installments.1.amount.amountMinor`).
 */
export function formFieldFor(path: string, outcome: OutcomeType): string {
  const parts = path.split('.');
  const [head, sub, index, leaf] = parts;
  if (!head || INTERNAL_FIELDS.has(head)) return 'form';
  if (head !== 'outcome') return head;
  if (sub === undefined || sub === 'type') return 'outcome';
  // Every amount shares the one currency field.
  if (parts.includes('currency')) return 'currency';
  if (outcome === 'payment-plan' && sub === 'installments' && index !== undefined) {
    return `installment-${index}-${leaf === 'dueDate' ? 'date' : 'amount'}`;
  }
  return OUTCOME_FIELDS[outcome]?.[sub] ?? 'outcome';
}

/**
 * Reads and validates the form with ContactEventSchema. Either the entry ready to store, or one message
 * per field (the first issue of each field), messages passed through `word` for the UI language.
 */
export function validateLogForm(
  values: LogFormValues,
  identity: EntryIdentity,
  word: { local: (problem: LocalProblem) => string; schema: (message: string) => string },
): { event: ContactEvent; errors?: undefined } | { event?: undefined; errors: FieldErrors } {
  const { input, problems } = buildEventInput(values, identity);
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] ??= word.local(p.problem);
  // An amount left out because it could not be read is not also "required".
  const explained = new Set(problems.map((p) => p.amountField));
  const parsed = ContactEventSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of formatZodIssues(parsed.error)) {
      const field = formFieldFor(issue.path, values.outcome);
      if (explained.has(field)) continue;
      errors[field] ??= word.schema(issue.message);
    }
  }
  for (const p of dateProblems(values, typeof input.at === 'string' ? input.at : undefined, identity.recordedAt)) {
    errors[p.field] ??= word.local(p.problem);
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { event: parsed.data as ContactEvent };
}
