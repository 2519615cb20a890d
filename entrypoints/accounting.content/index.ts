import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { todayInLocalTime } from '@/utils/domain/dates';
import type { ContentRequest } from '@/utils/messaging/protocol';
import { ContentEventSchema, InvoicesSeenResponseSchema, SiteSettingsSchema } from '@/utils/messaging/to-content';
import { extractContextOf, Overlay, runSteps, viewportRows } from '@/utils/overlay/overlay';
import { watchPage } from '@/utils/overlay/watch';
import { ACCOUNTING_MATCHES } from '@/utils/sites/hosts';
import { prepareInvoices, prepareInvoicesSteps } from '@/utils/sites';
import type { PreparedPage } from '@/utils/sites/types';

export default defineContentScript({
  matches: ACCOUNTING_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    const send = (request: ContentRequest): Promise<unknown> => browser.runtime.sendMessage(request);
    const settingsReply = send({ type: 'site-settings' });
    const later = taskQueue(() => ctx.isValid);
    let overlay: Overlay | undefined;
    const watch = watchPage(ctx, document, () => overlay?.scan());
    // Read the page while the background answers (the thread would idle), in short tasks apart from loading
    // this script: with the usual settings (no date order or currency set for this site) and an unchanged
    // page, that reading is the one the first scan needs.
    const changesBefore = watch.changes();
    const today = () => todayInLocalTime(new Date());
    const early = extractContextOf(document, undefined, today());
    const preparing = new Promise<PreparedPage>((resolve) =>
      later(() =>
        runSteps(prepareInvoicesSteps(document, new URL(location.href), early), { later }, resolve, () => ctx.isValid),
      ),
    );
    const settings = SiteSettingsSchema.parse(await settingsReply);
    if (!ctx.isValid) return;
    overlay = new Overlay({
      doc: document,
      url: () => new URL(location.href),
      today,
      settings,
      reportInvoices: async (invoices) =>
        InvoicesSeenResponseSchema.parse(await send({ type: 'invoices-seen', invoices })).annotations,
      openCustomer: (invoiceNumber) => void send({ type: 'open-customer', invoiceNumber }),
      later,
      quietly: watch.quietly,
      changes: watch.changes,
      beforeLayout: (fn) => {
        // A hidden tab renders no frames: the timer finishes the scan there. (ctx's timers stop once invalidated.)
        let done = false;
        const once = () => {
          if (done) return;
          done = true;
          fn();
        };
        ctx.requestAnimationFrame(once);
        ctx.setTimeout(once, 100);
      },
    });
    const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
      // Only our own background talks to us; anything else is ignored.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const event = ContentEventSchema.safeParse(message);
      if (event.success && event.data.type === 'refresh') void overlay?.refreshAnnotations();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      overlay?.destroy();
    });
    // The rows on screen at once (between two steps of the reading above, if it still runs), read alone in a
    // few milliseconds; the whole page once its reading ends, in a task of its own.
    const current = extractContextOf(document, settings, today());
    overlay.preview(prepareInvoices(document, new URL(location.href), { ...current, rowWindow: viewportRows(innerHeight) }));
    const earlyPage = await preparing;
    await new Promise<void>((resolve) => later(resolve));
    if (!ctx.isValid) return;
    const stillValid =
      watch.changes() === changesBefore &&
      current.lang === early.lang &&
      current.today === early.today &&
      current.userDateOrder === early.userDateOrder &&
      current.defaultCurrency === early.defaultCurrency;
    overlay.scan(stillValid ? earlyPage : undefined);
  },
});

/**
 * Runs functions in later tasks, in order, one per task, while `alive()`. A posted message is a new task with
 * no delay, where chained `setTimeout(0)` calls are clamped to 4 ms each after a few: a scan of a long list
 * takes a dozen tasks.
 */
function taskQueue(alive: () => boolean): (fn: () => void) => void {
  const queue: Array<() => void> = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const fn = queue.shift();
    if (fn && alive()) fn();
  };
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}
