// Reference interest rates behind statutory late-payment interest, kept as DATA with effective dates.
// The user can replace the whole table from the options page (validated by RateTableSchema), so every
// calculation takes a RateTables parameter; DEFAULT_RATES is the table shipped with the extension.
//
// Each series says up to which date it is known to be complete (`knownThrough`). A lookup after that date
// carries the last known rate forward but flags it as not confirmed (`confirmed: false`), so callers can warn
// the user: a central bank may have moved since the table was written, yet refusing to compute at all would
// make every current debt impossible to quote. Dates before the first entry still throw MissingRateError.
import { z } from 'zod';
import type { IsoDate } from './types';

/** Identifiers of the rate series a late-payment regime can refer to. */
export const RATE_SERIES = ['ecb-mro', 'de-basiszins', 'boe-base', 'fr-legal-pro', 'fr-legal-other'] as const;
export type RateSeriesId = (typeof RATE_SERIES)[number];

/** One step of a rate series: `ratePercent` applies from `from` (inclusive) until the next entry. */
export interface RateEntry {
  from: IsoDate;
  ratePercent: number;
}

/** Human-readable source of each shipped series (shown next to the table in options). */
export const RATE_SOURCES: Readonly<Record<RateSeriesId, string>> = {
  'ecb-mro':
    'European Central Bank, key ECB interest rates: main refinancing operations, fixed rate (date = date the change took effect).',
  'de-basiszins': 'Deutsche Bundesbank, Basiszinssatz nach § 247 BGB (published for each half-year).',
  'boe-base': 'Bank of England, Official Bank Rate history (date = date of the change).',
  'fr-legal-pro':
    "Arrêtés fixant le taux de l'intérêt légal, « tous les autres cas » (creditor is not a private individual), per half-year since 2015; single annual rate before.",
  'fr-legal-other':
    "Arrêtés fixant le taux de l'intérêt légal, creditor is a natural person not acting for professional needs, per half-year since 2015; single annual rate before.",
};

/**
 * ECB main refinancing operations rate. Source: ECB key interest rates page; entries from 2011-12-14 so that
 * 1 January 2012 is covered. Dates are the day a change took effect: since September 2024 that is the
 * Wednesday after the Governing Council's decision (decision of Thursday 2025-06-05, in force 2025-06-11).
 * 2026: held at 2.15 on 5 February, 19 March and 30 April; raised by 25 basis points to 2.40 (deposit facility
 * 2.25, marginal lending 2.65) by the decision of 11 June 2026, in force from Wednesday 17 June 2026, so 2.40
 * is the rate in force on 1 July 2026. Raised again by 25 basis points to 2.65 (deposit facility 2.50) by the
 * decision of 10 September 2026, in force from Wednesday 16 September 2026: it sets nothing before the reference
 * date of 1 January 2027, whose rate is not known yet (later meetings may change it).
 */
export const ECB_MRO_RATES: readonly RateEntry[] = [
  { from: '2011-12-14', ratePercent: 1.0 },
  { from: '2012-07-11', ratePercent: 0.75 },
  { from: '2013-05-08', ratePercent: 0.5 },
  { from: '2013-11-13', ratePercent: 0.25 },
  { from: '2014-06-11', ratePercent: 0.15 },
  { from: '2014-09-10', ratePercent: 0.05 },
  { from: '2016-03-16', ratePercent: 0.0 },
  { from: '2022-07-27', ratePercent: 0.5 },
  { from: '2022-09-14', ratePercent: 1.25 },
  { from: '2022-11-02', ratePercent: 2.0 },
  { from: '2022-12-21', ratePercent: 2.5 },
  { from: '2023-02-08', ratePercent: 3.0 },
  { from: '2023-03-22', ratePercent: 3.5 },
  { from: '2023-05-10', ratePercent: 3.75 },
  { from: '2023-06-21', ratePercent: 4.0 },
  { from: '2023-08-02', ratePercent: 4.25 },
  { from: '2023-09-20', ratePercent: 4.5 },
  { from: '2024-06-12', ratePercent: 4.25 },
  // From 2024-09-18 the spread between the MRO and the deposit rate narrowed to 15 points.
  { from: '2024-09-18', ratePercent: 3.65 },
  { from: '2024-10-23', ratePercent: 3.4 },
  { from: '2024-12-18', ratePercent: 3.15 },
  { from: '2025-02-05', ratePercent: 2.9 },
  { from: '2025-03-12', ratePercent: 2.65 },
  { from: '2025-04-23', ratePercent: 2.4 },
  { from: '2025-06-11', ratePercent: 2.15 },
  { from: '2026-06-17', ratePercent: 2.4 },
  { from: '2026-09-16', ratePercent: 2.65 },
];

/**
 * German Basiszinssatz (§ 247 BGB), one entry per half-year. Source: Deutsche Bundesbank announcements.
 * It moves on 1 January / 1 July by the change of the ECB MRO rate since its last change, which the unit
 * tests re-check against ECB_MRO_RATES. 1 July 2026: the MRO before that day is 2.40, 0.25 above the 2.15
 * of the last change (1 July 2025), so the Basiszinssatz rises from 1.27 to 1.52 (§ 247 (1) BGB).
 */
export const DE_BASISZINS_RATES: readonly RateEntry[] = [
  { from: '2012-01-01', ratePercent: 0.12 },
  { from: '2012-07-01', ratePercent: 0.12 },
  { from: '2013-01-01', ratePercent: -0.13 },
  { from: '2013-07-01', ratePercent: -0.38 },
  { from: '2014-01-01', ratePercent: -0.63 },
  { from: '2014-07-01', ratePercent: -0.73 },
  { from: '2015-01-01', ratePercent: -0.83 },
  { from: '2015-07-01', ratePercent: -0.83 },
  { from: '2016-01-01', ratePercent: -0.83 },
  { from: '2016-07-01', ratePercent: -0.88 },
  { from: '2017-01-01', ratePercent: -0.88 },
  { from: '2017-07-01', ratePercent: -0.88 },
  { from: '2018-01-01', ratePercent: -0.88 },
  { from: '2018-07-01', ratePercent: -0.88 },
  { from: '2019-01-01', ratePercent: -0.88 },
  { from: '2019-07-01', ratePercent: -0.88 },
  { from: '2020-01-01', ratePercent: -0.88 },
  { from: '2020-07-01', ratePercent: -0.88 },
  { from: '2021-01-01', ratePercent: -0.88 },
  { from: '2021-07-01', ratePercent: -0.88 },
  { from: '2022-01-01', ratePercent: -0.88 },
  { from: '2022-07-01', ratePercent: -0.88 },
  { from: '2023-01-01', ratePercent: 1.62 },
  { from: '2023-07-01', ratePercent: 3.12 },
  { from: '2024-01-01', ratePercent: 3.62 },
  { from: '2024-07-01', ratePercent: 3.37 },
  { from: '2025-01-01', ratePercent: 2.27 },
  { from: '2025-07-01', ratePercent: 1.27 },
  { from: '2026-01-01', ratePercent: 1.27 },
  { from: '2026-07-01', ratePercent: 1.52 },
];

/**
 * Bank of England Official Bank Rate. Source: Bank of England Bank Rate history. Starts with the rate in force
 * on 1 January 2020 (set 2018-08-02). 2026: held at 3.75 by the MPC on 5 February, 19 March, 30 April and
 * 18 June, so 3.75 is the rate on 30 June 2026 (the UK reference rate for the second half of 2026).
 */
export const BOE_BANK_RATES: readonly RateEntry[] = [
  { from: '2018-08-02', ratePercent: 0.75 },
  { from: '2020-03-11', ratePercent: 0.25 },
  { from: '2020-03-19', ratePercent: 0.1 },
  { from: '2021-12-16', ratePercent: 0.25 },
  { from: '2022-02-03', ratePercent: 0.5 },
  { from: '2022-03-17', ratePercent: 0.75 },
  { from: '2022-05-05', ratePercent: 1.0 },
  { from: '2022-06-16', ratePercent: 1.25 },
  { from: '2022-08-04', ratePercent: 1.75 },
  { from: '2022-09-22', ratePercent: 2.25 },
  { from: '2022-11-03', ratePercent: 3.0 },
  { from: '2022-12-15', ratePercent: 3.5 },
  { from: '2023-02-02', ratePercent: 4.0 },
  { from: '2023-03-23', ratePercent: 4.25 },
  { from: '2023-05-11', ratePercent: 4.5 },
  { from: '2023-06-22', ratePercent: 5.0 },
  { from: '2023-08-03', ratePercent: 5.25 },
  { from: '2024-08-01', ratePercent: 5.0 },
  { from: '2024-11-07', ratePercent: 4.75 },
  { from: '2025-02-06', ratePercent: 4.5 },
  { from: '2025-05-08', ratePercent: 4.25 },
  { from: '2025-08-07', ratePercent: 4.0 },
  { from: '2025-12-18', ratePercent: 3.75 },
];

/**
 * French taux de l'intérêt légal, « tous les autres cas » (i.e. the creditor is a professional).
 * Source: half-yearly arrêtés (JO); 2012-2014 had one annual rate for every creditor. Last: arrêté du
 * 15 décembre 2025 (JO du 26 décembre 2025) for the first half of 2026.
 */
export const FR_LEGAL_PRO_RATES: readonly RateEntry[] = [
  { from: '2012-01-01', ratePercent: 0.71 },
  { from: '2013-01-01', ratePercent: 0.04 },
  { from: '2014-01-01', ratePercent: 0.04 },
  { from: '2015-01-01', ratePercent: 0.93 },
  { from: '2015-07-01', ratePercent: 0.99 },
  { from: '2016-01-01', ratePercent: 1.01 },
  { from: '2016-07-01', ratePercent: 0.93 },
  { from: '2017-01-01', ratePercent: 0.9 },
  { from: '2017-07-01', ratePercent: 0.9 },
  { from: '2018-01-01', ratePercent: 0.89 },
  { from: '2018-07-01', ratePercent: 0.88 },
  { from: '2019-01-01', ratePercent: 0.86 },
  { from: '2019-07-01', ratePercent: 0.87 },
  { from: '2020-01-01', ratePercent: 0.87 },
  { from: '2020-07-01', ratePercent: 0.84 },
  { from: '2021-01-01', ratePercent: 0.79 },
  { from: '2021-07-01', ratePercent: 0.76 },
  { from: '2022-01-01', ratePercent: 0.76 },
  { from: '2022-07-01', ratePercent: 0.77 },
  { from: '2023-01-01', ratePercent: 2.06 },
  { from: '2023-07-01', ratePercent: 4.22 },
  { from: '2024-01-01', ratePercent: 5.07 },
  { from: '2024-07-01', ratePercent: 4.92 },
  { from: '2025-01-01', ratePercent: 3.71 },
  { from: '2025-07-01', ratePercent: 2.76 },
  { from: '2026-01-01', ratePercent: 2.62 },
];

/** French taux de l'intérêt légal when the creditor is a private individual. Same sources as above. */
export const FR_LEGAL_OTHER_RATES: readonly RateEntry[] = [
  { from: '2012-01-01', ratePercent: 0.71 },
  { from: '2013-01-01', ratePercent: 0.04 },
  { from: '2014-01-01', ratePercent: 0.04 },
  { from: '2015-01-01', ratePercent: 4.06 },
  { from: '2015-07-01', ratePercent: 4.29 },
  { from: '2016-01-01', ratePercent: 4.54 },
  { from: '2016-07-01', ratePercent: 4.35 },
  { from: '2017-01-01', ratePercent: 4.16 },
  { from: '2017-07-01', ratePercent: 3.94 },
  { from: '2018-01-01', ratePercent: 3.73 },
  { from: '2018-07-01', ratePercent: 3.6 },
  { from: '2019-01-01', ratePercent: 3.4 },
  { from: '2019-07-01', ratePercent: 3.26 },
  { from: '2020-01-01', ratePercent: 3.15 },
  { from: '2020-07-01', ratePercent: 3.11 },
  { from: '2021-01-01', ratePercent: 3.14 },
  { from: '2021-07-01', ratePercent: 3.12 },
  { from: '2022-01-01', ratePercent: 3.13 },
  { from: '2022-07-01', ratePercent: 3.15 },
  { from: '2023-01-01', ratePercent: 4.47 },
  { from: '2023-07-01', ratePercent: 6.82 },
  { from: '2024-01-01', ratePercent: 8.01 },
  { from: '2024-07-01', ratePercent: 8.16 },
  { from: '2025-01-01', ratePercent: 7.21 },
  { from: '2025-07-01', ratePercent: 6.65 },
  { from: '2026-01-01', ratePercent: 6.67 },
];

const isoDateSchema = z.iso.date();

export const RateEntrySchema = z.object({
  from: isoDateSchema,
  ratePercent: z
    .number()
    .finite()
    .min(-100)
    .max(100)
    // Calculations work in 1/10,000 of a percent; more decimals would be silently dropped.
    .refine((value) => Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6, 'at most 4 decimals'),
});

/** A series: its steps in ascending `from` order and the last date for which it is known to be complete. */
export const RateSeriesSchema = z
  .object({
    knownThrough: isoDateSchema,
    entries: z.array(RateEntrySchema).min(1),
  })
  .superRefine((series, ctx) => {
    series.entries.forEach((entry, index) => {
      const previous = series.entries[index - 1];
      if (previous && entry.from <= previous.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'from'],
          message: `entries must be in strictly ascending date order: ${entry.from} comes after ${previous.from}`,
        });
      }
    });
    const last = series.entries[series.entries.length - 1];
    if (last && series.knownThrough < last.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['knownThrough'],
        message: `knownThrough (${series.knownThrough}) is before the last entry (${last.from})`,
      });
    }
  });

/** The full rate table, one series per RateSeriesId. Validates a table the user edits in options. */
export const RateTableSchema = z.object({
  'ecb-mro': RateSeriesSchema,
  'de-basiszins': RateSeriesSchema,
  'boe-base': RateSeriesSchema,
  'fr-legal-pro': RateSeriesSchema,
  'fr-legal-other': RateSeriesSchema,
});
export type RateSeries = z.infer<typeof RateSeriesSchema>;
export type RateTables = z.infer<typeof RateTableSchema>;

/**
 * The table shipped with the extension. `knownThrough` is the last date for which the rate in force was
 * checked against the publisher: any later reference date gets the last known rate, flagged as not confirmed,
 * until the table is updated (options page or a release).
 * - ecb-mro: last decision checked 10 September 2026 (2.65 from 16 September); known through that day. The
 *   decisions of October and December 2026 were not in the sources checked, so 1 January 2027 is unconfirmed.
 * - boe-base: last decision checked 18 June 2026 (held at 3.75); known through 30 June 2026, the UK reference
 *   date of the second half of 2026. Later decisions (from 30 July 2026) were not in the sources checked.
 * - de-basiszins: fixed for the whole second half of 2026 (1.52 from 1 July), so known through 2026-12-31.
 * - fr-legal-*: the arrêté for the second half of 2026 was not found in the sources checked, so these stay
 *   known through 2026-06-30 and later dates carry the first-half rates forward with a warning.
 */
export const DEFAULT_RATES: RateTables = {
  'ecb-mro': { knownThrough: '2026-09-16', entries: [...ECB_MRO_RATES] },
  'de-basiszins': { knownThrough: '2026-12-31', entries: [...DE_BASISZINS_RATES] },
  'boe-base': { knownThrough: '2026-06-30', entries: [...BOE_BANK_RATES] },
  'fr-legal-pro': { knownThrough: '2026-06-30', entries: [...FR_LEGAL_PRO_RATES] },
  'fr-legal-other': { knownThrough: '2026-06-30', entries: [...FR_LEGAL_OTHER_RATES] },
};
export default DEFAULT_RATES;

/** Thrown when a rate table has no rate for a series on a date; names both so the user knows what to update. */
export class MissingRateError extends Error {
  override readonly name = 'MissingRateError';
  constructor(
    readonly series: RateSeriesId,
    readonly date: IsoDate,
    reason: string,
  ) {
    super(`No '${series}' rate for ${date}: ${reason}. Update the rate table in the options.`);
  }
}

/** A rate looked up for a date, and whether the table vouches for it on that date. */
export interface RateInForce extends RateEntry {
  /** False when `date` is after the series' `knownThrough`: the last known rate is carried forward unconfirmed. */
  confirmed: boolean;
  /** The series' `knownThrough`, for telling the user how old the table is. */
  knownThrough: IsoDate;
}

/**
 * The entry of `series` in force on `date` (the last entry whose `from` is on or before it). After the series'
 * `knownThrough` the last entry is returned with `confirmed: false`; callers must tell the user.
 * @throws MissingRateError when the table has no such series or `date` is before its first entry.
 */
export function rateInForce(rates: RateTables, series: RateSeriesId, date: IsoDate): RateInForce {
  const table = rates[series];
  if (!table) throw new MissingRateError(series, date, 'the rate table has no such series');
  let found: RateEntry | undefined;
  // ISO dates compare correctly as strings; entries are ascending (enforced by RateSeriesSchema).
  for (const entry of table.entries) {
    if (entry.from <= date) found = entry;
    else break;
  }
  if (!found) {
    throw new MissingRateError(series, date, `the table starts on ${table.entries[0]?.from ?? '(no entries)'}`);
  }
  return { from: found.from, ratePercent: found.ratePercent, confirmed: date <= table.knownThrough, knownThrough: table.knownThrough };
}
