// Every message between content scripts, extension pages and the background, as zod schemas.
// zod/mini keeps the content-script bundle small; the background validates everything it receives.
import * as z from 'zod/mini';

// What the background answers and sends to content scripts, in a module of its own so a content script's bundle
// holds only the schemas it parses.
export * from './to-content';
import { text } from './to-content';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const money = z.object({
  amountMinor: z.int(),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});

/** Invoice facts as a content script read them from the page (see utils/domain/types.ts InvoiceFacts). */
export const WireInvoiceSchema = z.object({
  number: text(200).check(z.minLength(1)),
  customerName: text(500),
  issueDate: z.optional(isoDate),
  dueDate: z.optional(isoDate),
  total: z.optional(money),
  amountDue: z.optional(money),
  lifecycle: z.enum(['draft', 'issued', 'cancelled']),
  kind: z.enum(['invoice', 'credit-note']),
  paid: z.boolean(),
});
export type WireInvoice = z.infer<typeof WireInvoiceSchema>;

// ---- content script -> background -------------------------------------------------------------
/** The browser language as the page sees it (navigator.language): badges speak the language of the side panel. */
const language = z.optional(z.enum(['fr', 'en']));

export const ContentRequestSchema = z.discriminatedUnion('type', [
  /** First message of a page: what the overlay needs to know for this site. */
  z.object({ type: z.literal('site-settings'), language }),
  /** The invoices visible on the page: stored (upsert), answered with their badge annotations. */
  z.object({
    type: z.literal('invoices-seen'),
    invoices: z.array(WireInvoiceSchema).check(z.maxLength(50_000)),
    language,
  }),
  /** A badge was clicked: open the side panel on that invoice's customer. */
  z.object({ type: z.literal('open-customer'), invoiceNumber: text(200) }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

// ---- extension pages -> background ------------------------------------------------------------
export const PageRequestSchema = z.discriminatedUnion('type', [
  /** Something was written to the database from an extension page: tell the tabs. */
  z.object({ type: z.literal('data-changed') }),
  /** The self-hosted sites changed in the options: re-register the content script. */
  z.object({ type: z.literal('sites-changed') }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;

export const RequestSchema = z.union([ContentRequestSchema, PageRequestSchema]);
