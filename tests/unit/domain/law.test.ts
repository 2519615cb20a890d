import { describe, expect, it } from 'vitest';
import {
  computeLatePaymentCharges,
  CREDITOR_COUNTRIES,
  explainBreakdown,
  explainNote,
  indemnityFor,
  legalRateFor,
  LatePaymentInputError,
  type CreditorCountry,
  type DebtorKind,
  type LatePaymentInput,
} from '../../../utils/domain/law';
import DEFAULT_RATES_DEFAULT_EXPORT, {
  DEFAULT_RATES,
  MissingRateError,
  RateTableSchema,
  rateInForce,
  type RateTables,
} from '../../../utils/domain/rates';

const eur = (amount: number) => ({ amountMinor: Math.round(amount * 100), currency: 'EUR' });
const gbp = (amount: number) => ({ amountMinor: Math.round(amount * 100), currency: 'GBP' });
/** Intl puts no-break spaces in French numbers and before %; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// Expected amounts below were worked out by hand (principal × rate × days / 365, exact sum, rounded once),
// independently of the code under test.
describe('computeLatePaymentCharges: statutory interest and indemnity', () => {
  it.each<{
    name: string;
    input: LatePaymentInput;
    lines: Array<[from: string, to: string, days: number, ratePercent: number]>;
    interest: number;
    indemnity: number;
  }>([
    {
      name: 'FR B2B vector 1: one half-year, ECB 2.15 on 1 Jan 2026 + 10',
      input: { principal: eur(12_000), dueDate: '2026-03-31', asOf: '2026-06-15', country: 'FR', debtor: 'business' },
      lines: [['2026-04-01', '2026-06-15', 76, 12.15]],
      interest: 303.58,
      indemnity: 40,
    },
    {
      name: 'FR B2B vector 2: split at 1 July 2025 (3.15 then 2.15, + 10)',
      input: { principal: eur(5_000), dueDate: '2025-05-15', asOf: '2025-09-30', country: 'FR', debtor: 'business' },
      lines: [
        ['2025-05-16', '2025-06-30', 46, 13.15],
        ['2025-07-01', '2025-09-30', 92, 12.15],
      ],
      interest: 235.99,
      indemnity: 40,
    },
    {
      name: 'FR B2B crossing two half-year boundaries (1 Jan and 1 Jul 2025)',
      input: { principal: eur(10_000), dueDate: '2024-11-30', asOf: '2025-07-31', country: 'FR', debtor: 'business' },
      lines: [
        ['2024-12-01', '2024-12-31', 31, 14.25],
        ['2025-01-01', '2025-06-30', 181, 13.15],
        ['2025-07-01', '2025-07-31', 31, 12.15],
      ],
      interest: 876.32,
      indemnity: 40,
    },
    {
      name: 'FR B2B, indemnity per invoice (3 invoices)',
      input: {
        principal: eur(12_000),
        dueDate: '2026-03-31',
        asOf: '2026-06-15',
        country: 'FR',
        debtor: 'business',
        invoiceCount: 3,
      },
      lines: [['2026-04-01', '2026-06-15', 76, 12.15]],
      interest: 303.58,
      indemnity: 120,
    },
    {
      name: 'FR B2B one day late: indemnity from the first day',
      input: { principal: eur(12_000), dueDate: '2026-03-31', asOf: '2026-04-01', country: 'FR', debtor: 'business' },
      lines: [['2026-04-01', '2026-04-01', 1, 12.15]],
      interest: 3.99,
      indemnity: 40,
    },
    {
      name: 'DE B2B: Basiszinssatz 2.27 then 1.27, + 9',
      input: { principal: eur(10_000), dueDate: '2025-05-31', asOf: '2025-08-31', country: 'DE', debtor: 'business' },
      lines: [
        ['2025-06-01', '2025-06-30', 30, 11.27],
        ['2025-07-01', '2025-08-31', 62, 10.27],
      ],
      interest: 267.08,
      indemnity: 40,
    },
    {
      name: 'DE B2C: + 5 points, no indemnity',
      input: { principal: eur(10_000), dueDate: '2025-05-31', asOf: '2025-08-31', country: 'DE', debtor: 'consumer' },
      lines: [
        ['2025-06-01', '2025-06-30', 30, 7.27],
        ['2025-07-01', '2025-08-31', 62, 6.27],
      ],
      interest: 166.26,
      indemnity: 0,
    },
    {
      name: 'GB: Bank Rate on 31 Dec 2025 (3.75) + 8, fixed sum 70 GBP',
      input: { principal: gbp(5_000), dueDate: '2025-12-31', asOf: '2026-01-31', country: 'GB', debtor: 'business' },
      lines: [['2026-01-01', '2026-01-31', 31, 11.75]],
      interest: 49.9,
      indemnity: 70,
    },
    {
      name: 'GB: reference rates of 31 Dec 2024 (4.75) and 30 Jun 2025 (4.25)',
      input: { principal: gbp(5_000), dueDate: '2025-06-15', asOf: '2025-07-15', country: 'GB', debtor: 'business' },
      lines: [
        ['2025-06-16', '2025-06-30', 15, 12.75],
        ['2025-07-01', '2025-07-15', 15, 12.25],
      ],
      interest: 51.37,
      indemnity: 70,
    },
    {
      name: 'BE: ECB 2.15 + 8 = 10.15, rounded up to 10.50',
      input: { principal: eur(10_000), dueDate: '2025-06-30', asOf: '2025-07-30', country: 'BE', debtor: 'business' },
      lines: [['2025-07-01', '2025-07-30', 30, 10.5]],
      interest: 86.3,
      indemnity: 40,
    },
    ...(['ES', 'IT', 'NL', 'EU'] as const).map((country) => ({
      name: `${country}: ECB 2.15 on 1 Jul 2025 + 8`,
      input: { principal: eur(10_000), dueDate: '2025-06-30', asOf: '2025-07-30', country, debtor: 'business' as const },
      lines: [['2025-07-01', '2025-07-30', 30, 10.15] as [string, string, number, number]],
      interest: 83.42,
      indemnity: 40,
    })),
  ])('$name', ({ input, lines, interest, indemnity }) => {
    const b = computeLatePaymentCharges(input);
    expect(b.lines.map((l) => [l.from, l.to, l.days, l.ratePercent])).toEqual(lines);
    expect(b.interest).toEqual({ amountMinor: Math.round(interest * 100), currency: input.principal.currency });
    expect(b.indemnity).toEqual({ amountMinor: Math.round(indemnity * 100), currency: input.principal.currency });
    expect(b.total.amountMinor).toBe(Math.round((interest + indemnity) * 100));
    expect(b.warnings).toEqual([]);
  });

  it('vector 1 totals 343.58 EUR and explains its rate', () => {
    const b = computeLatePaymentCharges({
      principal: eur(12_000),
      dueDate: '2026-03-31',
      asOf: '2026-06-15',
      country: 'FR',
      debtor: 'business',
    });
    expect(b.total).toEqual({ amountMinor: 34_358, currency: 'EUR' });
    expect(b.lines[0]?.basis).toBe('ECB 2.15 % on 2026-01-01 + 10 points');
    expect(b.legalBasis).toEqual({
      fr: 'articles L441-10 et D441-5 du Code de commerce',
      en: 'Articles L441-10 and D441-5 of the French Commercial Code',
    });
  });

  it('vector 2 rounds once: 235.99, although the lines rounded one by one would give 235.98', () => {
    const b = computeLatePaymentCharges({
      principal: eur(5_000),
      dueDate: '2025-05-15',
      asOf: '2025-09-30',
      country: 'FR',
      debtor: 'business',
    });
    expect(b.lines.map((l) => l.interestExact)).toEqual([expect.closeTo(8286.3014, 3), expect.closeTo(15312.3288, 3)]);
    expect(b.lines.reduce((sum, l) => sum + Math.round(l.interestExact), 0)).toBe(23_598);
    expect(b.interest.amountMinor).toBe(23_599);
    expect(b.total.amountMinor).toBe(27_599);
    expect(b.lines.map((l) => l.basis)).toEqual([
      'ECB 3.15 % on 2025-01-01 + 10 points',
      'ECB 2.15 % on 2025-07-01 + 10 points',
    ]);
  });
});

describe('not overdue', () => {
  it.each([
    ['as of before the due date', '2026-03-30'],
    ['as of on the due date', '2026-03-31'],
  ])('%s: nothing owed, no warning, an explanatory note', (_name, asOf) => {
    const b = computeLatePaymentCharges({
      principal: eur(12_000),
      dueDate: '2026-03-31',
      asOf,
      country: 'FR',
      debtor: 'business',
    });
    expect(b.lines).toEqual([]);
    expect(b.total.amountMinor).toBe(0);
    expect(b.indemnity.amountMinor).toBe(0);
    expect(b.warnings).toEqual([]);
    expect(b.notes).toEqual([{ code: 'not-overdue', severity: 'info', dueDate: '2026-03-31', asOf }]);
  });
});

describe('French consumer debtor: legal interest rate from the formal notice, no indemnity', () => {
  const base = {
    principal: eur(2_000),
    dueDate: '2026-03-31',
    asOf: '2026-06-15',
    country: 'FR' as const,
    debtor: 'consumer' as const,
  };

  it('with a formal notice: interest from the day after the notice at 2.62 %', () => {
    const b = computeLatePaymentCharges({ ...base, formalNoticeDate: '2026-04-15' });
    expect(b.lines.map((l) => [l.from, l.to, l.days, l.ratePercent])).toEqual([['2026-04-16', '2026-06-15', 61, 2.62]]);
    expect(b.lines[0]?.basis).toBe('French legal interest rate (professional creditors) 2.62 % on 2026-01-01');
    expect(b.interest.amountMinor).toBe(876);
    expect(b.indemnity.amountMinor).toBe(0);
    expect(b.total.amountMinor).toBe(876);
    expect(b.legalBasis.fr).toBe('article 1231-6 du Code civil et article L313-2 du Code monétaire et financier');
  });

  it('a notice sent before the due date does not start interest before the due date', () => {
    const b = computeLatePaymentCharges({ ...base, formalNoticeDate: '2026-03-01' });
    expect(b.lines[0]?.from).toBe('2026-04-01');
    expect(b.lines[0]?.days).toBe(76);
  });

  it('without a formal notice: no interest, and a warning says why', () => {
    const b = computeLatePaymentCharges(base);
    expect(b.lines).toEqual([]);
    expect(b.total.amountMinor).toBe(0);
    expect(b.notes.map((n) => n.code)).toEqual(['formal-notice-missing']);
    expect(b.warnings).toHaveLength(1);
    expect(b.warnings[0]).toMatch(/formal notice/);
  });

  it('notice on the as-of date: nothing accrued yet', () => {
    const b = computeLatePaymentCharges({ ...base, formalNoticeDate: '2026-06-15' });
    expect(b.total.amountMinor).toBe(0);
    expect(b.notes.map((n) => n.code)).toEqual(['formal-notice-after-as-of']);
  });
});

describe('consumer debtors outside FR and DE are not covered by the B2B regimes', () => {
  it.each<[CreditorCountry, number, string]>([
    ['GB', 500_000, 'GBP'],
    ['ES', 500_000, 'EUR'],
    ['NL', 500_000, 'EUR'],
  ])('%s: zero with a warning', (country, amountMinor, currency) => {
    const b = computeLatePaymentCharges({
      principal: { amountMinor, currency },
      dueDate: '2025-05-31',
      asOf: '2025-08-31',
      country,
      debtor: 'consumer',
    });
    expect(b.total.amountMinor).toBe(0);
    expect(b.notes).toEqual([{ code: 'debtor-not-covered', severity: 'warning', country }]);
    expect(b.warnings[0]).toMatch(/business debtors only/);
  });
});

describe('contractual rate', () => {
  const vector1 = {
    principal: eur(12_000),
    dueDate: '2026-03-31',
    asOf: '2026-06-15',
    country: 'FR' as const,
    debtor: 'business' as const,
  };

  it.each([
    { name: 'FR above the floor (15 % ≥ 3 × 2.62 %): applied as agreed', rate: 15, applied: 15, interest: 37_479, warns: false },
    { name: 'FR exactly at the floor (7.86 %): applied, no warning', rate: 7.86, applied: 7.86, interest: 19_639, warns: false },
    { name: 'FR below the floor (5 % < 7.86 %): the floor applies, with a warning', rate: 5, applied: 7.86, interest: 19_639, warns: true },
  ])('$name', ({ rate, applied, interest, warns }) => {
    const b = computeLatePaymentCharges({ ...vector1, contractualRatePercent: rate });
    expect(b.lines.map((l) => l.ratePercent)).toEqual([applied]);
    expect(b.interest.amountMinor).toBe(interest);
    expect(b.indemnity.amountMinor).toBe(4000);
    expect(b.warnings).toHaveLength(warns ? 1 : 0);
    if (warns) {
      expect(b.notes).toEqual([
        {
          code: 'contractual-below-floor',
          severity: 'warning',
          halfYearStart: '2026-01-01',
          contractualRatePercent: 5,
          legalRatePercent: 2.62,
          floorRatePercent: 7.86,
        },
      ]);
      expect(b.lines[0]?.rate.kind).toBe('contractual-floor');
    }
  });

  it('FR: the floor follows each half-year (3 × 3.71 then 3 × 2.76)', () => {
    const b = computeLatePaymentCharges({
      principal: eur(5_000),
      dueDate: '2025-05-15',
      asOf: '2025-09-30',
      country: 'FR',
      debtor: 'business',
      contractualRatePercent: 9,
    });
    // 9 % is under 11.13 % in the first half of 2025, above 8.28 % in the second.
    expect(b.lines.map((l) => [l.ratePercent, l.rate.kind])).toEqual([
      [11.13, 'contractual-floor'],
      [9, 'contractual'],
    ]);
    expect(b.warnings).toHaveLength(1);
  });

  it('FR consumer below the legal rate: applied as agreed, no business-law warning', () => {
    // 16 Apr to 15 Jun 2026 = 61 days; 2,000 × 1 % × 61 / 365 = 1,220 / 365 = 3.342.
    const b = computeLatePaymentCharges({
      principal: eur(2_000),
      dueDate: '2026-03-31',
      asOf: '2026-06-15',
      country: 'FR',
      debtor: 'consumer',
      formalNoticeDate: '2026-04-15',
      contractualRatePercent: 1,
    });
    expect(b.lines.map((l) => [l.days, l.ratePercent, l.rate.kind])).toEqual([[61, 1, 'contractual']]);
    expect(b.interest.amountMinor).toBe(334);
    expect(b.notes).toEqual([]);
  });

  it('DE below the statutory rate: applied as agreed, with a warning per half-year', () => {
    const b = computeLatePaymentCharges({
      principal: eur(10_000),
      dueDate: '2025-05-31',
      asOf: '2025-08-31',
      country: 'DE',
      debtor: 'business',
      contractualRatePercent: 5,
    });
    expect(b.lines.map((l) => l.ratePercent)).toEqual([5, 5]);
    expect(b.interest.amountMinor).toBe(12_603);
    expect(b.notes.map((n) => n.code)).toEqual(['contractual-below-statutory', 'contractual-below-statutory']);
  });
});

describe('indemnityFor', () => {
  it.each<[string, CreditorCountry, DebtorKind, { amountMinor: number; currency: string }, number]>([
    ['GB debt of 999.99 GBP', 'GB', 'business', gbp(999.99), 4000],
    ['GB debt of 1,000 GBP', 'GB', 'business', gbp(1000), 7000],
    ['GB debt of 9,999.99 GBP', 'GB', 'business', gbp(9999.99), 7000],
    ['GB debt of 10,000 GBP', 'GB', 'business', gbp(10_000), 10_000],
    ['FR business', 'FR', 'business', eur(100), 4000],
    ['FR consumer', 'FR', 'consumer', eur(100), 0],
    ['DE business', 'DE', 'business', eur(100_000), 4000],
    ['DE consumer', 'DE', 'consumer', eur(100_000), 0],
    ['IT business', 'IT', 'business', eur(1), 4000],
  ])('%s', (_name, country, debtor, principal, expected) => {
    expect(indemnityFor(country, debtor, principal)).toEqual({ amountMinor: expected, currency: principal.currency });
  });

  it.each<[CreditorCountry, { amountMinor: number; currency: string }]>([
    ['GB', eur(500)],
    ['FR', gbp(500)],
  ])('%s with a principal in the wrong currency is refused', (country, principal) => {
    expect(() => indemnityFor(country, 'business', principal)).toThrow(/principal\.currency/);
  });
});

describe('legalRateFor', () => {
  it.each<[CreditorCountry, DebtorKind, string, number, string]>([
    ['FR', 'business', '2025-03-01', 13.15, 'ECB 3.15 % on 2025-01-01 + 10 points'],
    ['FR', 'business', '2025-12-31', 12.15, 'ECB 2.15 % on 2025-07-01 + 10 points'],
    ['FR', 'consumer', '2025-08-01', 2.76, 'French legal interest rate (professional creditors) 2.76 % on 2025-07-01'],
    ['DE', 'business', '2024-02-01', 12.62, 'Basiszinssatz 3.62 % on 2024-01-01 + 9 points'],
    ['DE', 'consumer', '2024-02-01', 8.62, 'Basiszinssatz 3.62 % on 2024-01-01 + 5 points'],
    ['DE', 'business', '2020-06-30', 8.12, 'Basiszinssatz -0.88 % on 2020-01-01 + 9 points'],
    ['GB', 'business', '2026-03-01', 11.75, 'Bank of England Bank Rate 3.75 % on 2025-12-31 + 8 points'],
    ['ES', 'business', '2024-07-01', 12.25, 'ECB 4.25 % on 2024-07-01 + 8 points'],
    ['BE', 'business', '2024-07-01', 12.5, 'ECB 4.25 % on 2024-07-01 + 8 points, rounded up to the next half point'],
    ['BE', 'business', '2021-01-01', 8, 'ECB 0.00 % on 2021-01-01 + 8 points'],
  ])('%s %s on %s: %f %%', (country, debtor, date, ratePercent, basis) => {
    expect(legalRateFor(country, debtor, date)).toMatchObject({ ratePercent, basis });
  });

  it('GB consumer debts are outside the Act', () => {
    expect(() => legalRateFor('GB', 'consumer', '2025-03-01')).toThrow(LatePaymentInputError);
  });
});

// Second half of 2026, with the rates now in the shipped table: ECB 2.40 in force on 1 July 2026 (raised on
// 11 June, in force 17 June), Basiszinssatz 1.52 from 1 July 2026, Bank Rate 3.75 on 30 June 2026.
// Amounts worked out by hand as above.
describe('second half of 2026: the rates in force on 1 July / 30 June 2026', () => {
  it.each<{
    name: string;
    input: LatePaymentInput;
    lines: Array<[from: string, to: string, days: number, ratePercent: number]>;
    interest: number;
    indemnity: number;
  }>([
    {
      // 10,000 × 12.15 % × 10 / 365 = 3.3288 and 10,000 × 12.40 % × 32 / 365 = 108.7123;
      // together (12,150 + 39,680) / 365 = 51,830 / 365 = 142.0000 exactly.
      name: 'FR B2B across 1 Jul 2026: ECB 2.15 then 2.40, + 10',
      input: { principal: eur(10_000), dueDate: '2026-06-20', asOf: '2026-08-01', country: 'FR', debtor: 'business' },
      lines: [
        ['2026-06-21', '2026-06-30', 10, 12.15],
        ['2026-07-01', '2026-08-01', 32, 12.4],
      ],
      interest: 142,
      indemnity: 40,
    },
    {
      // 1 Oct to 1 Dec 2026 = 31 + 30 + 1 = 62 days; 12,000 × 12.40 % × 62 / 365 = 92,256 / 365 = 252.756.
      name: 'FR B2B as of today (2026-12-01)',
      input: { principal: eur(12_000), dueDate: '2026-09-30', asOf: '2026-12-01', country: 'FR', debtor: 'business' },
      lines: [['2026-10-01', '2026-12-01', 62, 12.4]],
      interest: 252.76,
      indemnity: 40,
    },
    {
      // 10,000 × 10.52 % × 30 / 365 = 31,560 / 365 = 86.466.
      name: 'DE B2B: Basiszinssatz 1.52 from 1 Jul 2026, + 9',
      input: { principal: eur(10_000), dueDate: '2026-06-30', asOf: '2026-07-30', country: 'DE', debtor: 'business' },
      lines: [['2026-07-01', '2026-07-30', 30, 10.52]],
      interest: 86.47,
      indemnity: 40,
    },
    {
      // 10,000 × 6.52 % × 30 / 365 = 19,560 / 365 = 53.589.
      name: 'DE B2C: Basiszinssatz 1.52 + 5, no indemnity',
      input: { principal: eur(10_000), dueDate: '2026-06-30', asOf: '2026-07-30', country: 'DE', debtor: 'consumer' },
      lines: [['2026-07-01', '2026-07-30', 30, 6.52]],
      interest: 53.59,
      indemnity: 0,
    },
    {
      // 5,000 × 11.75 % × 30 / 365 = 17,625 / 365 = 48.288; debt from 1,000 to under 10,000 GBP: 70 GBP.
      name: 'GB: Bank Rate on 30 Jun 2026 (3.75) + 8',
      input: { principal: gbp(5_000), dueDate: '2026-06-30', asOf: '2026-07-30', country: 'GB', debtor: 'business' },
      lines: [['2026-07-01', '2026-07-30', 30, 11.75]],
      interest: 48.29,
      indemnity: 70,
    },
    {
      // 2.40 + 8 = 10.40, rounded up to 10.50; 10,000 × 10.50 % × 30 / 365 = 31,500 / 365 = 86.301.
      name: 'BE: ECB 2.40 + 8 = 10.40, rounded up to 10.50',
      input: { principal: eur(10_000), dueDate: '2026-06-30', asOf: '2026-07-30', country: 'BE', debtor: 'business' },
      lines: [['2026-07-01', '2026-07-30', 30, 10.5]],
      interest: 86.3,
      indemnity: 40,
    },
    // 10,000 × 10.40 % × 30 / 365 = 31,200 / 365 = 85.479.
    ...(['ES', 'IT', 'NL', 'EU'] as const).map((country) => ({
      name: `${country}: ECB 2.40 on 1 Jul 2026 + 8`,
      input: { principal: eur(10_000), dueDate: '2026-06-30', asOf: '2026-07-30', country, debtor: 'business' as const },
      lines: [['2026-07-01', '2026-07-30', 30, 10.4] as [string, string, number, number]],
      interest: 85.48,
      indemnity: 40,
    })),
  ])('$name', ({ input, lines, interest, indemnity }) => {
    const b = computeLatePaymentCharges(input);
    expect(b.lines.map((l) => [l.from, l.to, l.days, l.ratePercent])).toEqual(lines);
    expect(b.interest.amountMinor).toBe(Math.round(interest * 100));
    expect(b.indemnity.amountMinor).toBe(Math.round(indemnity * 100));
    // Every rate used is vouched for by the table: no warning.
    expect(b.warnings).toEqual([]);
  });

  it('the first line reads the ECB rate of 1 July 2026', () => {
    const b = computeLatePaymentCharges({ principal: eur(10_000), dueDate: '2026-06-30', asOf: '2026-07-30', country: 'FR', debtor: 'business' });
    expect(b.lines[0]?.basis).toBe('ECB 2.40 % on 2026-07-01 + 10 points');
  });
});

// The shipped table is only known through 2026-07-01 (ECB), 2026-06-30 (Bank Rate, French legal rates) and
// 2026-12-31 (Basiszinssatz): later reference dates use the last known rate and must say so.
describe('rates after the table is known: last known rate, with a warning', () => {
  it.each<{
    name: string;
    input: LatePaymentInput;
    lines: Array<[from: string, to: string, days: number, ratePercent: number, confirmed: boolean]>;
    interest: number;
    unconfirmed: Array<[series: string, referenceDate: string, knownThrough: string, ratePercent: number]>;
    otherNotes?: string[];
  }>([
    {
      // 11 days at 12.40 (confirmed) + 32 days at 12.65 (ECB 2.65 of 16 Sep 2026 carried forward to 1 Jan 2027):
      // 10,000 × (12.40 % × 11 + 12.65 % × 32) / 365 = (13,640 + 40,480) / 365 = 54,120 / 365 = 148.274.
      name: 'FR B2B across 1 Jan 2027: 2nd half 2026 confirmed, ECB of 1 Jan 2027 carried forward',
      input: { principal: eur(10_000), dueDate: '2026-12-20', asOf: '2027-02-01', country: 'FR', debtor: 'business' },
      lines: [
        ['2026-12-21', '2026-12-31', 11, 12.4, true],
        ['2027-01-01', '2027-02-01', 32, 12.65, false],
      ],
      interest: 148.27,
      unconfirmed: [['ecb-mro', '2027-01-01', '2026-09-16', 2.65]],
    },
    {
      // 184 days at 12.40 + 31 days at 12.65: (228,160 + 39,215) / 365 = 267,375 / 365 = 732.534.
      name: 'FR B2B over the 2nd half of 2026 and January 2027: one warning, for 1 Jan 2027 only',
      input: { principal: eur(10_000), dueDate: '2026-06-30', asOf: '2027-01-31', country: 'FR', debtor: 'business' },
      lines: [
        ['2026-07-01', '2026-12-31', 184, 12.4, true],
        ['2027-01-01', '2027-01-31', 31, 12.65, false],
      ],
      interest: 732.53,
      unconfirmed: [['ecb-mro', '2027-01-01', '2026-09-16', 2.65]],
    },
    {
      // 10,000 × 10.52 % × 30 / 365 = 86.466.
      name: 'DE B2B: Basiszinssatz of 1 Jan 2027 carried forward (1.52 + 9)',
      input: { principal: eur(10_000), dueDate: '2026-12-31', asOf: '2027-01-30', country: 'DE', debtor: 'business' },
      lines: [['2027-01-01', '2027-01-30', 30, 10.52, false]],
      interest: 86.47,
      unconfirmed: [['de-basiszins', '2027-01-01', '2026-12-31', 1.52]],
    },
    {
      // 5,000 × 11.75 % × 30 / 365 = 48.288.
      name: 'GB: Bank Rate of 31 Dec 2026 carried forward (3.75 + 8)',
      input: { principal: gbp(5_000), dueDate: '2026-12-31', asOf: '2027-01-30', country: 'GB', debtor: 'business' },
      lines: [['2027-01-01', '2027-01-30', 30, 11.75, false]],
      interest: 48.29,
      unconfirmed: [['boe-base', '2026-12-31', '2026-06-30', 3.75]],
    },
    {
      // 16 Jul to 14 Aug = 30 days; 2,000 × 2.62 % × 30 / 365 = 1,572 / 365 = 4.307.
      name: 'FR consumer: legal interest rate of 1 Jul 2026 carried forward (2.62)',
      input: {
        principal: eur(2_000),
        dueDate: '2026-06-30',
        asOf: '2026-08-14',
        country: 'FR',
        debtor: 'consumer',
        formalNoticeDate: '2026-07-15',
      },
      lines: [['2026-07-16', '2026-08-14', 30, 2.62, false]],
      interest: 4.31,
      unconfirmed: [['fr-legal-pro', '2026-07-01', '2026-06-30', 2.62]],
    },
    {
      // Floor 3 × 2.62 = 7.86; 12,000 × 7.86 % × 30 / 365 = 28,296 / 365 = 77.523.
      name: 'FR contractual floor on an unconfirmed legal rate (3 × 2.62)',
      input: {
        principal: eur(12_000),
        dueDate: '2026-06-30',
        asOf: '2026-07-30',
        country: 'FR',
        debtor: 'business',
        contractualRatePercent: 5,
      },
      lines: [['2026-07-01', '2026-07-30', 30, 7.86, false]],
      interest: 77.52,
      unconfirmed: [['fr-legal-pro', '2026-07-01', '2026-06-30', 2.62]],
      otherNotes: ['contractual-below-floor'],
    },
  ])('$name', ({ input, lines, interest, unconfirmed, otherNotes = [] }) => {
    const b = computeLatePaymentCharges(input);
    expect(
      b.lines.map((l) => [l.from, l.to, l.days, l.ratePercent, l.rate.kind === 'contractual' ? true : l.rate.confirmed]),
    ).toEqual(lines);
    expect(b.interest.amountMinor).toBe(Math.round(interest * 100));
    expect(b.notes.filter((n) => n.code === 'rate-not-confirmed')).toEqual(
      unconfirmed.map(([series, referenceDate, knownThrough, ratePercent]) => ({
        code: 'rate-not-confirmed',
        severity: 'warning',
        series,
        referenceDate,
        knownThrough,
        ratePercent,
      })),
    );
    expect(b.notes.filter((n) => n.code !== 'rate-not-confirmed').map((n) => n.code)).toEqual(otherNotes);
    // Never silent: every carried-forward rate is among the warnings.
    expect(b.warnings.filter((w) => /not confirmed/.test(w))).toHaveLength(unconfirmed.length);
  });

  it.each<['fr' | 'en', string[]]>([
    [
      'fr',
      [
        'Du 21/12/2026 au 31/12/2026 : 11 jours à 12,40 % = 37,37 € (taux BCE de 2,40 % au 01/07/2026 + 10 points)',
        'Du 01/01/2027 au 01/02/2027 : 32 jours à 12,65 % = 110,90 € (taux BCE de 2,65 % au 01/01/2027 + 10 points, non confirmé)',
        'Intérêts de retard : 148,27 € (somme exacte des périodes, arrondie une seule fois au centime)',
        'Indemnité forfaitaire pour frais de recouvrement : 40,00 €',
        'Total dû en plus du principal : 188,27 €',
        'Taux BCE au 01/01/2027 non confirmé : dernier taux connu 2,65 % appliqué ; mettez à jour la table des taux dans les options.',
        'Fondement : articles L441-10 et D441-5 du Code de commerce',
      ],
    ],
    [
      'en',
      [
        'From 21 Dec 2026 to 31 Dec 2026: 11 days at 12.40% = €37.37 (ECB 2.40% on 1 Jul 2026 + 10 points)',
        'From 1 Jan 2027 to 1 Feb 2027: 32 days at 12.65% = €110.90 (ECB 2.65% on 1 Jan 2027 + 10 points, not confirmed)',
        'Late-payment interest: €148.27 (exact sum of the periods, rounded once to the cent)',
        'Fixed compensation for recovery costs: €40.00',
        'Total due on top of the principal: €188.27',
        'ECB rate on 1 Jan 2027 not confirmed: last known rate 2.65% applied; update the rate table in the options.',
        'Legal basis: Articles L441-10 and D441-5 of the French Commercial Code',
      ],
    ],
  ])('explained in %s, the carried-forward rate flagged on its line and in a note', (locale, expected) => {
    const b = computeLatePaymentCharges({
      principal: eur(10_000),
      dueDate: '2026-12-20',
      asOf: '2027-02-01',
      country: 'FR',
      debtor: 'business',
    });
    expect(explainBreakdown(b, locale).map(plain)).toEqual(expected);
  });

  it.each<[string, DebtorKind, string, 'fr' | 'en', string]>([
    [
      'DE',
      'business',
      '2027-03-01',
      'fr',
      'Taux de base allemand (Basiszinssatz) au 01/01/2027 non confirmé : dernier taux connu 1,52 % appliqué ; mettez à jour la table des taux dans les options.',
    ],
    [
      'GB',
      'business',
      '2027-03-01',
      'en',
      'Bank of England Bank Rate on 31 Dec 2026 not confirmed: last known rate 3.75% applied; update the rate table in the options.',
    ],
  ])('legalRateFor %s %s on %s returns the note, explained in %s', (country, debtor, date, locale, sentence) => {
    const rate = legalRateFor(country as CreditorCountry, debtor, date);
    expect(rate.notes).toHaveLength(1);
    expect(rate.basis).toMatch(/, not confirmed$/);
    expect(rate.notes.map((note) => plain(explainNote(note, locale)))).toEqual([sentence]);
  });

  it.each<[string, string, boolean]>([
    ['on knownThrough itself', '2026-09-16', true],
    ['the day after knownThrough', '2026-09-17', false],
    ['long after knownThrough', '2026-12-01', false],
  ])('rateInForce %s: ECB 2.65 from 16 Sep 2026, confirmed = %s', (_name, date, confirmed) => {
    expect(rateInForce(DEFAULT_RATES, 'ecb-mro', date)).toEqual({ from: '2026-09-16', ratePercent: 2.65, confirmed, knownThrough: '2026-09-16' });
  });

  it('the ECB rate just before the June 2026 hike took effect is still 2.15', () => {
    expect(rateInForce(DEFAULT_RATES, 'ecb-mro', '2026-06-16')).toMatchObject({ from: '2025-06-11', ratePercent: 2.15, confirmed: true });
  });

  it('an updated user table is used instead of the shipped one, and its new rate is confirmed', () => {
    const rates: RateTables = {
      ...DEFAULT_RATES,
      'ecb-mro': {
        knownThrough: '2027-06-30',
        entries: [...DEFAULT_RATES['ecb-mro'].entries, { from: '2026-12-23', ratePercent: 2.65 }],
      },
    };
    const b = computeLatePaymentCharges(
      { principal: eur(10_000), dueDate: '2026-12-31', asOf: '2027-01-30', country: 'FR', debtor: 'business' },
      rates,
    );
    expect(b.lines.map((l) => [l.days, l.ratePercent])).toEqual([[30, 12.65]]);
    expect(b.interest.amountMinor).toBe(10_397); // 10,000 × 12.65 % × 30 / 365 = 103.972…
    expect(b.warnings).toEqual([]);
  });
});

describe('rates the table cannot give throw a clear error naming the series and date', () => {
  const { 'de-basiszins': _dropped, ...withoutBasiszins } = DEFAULT_RATES;
  it.each<{ name: string; input: Partial<LatePaymentInput>; rates?: RateTables; series: string; date: string }>([
    {
      name: 'a user table that starts after the period',
      input: { dueDate: '2024-11-30', asOf: '2025-02-01' },
      rates: { ...DEFAULT_RATES, 'ecb-mro': { knownThrough: '2026-02-05', entries: [{ from: '2025-01-01', ratePercent: 3.15 }] } },
      series: 'ecb-mro',
      date: '2024-07-01',
    },
    {
      name: 'the French floor needs the legal rate of the half-year, before the table starts',
      input: { dueDate: '2026-03-31', asOf: '2026-06-15', contractualRatePercent: 5 },
      rates: { ...DEFAULT_RATES, 'fr-legal-pro': { knownThrough: '2026-12-31', entries: [{ from: '2026-07-01', ratePercent: 2.62 }] } },
      series: 'fr-legal-pro',
      date: '2026-01-01',
    },
    {
      name: 'a table without the series',
      input: { country: 'DE' },
      rates: withoutBasiszins as RateTables,
      series: 'de-basiszins',
      date: '2026-01-01',
    },
  ])('$name', ({ input, rates, series, date }) => {
    const call = () =>
      computeLatePaymentCharges(
        { principal: eur(1000), dueDate: '2026-01-01', asOf: '2026-01-02', country: 'FR', debtor: 'business', ...input },
        rates,
      );
    expect(call).toThrow(MissingRateError);
    expect(call).toThrow(new RegExp(`'${series}' rate for ${date}`));
  });
});

describe('bad input is refused with the field name', () => {
  const ok: LatePaymentInput = { principal: eur(1000), dueDate: '2026-01-01', asOf: '2026-02-01', country: 'FR', debtor: 'business' };
  it.each<[string, Partial<LatePaymentInput> | Record<string, unknown>, string]>([
    ['negative principal', { principal: { amountMinor: -100, currency: 'EUR' } }, 'principal.amountMinor'],
    ['fractional minor units', { principal: { amountMinor: 10.5, currency: 'EUR' } }, 'principal.amountMinor'],
    ['principal in USD for FR', { principal: { amountMinor: 1000, currency: 'USD' } }, 'principal.currency'],
    ['impossible due date', { dueDate: '2026-02-30' }, 'dueDate'],
    ['due date in another format', { dueDate: '01/02/2026' }, 'dueDate'],
    ['bad as-of date', { asOf: '2026-13-01' }, 'asOf'],
    ['bad formal notice date', { formalNoticeDate: 'yesterday' }, 'formalNoticeDate'],
    ['negative contractual rate', { contractualRatePercent: -1 }, 'contractualRatePercent'],
    ['contractual rate with 5 decimals', { contractualRatePercent: 12.12345 }, 'contractualRatePercent'],
    ['zero invoices', { invoiceCount: 0 }, 'invoiceCount'],
    ['unknown country', { country: 'US' }, 'country'],
    ['unknown debtor kind', { debtor: 'public' }, 'debtor'],
    ['several invoices in GB', { country: 'GB', principal: gbp(1000), invoiceCount: 2 }, 'invoiceCount'],
  ])('%s', (_name, patch, field) => {
    const call = () => computeLatePaymentCharges({ ...ok, ...patch } as LatePaymentInput);
    expect(call).toThrow(LatePaymentInputError);
    try {
      call();
    } catch (error) {
      expect((error as LatePaymentInputError).field).toBe(field);
    }
  });
});

describe('legal basis in the language of the letter', () => {
  const cases = CREDITOR_COUNTRIES.flatMap((country) =>
    (['business', 'consumer'] as const).map((debtor) => [country, debtor] as const),
  );
  it.each(cases)('%s, %s debtor: a French and an English reference, each in its own language', (country, debtor) => {
    const b = computeLatePaymentCharges({
      principal: country === 'GB' ? gbp(1000) : eur(1000),
      dueDate: '2026-03-31',
      asOf: '2026-04-30',
      country,
      debtor,
      formalNoticeDate: '2026-04-01',
    });
    // Names of foreign statutes in brackets keep their own language.
    const outsideBrackets = (text: string) => text.replace(/\([^()]*\)/g, '').replace(/\([^()]*\)/g, '');
    expect(outsideBrackets(b.legalBasis.fr)).not.toMatch(/\b(and|of|art\.|ss?\.)\s/);
    expect(b.legalBasis.en).not.toMatch(/\b(et|du|de la|alinéa)\s/);
    expect(explainBreakdown(b, 'fr').at(-1)).toBe(`Fondement : ${b.legalBasis.fr}`);
  });

  it.each<[CreditorCountry, DebtorKind, string, string]>([
    ['FR', 'business', 'articles L441-10 et D441-5 du Code de commerce', 'Articles L441-10 and D441-5 of the French Commercial Code'],
    ['DE', 'business', 'articles 288, alinéas 2 et 5, et 247 du Code civil allemand (BGB)', 'Sections 288(2) and (5) and 247 of the German Civil Code (BGB)'],
    ['DE', 'consumer', 'articles 288, alinéa 1, et 247 du Code civil allemand (BGB)', 'Sections 288(1) and 247 of the German Civil Code (BGB)'],
    ['BE', 'business', 'articles 5 et 6 de la loi belge du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales', 'Articles 5 and 6 of the Belgian Act of 2 August 2002 on combating late payment in commercial transactions'],
  ])('%s %s', (country, debtor, fr, en) => {
    const b = computeLatePaymentCharges({ principal: eur(1000), dueDate: '2026-03-31', asOf: '2026-04-30', country, debtor });
    expect(b.legalBasis).toEqual({ fr, en });
  });
});

describe('explainBreakdown', () => {
  const vector1 = computeLatePaymentCharges({
    principal: eur(12_000),
    dueDate: '2026-03-31',
    asOf: '2026-06-15',
    country: 'FR',
    debtor: 'business',
  });

  it.each<['fr' | 'en', string[]]>([
    [
      'fr',
      [
        'Du 01/04/2026 au 15/06/2026 : 76 jours à 12,15 % = 303,58 € (taux BCE de 2,15 % au 01/01/2026 + 10 points)',
        'Intérêts de retard : 303,58 € (somme exacte des périodes, arrondie une seule fois au centime)',
        'Indemnité forfaitaire pour frais de recouvrement : 40,00 €',
        'Total dû en plus du principal : 343,58 €',
        'Fondement : articles L441-10 et D441-5 du Code de commerce',
      ],
    ],
    [
      'en',
      [
        'From 1 Apr 2026 to 15 Jun 2026: 76 days at 12.15% = €303.58 (ECB 2.15% on 1 Jan 2026 + 10 points)',
        'Late-payment interest: €303.58 (exact sum of the periods, rounded once to the cent)',
        'Fixed compensation for recovery costs: €40.00',
        'Total due on top of the principal: €343.58',
        'Legal basis: Articles L441-10 and D441-5 of the French Commercial Code',
      ],
    ],
  ])('vector 1 in %s', (locale, expected) => {
    expect(explainBreakdown(vector1, locale).map(plain)).toEqual(expected);
  });

  it('renders the floor warning in French and the per-invoice indemnity', () => {
    const b = computeLatePaymentCharges({
      principal: eur(12_000),
      dueDate: '2026-03-31',
      asOf: '2026-06-15',
      country: 'FR',
      debtor: 'business',
      contractualRatePercent: 5,
      invoiceCount: 2,
    });
    const text = explainBreakdown(b, 'fr').map(plain);
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement : 80,00 € (2 × 40,00 €)');
    expect(text.some((s) => s.startsWith('Le taux contractuel de 5,00 % est inférieur au minimum légal'))).toBe(true);
    expect(text.some((s) => s.includes('1er semestre 2026'))).toBe(true);
  });

  it('not overdue: only the note and the legal basis', () => {
    const b = computeLatePaymentCharges({
      principal: eur(100),
      dueDate: '2026-03-31',
      asOf: '2026-03-15',
      country: 'FR',
      debtor: 'business',
    });
    expect(explainBreakdown(b, 'fr').map(plain)).toEqual([
      'Pas de retard au 15/03/2026 (échéance le 31/03/2026) : ni intérêts ni indemnité.',
      'Fondement : articles L441-10 et D441-5 du Code de commerce',
    ]);
  });

  it('uses the singular for one day', () => {
    const b = computeLatePaymentCharges({
      principal: eur(12_000),
      dueDate: '2026-03-31',
      asOf: '2026-04-01',
      country: 'FR',
      debtor: 'business',
    });
    expect(plain(explainBreakdown(b, 'fr')[0] ?? '')).toMatch(/^Du 01\/04\/2026 au 01\/04\/2026 : 1 jour à /);
    expect(explainBreakdown(b, 'en')[0]).toMatch(/: 1 day at /);
  });
});

describe('rate table', () => {
  it('the shipped table is valid and is the default export', () => {
    expect(RateTableSchema.safeParse(DEFAULT_RATES).success).toBe(true);
    expect(DEFAULT_RATES_DEFAULT_EXPORT).toBe(DEFAULT_RATES);
  });

  it.each<[string, unknown]>([
    [
      'entries out of order',
      { ...DEFAULT_RATES, 'boe-base': { knownThrough: '2026-01-01', entries: [{ from: '2025-01-01', ratePercent: 1 }, { from: '2024-01-01', ratePercent: 2 }] } },
    ],
    ['knownThrough before the last entry', { ...DEFAULT_RATES, 'boe-base': { knownThrough: '2024-12-31', entries: [{ from: '2025-01-01', ratePercent: 1 }] } }],
    ['an impossible date', { ...DEFAULT_RATES, 'boe-base': { knownThrough: '2026-01-01', entries: [{ from: '2025-02-30', ratePercent: 1 }] } }],
    ['a missing series', { 'ecb-mro': DEFAULT_RATES['ecb-mro'] }],
    ['a rate with 5 decimals', { ...DEFAULT_RATES, 'boe-base': { knownThrough: '2026-01-01', entries: [{ from: '2025-01-01', ratePercent: 1.00001 }] } }],
  ])('a user table with %s is rejected', (_name, table) => {
    expect(RateTableSchema.safeParse(table).success).toBe(false);
  });

  // § 247 BGB: the Basiszinssatz moves by exactly as much as the ECB MRO rate in force before the half-year.
  // Anchored on 1 Jan 2012 (0.12 % with an MRO of 1.00 %), every published value must follow the ECB series.
  it.each(DEFAULT_RATES['de-basiszins'].entries.map((e) => [e.from, e.ratePercent] as const))(
    'Basiszinssatz of %s (%f %%) agrees with the ECB series',
    (from, ratePercent) => {
      const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const mro = rateInForce(DEFAULT_RATES, 'ecb-mro', dayBefore).ratePercent;
      expect(ratePercent).toBeCloseTo(0.12 + (mro - 1.0), 6);
    },
  );

  // Published figures from sources other than our tables, as a check on the ECB data and the rules.
  it.each<[string, CreditorCountry, string, number]>([
    ['Belgian rate, 1st half 2024 (published 12.5 %)', 'BE', '2024-01-01', 12.5],
    ['Belgian rate, 2nd half 2024 (published 12.5 %)', 'BE', '2024-07-01', 12.5],
    ['Belgian rate, 1st half 2025 (published 11.5 %)', 'BE', '2025-01-01', 11.5],
    ['Belgian rate, 2nd half 2025 (published 10.5 %)', 'BE', '2025-07-01', 10.5],
    ['Spanish rate, 2nd half 2025 (published 10.15 %)', 'ES', '2025-07-01', 10.15],
  ])('%s', (_name, country, date, ratePercent) => {
    expect(legalRateFor(country, 'business', date).ratePercent).toBe(ratePercent);
  });

  it('French floor for the 1st half of 2026 is 7.86 % (3 × 2.62 %, as published)', () => {
    expect(3 * rateInForce(DEFAULT_RATES, 'fr-legal-pro', '2026-03-01').ratePercent).toBeCloseTo(7.86, 10);
  });
});
