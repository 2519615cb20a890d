import browser from 'webextension-polyfill';
import { handleMessage, type BackgroundEnv } from '@/utils/background/router';
import { getDb } from '@/utils/db/db';
import { todayInLocalTime } from '@/utils/domain/dates';
import { pickLanguage } from '@/utils/i18n/language';
import { syncRegisteredSites } from '@/utils/sites/registration';

/** storage.session key the side panel watches (content scripts cannot read the session area). */
const FOCUS_KEY = 'focusCustomerId';

export default defineBackground(() => {
  const db = getDb();
  const env: BackgroundEnv = {
    db,
    self: { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
    // Content scripts say which language their page's browser speaks; this is the fallback.
    language: pickLanguage(globalThis.navigator?.language ?? browser.i18n.getUILanguage()),
    today: () => todayInLocalTime(new Date()),
    now: () => new Date().toISOString(),
    openSidePanel: (tabId) => {
      // Chrome: side panel; Firefox: sidebar. Either may refuse without a user gesture: the focus still updates.
      const chromeApi = (globalThis as { chrome?: { sidePanel?: { open(o: { tabId: number }): Promise<void> } } }).chrome;
      if (chromeApi?.sidePanel) chromeApi.sidePanel.open({ tabId }).catch(() => undefined);
      else (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open().catch(() => undefined);
    },
    focusCustomer: (customerId) => browser.storage.session.set({ [FOCUS_KEY]: customerId }),
    broadcastRefresh: async () => {
      const tabs = await browser.tabs.query({});
      await Promise.all(
        tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, { type: 'refresh' }).catch(() => undefined))),
      );
    },
    syncSites: async () => syncRegisteredSites((await db.sites.toArray()).map((s) => s.origin)),
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
    handleMessage(env, message, sender).catch((error: unknown) => {
      console.warn('[amiable]', error);
      throw error;
    }),
  );
  // The toolbar button opens the side panel (Chrome).
  const chromeApi = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void> } } }).chrome;
  chromeApi?.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  browser.runtime.onInstalled.addListener(() => void env.syncSites());
  browser.runtime.onStartup.addListener(() => void env.syncSites());
  browser.permissions.onRemoved.addListener(() => void env.syncSites());
});
