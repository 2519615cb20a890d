// Calendar dates as ISO `YYYY-MM-DD` strings: parsing what pages show, deciding a column's d/m order,
// and day arithmetic. All arithmetic goes through Date.UTC so no local time zone or DST can shift a day.
import type { IsoDate } from './types';

/** Order of day, month and year in a numeric date such as 05/11/2026. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const MS_PER_DAY = 86_400_000;

// Month words after lowercasing and stripping accents (so `März` is `marz`, `févr.` is `fevr`).
// en, fr, de, es; abbreviations shared between languages always mean the same month.
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    'january jan janvier janv januar janner enero ene|' +
    'february feb fevrier fevr fev februar febrero|' +
    'march mar mars marz maerz marzo|' +
    'april apr avril avr abril abr|' +
    'may mai mayo|' +
    'june jun juin juni junio|' +
    'july jul juillet juil juli julio|' +
    'august aug aout agosto ago|' +
    'september sep sept septembre septiembre setiembre set|' +
    'october oct octobre oktober okt octubre|' +
    'november nov novembre noviembre|' +
    'december dec decembre dezember dez diciembre dic'
  )
    .split('|')
    .flatMap((names, i) => names.split(' ').map((name) => [name, i + 1] as const)),
);

// Longest first so `septembre` is not read as `sep` + garbage.
const MONTH_ALTERNATION = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .join('|');

/** `15 Nov 2026`, `15. November 2026`, `1er novembre 2026`, `15 de noviembre de 2026`, `15-Nov-26`. */
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th|º|°)?\\.?[\\s\\-/]*(?:de\\s+)?(${MONTH_ALTERNATION})(?![a-z])\\.?[\\s\\-/,]*(?:de\\s+)?(\\d{4}|\\d{2})(?!\\d)`,
);
/** `Nov 15, 2026`, `November 15th 2026`. A 4-digit year is required: `Nov 15, 26` is too easily misread. */
const MONTH_DAY_YEAR = new RegExp(
  `(?<![a-z])(${MONTH_ALTERNATION})(?![a-z])\\.?[\\s\\-/]*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d),?\\s*(\\d{4})(?!\\d)`,
);
/** Three numbers with the same separator: `2026-11-15`, `15/11/2026`, `15.11.26`. */
const NUMERIC = /(?<!\d)(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?!\d)/;

// Year-first languages: their pages do not write day and month before the year, so the language says nothing.
const YEAR_FIRST_LANGS = new Set(['ja', 'zh', 'ko', 'hu']);
// English-speaking regions that write month first (United States, its territories, the Philippines).
const MDY_ENGLISH_REGIONS = new Set(['us', 'ph', 'as', 'gu', 'mp', 'pr', 'um', 'vi']);
// Canada mixes month-first and day-first in English, so `en-CA` alone decides nothing.
const UNDECIDED_ENGLISH_REGIONS = new Set(['ca']);

interface NumericParts {
  first: number;
  second: number;
  year: number;
  /** True when the year came first with 4 digits (`2026-11-15`): no d/m ambiguity. */
  yearFirst: boolean;
  /** The raw first number, for `ymd` with a 2-digit year. */
  firstDigits: string;
  lastDigits: string;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

/** Two-digit years follow the POSIX `%y` pivot: 69–99 are 19xx, 00–68 are 20xx. */
function expandYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n >= 69 ? 1900 + n : 2000 + n;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date for year/month/day, or null when that day does not exist (31/02, month 13). */
function toIso(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function findNumeric(text: string): NumericParts | null {
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const [, a = '', , b = '', c = ''] = m;
  if (a.length === 4 && c.length <= 2) {
    return { first: Number(b), second: Number(c), year: Number(a), yearFirst: true, firstDigits: a, lastDigits: c };
  }
  if (a.length <= 2 && (c.length === 2 || c.length === 4)) {
    return { first: Number(a), second: Number(b), year: expandYear(c), yearFirst: false, firstDigits: a, lastDigits: c };
  }
  return null;
}

function numericToIso(p: NumericParts, order: DateOrder | undefined): IsoDate | null {
  if (p.yearFirst) return toIso(p.year, p.first, p.second);
  if (order === 'dmy') return toIso(p.year, p.second, p.first);
  if (order === 'mdy') return toIso(p.year, p.first, p.second);
  if (order === 'ymd') {
    // `26/11/15` read year-first: the first number is a 2-digit year, the last is the day.
    if (p.firstDigits.length !== 2 || p.lastDigits.length !== 2) return null;
    return toIso(expandYear(p.firstDigits), p.second, Number(p.lastDigits));
  }
  const asDmy = toIso(p.year, p.second, p.first);
  const asMdy = toIso(p.year, p.first, p.second);
  if (asDmy && asMdy) return asDmy === asMdy ? asDmy : null; // 05/05/2026 reads the same both ways
  return asDmy ?? asMdy;
}

function findNamedMonth(text: string): IsoDate | null {
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const [, day = '', month = '', year = ''] = dmy;
    return toIso(expandYear(year), MONTHS.get(month) ?? 0, Number(day));
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const [, month = '', day = '', year = ''] = mdy;
    return toIso(Number(year), MONTHS.get(month) ?? 0, Number(day));
  }
  return null;
}

/**
 * Parses a date as a page shows it into an ISO date, or null when it cannot be read with certainty.
 *
 * - Year-first numbers (`2026-11-15`, `2026/11/15`) and month names in English, French, German or Spanish
 *   (`Nov 15, 2026`, `15 nov. 2026`, `1er novembre 2026`, `15. März 2026`, `15 de noviembre de 2026`) are
 *   unambiguous and read whatever `order` says. Case, accents and surrounding text are ignored.
 * - Day/month numbers (`15/11/2026`, `15.11.26`, `15-11-2026`) follow `order` strictly (null when invalid
 *   under it, e.g. a month 15). Without `order` they are read only when one reading is impossible
 *   (`15/11/2026`) or both agree (`05/05/2026`); `05/11/2026` gives null.
 * - Two-digit years: 00–68 → 20xx, 69–99 → 19xx. Impossible days (31/02) give null.
 */
export function parseDate(text: string, order?: DateOrder): IsoDate | null {
  const clean = normalize(text);
  const numeric = findNumeric(clean);
  if (numeric) return numericToIso(numeric, order);
  return findNamedMonth(clean);
}

/** What one sample says about the column's order: proof of dmy/mdy, undecided numeric, or not numeric. */
function sampleEvidence(sample: string): DateOrder | 'undecided' | 'none' {
  const p = findNumeric(normalize(sample));
  if (!p || p.yearFirst) return 'none';
  const dmyOk = numericToIso(p, 'dmy') !== null;
  const mdyOk = numericToIso(p, 'mdy') !== null;
  if (dmyOk && !mdyOk) return 'dmy';
  if (mdyOk && !dmyOk) return 'mdy';
  return 'undecided';
}

/** The order a page language implies for day/month numbers, or undefined when it implies none. */
export function dateOrderFromLang(lang: string | undefined): DateOrder | undefined {
  const [language = '', region] = (lang ?? '').trim().toLowerCase().split(/[-_]/);
  if (!/^[a-z]{2,3}$/.test(language)) return undefined;
  if (YEAR_FIRST_LANGS.has(language)) return undefined;
  if (language !== 'en') return 'dmy';
  if (!region) return undefined;
  if (MDY_ENGLISH_REGIONS.has(region)) return 'mdy';
  if (UNDECIDED_ENGLISH_REGIONS.has(region)) return undefined;
  return 'dmy';
}

/**
 * Decides the date order of a whole column, in this precedence:
 * 1. `hints.user` (set in the options) always wins.
 * 2. The column's own values: a numeric date whose first number cannot be a month (`15/11/2026`) proves
 *    `dmy`, whose second cannot (`11/15/2026`) proves `mdy`; proof both ways gives `'ambiguous'`.
 *    A column with readable dates but no day/month numbers at all (only ISO or month names) gives `'ymd'`:
 *    its dates parse the same whatever the order, so any answer is right.
 * 3. The page language: `en-US`/`en-PH` (and US territories) → `mdy`; other `en-XX` → `dmy` except `en-CA`
 *    (mixed usage); bare `en` decides nothing; any other language → `dmy`, except year-first ones (ja, zh, ko, hu).
 * 4. `hints.platform`.
 * 5. Otherwise `'ambiguous'`: the caller must ask rather than guess.
 */
export function resolveDateOrder(
  samples: string[],
  hints: { lang?: string; platform?: DateOrder; user?: DateOrder },
): DateOrder | 'ambiguous' {
  if (hints.user) return hints.user;
  const evidence = new Set(samples.map(sampleEvidence));
  if (evidence.has('dmy') && evidence.has('mdy')) return 'ambiguous';
  if (evidence.has('dmy')) return 'dmy';
  if (evidence.has('mdy')) return 'mdy';
  const hasReadable = samples.some((s) => parseDate(s) !== null);
  if (!evidence.has('undecided') && hasReadable) return 'ymd';
  return dateOrderFromLang(hints.lang) ?? hints.platform ?? 'ambiguous';
}

/**
 * Dates {@link isIsoDate} found real: a list of 10,000 invoices checks the same few hundred days over and
 * over (statuses, aging, the log). Bounded: 30 years of days.
 */
const knownIsoDates = new Set<string>();
const KNOWN_ISO_DATES_MAX = 11_000;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  if (knownIsoDates.has(value)) return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = m !== null && toIso(Number(m[1]), Number(m[2]), Number(m[3])) === value;
  if (valid && knownIsoDates.size < KNOWN_ISO_DATES_MAX) knownIsoDates.add(value);
  return valid;
}

function assertIsoDate(value: unknown, where: string): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new Error(`${where}: ${JSON.stringify(value)} is not a calendar date written YYYY-MM-DD`);
  }
}

function assertInteger(value: number, where: string): void {
  if (!Number.isSafeInteger(value)) throw new Error(`${where}: ${value} is not a whole number`);
}

function toUtcMs(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `n` days after `d` (before when `n` is negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  assertIsoDate(d, 'addDays date');
  assertInteger(n, 'addDays days');
  return fromUtcMs(toUtcMs(d) + n * MS_PER_DAY);
}

/** Whole days from `from` to `to` (`to - from`): positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  assertIsoDate(from, 'daysBetween from');
  assertIsoDate(to, 'daysBetween to');
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** -1, 0 or 1 as `a` is before, the same day as, or after `b` (usable with `Array.sort`). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  assertIsoDate(a, 'compareDates a');
  assertIsoDate(b, 'compareDates b');
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same day `n` months later (earlier when negative), clamped to the month's last day:
 * 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  assertIsoDate(d, 'addMonths date');
  assertInteger(n, 'addMonths months');
  const monthIndex = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(Number(d.slice(8, 10)), daysInMonth(year, month));
  const iso = toIso(year, month, day);
  if (!iso) throw new Error(`addMonths: ${d} + ${n} months leaves the years 1000–9999`);
  return iso;
}

/** The calendar date the user sees on their own clock at instant `now` (browser local time zone). */
export function todayInLocalTime(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new Error('todayInLocalTime: now is an invalid Date');
  const iso = toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (!iso) throw new Error(`todayInLocalTime: year ${now.getFullYear()} is outside 1000–9999`);
  return iso;
}

/**
 * Formats a date for display with Intl in `locale`: `short` is all-numeric with a 4-digit year
 * (`15/11/2026`, `11/15/2026`), `long` spells the month (`15 novembre 2026`). Uses UTC so the day never shifts.
 */
export function formatDate(d: IsoDate, locale: string, style: 'short' | 'long' = 'short'): string {
  assertIsoDate(d, 'formatDate date');
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', dateStyle: 'long' }
      : { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(toUtcMs(d)));
}

// Relative dates as lists and status labels word them, en/fr/de/es (normalized: lowercase, no accents).
const RELATIVE_DAY = /\b(?:(today|aujourd.?hui|heute|hoy)|(tomorrow|demain|morgen|manana)|yesterday|hier|gestern|ayer)\b/;
const RELATIVE_AMOUNT = /(?<![\d.,])(\d{1,4}) ?(?:(days?|jours?|tag(?:e|en)?|dias?)|(weeks?|semaines?|wochen?|semanas?))\b/;
const RELATIVE_PAST = /overdue|\blate\b|\bago\b|retard|echue?s?\b|depuis|il y a|uberfallig|ueberfaellig|\bseit\b|\bvor\b|verspatet|vencid|\bhace\b|atrasad|past due|since/;
const RELATIVE_FUTURE = /\b(?:in|dans|en|within|sous|innerhalb|binnen|vence|due|faellig|fallig|echeance)\b/;

/**
 * The day a relative date text stands for, counted from `today`: "Today", "Tomorrow", "Yesterday", "In 5 days",
 * "5 days ago", "Overdue 12 days", "Overdue by 12 days", "Due in 3 days", "En retard de 4 jours", "Dans 2 semaines",
 * "Überfällig seit 5 Tagen", "Fällig in 3 Tagen", "Vencida hace 12 días", "Vence en 3 días"; a day and month
 * without a year ("15 Nov", "Nov 15") is in today's year. Null when the text says no such thing (or only a number
 * of days without saying whether before or after).
 */
export function relativeDate(text: string, today: IsoDate): IsoDate | null {
  const clean = normalize(text);
  const amount = RELATIVE_AMOUNT.exec(clean);
  let relative: RegExpExecArray | null;
  let days: number;
  if (amount) {
    const n = Number(amount[1]) * (amount[3] ? 7 : 1);
    if (RELATIVE_PAST.test(clean)) days = -n;
    else if (RELATIVE_FUTURE.test(clean)) days = n;
    else return null;
  } else if ((relative = RELATIVE_DAY.exec(clean))) days = relative[1] ? 0 : relative[2] ? 1 : -1;
  // "15 Nov", "Nov 15", "15. Nov.": a date of the current year, written without it.
  else return findNamedMonth(`${clean} ${today.slice(0, 4)}`);
  return addDays(today, days);
}
