// User settings, stored in the extension database (one row per key), validated on read and write.
import { z } from 'zod';
import { DEFAULT_POLICY, PolicySchema } from '../domain/policy';
import { DEFAULT_RATES, RateTableSchema } from '../domain/rates';
import { SITUATIONS } from '../domain/templates';
import type { AmiableDb } from './db';

export const GeneralSettingsSchema = z.object({
  /** An invoice due within this many days is "due soon". */
  dueSoonDays: z.int().min(0).max(60).default(7),
  /** Payment term assumed when a page shows an issue date but no due date (French legal default: 30 days). */
  defaultTermDays: z.int().min(0).max(120).default(30),
  /** The user's name, recorded as the author of each contact they log. */
  authorName: z.string().max(120).default(''),
  /** Date order chosen by the user per site origin, for lists whose dates are ambiguous. */
  dateOrders: z.record(z.string(), z.enum(['dmy', 'mdy', 'ymd'])).default({}),
  /** Grace days after a promised date before a promise counts as broken. */
  promiseGraceDays: z.int().min(0).max(60).default(3),
});
export type GeneralSettings = z.infer<typeof GeneralSettingsSchema>;

/** The creditor (the user's company): letters and legal computations need it. */
export const CreditorSettingsSchema = z.object({
  name: z.string().max(200).default(''),
  address: z.string().max(1000).default(''),
  country: z.enum(['FR', 'DE', 'GB', 'ES', 'IT', 'BE', 'NL', 'EU']).default('FR'),
  paymentDetails: z.string().max(1000).default(''),
  signature: z.string().max(1000).default(''),
});
export type CreditorSettings = z.infer<typeof CreditorSettingsSchema>;

const MessageTemplateSchema = z.object({ subject: z.string().max(500), body: z.string().max(20_000) });
/** Templates the user edited in the options, per situation and language (the rest use the built-in texts). */
export const TemplateOverridesSchema = z
  .partialRecord(z.enum(SITUATIONS), z.partialRecord(z.enum(['fr', 'en']), MessageTemplateSchema))
  .default({});

const SCHEMAS = {
  general: GeneralSettingsSchema,
  creditor: CreditorSettingsSchema,
  /** The reminder policy (levels, spacing, segments). */
  policy: PolicySchema.default(DEFAULT_POLICY),
  /** Late-payment reference rates; the user can update them when a central bank moves. */
  rates: RateTableSchema.default(DEFAULT_RATES),
  templates: TemplateOverridesSchema,
} as const;
type Key = keyof typeof SCHEMAS;
type Value<K extends Key> = z.infer<(typeof SCHEMAS)[K]>;

/** Reads a settings group; missing or invalid stored values fall back to defaults field by field. */
export async function readSettings<K extends Key>(db: AmiableDb, key: K): Promise<Value<K>> {
  const row = await db.settings.get(key);
  const schema = SCHEMAS[key] as z.ZodType;
  const parsed = schema.safeParse(row?.value ?? (key === 'policy' || key === 'rates' ? undefined : {}));
  return (parsed.success ? parsed.data : schema.parse(key === 'policy' || key === 'rates' ? undefined : {})) as Value<K>;
}

export async function writeSettings<K extends Key>(db: AmiableDb, key: K, value: Value<K>): Promise<void> {
  await db.settings.put({ key, value: (SCHEMAS[key] as z.ZodType).parse(value) });
}
