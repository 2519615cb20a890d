// Statutory late-payment charges by the creditor's country: interest per half-year on a reference rate plus
// the fixed recovery indemnity. Pure: rates come in as a RateTables parameter, dates as ISO strings, and the
// as-of date is an input (never the clock).
//
// Method, the same for every country (each regime only changes the rate and the indemnity):
// - interest runs from the day after the due date (or after the formal notice, French consumer debtors) to
//   the as-of date inclusive, split at 1 January and 1 July, each half-year with its own reference rate;
// - interest of a segment = principal × rate × days / 365 (365 also in leap years), kept exact as a fraction
//   (BigInt numerator over a common denominator), summed, and rounded to the cent ONCE (half away from zero);
// - rates are handled in integer units of 1/10,000 of a percent, so "ECB 2.15 + 10 points" is exactly 12.15;
// - a reference date after the rate table's `knownThrough` uses the last known rate with a 'rate-not-confirmed'
//   warning, so a current debt can still be quoted but never silently on a possibly stale rate.
import type { IsoDate, Money } from './types';
import { DEFAULT_RATES, rateInForce, type RateInForce, type RateSeriesId, type RateTables } from './rates';

export type CreditorCountry = 'FR' | 'DE' | 'GB' | 'ES' | 'IT' | 'BE' | 'NL' | 'EU';
export type DebtorKind = 'business' | 'consumer';
export type ExplainLocale = 'fr' | 'en';

export const CREDITOR_COUNTRIES: readonly CreditorCountry[] = ['FR', 'DE', 'GB', 'ES', 'IT', 'BE', 'NL', 'EU'];
export const DEBTOR_KINDS: readonly DebtorKind[] = ['business', 'consumer'];

/** Bad input to a late-payment calculation; `field` names the offending input. */
export class LatePaymentInputError extends Error {
  override readonly name = 'LatePaymentInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface LatePaymentInput {
  principal: Money;
  dueDate: IsoDate;
  /** Date up to which interest is computed, inclusive (today, or the payment date). */
  asOf: IsoDate;
  country: CreditorCountry;
  debtor: DebtorKind;
  /** Contractual late-payment rate, % per year; replaces the statutory rate (see computeLatePaymentCharges). */
  contractualRatePercent?: number;
  /** Formal notice (mise en demeure) date; only French consumer debtors need it, ignored otherwise. */
  formalNoticeDate?: IsoDate;
  /** Number of late invoices the principal covers: the fixed indemnity is due per invoice. Default 1. */
  invoiceCount?: number;
}

/** A statutory rate: a published reference rate plus a margin fixed by law. */
export interface StatutoryRate {
  kind: 'statutory';
  series: RateSeriesId;
  /** Date on which the reference rate was read (e.g. 1 January, or 31 December for the UK). */
  referenceDate: IsoDate;
  referenceRatePercent: number;
  marginPoints: number;
  /** True when Belgium's rule (round up to the next half point) raised the rate. */
  roundedUpToHalfPoint: boolean;
  /** False when the reference date is after the table's `knownThrough` (last known rate carried forward). */
  confirmed: boolean;
}

/** Where a line's rate comes from. */
export type AppliedRate =
  | StatutoryRate
  | { kind: 'contractual'; contractualRatePercent: number }
  | {
      /** French B2B: the contract's rate was under 3 × the legal interest rate, so the floor applies. */
      kind: 'contractual-floor';
      contractualRatePercent: number;
      legalRatePercent: number;
      referenceDate: IsoDate;
      /** False when the legal rate is carried forward past the table's `knownThrough`. */
      confirmed: boolean;
    };

export interface LatePaymentLine {
  from: IsoDate;
  to: IsoDate;
  /** Days in the segment, both ends included. */
  days: number;
  ratePercent: number;
  /** Short English explanation, e.g. "ECB 2.15 % on 2026-01-01 + 10 points". */
  basis: string;
  /** Interest of the segment in minor units, NOT rounded (the total is rounded once). */
  interestExact: number;
  rate: AppliedRate;
}

/** Structured explanation of something the user should know; `explainBreakdown` renders it per locale. */
export type LatePaymentNote =
  | { code: 'not-overdue'; severity: 'info'; dueDate: IsoDate; asOf: IsoDate }
  | { code: 'debtor-not-covered'; severity: 'warning'; country: CreditorCountry }
  | { code: 'formal-notice-missing'; severity: 'warning' }
  | { code: 'formal-notice-after-as-of'; severity: 'info'; formalNoticeDate: IsoDate; asOf: IsoDate }
  | {
      code: 'contractual-below-floor';
      severity: 'warning';
      halfYearStart: IsoDate;
      contractualRatePercent: number;
      legalRatePercent: number;
      floorRatePercent: number;
    }
  | {
      code: 'contractual-below-statutory';
      severity: 'warning';
      halfYearStart: IsoDate;
      contractualRatePercent: number;
      statutoryRatePercent: number;
    }
  | {
      /** The reference date is after the table's `knownThrough`: the last known rate was used instead. */
      code: 'rate-not-confirmed';
      severity: 'warning';
      series: RateSeriesId;
      referenceDate: IsoDate;
      knownThrough: IsoDate;
      /** The last known rate of the series, as applied. */
      ratePercent: number;
    };

export interface LatePaymentBreakdown {
  lines: LatePaymentLine[];
  /** Sum of the lines' exact interest, rounded to the cent once. */
  interest: Money;
  indemnity: Money;
  /** Interest + indemnity; the principal is NOT included. */
  total: Money;
  /** English text of the notes whose severity is 'warning'. */
  warnings: string[];
  /** Every explanation (info and warning), structured, for translation. */
  notes: LatePaymentNote[];
  /** Legal reference per language, e.g. fr "articles L441-10 et D441-5 du Code de commerce". */
  legalBasis: LegalBasisText;
  /** Late invoices the indemnity was counted for. */
  invoiceCount: number;
}

// ---------------------------------------------------------------------------------------------------------
// Regimes: what each country's law says, as data.

interface RateRule {
  series: RateSeriesId;
  marginPoints: number;
  /** Which day of the half-year gives the reference rate. */
  reference: 'first-day' | 'day-before';
  roundUpToHalfPoint?: boolean;
  /** Default: the day after the due date. */
  interestFrom?: 'due-date' | 'formal-notice';
}

/** A legal reference written for each explanation language, e.g. in a sentence "la loi (…)" / "under …". */
export type LegalBasisText = Readonly<Record<ExplainLocale, string>>;

interface Regime {
  currency: 'EUR' | 'GBP';
  /** Legal reference of the charges, without a leading article, per debtor kind and language. */
  legalBasis: Record<DebtorKind, LegalBasisText>;
  /** No rule: the regime does not cover that kind of debtor. */
  rate: Partial<Record<DebtorKind, RateRule>>;
  /** Fixed indemnity per late invoice for business debtors, in minor units, by principal in minor units. */
  businessIndemnityMinor: (principalMinor: number) => number;
}

const FLAT_40 = (): number => 4000;
// Late Payment of Commercial Debts (Interest) Act 1998, s. 5A: 40 / 70 / 100 GBP by size of the debt.
const UK_BANDS = (principalMinor: number): number =>
  principalMinor < 100_000 ? 4000 : principalMinor < 1_000_000 ? 7000 : 10_000;

/** A late-payment directive transposition: reference rate + 8 points, 40 EUR, business debtors only. */
function directiveRegime(business: LegalBasisText, lawName: LegalBasisText, roundUpToHalfPoint = false): Regime {
  return {
    currency: 'EUR',
    legalBasis: {
      business,
      consumer: {
        fr: `${lawName.fr} ne vise que les transactions commerciales entre entreprises`,
        en: `${lawName.en} covers commercial transactions between businesses only`,
      },
    },
    rate: { business: { series: 'ecb-mro', marginPoints: 8, reference: 'first-day', roundUpToHalfPoint } },
    businessIndemnityMinor: FLAT_40,
  };
}

const REGIMES: Readonly<Record<CreditorCountry, Regime>> = {
  FR: {
    currency: 'EUR',
    legalBasis: {
      business: {
        fr: 'articles L441-10 et D441-5 du Code de commerce',
        en: 'Articles L441-10 and D441-5 of the French Commercial Code',
      },
      consumer: {
        fr: 'article 1231-6 du Code civil et article L313-2 du Code monétaire et financier',
        en: 'Article 1231-6 of the French Civil Code and Article L313-2 of the French Monetary and Financial Code',
      },
    },
    rate: {
      business: { series: 'ecb-mro', marginPoints: 10, reference: 'first-day' },
      consumer: { series: 'fr-legal-pro', marginPoints: 0, reference: 'first-day', interestFrom: 'formal-notice' },
    },
    businessIndemnityMinor: FLAT_40,
  },
  DE: {
    currency: 'EUR',
    legalBasis: {
      business: {
        fr: 'articles 288, alinéas 2 et 5, et 247 du Code civil allemand (BGB)',
        en: 'Sections 288(2) and (5) and 247 of the German Civil Code (BGB)',
      },
      consumer: {
        fr: 'articles 288, alinéa 1, et 247 du Code civil allemand (BGB)',
        en: 'Sections 288(1) and 247 of the German Civil Code (BGB)',
      },
    },
    rate: {
      business: { series: 'de-basiszins', marginPoints: 9, reference: 'first-day' },
      consumer: { series: 'de-basiszins', marginPoints: 5, reference: 'first-day' },
    },
    businessIndemnityMinor: FLAT_40,
  },
  GB: {
    currency: 'GBP',
    legalBasis: {
      business: {
        fr: 'articles 4, 5A et 6 de la loi britannique de 1998 sur les intérêts de retard des dettes commerciales (Late Payment of Commercial Debts (Interest) Act 1998)',
        en: 'sections 4, 5A and 6 of the Late Payment of Commercial Debts (Interest) Act 1998 and the Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002',
      },
      consumer: {
        fr: 'la loi britannique de 1998 sur les intérêts de retard (Late Payment of Commercial Debts (Interest) Act 1998, article 2) ne vise que les contrats entre entreprises',
        en: 'the Late Payment of Commercial Debts (Interest) Act 1998 (section 2) applies only to contracts between businesses',
      },
    },
    // "Reference rate": the official dealing rate in force on 30 June / 31 December before the half-year.
    rate: { business: { series: 'boe-base', marginPoints: 8, reference: 'day-before' } },
    businessIndemnityMinor: UK_BANDS,
  },
  ES: directiveRegime(
    { fr: 'articles 7 et 8 de la loi espagnole 3/2004 du 29 décembre 2004', en: 'Articles 7 and 8 of Spanish Law 3/2004 of 29 December 2004' },
    { fr: 'La loi espagnole 3/2004', en: 'Spanish Law 3/2004' },
  ),
  IT: directiveRegime(
    {
      fr: 'articles 5 et 6 du décret législatif italien n° 231 du 9 octobre 2002',
      en: 'Articles 5 and 6 of Italian Legislative Decree No. 231 of 9 October 2002',
    },
    { fr: 'Le décret législatif italien n° 231/2002', en: 'Italian Legislative Decree No. 231/2002' },
  ),
  // Belgium rounds the statutory rate up to the next half point (loi du 2 août 2002, art. 5).
  BE: directiveRegime(
    {
      fr: 'articles 5 et 6 de la loi belge du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales',
      en: 'Articles 5 and 6 of the Belgian Act of 2 August 2002 on combating late payment in commercial transactions',
    },
    { fr: 'La loi belge du 2 août 2002', en: 'The Belgian Act of 2 August 2002' },
    true,
  ),
  NL: directiveRegime(
    {
      fr: 'articles 6:119a et 6:96 du Code civil néerlandais (Burgerlijk Wetboek)',
      en: 'Articles 6:119a and 6:96 of the Dutch Civil Code (Burgerlijk Wetboek)',
    },
    { fr: 'L’article 6:119a du Code civil néerlandais', en: 'Article 6:119a of the Dutch Civil Code' },
  ),
  EU: directiveRegime(
    { fr: 'articles 2, 3 et 6 de la directive 2011/7/UE', en: 'Articles 2, 3 and 6 of Directive 2011/7/EU' },
    { fr: 'La directive 2011/7/UE', en: 'Directive 2011/7/EU' },
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Private UTC day arithmetic: a date is a day number (days since 1970-01-01), so no time zone can shift it.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDay(field: string, value: unknown): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) throw new LatePaymentInputError(field, `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new LatePaymentInputError(field, `${value} is not a calendar date`);
  }
  return ms / MS_PER_DAY;
}

function toIso(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** First and last day of the half-year (1 Jan-30 Jun or 1 Jul-31 Dec) containing `day`. */
function halfYearOf(day: number): { start: number; end: number } {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const firstHalf = date.getUTCMonth() < 6;
  const start = Date.UTC(year, firstHalf ? 0 : 6, 1) / MS_PER_DAY;
  const end = Date.UTC(firstHalf ? year : year + 1, firstHalf ? 6 : 0, 1) / MS_PER_DAY - 1;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------------------
// Rates in integer units of 1/10,000 of a percent.

const RATE_UNITS_PER_PERCENT = 10_000;
const HALF_POINT_UNITS = 5_000;
/** principal × (units / 10^4) / 100 × days / 365 → denominator 365 × 10^6. */
const INTEREST_DENOMINATOR = 365n * 1_000_000n;

function tableRateUnits(ratePercent: number): number {
  // Table rates have at most 4 decimals (RateEntrySchema); rounding only removes float noise.
  return Math.round(ratePercent * RATE_UNITS_PER_PERCENT);
}

function contractualRateUnits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new LatePaymentInputError(
      'contractualRatePercent',
      `expected a yearly rate in percent between 0 and 100, got ${String(value)}`,
    );
  }
  const units = Math.round(value * RATE_UNITS_PER_PERCENT);
  if (Math.abs(value * RATE_UNITS_PER_PERCENT - units) > 1e-6) {
    throw new LatePaymentInputError('contractualRatePercent', `at most 4 decimals, got ${value}`);
  }
  return units;
}

const fromUnits = (units: number): number => units / RATE_UNITS_PER_PERCENT;

/** Division rounded half away from zero. */
function roundDivide(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = abs / denominator;
  const rounded = (abs % denominator) * 2n >= denominator ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

// ---------------------------------------------------------------------------------------------------------
// Validation.

function regimeFor(country: unknown): Regime {
  if (typeof country !== 'string' || !CREDITOR_COUNTRIES.includes(country as CreditorCountry)) {
    throw new LatePaymentInputError('country', `expected one of ${CREDITOR_COUNTRIES.join(', ')}, got ${String(country)}`);
  }
  return REGIMES[country as CreditorCountry];
}

function checkDebtor(debtor: unknown): DebtorKind {
  if (debtor !== 'business' && debtor !== 'consumer') {
    throw new LatePaymentInputError('debtor', `expected 'business' or 'consumer', got ${String(debtor)}`);
  }
  return debtor;
}

function checkPrincipal(principal: Money, country: CreditorCountry, regime: Regime): number {
  if (!principal || !Number.isSafeInteger(principal.amountMinor) || principal.amountMinor <= 0) {
    throw new LatePaymentInputError(
      'principal.amountMinor',
      `expected a positive whole number of minor units, got ${String(principal?.amountMinor)}`,
    );
  }
  // The fixed sums are set in the regime's currency; mixing currencies would make `total` meaningless.
  if (principal.currency !== regime.currency) {
    throw new LatePaymentInputError(
      'principal.currency',
      `late-payment charges for creditor country ${country} are computed in ${regime.currency}, got ${principal.currency}`,
    );
  }
  return principal.amountMinor;
}

function checkInvoiceCount(value: unknown, country: CreditorCountry): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new LatePaymentInputError('invoiceCount', `expected a whole number of invoices from 1, got ${String(value)}`);
  }
  // The UK fixed sum depends on the size of each debt, which one aggregated principal cannot tell.
  if (country === 'GB' && value !== 1) {
    throw new LatePaymentInputError('invoiceCount', 'for GB the fixed sum depends on each debt: compute each invoice separately');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Public API.

export interface LegalRate {
  ratePercent: number;
  /** Short English explanation, e.g. "ECB 2.15 % on 2026-01-01 + 10 points". */
  basis: string;
  source: StatutoryRate;
  /** A 'rate-not-confirmed' warning when the reference date is after the table's `knownThrough`, else empty. */
  notes: LatePaymentNote[];
}

/**
 * The rate of `series` on `referenceDate`; when the table does not vouch for it (after `knownThrough`), adds a
 * 'rate-not-confirmed' warning to `notes`, once per series and date.
 */
function lookupRate(rates: RateTables, series: RateSeriesId, referenceDate: IsoDate, notes: LatePaymentNote[]): RateInForce {
  const entry = rateInForce(rates, series, referenceDate);
  const alreadyNoted = notes.some(
    (note) => note.code === 'rate-not-confirmed' && note.series === series && note.referenceDate === referenceDate,
  );
  if (!entry.confirmed && !alreadyNoted) {
    notes.push({
      code: 'rate-not-confirmed',
      severity: 'warning',
      series,
      referenceDate,
      knownThrough: entry.knownThrough,
      ratePercent: fromUnits(tableRateUnits(entry.ratePercent)),
    });
  }
  return entry;
}

function statutoryRate(
  rule: RateRule,
  halfYearStart: number,
  rates: RateTables,
  notes: LatePaymentNote[],
): { units: number; source: StatutoryRate } {
  const referenceDay = rule.reference === 'first-day' ? halfYearStart : halfYearStart - 1;
  const referenceDate = toIso(referenceDay);
  const entry = lookupRate(rates, rule.series, referenceDate, notes);
  const unrounded = tableRateUnits(entry.ratePercent) + rule.marginPoints * RATE_UNITS_PER_PERCENT;
  const units = rule.roundUpToHalfPoint ? Math.ceil(unrounded / HALF_POINT_UNITS) * HALF_POINT_UNITS : unrounded;
  return {
    units,
    source: {
      kind: 'statutory',
      series: rule.series,
      referenceDate,
      referenceRatePercent: fromUnits(tableRateUnits(entry.ratePercent)),
      marginPoints: rule.marginPoints,
      roundedUpToHalfPoint: units !== unrounded,
      confirmed: entry.confirmed,
    },
  };
}

/**
 * Statutory late-payment rate (% per year) for the half-year containing `date`. A reference date after the
 * table's `knownThrough` uses the last known rate and returns a 'rate-not-confirmed' note.
 * @throws LatePaymentInputError when the regime does not cover the debtor kind (e.g. UK consumers).
 * @throws MissingRateError when the rate table has no rate that early, or lacks the series.
 */
export function legalRateFor(
  country: CreditorCountry,
  debtor: DebtorKind,
  date: IsoDate,
  rates: RateTables = DEFAULT_RATES,
): LegalRate {
  const regime = regimeFor(country);
  const rule = regime.rate[checkDebtor(debtor)];
  if (!rule) {
    throw new LatePaymentInputError('debtor', `no statutory late-payment rate for a ${debtor} debtor: ${regime.legalBasis[debtor].en}`);
  }
  const notes: LatePaymentNote[] = [];
  const { units, source } = statutoryRate(rule, halfYearOf(toDay('date', date)).start, rates, notes);
  return { ratePercent: fromUnits(units), basis: describeRate(source, PLAIN_FORMAT), source, notes };
}

/**
 * Fixed indemnity for recovery costs owed per late invoice: 40 EUR for business debtors in the EU regimes,
 * 40 / 70 / 100 GBP in the UK for a debt under 1,000 / under 10,000 / from 10,000 GBP; nothing for consumers.
 * @throws LatePaymentInputError when the principal is not in the regime's currency (EUR, or GBP for GB).
 */
export function indemnityFor(country: CreditorCountry, debtor: DebtorKind, principal: Money): Money {
  const regime = regimeFor(country);
  const principalMinor = checkPrincipal(principal, country, regime);
  const amountMinor = checkDebtor(debtor) === 'business' ? regime.businessIndemnityMinor(principalMinor) : 0;
  return { amountMinor, currency: regime.currency };
}

/**
 * Statutory late-payment interest and fixed indemnity owed on one principal as of a date.
 *
 * - Interest runs from the day after `dueDate` to `asOf` inclusive, split per half-year, each with its own
 *   reference rate, and is rounded to the cent once. Not overdue (`asOf` ≤ `dueDate`): zero, no lines.
 * - French consumer debtors: interest at the legal interest rate (professional creditors) runs from the day
 *   after `formalNoticeDate`; without it nothing accrues (a warning says why); no indemnity.
 * - `contractualRatePercent` replaces the statutory rate on every segment. France, business debtors: a rate
 *   under 3 × the legal interest rate of the half-year cannot be agreed (art. L441-10), so the floor is applied
 *   and a warning is added. Elsewhere the contractual rate is applied as agreed, with a warning when a business
 *   debtor's rate is below the statutory rate (a clause grossly unfair to the creditor may be void, Directive
 *   2011/7/EU art. 7).
 * - Consumer debtors outside FR and DE: the regimes cover businesses only; zero with a warning.
 * - A reference rate needed after the table's `knownThrough` is the last known one, with a 'rate-not-confirmed'
 *   warning per series and reference date (never silent).
 * Not modelled: Dutch yearly compounding (art. 6:119a BW), German § 286 (3) 30-day rule for consumers.
 * @throws LatePaymentInputError on bad input, MissingRateError when the rate table starts after a needed date.
 */
export function computeLatePaymentCharges(input: LatePaymentInput, rates: RateTables = DEFAULT_RATES): LatePaymentBreakdown {
  const country = input.country;
  const regime = regimeFor(country);
  const debtor = checkDebtor(input.debtor);
  const principalMinor = checkPrincipal(input.principal, country, regime);
  const dueDay = toDay('dueDate', input.dueDate);
  const asOfDay = toDay('asOf', input.asOf);
  const noticeDay = input.formalNoticeDate === undefined ? undefined : toDay('formalNoticeDate', input.formalNoticeDate);
  const contractualUnits =
    input.contractualRatePercent === undefined ? undefined : contractualRateUnits(input.contractualRatePercent);
  const invoiceCount = checkInvoiceCount(input.invoiceCount ?? 1, country);
  const rule = regime.rate[debtor];
  const currency = regime.currency;

  const result = (
    lines: LatePaymentLine[],
    interestMinor: number,
    indemnityMinor: number,
    notes: LatePaymentNote[],
  ): LatePaymentBreakdown => ({
    lines,
    interest: { amountMinor: interestMinor, currency },
    indemnity: { amountMinor: indemnityMinor, currency },
    total: { amountMinor: interestMinor + indemnityMinor, currency },
    warnings: notes.filter((note) => note.severity === 'warning').map((note) => describeNote(note, ENGLISH)),
    notes,
    legalBasis: regime.legalBasis[debtor],
    invoiceCount,
  });

  if (asOfDay <= dueDay) {
    return result([], 0, 0, [{ code: 'not-overdue', severity: 'info', dueDate: input.dueDate, asOf: input.asOf }]);
  }
  if (!rule) return result([], 0, 0, [{ code: 'debtor-not-covered', severity: 'warning', country }]);

  // The indemnity is owed from the first day late, whatever the interest start.
  const indemnityMinor = debtor === 'business' ? regime.businessIndemnityMinor(principalMinor) * invoiceCount : 0;

  let startDay = dueDay + 1;
  if (rule.interestFrom === 'formal-notice') {
    if (noticeDay === undefined) return result([], 0, indemnityMinor, [{ code: 'formal-notice-missing', severity: 'warning' }]);
    // Like the due date, the day of the notice itself does not count.
    startDay = Math.max(dueDay, noticeDay) + 1;
    if (startDay > asOfDay) {
      return result([], 0, indemnityMinor, [
        { code: 'formal-notice-after-as-of', severity: 'info', formalNoticeDate: toIso(noticeDay), asOf: input.asOf },
      ]);
    }
  }

  const lines: LatePaymentLine[] = [];
  const notes: LatePaymentNote[] = [];
  let numeratorSum = 0n;
  for (let from = startDay; from <= asOfDay; ) {
    const halfYear = halfYearOf(from);
    const to = Math.min(halfYear.end, asOfDay);
    const days = to - from + 1;
    const applied = appliedRate(country, debtor, rule, contractualUnits, halfYear.start, rates, notes);
    const numerator = BigInt(principalMinor) * BigInt(applied.units) * BigInt(days);
    numeratorSum += numerator;
    lines.push({
      from: toIso(from),
      to: toIso(to),
      days,
      ratePercent: fromUnits(applied.units),
      basis: describeRate(applied.rate, PLAIN_FORMAT),
      interestExact: Number(numerator) / Number(INTEREST_DENOMINATOR),
      rate: applied.rate,
    });
    from = to + 1;
  }

  const interestMinor = Number(roundDivide(numeratorSum, INTEREST_DENOMINATOR));
  if (!Number.isSafeInteger(interestMinor + indemnityMinor)) {
    throw new LatePaymentInputError('principal.amountMinor', 'too large: the interest exceeds the representable range');
  }
  return result(lines, interestMinor, indemnityMinor, notes);
}

function appliedRate(
  country: CreditorCountry,
  debtor: DebtorKind,
  rule: RateRule,
  contractualUnits: number | undefined,
  halfYearStart: number,
  rates: RateTables,
  notes: LatePaymentNote[],
): { units: number; rate: AppliedRate } {
  if (contractualUnits === undefined) {
    const statutory = statutoryRate(rule, halfYearStart, rates, notes);
    return { units: statutory.units, rate: statutory.source };
  }
  const contractualRatePercent = fromUnits(contractualUnits);
  const halfYearStartIso = toIso(halfYearStart);
  if (country === 'FR' && debtor === 'business') {
    const legal = lookupRate(rates, 'fr-legal-pro', halfYearStartIso, notes);
    const legalUnits = tableRateUnits(legal.ratePercent);
    const floorUnits = 3 * legalUnits;
    if (contractualUnits >= floorUnits) return { units: contractualUnits, rate: { kind: 'contractual', contractualRatePercent } };
    notes.push({
      code: 'contractual-below-floor',
      severity: 'warning',
      halfYearStart: halfYearStartIso,
      contractualRatePercent,
      legalRatePercent: fromUnits(legalUnits),
      floorRatePercent: fromUnits(floorUnits),
    });
    return {
      units: floorUnits,
      rate: {
        kind: 'contractual-floor',
        contractualRatePercent,
        legalRatePercent: fromUnits(legalUnits),
        referenceDate: halfYearStartIso,
        confirmed: legal.confirmed,
      },
    };
  }
  const statutory = statutoryRate(rule, halfYearStart, rates, notes);
  // The "grossly unfair" test (Directive 2011/7/EU, art. 7) protects creditors in business transactions only:
  // towards a consumer, agreeing a rate below the legal one is simply the creditor's choice.
  if (debtor === 'business' && contractualUnits < statutory.units) {
    notes.push({
      code: 'contractual-below-statutory',
      severity: 'warning',
      halfYearStart: halfYearStartIso,
      contractualRatePercent,
      statutoryRatePercent: fromUnits(statutory.units),
    });
  }
  return { units: contractualUnits, rate: { kind: 'contractual', contractualRatePercent } };
}

// ---------------------------------------------------------------------------------------------------------
// Explanations.

interface Format {
  locale: ExplainLocale;
  /** `12.15` → "12.15 %" / "12,15 %". */
  percent(value: number): string;
  date(iso: IsoDate): string;
  money(minor: number, currency: string): string;
}

/** Neutral format for the English `basis` strings: ISO dates, "2.15 %". */
const PLAIN_FORMAT: Format = {
  locale: 'en',
  percent: (value) => `${plainNumber(value)} %`,
  date: (iso) => iso,
  money: (minor, currency) => `${(minor / 100).toFixed(2)} ${currency}`,
};

function plainNumber(value: number): string {
  // At least 2 decimals ("4.50"), up to 4 when the rate has them.
  return value.toFixed(4).replace(/(\.\d\d\d?)0+$/, '$1').replace(/(\.\d\d)0$/, '$1');
}

function intlFormat(locale: ExplainLocale): Format {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const percent = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 4 });
  // fr: 01/04/2026 (the usual French form); en: 1 Apr 2026 (unambiguous for British and American readers).
  const date = new Intl.DateTimeFormat(
    tag,
    locale === 'fr'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  return {
    locale,
    percent: (value) => percent.format(value / 100),
    date: (iso) => date.format(new Date(toDay('date', iso) * MS_PER_DAY)),
    money: (minor, currency) => new Intl.NumberFormat(tag, { style: 'currency', currency }).format(minor / 100),
  };
}

const ENGLISH = intlFormat('en');
const FRENCH = intlFormat('fr');

const SERIES_NAMES: Record<RateSeriesId, Record<ExplainLocale, string>> = {
  'ecb-mro': { en: 'ECB', fr: 'taux BCE' },
  'de-basiszins': { en: 'Basiszinssatz', fr: 'taux de base allemand (Basiszinssatz)' },
  'boe-base': { en: 'Bank of England Bank Rate', fr: "taux directeur de la Banque d'Angleterre" },
  'fr-legal-pro': {
    en: 'French legal interest rate (professional creditors)',
    fr: "taux de l'intérêt légal (créanciers professionnels)",
  },
  'fr-legal-other': {
    en: 'French legal interest rate (private creditors)',
    fr: "taux de l'intérêt légal (créanciers particuliers)",
  },
};

function describeRate(rate: AppliedRate, f: Format): string {
  const fr = f.locale === 'fr';
  switch (rate.kind) {
    case 'statutory': {
      const name = SERIES_NAMES[rate.series][f.locale];
      let text = fr
        ? `${name} de ${f.percent(rate.referenceRatePercent)} au ${f.date(rate.referenceDate)}`
        : `${name} ${f.percent(rate.referenceRatePercent)} on ${f.date(rate.referenceDate)}`;
      if (rate.marginPoints !== 0) text += ` + ${rate.marginPoints} points`;
      if (rate.roundedUpToHalfPoint) text += fr ? ', arrondi au demi-point supérieur' : ', rounded up to the next half point';
      if (!rate.confirmed) text += NOT_CONFIRMED[f.locale];
      return text;
    }
    case 'contractual':
      return fr ? 'taux contractuel' : 'contractual rate';
    case 'contractual-floor': {
      const unconfirmed = rate.confirmed ? '' : NOT_CONFIRMED[f.locale];
      return fr
        ? `taux contractuel de ${f.percent(rate.contractualRatePercent)} relevé au plancher de 3 fois le taux de l'intérêt légal (${f.percent(rate.legalRatePercent)} au ${f.date(rate.referenceDate)}${unconfirmed})`
        : `contractual rate ${f.percent(rate.contractualRatePercent)} raised to the floor of 3 × the legal interest rate (${f.percent(rate.legalRatePercent)} on ${f.date(rate.referenceDate)}${unconfirmed})`;
    }
  }
}

/** Marks a rate carried forward past the table's `knownThrough` inside a line's explanation. */
const NOT_CONFIRMED: Record<ExplainLocale, string> = { fr: ', non confirmé', en: ', not confirmed' };

/** Name of a series as the subject of a sentence: "Taux BCE" / "ECB rate". */
function seriesSubject(series: RateSeriesId, locale: ExplainLocale): string {
  const name = locale === 'en' && series === 'ecb-mro' ? 'ECB rate' : SERIES_NAMES[series][locale];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function halfYearLabel(halfYearStart: IsoDate, f: Format): string {
  const year = halfYearStart.slice(0, 4);
  const first = halfYearStart.slice(5, 7) === '01';
  if (f.locale === 'fr') return `${first ? '1er' : '2e'} semestre ${year}`;
  return `${first ? 'first' : 'second'} half of ${year}`;
}

function describeNote(note: LatePaymentNote, f: Format): string {
  const fr = f.locale === 'fr';
  switch (note.code) {
    case 'not-overdue':
      return fr
        ? `Pas de retard au ${f.date(note.asOf)} (échéance le ${f.date(note.dueDate)}) : ni intérêts ni indemnité.`
        : `Not overdue on ${f.date(note.asOf)} (due ${f.date(note.dueDate)}): no interest and no indemnity.`;
    case 'debtor-not-covered':
      return fr
        ? `Débiteur consommateur : le régime légal de retard de paiement du pays ${note.country} ne vise que les débiteurs professionnels ; rien n'est calculé.`
        : `Consumer debtor: the statutory late-payment regime of ${note.country} covers business debtors only; nothing is computed.`;
    case 'formal-notice-missing':
      return fr
        ? "Débiteur consommateur : les intérêts ne courent qu'à compter d'une mise en demeure ; sans date de mise en demeure, aucun intérêt n'est calculé."
        : 'Consumer debtor: interest runs only from a formal notice; no formal-notice date was given, so no interest is computed.';
    case 'formal-notice-after-as-of':
      return fr
        ? `Les intérêts courent à compter du lendemain de la mise en demeure du ${f.date(note.formalNoticeDate)} : rien n'est encore dû au ${f.date(note.asOf)}.`
        : `Interest runs from the day after the formal notice of ${f.date(note.formalNoticeDate)}: nothing has accrued by ${f.date(note.asOf)}.`;
    case 'contractual-below-floor':
      return fr
        ? `Le taux contractuel de ${f.percent(note.contractualRatePercent)} est inférieur au minimum légal de 3 fois le taux de l'intérêt légal (3 × ${f.percent(note.legalRatePercent)} = ${f.percent(note.floorRatePercent)}) pour le ${halfYearLabel(note.halfYearStart, f)} : le minimum de ${f.percent(note.floorRatePercent)} est appliqué (art. L441-10 du Code de commerce).`
        : `The contractual rate of ${f.percent(note.contractualRatePercent)} is below the legal minimum of 3 × the legal interest rate (3 × ${f.percent(note.legalRatePercent)} = ${f.percent(note.floorRatePercent)}) for the ${halfYearLabel(note.halfYearStart, f)}: the minimum of ${f.percent(note.floorRatePercent)} is applied (Code de commerce, art. L441-10).`;
    case 'contractual-below-statutory':
      return fr
        ? `Le taux contractuel de ${f.percent(note.contractualRatePercent)} est inférieur au taux légal de ${f.percent(note.statutoryRatePercent)} pour le ${halfYearLabel(note.halfYearStart, f)} : il est appliqué, mais une clause manifestement abusive envers le créancier peut être écartée (directive 2011/7/UE, art. 7).`
        : `The contractual rate of ${f.percent(note.contractualRatePercent)} is below the statutory rate of ${f.percent(note.statutoryRatePercent)} for the ${halfYearLabel(note.halfYearStart, f)}: it is applied, but a clause grossly unfair to the creditor may be void (Directive 2011/7/EU, art. 7).`;
    case 'rate-not-confirmed':
      return fr
        ? `${seriesSubject(note.series, 'fr')} au ${f.date(note.referenceDate)} non confirmé : dernier taux connu ${f.percent(note.ratePercent)} appliqué ; mettez à jour la table des taux dans les options.`
        : `${seriesSubject(note.series, 'en')} on ${f.date(note.referenceDate)} not confirmed: last known rate ${f.percent(note.ratePercent)} applied; update the rate table in the options.`;
  }
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** One note as a sentence in French or English (the same sentence `explainBreakdown` gives for it). */
export function explainNote(note: LatePaymentNote, locale: ExplainLocale): string {
  if (locale !== 'fr' && locale !== 'en') throw new LatePaymentInputError('locale', `expected 'fr' or 'en', got ${String(locale)}`);
  return describeNote(note, locale === 'fr' ? FRENCH : ENGLISH);
}

/**
 * The breakdown as readable sentences in French or English: one per interest period, then the interest,
 * the indemnity, the total, the notes and the legal basis. Amounts, rates and dates go through Intl.
 */
export function explainBreakdown(b: LatePaymentBreakdown, locale: ExplainLocale): string[] {
  if (locale !== 'fr' && locale !== 'en') throw new LatePaymentInputError('locale', `expected 'fr' or 'en', got ${String(locale)}`);
  const f = locale === 'fr' ? FRENCH : ENGLISH;
  const fr = locale === 'fr';
  const currency = b.total.currency;
  const plural = new Intl.PluralRules(fr ? 'fr-FR' : 'en-GB');
  const sentences: string[] = [];

  for (const line of b.lines) {
    const days = `${line.days} ${plural.select(line.days) === 'one' ? (fr ? 'jour' : 'day') : fr ? 'jours' : 'days'}`;
    // Per-line amounts are shown to the cent for reading; the total is rounded from the exact sum.
    const amount = f.money(line.interestExact, currency);
    sentences.push(
      fr
        ? `Du ${f.date(line.from)} au ${f.date(line.to)} : ${days} à ${f.percent(line.ratePercent)} = ${amount} (${describeRate(line.rate, f)})`
        : `From ${f.date(line.from)} to ${f.date(line.to)}: ${days} at ${f.percent(line.ratePercent)} = ${amount} (${describeRate(line.rate, f)})`,
    );
  }

  const somethingDue = b.lines.length > 0 || b.total.amountMinor > 0;
  if (b.lines.length > 0) {
    const interest = f.money(b.interest.amountMinor, currency);
    sentences.push(
      fr
        ? `Intérêts de retard : ${interest} (somme exacte des périodes, arrondie une seule fois au centime)`
        : `Late-payment interest: ${interest} (exact sum of the periods, rounded once to the cent)`,
    );
  }
  if (b.indemnity.amountMinor > 0) {
    const indemnity = f.money(b.indemnity.amountMinor, currency);
    const perInvoice =
      b.invoiceCount > 1 ? ` (${b.invoiceCount} × ${f.money(b.indemnity.amountMinor / b.invoiceCount, currency)})` : '';
    sentences.push(
      fr
        ? `Indemnité forfaitaire pour frais de recouvrement : ${indemnity}${perInvoice}`
        : `Fixed compensation for recovery costs: ${indemnity}${perInvoice}`,
    );
  }
  if (somethingDue) {
    const total = f.money(b.total.amountMinor, currency);
    sentences.push(fr ? `Total dû en plus du principal : ${total}` : `Total due on top of the principal: ${total}`);
  }
  for (const note of b.notes) sentences.push(describeNote(note, f));
  sentences.push(fr ? `Fondement : ${b.legalBasis.fr}` : `Legal basis: ${capitalize(b.legalBasis.en)}`);
  return sentences;
}
