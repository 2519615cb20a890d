// Money in integer minor units: parsing amounts as accounting pages show them, formatting with Intl,
// and arithmetic that never mixes currencies.
import type { Money } from './types';

/** A parsed amount, with the currency the text showed (null when it showed none). */
export interface ParsedMoney {
  amountMinor: number;
  currency: string | null;
}

// Symbols that are not ISO codes, longest first so `US$` is not read as `$`.
const CURRENCY_SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['R$', 'BRL'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['￥', 'JPY'], // full-width yen, as ja-JP formats it
  ['₹', 'INR'],
];

const SYMBOL_PATTERN = new RegExp(
  `(?<![A-Za-z])(?:${CURRENCY_SYMBOLS.map(([s]) => s.replace(/\$/g, '\\$')).join('|')})`,
  'g',
);
/** Three capital letters standing alone: a candidate ISO 4217 code (kept only if Intl knows it). */
const ISO_CODE_PATTERN = /(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])/g;
/** A number as shown, with `.` `,` space or `'` between digits; may start with a separator (`.50`). */
const NUMBER_PATTERN = /[.,]?\d(?:[\d.,' ]*\d)?/g;

let knownCurrencies: ReadonlySet<string> | undefined;
/**
 * The minor digits of the currencies the parser knows by their symbol, and CHF, as Intl gives them (a unit test
 * compares). Intl's first currency format costs a page 20–40 ms here, which the accounting content script would
 * pay before the first badge.
 */
export const COMMON_MINOR_DIGITS: ReadonlyMap<string, number> = new Map([
  ['EUR', 2],
  ['USD', 2],
  ['GBP', 2],
  ['CHF', 2],
  ['CAD', 2],
  ['AUD', 2],
  ['INR', 2],
  ['JPY', 0],
]);
const minorDigitsCache = new Map<string, number>(COMMON_MINOR_DIGITS);

function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/**
 * Number of minor-unit digits of an ISO 4217 currency as Intl knows it (EUR 2, JPY 0, KWD 3).
 * Throws for a code that is not a currency.
 */
export function currencyMinorDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency)) {
    throw new Error(`currency ${JSON.stringify(currency)} is not an ISO 4217 code known to Intl (e.g. "EUR")`);
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const result = digits ?? 2;
  minorDigitsCache.set(currency, result);
  return result;
}

/**
 * Converts an amount in major units (12.5 EUR) to integer minor units (1250), rounding half away from zero
 * to the currency's smallest unit. Throws for a non-finite amount or unknown currency.
 */
export function toMinorUnits(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new Error(`toMinorUnits: amount ${amount} is not a finite number`);
  const digits = currencyMinorDigits(currency);
  // Shifting through the decimal string avoids 1.005 * 100 = 100.49999…
  const text = String(Math.abs(amount));
  const shifted = text.includes('e') ? Math.abs(amount) * 10 ** digits : Number(`${text}e${digits}`);
  const minor = Math.round(shifted);
  if (!Number.isSafeInteger(minor)) throw new Error(`toMinorUnits: amount ${amount} is too large`);
  return amount < 0 && minor !== 0 ? -minor : minor;
}

/** Converts integer minor units (1250) to major units (12.5) of `currency`. Throws for a non-integer. */
export function fromMinorUnits(amountMinor: number, currency: string): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new Error(`fromMinorUnits: amountMinor ${amountMinor} is not a whole number of minor units`);
  }
  return amountMinor / 10 ** currencyMinorDigits(currency);
}

/** Currencies named in the text by symbol or ISO code, and the text with them blanked out. */
function extractCurrencies(text: string): { currencies: Set<string>; rest: string } {
  const currencies = new Set<string>();
  let rest = text.replace(SYMBOL_PATTERN, (symbol) => {
    const entry = CURRENCY_SYMBOLS.find(([s]) => s === symbol);
    if (entry) currencies.add(entry[1]);
    return ' ';
  });
  rest = rest.replace(ISO_CODE_PATTERN, (code) => {
    if (!isKnownCurrency(code)) return code;
    currencies.add(code);
    return ' ';
  });
  return { currencies, rest };
}

/** Decimal part digits and integer part digits of a number string, or null if its grouping is not valid. */
function splitNumber(raw: string, minorDigits: number): { integer: string; fraction: string } | null {
  const text = raw.startsWith('.') || raw.startsWith(',') ? `0${raw}` : raw;
  const marks = [...text.matchAll(/[.,' ]/g)].map((m) => ({ char: m[0], index: m.index }));
  if (marks.length === 0) return { integer: text, fraction: '' };
  const decimal = findDecimalMark(text, marks, minorDigits);
  const integerText = decimal === undefined ? text : text.slice(0, decimal);
  const fraction = decimal === undefined ? '' : text.slice(decimal + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = integerText.split(/[.,' ]/);
  const groupMarks = new Set(integerText.match(/[.,' ]/g) ?? []);
  if (groupMarks.size > 1 || !validGrouping(groups)) return null;
  return { integer: groups.join(''), fraction };
}

/**
 * Index of the decimal mark, or undefined when every mark groups thousands. The rule:
 * - a space or `'` always groups thousands;
 * - with both `.` and `,`, the last one is the decimal mark (`1.234,56`, `1,234.56`);
 * - a `.` or `,` appearing more than once groups thousands (`1.234.567`);
 * - a single `.` or `,` is decimal when other grouping marks are present (`1 234,56`) or when it is not
 *   followed by exactly 3 digits (`12,50`, `12,5`); followed by exactly 3 digits it groups thousands
 *   (`1,234` → 1234), except in a currency with 3 minor digits (KWD `1.234` → 1.234) or after a lone 0 (`0,125`).
 */
function findDecimalMark(
  text: string,
  marks: Array<{ char: string; index: number }>,
  minorDigits: number,
): number | undefined {
  const dotOrComma = marks.filter((m) => m.char === '.' || m.char === ',');
  const last = dotOrComma[dotOrComma.length - 1];
  if (!last) return undefined;
  const kinds = new Set(dotOrComma.map((m) => m.char));
  if (kinds.size === 2) return last.index;
  if (dotOrComma.length > 1) return undefined;
  if (marks.length > 1) return last.index;
  const digitsAfter = text.length - last.index - 1;
  if (digitsAfter !== 3 || minorDigits === 3 || text.slice(0, last.index) === '0') return last.index;
  return undefined;
}

/** Thousands groups `1|234|567`, or Indian lakh groups `1|23|45|678`. */
function validGrouping(groups: string[]): boolean {
  if (groups.length === 1) return /^\d+$/.test(groups[0] ?? '');
  const [first = '', ...others] = groups;
  const lastGroup = others[others.length - 1] ?? '';
  const middle = others.slice(0, -1);
  if (!/^\d{1,3}$/.test(first) || !/^\d{3}$/.test(lastGroup)) return false;
  const western = middle.every((g) => /^\d{3}$/.test(g));
  const indian = first.length <= 2 && middle.length > 0 && middle.every((g) => /^\d{2}$/.test(g));
  return western || indian;
}

/** True when the text around the number marks it negative: `-12`, `€-12`, `(12.00)`, `12,00 -`. */
function isNegative(before: string, after: string): boolean {
  const b = before.replace(/\s+/g, '');
  const a = after.replace(/\s+/g, '');
  return b.endsWith('-') || (b.endsWith('(') && a.startsWith(')')) || a.startsWith('-');
}

function toMinor(integer: string, fraction: string, minorDigits: number): number | null {
  const kept = fraction.slice(0, minorDigits);
  // Digits beyond the currency's precision are tolerated only when zero (`¥1,234.00`); else we would round.
  if (/[^0]/.test(fraction.slice(minorDigits))) return null;
  const minor = Number(`${integer}${kept.padEnd(minorDigits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Parses an amount as an accounting page shows it, keeping the currency it names (null when none).
 * `opts.defaultCurrency` (default EUR) only sets the minor digits used when the text names no currency.
 * Returns null when the text holds no number, several numbers, several currencies, an invalid grouping,
 * or more decimals than the currency has. See {@link parseMoney} for the accepted forms.
 */
export function parseMoneyDetailed(text: string, opts?: { defaultCurrency?: string }): ParsedMoney | null {
  const fallbackCurrency = opts?.defaultCurrency ?? 'EUR';
  const fallbackDigits = currencyMinorDigits(fallbackCurrency);
  const normalized = text
    .replace(/[\u00a0\u202f\u2009\u2007]/g, ' ')
    .replace(/[\u2212\u2013\u2012]/g, '-')
    .replace(/[\u2019\u02bc]/g, "'");
  const { currencies, rest } = extractCurrencies(normalized);
  if (currencies.size > 1) return null;
  const numbers = [...rest.matchAll(NUMBER_PATTERN)];
  if (numbers.length !== 1) return null;
  const match = numbers[0];
  if (!match) return null;
  const currency = [...currencies][0] ?? null;
  const minorDigits = currency ? currencyMinorDigits(currency) : fallbackDigits;
  const parts = splitNumber(match[0].trim(), minorDigits);
  if (!parts) return null;
  const magnitude = toMinor(parts.integer, parts.fraction, minorDigits);
  if (magnitude === null) return null;
  const before = rest.slice(0, match.index);
  const after = rest.slice(match.index + match[0].length);
  const amountMinor = isNegative(before, after) && magnitude !== 0 ? -magnitude : magnitude;
  return { amountMinor, currency };
}

/**
 * Parses an amount as an accounting page shows it into {@link Money}, or null when it cannot be read safely.
 *
 * Accepted: `1 234,56 €` (space, U+00A0 or U+202F grouping), `1.234,56 €`, `$1,234.56`, `£1,234.56`,
 * `EUR 1234.56`, `1234.56 EUR`, `CHF 1'234.50`, `¥1,234` or `￥1,234` (JPY has no minor unit), `₹1,23,456.00`;
 * negatives `-12,00`, `−12.00` (Unicode minus), `(12.00)`, `12,00 -`. Symbols: € EUR, $ and US$ USD,
 * CA$/C$ CAD, A$/AU$ AUD, £ GBP, ¥ JPY, ₹ INR, and any ISO 4217 code in capitals known to Intl.
 * A lone `.` or `,` followed by exactly 3 digits groups thousands (`1,234` → 1234.00); otherwise it is the
 * decimal mark (`12,50` → 12.50). When the text names no currency, `opts.defaultCurrency` (default EUR) is used;
 * call {@link parseMoneyDetailed} to know whether the text named one.
 */
export function parseMoney(text: string, opts?: { defaultCurrency?: string }): Money | null {
  const parsed = parseMoneyDetailed(text, opts);
  if (!parsed) return null;
  return { amountMinor: parsed.amountMinor, currency: parsed.currency ?? opts?.defaultCurrency ?? 'EUR' };
}

function assertMoney(m: Money, where: string): void {
  if (!Number.isSafeInteger(m.amountMinor)) {
    throw new Error(`${where}: amountMinor ${m.amountMinor} is not a whole number of minor units`);
  }
  currencyMinorDigits(m.currency);
}

/** Formats money for display with Intl in `locale`, e.g. `1 234,56 €` in fr-FR, `$1,234.56` in en-US. */
export function formatMoney(m: Money, locale: string): string {
  assertMoney(m, 'formatMoney');
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(
    fromMinorUnits(m.amountMinor, m.currency),
  );
}

/** Sum of two amounts of the same currency. Throws when the currencies differ (convert first). */
export function addMoney(a: Money, b: Money): Money {
  assertMoney(a, 'addMoney a');
  assertMoney(b, 'addMoney b');
  if (a.currency !== b.currency) {
    throw new Error(`addMoney: cannot add ${a.currency} and ${b.currency} without a conversion`);
  }
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

/** One total per currency present in `list`, sorted by currency code (zero totals kept). */
export function sumByCurrency(list: Money[]): Money[] {
  const totals = new Map<string, Money>();
  for (const m of list) {
    const current = totals.get(m.currency);
    totals.set(m.currency, current ? addMoney(current, m) : addMoney({ amountMinor: 0, currency: m.currency }, m));
  }
  return [...totals.values()].sort((x, y) => (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0));
}

/** The opposite amount (never `-0`). */
export function negate(m: Money): Money {
  assertMoney(m, 'negate');
  return { amountMinor: 0 - m.amountMinor, currency: m.currency };
}

/** True when the amount is zero. */
export function isZero(m: Money): boolean {
  assertMoney(m, 'isZero');
  return m.amountMinor === 0;
}
