// What the background answers and sends to content scripts, as zod schemas (zod/mini). A module of its own: the
// content script bundles only the schemas it parses, not the background's (see protocol.ts for every message).
import * as z from 'zod/mini';

/** A string of at most `max` characters (protocol.ts uses it too). */
export const text = (max: number) => z.string().check(z.maxLength(max));
// Same as z.int() (a safe integer), at a fraction of its code in the content-script bundle.
const wholeNumber = () => z.number().check(z.refine((n) => Number.isSafeInteger(n)));

export const SiteSettingsSchema = z.object({
  dueSoonDays: wholeNumber(),
  defaultTermDays: wholeNumber(),
  dateOrder: z.optional(z.enum(['dmy', 'mdy', 'ymd'])),
  defaultCurrency: z.optional(z.string()),
  language: z.enum(['fr', 'en']),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/**
 * What the contact log says about one invoice, already worded for the user.
 * It only ever travels into the badge's closed shadow root, never into the page's DOM.
 */
export const BadgeAnnotationSchema = z.object({
  lines: z.array(text(300)),
  promise: z.optional(z.enum(['pending', 'kept', 'broken'])),
  dispute: z.optional(z.enum(['open', 'resolved'])),
  plan: z.optional(z.enum(['on-track', 'late', 'completed'])),
});
export type BadgeAnnotation = z.infer<typeof BadgeAnnotationSchema>;

export const InvoicesSeenResponseSchema = z.object({
  annotations: z.record(z.string(), BadgeAnnotationSchema),
});
export type InvoicesSeenResponse = z.infer<typeof InvoicesSeenResponseSchema>;

// ---- background -> content script -------------------------------------------------------------
// One event so far (a discriminated union once there are more: zod's union code then comes into this bundle).
/** The contact log or the settings changed: ask again for annotations and re-badge. */
export const ContentEventSchema = z.object({ type: z.enum(['refresh']) });
export type ContentEvent = z.infer<typeof ContentEventSchema>;
