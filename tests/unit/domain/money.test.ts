import { describe, expect, it } from 'vitest';
import {
  addMoney,
  COMMON_MINOR_DIGITS,
  currencyMinorDigits,
  formatMoney,
  fromMinorUnits,
  isZero,
  negate,
  parseMoney,
  parseMoneyDetailed,
  sumByCurrency,
  toMinorUnits,
} from '../../../utils/domain/money';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseMoney reads amounts as accounting pages show them', () => {
  it.each([
    { text: '1 234,56 €', amountMinor: 123456, currency: 'EUR' },
    { text: `1${NBSP}234,56${NBSP}€`, amountMinor: 123456, currency: 'EUR' },
    { text: `1${NNBSP}234,56${NNBSP}€`, amountMinor: 123456, currency: 'EUR' },
    { text: `12${NNBSP}345${NNBSP}678,90 €`, amountMinor: 1234567890, currency: 'EUR' },
    { text: '$1,234.56', amountMinor: 123456, currency: 'USD' },
    { text: '1.234,56 €', amountMinor: 123456, currency: 'EUR' },
    { text: '£1,234.56', amountMinor: 123456, currency: 'GBP' },
    { text: 'EUR 1234.56', amountMinor: 123456, currency: 'EUR' },
    { text: '1234.56 EUR', amountMinor: 123456, currency: 'EUR' },
    { text: '€1,234,567.89', amountMinor: 123456789, currency: 'EUR' },
    { text: '1.234.567 €', amountMinor: 123456700, currency: 'EUR' },
    { text: 'CHF 1\'234.50', amountMinor: 123450, currency: 'CHF' },
    { text: 'CHF 1’234.50', amountMinor: 123450, currency: 'CHF' },
    { text: '¥1,234', amountMinor: 1234, currency: 'JPY' },
    { text: '¥1,234.00', amountMinor: 1234, currency: 'JPY' },
    { text: '￥1,234', amountMinor: 1234, currency: 'JPY' },
    { text: '₹1,23,456.78', amountMinor: 12345678, currency: 'INR' },
    { text: 'US$ 99.90', amountMinor: 9990, currency: 'USD' },
    { text: 'CA$1,000.00', amountMinor: 100000, currency: 'CAD' },
    { text: 'C$ 12.50', amountMinor: 1250, currency: 'CAD' },
    { text: 'A$12.50', amountMinor: 1250, currency: 'AUD' },
    { text: 'AU$12.50', amountMinor: 1250, currency: 'AUD' },
    { text: 'GBP 10', amountMinor: 1000, currency: 'GBP' },
    { text: 'SEK 1 000,50', amountMinor: 100050, currency: 'SEK' },
    { text: 'KWD 1.234', amountMinor: 1234, currency: 'KWD' }, // 3 minor digits: the lone mark is decimal
    { text: '12,50 €', amountMinor: 1250, currency: 'EUR' },
    { text: '12,5 €', amountMinor: 1250, currency: 'EUR' },
    { text: '0,99 €', amountMinor: 99, currency: 'EUR' },
    { text: '.50 €', amountMinor: 50, currency: 'EUR' },
    { text: 'Total : 1 234,56 € TTC', amountMinor: 123456, currency: 'EUR' },
    { text: '  42 €  ', amountMinor: 4200, currency: 'EUR' },
  ])('$text → $amountMinor minor units of $currency', ({ text, amountMinor, currency }) => {
    expect(parseMoney(text)).toEqual({ amountMinor, currency });
  });

  it.each([
    { text: '-12,00 €', amountMinor: -1200 },
    { text: '−12.00 €', amountMinor: -1200 },
    { text: '(12.00)', amountMinor: -1200 },
    { text: '(€12.00)', amountMinor: -1200 },
    { text: '-€12.00', amountMinor: -1200 },
    { text: '€-12.00', amountMinor: -1200 },
    { text: '- 1 234,56 €', amountMinor: -123456 },
    { text: '12,00 € -', amountMinor: -1200 },
    { text: '-0,00 €', amountMinor: 0 },
  ])('$text is read as $amountMinor', ({ text, amountMinor }) => {
    expect(parseMoney(text)?.amountMinor).toBe(amountMinor);
  });

  it.each<[string, number | null, string]>([
    ['1,234', 123400, 'a lone mark followed by exactly 3 digits groups thousands'],
    ['1.234', 123400, 'same with a dot'],
    ['12,50', 1250, 'otherwise it is the decimal mark'],
    ['12.50', 1250, 'dot decimal'],
    ['1,2', 120, 'one decimal digit'],
    ['1 234', 123400, 'a space always groups'],
    ['1 234,567', null, 'with a space grouping, the comma is decimal: 3 decimals do not fit EUR'],
    ['0,125', null, 'after a lone 0 the mark is decimal, and 3 decimals do not fit EUR'],
  ])('ambiguous separators: %j → %s (%s)', (text, expected, _why) => {
    expect(parseMoney(text)?.amountMinor ?? null).toBe(expected);
  });

  it.each([
    { text: '', why: 'empty' },
    { text: '€', why: 'no number' },
    { text: 'N/A', why: 'no number' },
    { text: '12,00 € dont TVA 2,00 €', why: 'two numbers' },
    { text: '$12.00 EUR', why: 'two currencies' },
    { text: '1.234.56 €', why: 'broken grouping' },
    { text: '12 34,00 €', why: 'group of 2 digits' },
    { text: '2026 12,00 €', why: 'a number glued to another by a space' },
    { text: '1.234,567 €', why: 'more decimals than EUR has' },
    { text: '¥12.5', why: 'JPY has no minor unit' },
    { text: '1 234.567.890,00 €', why: 'mixed grouping marks' },
  ])('$text → null ($why)', ({ text }) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('uses the default currency only when the text names none', () => {
    expect(parseMoney('12,50', { defaultCurrency: 'GBP' })).toEqual({ amountMinor: 1250, currency: 'GBP' });
    expect(parseMoney('12,50')).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(parseMoney('$12.50', { defaultCurrency: 'GBP' })).toEqual({ amountMinor: 1250, currency: 'USD' });
    expect(parseMoney('1,234', { defaultCurrency: 'JPY' })).toEqual({ amountMinor: 1234, currency: 'JPY' });
  });

  it('does not take capitalised words that are not currencies for a currency', () => {
    expect(parseMoneyDetailed('1 000,00 TTC')).toEqual({ amountMinor: 100000, currency: null });
  });

  it('tells whether the text named a currency', () => {
    expect(parseMoneyDetailed('12,50')).toEqual({ amountMinor: 1250, currency: null });
    expect(parseMoneyDetailed('12,50 €')).toEqual({ amountMinor: 1250, currency: 'EUR' });
  });

  it('rejects an unknown default currency with a clear error', () => {
    expect(() => parseMoney('12', { defaultCurrency: 'euro' })).toThrow(/"euro" is not an ISO 4217 code/);
  });
});

describe('minor units follow each currency', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['CHF', 2],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(currencyMinorDigits(currency)).toBe(digits);
  });

  it.each([...COMMON_MINOR_DIGITS])('%s, known without asking Intl, has the digits Intl gives it (%i)', (currency, digits) => {
    expect(new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits).toBe(digits);
    expect(Intl.supportedValuesOf('currency')).toContain(currency);
  });

  it.each([
    [12.5, 'EUR', 1250],
    [1.005, 'EUR', 101],
    [0.1 + 0.2, 'EUR', 30],
    [-1.005, 'EUR', -101],
    [1234, 'JPY', 1234],
    [1234.4, 'JPY', 1234],
    [1.2345, 'KWD', 1235],
    [-0.001, 'EUR', 0],
  ])('toMinorUnits(%d, %s) = %i', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each([
    [1250, 'EUR', 12.5],
    [-99, 'USD', -0.99],
    [1234, 'JPY', 1234],
    [1234, 'KWD', 1.234],
  ])('fromMinorUnits(%i, %s) = %d', (minor, currency, amount) => {
    expect(fromMinorUnits(minor, currency)).toBe(amount);
  });

  it('rejects bad input with a specific error', () => {
    expect(() => toMinorUnits(Number.NaN, 'EUR')).toThrow(/not a finite number/);
    expect(() => fromMinorUnits(12.5, 'EUR')).toThrow(/not a whole number/);
    expect(() => currencyMinorDigits('XYZ')).toThrow(/"XYZ" is not an ISO 4217 code/);
  });
});

describe('formatMoney uses Intl', () => {
  it.each([
    [{ amountMinor: 123456, currency: 'EUR' }, 'fr-FR', `1${NNBSP}234,56${NBSP}€`],
    [{ amountMinor: 123456, currency: 'USD' }, 'en-US', '$1,234.56'],
    [{ amountMinor: 123456, currency: 'EUR' }, 'de-DE', `1.234,56${NBSP}€`],
    [{ amountMinor: 1234, currency: 'JPY' }, 'en-US', '¥1,234'],
    [{ amountMinor: -1200, currency: 'GBP' }, 'en-GB', '-£12.00'],
  ])('%j in %s', (money, locale, expected) => {
    expect(formatMoney(money, locale)).toBe(expected);
  });

  it.each([
    ['fr-FR', { amountMinor: 123456, currency: 'EUR' }],
    ['en-US', { amountMinor: -98765, currency: 'USD' }],
    ['de-CH', { amountMinor: 123450, currency: 'CHF' }],
    ['ja-JP', { amountMinor: 1234, currency: 'JPY' }],
  ])('what it formats in %s parses back to the same money', (locale, money) => {
    expect(parseMoney(formatMoney(money, locale))).toEqual(money);
  });

  it('rejects a fractional amountMinor', () => {
    expect(() => formatMoney({ amountMinor: 1.5, currency: 'EUR' }, 'fr-FR')).toThrow(/not a whole number/);
  });
});

describe('money arithmetic never mixes currencies', () => {
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

  it('adds amounts of one currency', () => {
    expect(addMoney(eur(1250), eur(-250))).toEqual(eur(1000));
  });

  it('refuses to add two currencies', () => {
    expect(() => addMoney(eur(1), usd(1))).toThrow('addMoney: cannot add EUR and USD');
  });

  it.each([
    [[], []],
    [[eur(100)], [eur(100)]],
    [[usd(5), eur(100), usd(10), eur(-30)], [eur(70), usd(15)]],
    [[eur(100), eur(-100)], [eur(0)]],
    [[{ amountMinor: 3, currency: 'JPY' }, usd(1), eur(2)], [eur(2), { amountMinor: 3, currency: 'JPY' }, usd(1)]],
  ])('sumByCurrency(%j) = %j', (list, expected) => {
    expect(sumByCurrency(list)).toEqual(expected);
  });

  it.each([
    [eur(1250), eur(-1250)],
    [eur(-5), eur(5)],
  ])('negate(%j) = %j', (m, expected) => {
    expect(negate(m)).toEqual(expected);
  });

  it('negating zero gives a plain zero', () => {
    expect(Object.is(negate(eur(0)).amountMinor, 0)).toBe(true);
  });

  it.each([
    [eur(0), true],
    [eur(1), false],
    [eur(-1), false],
  ])('isZero(%j) = %s', (m, expected) => {
    expect(isZero(m)).toBe(expected);
  });
});
