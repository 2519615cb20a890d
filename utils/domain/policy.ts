// The reminder policy: which reminder goes out when, by which channel and in which tone.
// Pure data plus its zod schema, so the options page can edit and validate it.
// The scheduling rules that read this policy live in `next-action.ts`.
import { z } from 'zod';
import type { InvoiceKind, InvoiceLifecycle, IsoDate, Money } from './types';
import type { CreditableDocument } from './credits';

// Tone and Situation are spelled exactly as in `templates.ts`; they will be unified later.
export const TONES = ['courteous', 'firm', 'formal-notice', 'final-notice'] as const;
/** Register of a message, from the softest to the most formal. */
export type Tone = (typeof TONES)[number];

export const SITUATIONS = [
  'pre-due-courtesy',
  'first-reminder',
  'firm-reminder',
  'formal-notice',
  'final-notice',
  'broken-promise',
  'missed-installment',
  'thank-you-payment',
  'dispute-acknowledgement',
] as const;
/** What a message is about; selects its template. */
export type Situation = (typeof SITUATIONS)[number];

export const CHANNELS = ['email', 'phone', 'letter', 'registered-letter', 'visit'] as const;
/** How a reminder reaches the customer. */
export type Channel = (typeof CHANNELS)[number];

export const CUSTOMER_SEGMENTS = ['standard', 'key-account', 'chronic-late', 'excluded'] as const;
/** How the customer is treated: `excluded` customers are never reminded. */
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

/** Segments whose reminders are reshaped by a {@link SegmentAdjustment}. */
export const ADJUSTED_SEGMENTS = ['key-account', 'chronic-late'] as const;
export type AdjustedSegment = (typeof ADJUSTED_SEGMENTS)[number];

/** Tones that carry legal content (formal notice): a segment may never soften them. */
export const LEGAL_TONES: readonly Tone[] = ['formal-notice', 'final-notice'];

export const ToneSchema = z.enum(TONES);
export const SituationSchema = z.enum(SITUATIONS);
export const ChannelSchema = z.enum(CHANNELS);

const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[a-z0-9-]+$/, 'must use lowercase letters, digits and dashes only');

/** One rung of the reminder ladder. */
export const ReminderLevelSchema = z.object({
  id: idSchema,
  /** Days from the invoice's due date; negative means before it (a pre-due courtesy). */
  delayDays: z.number().int('must be a whole number of days'),
  channel: ChannelSchema,
  tone: ToneSchema,
  situation: SituationSchema,
  /** Only invoices whose amount due reaches this many major units (e.g. euros) get this level. */
  minAmount: z.number().nonnegative('must be zero or more').optional(),
});
export type ReminderLevel = z.infer<typeof ReminderLevelSchema>;

/** A message triggered by an event (broken promise, missed installment, last call) rather than by the ladder. */
export const EventMessageSchema = z.object({
  levelId: idSchema,
  channel: ChannelSchema,
  tone: ToneSchema,
});
export type EventMessage = z.infer<typeof EventMessageSchema>;

/** How a segment reshapes the ladder. */
export const SegmentAdjustmentSchema = z
  .object({
    /** Post-due delays are multiplied by this factor and rounded (pre-due courtesies are left alone). */
    delayFactor: z.number().positive('must be greater than zero'),
    /** Added to `minDaysBetweenReminders` for this segment (may be negative, the result stays at least 1). */
    extraSpacingDays: z.number().int('must be a whole number of days'),
    /** Softer tone to use instead of a given tone. Legal tones (formal and final notice) cannot be softened. */
    toneSoftening: z.partialRecord(ToneSchema, ToneSchema),
  })
  .superRefine((adjustment, ctx) => {
    for (const tone of LEGAL_TONES) {
      const replacement = adjustment.toneSoftening[tone];
      if (replacement !== undefined && replacement !== tone) {
        ctx.addIssue({
          code: 'custom',
          path: ['toneSoftening', tone],
          message: `a ${tone} keeps its legal content and cannot be softened to ${replacement}`,
        });
      }
    }
  });
export type SegmentAdjustment = z.infer<typeof SegmentAdjustmentSchema>;

/** The whole reminder policy. Validate edited policies with `PolicySchema.safeParse`. */
export const PolicySchema = z
  .object({
    /** The graduated ladder, in increasing `delayDays`. */
    levels: z.array(ReminderLevelSchema).min(1, 'needs at least one level'),
    /** Least number of days between two reminders to the same customer. */
    minDaysBetweenReminders: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day'),
    /** Days the customer has after the final notice before escalation is suggested. */
    escalationDelayDays: z.number().int('must be a whole number of days').min(0, 'must be zero or more'),
    /** Smallest amount (major units, per currency) worth escalating. */
    escalationMinAmount: z.number().nonnegative('must be zero or more'),
    brokenPromise: EventMessageSchema,
    missedInstallment: EventMessageSchema,
    /** Suggested once the amicable steps are exhausted on an amount below `escalationMinAmount`. */
    lastCall: EventMessageSchema,
    segments: z.object({
      'key-account': SegmentAdjustmentSchema,
      'chronic-late': SegmentAdjustmentSchema,
    }),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.levels.forEach((level, index) => {
      if (seen.has(level.id)) {
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'id'], message: `duplicate level id "${level.id}"` });
      }
      seen.add(level.id);
      const previous = policy.levels[index - 1];
      if (previous && level.delayDays <= previous.delayDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'delayDays'],
          message: `must be greater than the previous level's (${previous.id}: ${previous.delayDays} days)`,
        });
      }
    });
    // Every invoice must have somewhere to go once overdue, whatever its amount.
    if (!policy.levels.some((level) => level.delayDays > 0 && level.minAmount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'needs at least one level after the due date without a minimum amount' });
    }
    for (const key of ['brokenPromise', 'missedInstallment', 'lastCall'] as const) {
      const levelId = policy[key].levelId;
      if (seen.has(levelId)) {
        ctx.addIssue({
          code: 'custom',
          path: [key, 'levelId'],
          message: `"${levelId}" is already a ladder level id; event messages need their own id`,
        });
      }
    }
    const eventIds = [policy.brokenPromise.levelId, policy.missedInstallment.levelId, policy.lastCall.levelId];
    if (new Set(eventIds).size !== eventIds.length) {
      ctx.addIssue({ code: 'custom', path: ['lastCall', 'levelId'], message: 'event message ids must differ' });
    }
  });
export type Policy = z.infer<typeof PolicySchema>;

/**
 * Default policy: a courtesy call five days before the due date for invoices of 5,000 or more, then
 * courteous email (D+1), follow-up call (D+8), firm email (D+15), formal notice by registered letter (D+30),
 * final notice (D+45), then the escalation decision once the final notice's 8-day deadline has passed.
 */
export const DEFAULT_POLICY: Policy = {
  levels: [
    { id: 'pre-due-call', delayDays: -5, channel: 'phone', tone: 'courteous', situation: 'pre-due-courtesy', minAmount: 5000 },
    { id: 'first-reminder', delayDays: 1, channel: 'email', tone: 'courteous', situation: 'first-reminder' },
    // The follow-up call reuses the first reminder's script: same courteous situation, by phone.
    { id: 'follow-up-call', delayDays: 8, channel: 'phone', tone: 'courteous', situation: 'first-reminder' },
    { id: 'firm-reminder', delayDays: 15, channel: 'email', tone: 'firm', situation: 'firm-reminder' },
    { id: 'formal-notice', delayDays: 30, channel: 'registered-letter', tone: 'formal-notice', situation: 'formal-notice' },
    { id: 'final-notice', delayDays: 45, channel: 'registered-letter', tone: 'final-notice', situation: 'final-notice' },
  ],
  minDaysBetweenReminders: 7,
  escalationDelayDays: 8,
  escalationMinAmount: 1500,
  brokenPromise: { levelId: 'broken-promise', channel: 'email', tone: 'firm' },
  missedInstallment: { levelId: 'missed-installment', channel: 'email', tone: 'firm' },
  lastCall: { levelId: 'last-call', channel: 'phone', tone: 'firm' },
  segments: {
    'key-account': { delayFactor: 1.5, extraSpacingDays: 7, toneSoftening: { firm: 'courteous' } },
    'chronic-late': { delayFactor: 0.7, extraSpacingDays: 0, toneSoftening: {} },
  },
};

/**
 * Validates a policy and returns it, or throws an error naming each offending field.
 * @throws Error when the policy does not match {@link PolicySchema}.
 */
export function parsePolicy(input: unknown): Policy {
  const result = PolicySchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid reminder policy:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** A ladder level as it applies to one segment, with its position on the ladder. */
export interface EffectiveLevel extends ReminderLevel {
  /** Position on the ladder (0 = first level); a higher rank is a later, stronger step. */
  rank: number;
}

/** The segment's adjustment, or none for `standard` and `excluded`. */
export function segmentAdjustment(policy: Policy, segment: CustomerSegment): SegmentAdjustment | undefined {
  return segment === 'key-account' || segment === 'chronic-late' ? policy.segments[segment] : undefined;
}

/** Tone actually used for a segment: softened where the segment says so, legal tones never. */
export function toneForSegment(policy: Policy, segment: CustomerSegment, tone: Tone): Tone {
  if (LEGAL_TONES.includes(tone)) return tone;
  return segmentAdjustment(policy, segment)?.toneSoftening[tone] ?? tone;
}

/**
 * The ladder for a segment: post-due delays scaled by the segment's factor and rounded (never below
 * one day after the due date), pre-due courtesies unchanged, tones softened; ranks follow the policy order.
 */
export function effectiveLevels(policy: Policy, segment: CustomerSegment): EffectiveLevel[] {
  const factor = segmentAdjustment(policy, segment)?.delayFactor ?? 1;
  return policy.levels.map((level, rank) => ({
    ...level,
    // toFixed first so that 45 × 0.7 (31.4999…) rounds like the 31.5 a person would compute.
    delayDays: level.delayDays > 0 ? Math.max(1, Math.round(Number((level.delayDays * factor).toFixed(6)))) : level.delayDays,
    tone: toneForSegment(policy, segment, level.tone),
    rank,
  }));
}

/** Least days between two reminders to a customer of this segment (at least 1). */
export function spacingDays(policy: Policy, segment: CustomerSegment): number {
  const extra = segmentAdjustment(policy, segment)?.extraSpacingDays ?? 0;
  return Math.max(1, policy.minDaysBetweenReminders + extra);
}

// ---------------------------------------------------------------------------------------------
// What the policy needs to know about a customer. Kept independent of the contact log on purpose.

/** An invoice (or credit note) as the policy sees it: what remains to be paid, or unused. */
export type PolicyInvoice = CreditableDocument;

/** A promise to pay not yet kept; the covered invoices are paused until `graceUntil` inclusive. */
export interface PolicyPendingPromise {
  /** The date the customer promised to pay. */
  date: IsoDate;
  /** Last day of grace after `date`. */
  graceUntil: IsoDate;
  /** Invoices the promise covers; empty means all of the customer's invoices. */
  invoiceIds: string[];
}

/** The latest broken promise to pay. */
export interface PolicyBrokenPromise {
  /** The date the customer had promised to pay. */
  date: IsoDate;
  eventId: string;
  /** Invoices the promise covered; empty means all of the customer's invoices. */
  invoiceIds: string[];
  /** Day the promise was found broken (after its grace). */
  brokenOn: IsoDate;
}

export type InstallmentState = 'upcoming' | 'due' | 'late' | 'paid';

export interface PolicyInstallment {
  dueDate: IsoDate;
  amount: Money;
  state: InstallmentState;
}

/** A payment plan; while no installment is late its invoices are paused. */
export interface PolicyPaymentPlan {
  /** Invoices the plan covers; empty means all of the customer's invoices. */
  invoiceIds: string[];
  installments: PolicyInstallment[];
}

/** A reminder already sent (or call already made). */
export interface PastReminder {
  at: IsoDate;
  /** A ladder level id, or an event message id (broken promise, missed installment, last call). */
  levelId: string;
  /** Invoices the reminder covered; a reminder naming none counts for spacing but marks no level done. */
  invoiceIds: string[];
}

/** Everything the policy needs to decide a customer's next action. */
export interface PolicyCustomer {
  id: string;
  segment: CustomerSegment;
  invoices: PolicyInvoice[];
  /** Invoices under an open dispute: paused one by one. */
  disputedInvoiceIds: string[];
  pendingPromise?: PolicyPendingPromise;
  brokenPromise?: PolicyBrokenPromise;
  plan?: PolicyPaymentPlan;
  reminders: PastReminder[];
  /** Last contact of any kind (mentioned when escalating). */
  lastContactOn?: IsoDate;
  /** 0..1, 1 = always pays late; weighs the to-do priority (1 + score). Missing means 0 (no history). */
  paymentHistoryScore?: number;
}
