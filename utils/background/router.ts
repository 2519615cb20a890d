// The background's message handling: validate, check the sender, then act. Kept out of the entrypoint so it is
// testable with a fake database and fake browser APIs.
import type { AmiableDb } from '../db/db';
import { upsertSeenInvoices } from '../db/invoices-repo';
import { readSettings } from '../db/settings';
import { invoiceIdFor } from '../domain/schemas';
import type { IsoDate } from '../domain/types';
import type { Language } from '../i18n/language';
import {
  ContentRequestSchema,
  PageRequestSchema,
  type InvoicesSeenResponse,
  type SiteSettings,
} from '../messaging/protocol';
import { classifySender, type SenderInfo } from '../messaging/sender';
import { isBuiltInHost } from '../sites/hosts';
import { annotateInvoices } from './annotations';

export interface BackgroundEnv {
  db: AmiableDb;
  self: { id: string; origin: string };
  language: Language;
  today: () => IsoDate;
  now: () => string;
  /** Opens the side panel for a tab (must run while the click's user gesture is still alive). */
  openSidePanel: (tabId: number) => void;
  /** Tells the side panel which customer to show. */
  focusCustomer: (customerId: string) => Promise<void>;
  /** Asks every tab's overlay to refresh its badges. */
  broadcastRefresh: () => Promise<void>;
  /** Re-registers content scripts for the self-hosted sites. */
  syncSites: () => Promise<void>;
}

export class MessageError extends Error {}

/** True when a content script on this origin may talk to us: a built-in host or a site the user added. */
async function isAllowedOrigin(env: BackgroundEnv, origin: string): Promise<boolean> {
  return isBuiltInHost(origin) || (await env.db.sites.get(origin)) !== undefined;
}

export async function handleMessage(env: BackgroundEnv, message: unknown, sender: SenderInfo): Promise<unknown> {
  const from = classifySender(sender, env.self);
  if (!from) throw new MessageError('Message refused: unknown sender');

  if (from.kind === 'page') {
    const request = PageRequestSchema.safeParse(message);
    if (!request.success) throw new MessageError(`Invalid message from an extension page: ${request.error.message}`);
    if (request.data.type === 'sites-changed') await env.syncSites();
    await env.broadcastRefresh();
    return { ok: true };
  }

  const request = ContentRequestSchema.safeParse(message);
  if (!request.success) throw new MessageError(`Invalid message from ${from.origin}: ${request.error.message}`);
  // Chrome only opens the side panel while the click's user gesture is alive, i.e. before our first await.
  // Opening it shows nothing to the page; what it shows is decided after the origin check below.
  if (request.data.type === 'open-customer') env.openSidePanel(from.tabId);
  if (!(await isAllowedOrigin(env, from.origin))) throw new MessageError(`Message refused: ${from.origin} is not an accounting site of ours`);
  const site = from.origin;

  switch (request.data.type) {
    case 'site-settings': {
      const general = await readSettings(env.db, 'general');
      const settings: SiteSettings = {
        dueSoonDays: general.dueSoonDays,
        defaultTermDays: general.defaultTermDays,
        language: request.data.language ?? env.language,
      };
      const order = general.dateOrders[site];
      if (order) settings.dateOrder = order;
      return settings;
    }
    case 'invoices-seen': {
      const stored = await upsertSeenInvoices(env.db, site, request.data.invoices, env.now());
      const response: InvoicesSeenResponse = {
        annotations: await annotateInvoices(env.db, stored, env.today(), request.data.language ?? env.language),
      };
      return response;
    }
    case 'open-customer': {
      const invoice = await env.db.invoices.get(invoiceIdFor(site, request.data.invoiceNumber));
      if (invoice) await env.focusCustomer(invoice.customerId);
      return { ok: Boolean(invoice) };
    }
  }
}
