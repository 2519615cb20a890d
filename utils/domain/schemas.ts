// Zod schemas for what Amiable stores and imports: customers, invoices and the append-only contact log.
// Every message says why a field is wrong; the field itself is named by the issue's path
// (see formatZodIssues), so forms and import reports can show "outcome.amount.currency: expected a 3-letter ISO code".

import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Small builders so that every field gets a specific message, including when it is missing.

function isMissing(input: unknown): boolean {
  return input === undefined;
}

/** A string field; `what` describes the expected value for the "wrong type" message. */
function text(what = 'text') {
  return z.string({ error: (iss) => (isMissing(iss.input) ? 'required' : `expected ${what}`) });
}

/** A string that must contain something once trimmed (names, authors, reasons). */
function nonEmptyText(what = 'text') {
  return text(what).trim().min(1, { error: 'must not be empty' });
}

/** An enum whose message lists the accepted values. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.join(', ');
  return z.enum(values, {
    error: (iss) => (isMissing(iss.input) ? `required: one of ${list}` : `expected one of ${list}`),
  });
}

function idList(what: string) {
  return z.array(nonEmptyText('an id'), {
    error: (iss) => (isMissing(iss.input) ? 'required' : `expected a list of ${what}`),
  });
}

// ---------------------------------------------------------------------------------------------
// Money and dates.

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Money in integer minor units with an ISO 4217 code, e.g. `{ amountMinor: 12050, currency: 'EUR' }`. */
export const MoneySchema = z.object(
  {
    amountMinor: z
      .number({ error: (iss) => (isMissing(iss.input) ? 'required' : 'expected a number of minor units (cents)') })
      .int({ error: 'expected a whole number of minor units (cents)' }),
    currency: text('a 3-letter ISO code').regex(CURRENCY_CODE, { error: 'expected a 3-letter ISO code' }),
  },
  { error: (iss) => (isMissing(iss.input) ? 'required' : 'expected an amount { amountMinor, currency }') },
);
export type MoneyValue = z.infer<typeof MoneySchema>;

/** Money that must be more than zero (promised amounts, installments). */
const PositiveMoneySchema = MoneySchema.refine((m) => m.amountMinor > 0, {
  error: 'must be greater than zero',
  path: ['amountMinor'],
});

const ISO_DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Real dates already checked: an import validates the same few thousand dates a hundred thousand times. */
const realDates = new Set<string>();

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2026-02-30). */
export function isRealIsoDate(value: string): boolean {
  if (realDates.has(value)) return true;
  const m = ISO_DATE_SHAPE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the year as written.
  d.setUTCFullYear(year);
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  if (real) {
    if (realDates.size >= 20_000) realDates.clear();
    realDates.add(value);
  }
  return real;
}

/** Calendar date `YYYY-MM-DD` that exists on the calendar. */
export const IsoDateSchema = text('a date as YYYY-MM-DD').superRefine((value, ctx) => {
  if (isRealIsoDate(value)) return;
  ctx.addIssue({
    code: 'custom',
    message: ISO_DATE_SHAPE.test(value) ? `${value} is not a real calendar date` : 'expected a date as YYYY-MM-DD',
  });
});

/** Instant with a time zone, e.g. `2026-11-23T09:30:00.000Z` or `2026-11-23T10:30:00+01:00`. */
export const IsoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: (iss) =>
    isMissing(iss.input)
      ? 'required'
      : 'expected a date-time with a time zone, e.g. 2026-11-23T09:30:00.000Z',
});

/**
 * The exact decimal form of an amount in its currency's units, e.g. `{ 123450, 'EUR' }` → `"1234.50"`.
 * Machine-readable (no grouping, `.` separator) for CSV exports and error messages.
 */
export function moneyToDecimalString(money: MoneyValue): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    // Not a well-formed currency code: fall back to cents, the common case.
  }
  const sign = money.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(money.amountMinor);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Customers and invoices.

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The site's origin, e.g. `https://acme.odoo.com/` → `https://acme.odoo.com`; throws on anything else. */
function originOf(site: string): string {
  let url: URL;
  try {
    url = new URL(site.trim());
  } catch {
    throw new Error(`site: expected an origin such as https://acme.odoo.com, got "${site}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`site: expected an http(s) origin such as https://acme.odoo.com, got "${site}"`);
  }
  return url.origin;
}

const SiteSchema = text('an origin such as https://acme.odoo.com').refine(isOrigin, {
  error: 'expected an origin such as https://acme.odoo.com (scheme and host, no path or trailing slash)',
});

/**
 * A customer name reduced to what identifies it: Unicode NFKC, trimmed, inner spaces collapsed, lower case.
 * "  ACME  Sàrl " and "acme sàrl" are the same customer.
 */
export function normalizeCustomerName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Stable key of a customer on one site: `${origin}|${normalized name}`.
 * @throws when the site is not an http(s) URL or the name is blank.
 */
export function customerIdFor(site: string, name: string): string {
  const normalized = normalizeCustomerName(name);
  if (normalized === '') throw new Error('name: a customer name must not be empty');
  return `${originOf(site)}|${normalized}`;
}

/**
 * Stable key of an invoice on one site: `${origin}|${number}` (number trimmed, case kept: numbers are codes).
 * @throws when the site is not an http(s) URL or the number is blank.
 */
export function invoiceIdFor(site: string, number: string): string {
  const trimmed = number.trim();
  if (trimmed === '') throw new Error('number: an invoice number must not be empty');
  return `${originOf(site)}|${trimmed}`;
}

export const DEBTOR_KINDS = ['business', 'consumer'] as const;
export type DebtorKind = (typeof DEBTOR_KINDS)[number];

/** How the collection policy treats a customer. `excluded` customers are never reminded. */
export const CUSTOMER_SEGMENTS = ['standard', 'key-account', 'chronic-late', 'excluded'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

export const CustomerSchema = z
  .object({
    id: nonEmptyText('a customer id'),
    site: SiteSchema,
    name: nonEmptyText('a name'),
    email: z
      .email({ error: (iss) => (isMissing(iss.input) ? 'required' : 'expected an email address') })
      .optional(),
    debtorKind: oneOf(DEBTOR_KINDS).default('business'),
    segment: oneOf(CUSTOMER_SEGMENTS).default('standard'),
    /** The debtor's postal address, which a formal notice (mise en demeure) must carry. */
    postalAddress: text().optional(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .superRefine((c, ctx) => {
    // Only the site prefix is enforced: the name part may legitimately lag behind a display-name edit.
    // A bad site is already reported on its own field.
    if (isOrigin(c.site) && !c.id.startsWith(`${c.site}|`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `must start with the site followed by "|" (${c.site}|…); build it with customerIdFor`,
      });
    }
  });
export type Customer = z.output<typeof CustomerSchema>;
export type CustomerInput = z.input<typeof CustomerSchema>;

export const INVOICE_LIFECYCLES = ['draft', 'issued', 'cancelled'] as const;
export const INVOICE_KINDS = ['invoice', 'credit-note'] as const;

export const InvoiceSchema = z
  .object({
    id: nonEmptyText('an invoice id'),
    site: SiteSchema,
    number: nonEmptyText('an invoice number'),
    customerId: nonEmptyText('a customer id'),
    customerName: nonEmptyText('a name'),
    issueDate: IsoDateSchema.optional(),
    dueDate: IsoDateSchema.optional(),
    total: MoneySchema.optional(),
    amountDue: MoneySchema.optional(),
    lifecycle: oneOf(INVOICE_LIFECYCLES),
    kind: oneOf(INVOICE_KINDS),
    paid: z.boolean({ error: (iss) => (isMissing(iss.input) ? 'required' : 'expected true or false') }),
    firstSeenAt: IsoDateTimeSchema,
    lastSeenAt: IsoDateTimeSchema,
    paidAt: IsoDateTimeSchema.optional(),
  })
  .superRefine((inv, ctx) => {
    if (!isOrigin(inv.site)) return; // reported on the site field; the keys cannot be checked against it
    const expectedId = `${inv.site}|${inv.number}`;
    if (inv.id !== expectedId) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `expected "${expectedId}" (site|number, see invoiceIdFor)` });
    }
    if (!inv.customerId.startsWith(`${inv.site}|`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: `must belong to the same site (${inv.site}|…); build it with customerIdFor`,
      });
    }
    if (inv.total && inv.amountDue && inv.total.currency !== inv.amountDue.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountDue', 'currency'],
        message: `expected ${inv.total.currency}, the currency of the total`,
      });
    }
  });
export type Invoice = z.output<typeof InvoiceSchema>;
export type InvoiceInput = z.input<typeof InvoiceSchema>;

// ---------------------------------------------------------------------------------------------
// Contact log.

export const CHANNELS = ['email', 'phone', 'sms', 'letter', 'registered-letter', 'visit', 'meeting', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CONTACT_KINDS = ['contact', 'correction', 'retraction'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Tone of a reminder sent by Amiable's policy, from the gentlest to the last one before litigation. */
export const REMINDER_TONES = ['courteous', 'firm', 'formal-notice', 'final-notice'] as const;
export type ReminderTone = (typeof REMINDER_TONES)[number];

export const OUTCOME_TYPES = [
  'no-answer',
  'voicemail',
  'reached',
  'promise-to-pay',
  'dispute',
  'dispute-resolved',
  'payment-plan',
  'partial-payment-announced',
  'paid',
  'refused',
  'wrong-contact',
  'note',
] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

const bareOutcome = <T extends OutcomeType>(type: T) => z.object({ type: z.literal(type) });

export const InstallmentSchema = z.object({ dueDate: IsoDateSchema, amount: PositiveMoneySchema });
export type Installment = z.output<typeof InstallmentSchema>;

const PaymentPlanOutcomeSchema = z
  .object({
    type: z.literal('payment-plan'),
    installments: z
      .array(InstallmentSchema, { error: (iss) => (isMissing(iss.input) ? 'required' : 'expected a list of installments') })
      .min(1, { error: 'a payment plan needs at least one installment' }),
    covered: PositiveMoneySchema,
  })
  .superRefine((plan, ctx) => {
    // Runs even when a field failed a check (empty list, malformed code): say only what is not said already.
    const currency = plan.covered.currency;
    if (plan.installments.length === 0 || !CURRENCY_CODE.test(currency)) return;
    let mixed = false;
    plan.installments.forEach((inst, i) => {
      if (inst.amount.currency === currency) return;
      mixed = true;
      if (CURRENCY_CODE.test(inst.amount.currency)) {
        ctx.addIssue({
          code: 'custom',
          path: ['installments', i, 'amount', 'currency'],
          message: `expected ${currency}, the currency of the amount covered`,
        });
      }
    });
    if (mixed) return; // a sum across currencies means nothing
    const sum = plan.installments.reduce((acc, inst) => acc + inst.amount.amountMinor, 0);
    if (sum !== plan.covered.amountMinor) {
      const installmentsTotal = moneyToDecimalString({ amountMinor: sum, currency });
      const coveredTotal = moneyToDecimalString(plan.covered);
      ctx.addIssue({
        code: 'custom',
        path: ['installments'],
        message: `installment amounts must add up to the amount covered: installments total ${installmentsTotal} ${currency}, covered ${coveredTotal} ${currency}`,
      });
    }
  });

/** What came out of a contact. Only some outcomes carry details. */
export const ContactOutcomeSchema = z.discriminatedUnion(
  'type',
  [
    bareOutcome('no-answer'),
    bareOutcome('voicemail'),
    bareOutcome('reached'),
    z.object({
      type: z.literal('promise-to-pay'),
      date: IsoDateSchema,
      amount: PositiveMoneySchema,
      /**
       * What the covered invoices still showed as due when the promise was made (the form records it). With
       * it, a promise of part of the balance is kept once that much has been paid, not only when all is.
       */
      balanceDue: MoneySchema.optional(),
    }),
    z.object({
      type: z.literal('dispute'),
      reason: nonEmptyText('the reason of the dispute'),
      invoiceIds: idList('disputed invoice ids').min(1, { error: 'list at least one disputed invoice' }),
    }),
    z.object({
      type: z.literal('dispute-resolved'),
      invoiceIds: idList('invoice ids').min(1, { error: 'list at least one invoice whose dispute is resolved' }),
      resolution: text().optional(),
    }),
    PaymentPlanOutcomeSchema,
    z.object({
      type: z.literal('partial-payment-announced'),
      amount: PositiveMoneySchema,
      date: IsoDateSchema.optional(),
    }),
    bareOutcome('paid'),
    bareOutcome('refused'),
    bareOutcome('wrong-contact'),
    bareOutcome('note'),
  ],
  {
    error: (iss) =>
      isMissing(iss.input)
        ? 'required'
        : iss.code === 'invalid_union'
          ? `expected one of ${OUTCOME_TYPES.join(', ')}`
          : 'expected an outcome { type, … }',
  },
);
export type ContactOutcome = z.output<typeof ContactOutcomeSchema>;
export type PromiseToPayOutcome = Extract<ContactOutcome, { type: 'promise-to-pay' }>;
export type DisputeOutcome = Extract<ContactOutcome, { type: 'dispute' }>;
export type PaymentPlanOutcome = Extract<ContactOutcome, { type: 'payment-plan' }>;

export const ReminderSchema = z.object({ level: nonEmptyText('a reminder level'), tone: oneOf(REMINDER_TONES) });
export type ReminderInfo = z.output<typeof ReminderSchema>;

const uuid = (missingMessage: string) =>
  z.uuid({ error: (iss) => (isMissing(iss.input) ? missingMessage : 'expected a UUID') });

const channel = oneOf(CHANNELS);
const direction = oneOf(DIRECTIONS);

const entryShape = {
  id: uuid('required'),
  customerId: nonEmptyText('a customer id'),
  invoiceIds: idList('invoice ids').default([]),
  at: IsoDateTimeSchema,
  recordedAt: IsoDateTimeSchema,
  author: nonEmptyText('the name of who recorded it'),
  channel,
  trackingNumber: nonEmptyText('a tracking number').optional(),
  direction,
  outcome: ContactOutcomeSchema,
  reminder: ReminderSchema.optional(),
  notes: text().default(''),
  followUpDate: IsoDateSchema.optional(),
};

const objectError = {
  error: (iss: { input?: unknown }) => (isMissing(iss.input) ? 'required' : 'expected a contact log entry (an object)'),
};

/**
 * One append-only entry of the contact log. Nothing is ever edited in place:
 * - `contact`: something happened (a call, an email, a letter…);
 * - `correction`: replaces the entry `correctsId` (which may itself be a correction);
 * - `retraction`: hides the entry `correctsId`. Its minimal form needs only the ids, dates and author:
 *   channel, direction and outcome default to `other`, `outgoing` and `{ type: 'note' }`.
 */
export const ContactEventSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object(
        {
          ...entryShape,
          kind: z.literal('contact'),
          correctsId: z
            .undefined({
              error:
                'only corrections and retractions refer to another entry: remove correctsId or set kind to "correction"',
            })
            .optional(),
        },
        objectError,
      ),
      z.object(
        {
          ...entryShape,
          kind: z.literal('correction'),
          correctsId: uuid('required for a correction: the id of the entry it corrects'),
        },
        objectError,
      ),
      z.object(
        {
          ...entryShape,
          kind: z.literal('retraction'),
          correctsId: uuid('required for a retraction: the id of the entry it retracts'),
          channel: channel.default('other'),
          direction: direction.default('outgoing'),
          outcome: ContactOutcomeSchema.default({ type: 'note' }),
        },
        objectError,
      ),
    ],
    {
      error: (iss) =>
        isMissing(iss.input)
          ? 'required'
          : iss.code === 'invalid_union'
            ? `expected one of ${CONTACT_KINDS.join(', ')}`
            : 'expected a contact log entry (an object)',
    },
  )
  .superRefine((e, ctx) => {
    if (e.correctsId !== undefined && e.correctsId === e.id) {
      ctx.addIssue({ code: 'custom', path: ['correctsId'], message: 'an entry cannot correct or retract itself' });
    }
  });
export type ContactEvent = z.output<typeof ContactEventSchema>;
export type ContactEventInput = z.input<typeof ContactEventSchema>;

// ---------------------------------------------------------------------------------------------

/** One readable problem: `path` is the field as dotted path (`outcome.installments.0.amount`), '' for the whole value. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Flattens a zod error into `{ path, message }` pairs for forms and import reports.
 * Array indexes appear as path segments: `outcome.installments.1.dueDate`.
 */
export function formatZodIssues(error: { issues: readonly z.core.$ZodIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}
