import browser from 'webextension-polyfill';
import { todayInLocalTime } from '@/utils/domain/dates';
import {
  ContentEventSchema,
  InvoicesSeenResponseSchema,
  SiteSettingsSchema,
  type ContentRequest,
} from '@/utils/messaging/protocol';
import { Overlay } from '@/utils/overlay/overlay';
import { watchPage } from '@/utils/overlay/watch';
import { ACCOUNTING_MATCHES } from '@/utils/sites/hosts';

export default defineContentScript({
  matches: ACCOUNTING_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    const send = (request: ContentRequest): Promise<unknown> => browser.runtime.sendMessage(request);
    const settings = SiteSettingsSchema.parse(await send({ type: 'site-settings' }));
    if (!ctx.isValid) return;
    const overlay = new Overlay({
      doc: document,
      url: () => new URL(location.href),
      today: () => todayInLocalTime(new Date()),
      settings,
      reportInvoices: async (invoices) =>
        InvoicesSeenResponseSchema.parse(await send({ type: 'invoices-seen', invoices })).annotations,
      openCustomer: (invoiceNumber) => void send({ type: 'open-customer', invoiceNumber }),
      later: (fn) => ctx.setTimeout(fn, 0),
    });
    const onMessage = (message: unknown, sender: browser.Runtime.MessageSender) => {
      // Only our own background talks to us; anything else is ignored.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const event = ContentEventSchema.safeParse(message);
      if (event.success && event.data.type === 'refresh') void overlay.refreshAnnotations();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      overlay.destroy();
    });
    watchPage(ctx, document, () => overlay.scan());
    overlay.scan();
  },
});
