import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  dateOrderFromLang,
  daysBetween,
  formatDate,
  isIsoDate,
  parseDate,
  relativeDate,
  resolveDateOrder,
  todayInLocalTime,
} from '../../../utils/domain/dates';
import type { DateOrder } from '../../../utils/domain/dates';

describe('parseDate reads numeric dates', () => {
  it.each<[string, DateOrder | undefined, string]>([
    ['15/11/2026', 'dmy', '2026-11-15'],
    ['11/15/2026', 'mdy', '2026-11-15'],
    ['15.11.2026', 'dmy', '2026-11-15'],
    ['15-11-2026', 'dmy', '2026-11-15'],
    ['5/1/2026', 'dmy', '2026-01-05'],
    ['5/1/2026', 'mdy', '2026-05-01'],
    ['05/11/2026', 'dmy', '2026-11-05'],
    ['05/11/2026', 'mdy', '2026-05-11'],
    ['15/11/26', 'dmy', '2026-11-15'],
    ['11/15/26', 'mdy', '2026-11-15'],
    ['01/01/68', 'dmy', '2068-01-01'],
    ['01/01/69', 'dmy', '1969-01-01'],
    ['26/11/15', 'ymd', '2026-11-15'],
    ['2026-11-15', undefined, '2026-11-15'],
    ['2026/11/15', undefined, '2026-11-15'],
    ['2026.11.15', undefined, '2026-11-15'],
    ['2026-11-15', 'mdy', '2026-11-15'],
    ['2026-11-15T10:30:00Z', undefined, '2026-11-15'],
    ['  Échéance : 15/11/2026  ', 'dmy', '2026-11-15'],
    ['29/02/2028', 'dmy', '2028-02-29'],
  ])('%j with order %s → %s', (text, order, expected) => {
    expect(parseDate(text, order)).toBe(expected);
  });

  it.each<[string, string]>([
    ['15/11/2026', '2026-11-15'],
    ['11/15/2026', '2026-11-15'],
    ['05/05/2026', '2026-05-05'],
  ])('without an order, %j is unambiguous → %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each<[string, DateOrder | undefined, string]>([
    ['05/11/2026', undefined, 'both parts could be the month'],
    ['15/11/2026', 'mdy', 'month 15 under the given order'],
    ['11/15/2026', 'dmy', 'month 15 under the given order'],
    ['31/02/2026', 'dmy', 'there is no 31 February'],
    ['29/02/2026', 'dmy', '2026 is not a leap year'],
    ['31/04/2026', 'dmy', 'April has 30 days'],
    ['2026-02-30', undefined, 'there is no 30 February'],
    ['2026-13-01', undefined, 'month 13'],
    ['00/01/2026', 'dmy', 'day 0'],
    ['15/11-2026', 'dmy', 'mixed separators'],
    ['15/11/2026', 'ymd', 'a 4-digit year last contradicts ymd'],
    ['', undefined, 'empty'],
    ['—', undefined, 'no date'],
    ['Facture 2026-001', undefined, 'an invoice number is not a date'],
  ])('%j with order %s → null (%s)', (text, order) => {
    expect(parseDate(text, order)).toBeNull();
  });
});

describe('parseDate reads month names', () => {
  it.each<[string, string]>([
    // English
    ['Nov 15, 2026', '2026-11-15'],
    ['November 15, 2026', '2026-11-15'],
    ['Nov. 15th, 2026', '2026-11-15'],
    ['15 Nov 2026', '2026-11-15'],
    ['15-Nov-2026', '2026-11-15'],
    ['1st March 2026', '2026-03-01'],
    ['Mon, Sep 7, 2026', '2026-09-07'],
    // French
    ['15 nov. 2026', '2026-11-15'],
    ['15 novembre 2026', '2026-11-15'],
    ['1er novembre 2026', '2026-11-01'],
    ['lundi 2 février 2026', '2026-02-02'],
    ['2 févr. 2026', '2026-02-02'],
    ['2 FEVRIER 2026', '2026-02-02'],
    ['3 janv. 2026', '2026-01-03'],
    ['3 mars 2026', '2026-03-03'],
    ['3 avr. 2026', '2026-04-03'],
    ['3 mai 2026', '2026-05-03'],
    ['3 juin 2026', '2026-06-03'],
    ['3 juil. 2026', '2026-07-03'],
    ['14 août 2026', '2026-08-14'],
    ['3 sept. 2026', '2026-09-03'],
    ['3 oct. 2026', '2026-10-03'],
    ['24 déc. 2026', '2026-12-24'],
    ['24 décembre 2026', '2026-12-24'],
    // German
    ['15. Nov. 2026', '2026-11-15'],
    ['15. November 2026', '2026-11-15'],
    ['1. Januar 2026', '2026-01-01'],
    ['1. Februar 2026', '2026-02-01'],
    ['1. März 2026', '2026-03-01'],
    ['1. Mär. 2026', '2026-03-01'],
    ['1. Mai 2026', '2026-05-01'],
    ['1. Juni 2026', '2026-06-01'],
    ['1. Juli 2026', '2026-07-01'],
    ['3. Oktober 2026', '2026-10-03'],
    ['3. Okt. 2026', '2026-10-03'],
    ['24. Dezember 2026', '2026-12-24'],
    ['24. Dez. 2026', '2026-12-24'],
    // Spanish
    ['15 de noviembre de 2026', '2026-11-15'],
    ['15 nov 2026', '2026-11-15'],
    ['6 ene 2026', '2026-01-06'],
    ['6 abr 2026', '2026-04-06'],
    ['6 ago 2026', '2026-08-06'],
    ['6 dic 2026', '2026-12-06'],
    ['6 de septiembre de 2026', '2026-09-06'],
    // Short year
    ['15 nov. 26', '2026-11-15'],
  ])('%j → %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each<[string, DateOrder]>([
    ['15 novembre 2026', 'mdy'],
    ['Nov 15, 2026', 'dmy'],
  ])('a month name (%j) is read whatever the order (%s)', (text, order) => {
    expect(parseDate(text, order)).toBe('2026-11-15');
  });

  it.each<[string, string]>([
    ['31 février 2026', 'no 31 February'],
    ['30 Feb 2026', 'no 30 February'],
    ['novembre 2026', 'no day'],
    ['15 novembrer 2026', 'not a month word'],
    ['Nov 15, 26', 'month-first with a 2-digit year is too easily misread'],
  ])('%j → null (%s)', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('resolveDateOrder decides the order of a whole column', () => {
  type Hints = Parameters<typeof resolveDateOrder>[1];
  it.each<[string, string[], Hints, DateOrder | 'ambiguous']>([
    ['the user setting wins over proof in the column', ['15/11/2026'], { user: 'mdy', lang: 'fr-FR' }, 'mdy'],
    ['a first part > 12 proves dmy, over the language', ['05/11/2026', '15/11/2026'], { lang: 'en-US' }, 'dmy'],
    ['a second part > 12 proves mdy, over the language', ['11/05/2026', '11/15/2026'], { lang: 'fr-FR' }, 'mdy'],
    ['proof both ways is ambiguous', ['15/11/2026', '11/15/2026'], { lang: 'fr-FR', platform: 'dmy' }, 'ambiguous'],
    ['an impossible date is no proof', ['31/02/2026', '05/11/2026'], { lang: 'en-US' }, 'mdy'],
    ['only ISO dates: order does not matter', ['2026-11-15', '2026-01-02'], {}, 'ymd'],
    ['only month names: order does not matter', ['15 nov. 2026', 'Nov 3, 2026'], { lang: 'en-US' }, 'ymd'],
    ['ISO samples add nothing to undecided numbers', ['2026-11-15', '05/11/2026'], { lang: 'de-DE' }, 'dmy'],
    ['en-US → mdy', ['05/11/2026'], { lang: 'en-US' }, 'mdy'],
    ['en_US → mdy', ['05/11/2026'], { lang: 'en_US' }, 'mdy'],
    ['en-PH → mdy', ['05/11/2026'], { lang: 'en-PH' }, 'mdy'],
    ['en-GB → dmy', ['05/11/2026'], { lang: 'en-GB' }, 'dmy'],
    ['en-IE → dmy', ['05/11/2026'], { lang: 'en-IE' }, 'dmy'],
    ['en-AU → dmy', ['05/11/2026'], { lang: 'en-AU' }, 'dmy'],
    ['en-IN → dmy', ['05/11/2026'], { lang: 'en-IN' }, 'dmy'],
    ['fr → dmy', ['05/11/2026'], { lang: 'fr' }, 'dmy'],
    ['FR-be → dmy', ['05/11/2026'], { lang: 'FR-be' }, 'dmy'],
    ['de-DE → dmy', ['05.11.2026'], { lang: 'de-DE' }, 'dmy'],
    ['es → dmy', ['05/11/2026'], { lang: 'es' }, 'dmy'],
    ['it → dmy', ['05/11/2026'], { lang: 'it-IT' }, 'dmy'],
    ['nl → dmy', ['05-11-2026'], { lang: 'nl-NL' }, 'dmy'],
    ['pt-BR → dmy', ['05/11/2026'], { lang: 'pt-BR' }, 'dmy'],
    ['language wins over platform', ['05/11/2026'], { lang: 'en-GB', platform: 'mdy' }, 'dmy'],
    ['bare en falls back to the platform', ['05/11/2026'], { lang: 'en', platform: 'mdy' }, 'mdy'],
    ['en-CA falls back to the platform', ['05/11/2026'], { lang: 'en-CA', platform: 'dmy' }, 'dmy'],
    ['empty lang falls back to the platform', ['05/11/2026'], { lang: '', platform: 'dmy' }, 'dmy'],
    ['bare en and no platform is ambiguous', ['05/11/2026'], { lang: 'en' }, 'ambiguous'],
    ['no hint at all is ambiguous', ['05/11/2026', '01/02/2026'], {}, 'ambiguous'],
    ['an empty column uses the language', [], { lang: 'fr-FR' }, 'dmy'],
    ['an empty column with no hint is ambiguous', [], {}, 'ambiguous'],
    ['unreadable cells use the language', ['—', 'n/a'], { lang: 'en-US' }, 'mdy'],
  ])('%s', (_why, samples, hints, expected) => {
    expect(resolveDateOrder(samples, hints)).toBe(expected);
  });

  it.each<[string, DateOrder | undefined]>([
    ['en-US', 'mdy'],
    ['en-GB', 'dmy'],
    ['en', undefined],
    ['', undefined],
    ['ja-JP', undefined],
    ['fr-CA', 'dmy'],
    ['not a lang!', undefined],
  ])('dateOrderFromLang(%j) = %s', (lang, expected) => {
    expect(dateOrderFromLang(lang)).toBe(expected);
  });
});

describe('calendar arithmetic on ISO dates', () => {
  it.each<[string, number, string]>([
    ['2026-11-15', 3, '2026-11-18'],
    ['2026-11-15', -15, '2026-10-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-28', 2, '2026-03-30'], // across the European DST change
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', 30, '2026-01-31'],
    ['2026-11-15', 0, '2026-11-15'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each<[string, string, number]>([
    ['2026-11-15', '2026-11-18', 3],
    ['2026-11-18', '2026-11-15', -3],
    ['2026-03-01', '2026-04-01', 31],
    ['2026-10-01', '2026-11-01', 31],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each<[string, string, -1 | 0 | 1]>([
    ['2026-11-15', '2026-11-16', -1],
    ['2026-11-15', '2026-11-15', 0],
    ['2027-01-01', '2026-12-31', 1],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('compareDates sorts dates chronologically', () => {
    expect(['2026-12-01', '2025-01-31', '2026-02-10'].sort(compareDates)).toEqual([
      '2025-01-31',
      '2026-02-10',
      '2026-12-01',
    ]);
  });

  it.each<[string, number, string]>([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-10', 12, '2027-05-10'],
    ['2026-05-10', -25, '2024-04-10'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    ['2026-11-15', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-11-5', false],
    ['15/11/2026', false],
    ['2026-11-15T00:00:00Z', false],
    [20261115, false],
    [undefined, false],
  ])('isIsoDate(%j) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each<[() => unknown, RegExp]>([
    [() => addDays('15/11/2026', 1), /addDays date: "15\/11\/2026" is not a calendar date/],
    [() => addDays('2026-11-15', 1.5), /addDays days: 1.5 is not a whole number/],
    [() => daysBetween('2026-11-15', '2026-02-30'), /daysBetween to: "2026-02-30"/],
    [() => addMonths('2026-11-15', Number.NaN), /addMonths months/],
    [() => formatDate('tomorrow', 'fr-FR'), /formatDate date: "tomorrow"/],
    [() => todayInLocalTime(new Date('nope')), /invalid Date/],
  ])('bad input gives a specific error (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});

describe('todayInLocalTime gives the calendar date on the user clock', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // Node re-reads TZ when it is assigned, so each case runs on a different user clock.
  it.each<[string, string, string]>([
    ['Europe/Paris', '2026-11-15T23:30:00Z', '2026-11-16'],
    ['Europe/Paris', '2026-11-15T22:30:00Z', '2026-11-15'],
    ['America/New_York', '2026-11-16T03:00:00Z', '2026-11-15'],
    ['Pacific/Kiritimati', '2026-11-15T12:00:00Z', '2026-11-16'],
    ['Pacific/Pago_Pago', '2026-11-15T05:00:00Z', '2026-11-14'],
    ['UTC', '2026-11-15T23:59:59Z', '2026-11-15'],
  ])('in %s, the instant %s is %s', (tz, instant, expected) => {
    process.env.TZ = tz;
    expect(todayInLocalTime(new Date(instant))).toBe(expected);
  });
});

describe('formatDate uses Intl without shifting the day', () => {
  it.each<[string, string, 'short' | 'long' | undefined, string]>([
    ['2026-11-05', 'fr-FR', undefined, '05/11/2026'],
    ['2026-11-05', 'en-US', 'short', '11/05/2026'],
    ['2026-11-05', 'de-DE', 'short', '05.11.2026'],
    ['2026-11-05', 'en-GB', 'short', '05/11/2026'],
    ['2026-11-05', 'fr-FR', 'long', '5 novembre 2026'],
    ['2026-11-05', 'en-US', 'long', 'November 5, 2026'],
    ['2026-01-01', 'de-DE', 'long', '1. Januar 2026'],
    ['2026-12-31', 'es-ES', 'long', '31 de diciembre de 2026'],
  ])('formatDate(%s, %s, %s) = %j', (d, locale, style, expected) => {
    expect(formatDate(d, locale, style)).toBe(expected);
  });

  it.each<[string, DateOrder]>([
    ['fr-FR', 'dmy'],
    ['en-US', 'mdy'],
    ['de-DE', 'dmy'],
  ])('a short date formatted in %s parses back with order %s', (locale, order) => {
    for (const d of ['2026-01-02', '2026-12-31', '2028-02-29']) {
      expect(parseDate(formatDate(d, locale, 'short'), order)).toBe(d);
    }
  });

  it.each(['fr-FR', 'en-US', 'de-DE', 'es-ES', 'en-GB'])('a long date formatted in %s parses back', (locale) => {
    for (const d of ['2026-01-02', '2026-03-15', '2026-08-31', '2026-12-24']) {
      expect(parseDate(formatDate(d, locale, 'long'))).toBe(d);
    }
  });
});

describe('relativeDate reads dates counted from today', () => {
  const today = '2026-11-12';
  it.each([
    ['Today', '2026-11-12'], ['Due today', '2026-11-12'], ["Aujourd'hui", '2026-11-12'], ['Heute', '2026-11-12'], ['Hoy', '2026-11-12'],
    ['Tomorrow', '2026-11-13'], ['Demain', '2026-11-13'], ['Morgen', '2026-11-13'], ['Mañana', '2026-11-13'],
    ['Yesterday', '2026-11-11'], ['Hier', '2026-11-11'], ['Gestern', '2026-11-11'], ['Ayer', '2026-11-11'],
    ['In 5 days', '2026-11-17'], ['Due in 5 days', '2026-11-17'], ['Dans 5 jours', '2026-11-17'], ['In 5 Tagen', '2026-11-17'],
    ['Fällig in 5 Tagen', '2026-11-17'], ['En 5 días', '2026-11-17'], ['Vence en 5 días', '2026-11-17'], ['Dans 2 semaines', '2026-11-26'],
    ['5 days ago', '2026-11-07'], ['Overdue 12 days', '2026-10-31'], ['Overdue by 12 days', '2026-10-31'], ['12 days overdue', '2026-10-31'],
    ['En retard de 12 jours', '2026-10-31'], ['Il y a 12 jours', '2026-10-31'], ['Échue depuis 12 jours', '2026-10-31'],
    ['Überfällig seit 12 Tagen', '2026-10-31'], ['Vor 12 Tagen', '2026-10-31'], ['VENCIDA HACE 12 DÍAS', '2026-10-31'],
    ['Hace 1 día', '2026-11-11'], ['Partially paid, $400.00 due Overdue 3 days', '2026-11-09'],
    // A day and month without a year: this year's.
    ['15 Nov', '2026-11-15'], ['Nov 15', '2026-11-15'], ['15. Dez.', '2026-12-15'], ['3 de marzo', '2026-03-03'], ['1er févr.', '2026-02-01'],
  ])('%j is %s', (text, expected) => {
    expect(relativeDate(text, today)).toBe(expected);
  });

  it.each(['Paid', '12 days', '15/11/2026', '', 'Sent', 'Net 30', '31 Feb'])('%j says no date relative to today', (text) => {
    expect(relativeDate(text, today)).toBeNull();
  });
});
