import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  PolicySchema,
  effectiveLevels,
  parsePolicy,
  spacingDays,
  toneForSegment,
  type CustomerSegment,
  type Policy,
} from '../../../utils/domain/policy';

const clone = (): Policy => structuredClone(DEFAULT_POLICY);

describe('DEFAULT_POLICY', () => {
  it('is valid against PolicySchema', () => {
    expect(PolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
  });

  it('is the ladder the issue describes', () => {
    expect(
      DEFAULT_POLICY.levels.map((level) => [level.id, level.delayDays, level.channel, level.tone, level.situation, level.minAmount]),
    ).toEqual([
      ['pre-due-call', -5, 'phone', 'courteous', 'pre-due-courtesy', 5000],
      ['first-reminder', 1, 'email', 'courteous', 'first-reminder', undefined],
      ['follow-up-call', 8, 'phone', 'courteous', 'first-reminder', undefined],
      ['firm-reminder', 15, 'email', 'firm', 'firm-reminder', undefined],
      ['formal-notice', 30, 'registered-letter', 'formal-notice', 'formal-notice', undefined],
      ['final-notice', 45, 'registered-letter', 'final-notice', 'final-notice', undefined],
    ]);
    expect(DEFAULT_POLICY.minDaysBetweenReminders).toBe(7);
    expect(DEFAULT_POLICY.escalationDelayDays).toBe(8);
    expect(DEFAULT_POLICY.escalationMinAmount).toBe(1500);
  });
});

describe('PolicySchema rejects a broken policy, naming the field', () => {
  it.each<[string, (policy: Policy) => void, RegExp]>([
    ['softening the formal notice', (p) => (p.segments['key-account'].toneSoftening['formal-notice'] = 'firm'), /formal-notice keeps its legal content/],
    ['softening the final notice', (p) => (p.segments['chronic-late'].toneSoftening['final-notice'] = 'courteous'), /final-notice keeps its legal content/],
    ['levels out of order', (p) => ((p.levels[3] as { delayDays: number }).delayDays = 5), /levels.*delayDays|greater than the previous level/s],
    ['duplicate level ids', (p) => ((p.levels[2] as { id: string }).id = 'first-reminder'), /duplicate level id "first-reminder"/],
    ['a fractional delay', (p) => ((p.levels[1] as { delayDays: number }).delayDays = 1.5), /whole number of days/],
    ['zero spacing', (p) => (p.minDaysBetweenReminders = 0), /at least 1 day/],
    ['an unknown channel', (p) => ((p.levels[1] as { channel: string }).channel = 'fax'), /channel/],
    ['an event id reusing a level id', (p) => (p.brokenPromise.levelId = 'firm-reminder'), /already a ladder level id/],
    ['no post-due level without minimum', (p) => (p.levels = p.levels.map((l) => ({ ...l, minAmount: 10 }))), /without a minimum amount/],
    ['a negative delay factor', (p) => (p.segments['key-account'].delayFactor = -1), /greater than zero/],
  ])('%s', (_name, breakIt, message) => {
    const policy = clone();
    breakIt(policy);
    expect(PolicySchema.safeParse(policy).success).toBe(false);
    expect(() => parsePolicy(policy)).toThrow(message);
  });

  it('accepts an edited but sound policy', () => {
    const policy = clone();
    policy.minDaysBetweenReminders = 10;
    policy.segments['key-account'].toneSoftening = { firm: 'courteous', courteous: 'courteous' };
    expect(parsePolicy(policy).minDaysBetweenReminders).toBe(10);
  });
});

describe('effectiveLevels per segment', () => {
  it.each<[CustomerSegment, number[], string[]]>([
    ['standard', [-5, 1, 8, 15, 30, 45], ['courteous', 'courteous', 'courteous', 'firm', 'formal-notice', 'final-notice']],
    // ×1.5 rounded; pre-due courtesy untouched; firm softened, legal tones kept.
    ['key-account', [-5, 2, 12, 23, 45, 68], ['courteous', 'courteous', 'courteous', 'courteous', 'formal-notice', 'final-notice']],
    // ×0.7 rounded, never below D+1.
    ['chronic-late', [-5, 1, 6, 11, 21, 32], ['courteous', 'courteous', 'courteous', 'firm', 'formal-notice', 'final-notice']],
  ])('%s', (segment, delays, tones) => {
    const levels = effectiveLevels(DEFAULT_POLICY, segment);
    expect(levels.map((level) => level.delayDays)).toEqual(delays);
    expect(levels.map((level) => level.tone)).toEqual(tones);
    expect(levels.map((level) => level.rank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(levels.map((level) => level.situation)).toEqual(DEFAULT_POLICY.levels.map((level) => level.situation));
  });

  it.each<[CustomerSegment, number]>([
    ['standard', 7],
    ['key-account', 14],
    ['chronic-late', 7],
    ['excluded', 7],
  ])('spacing for %s is %i days', (segment, days) => {
    expect(spacingDays(DEFAULT_POLICY, segment)).toBe(days);
  });

  it('follows edited segment data', () => {
    const policy = clone();
    policy.segments['chronic-late'] = { delayFactor: 0.5, extraSpacingDays: -3, toneSoftening: {} };
    expect(effectiveLevels(policy, 'chronic-late').map((level) => level.delayDays)).toEqual([-5, 1, 4, 8, 15, 23]);
    expect(spacingDays(policy, 'chronic-late')).toBe(4);
  });

  it('never softens a legal tone even when asked through the tone helper', () => {
    expect(toneForSegment(DEFAULT_POLICY, 'key-account', 'firm')).toBe('courteous');
    expect(toneForSegment(DEFAULT_POLICY, 'key-account', 'formal-notice')).toBe('formal-notice');
    expect(toneForSegment(DEFAULT_POLICY, 'standard', 'firm')).toBe('firm');
  });
});
