// Who sent a message. The background trusts nothing a message says about its origin: it reads the sender.

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

export type SenderContext =
  | { kind: 'content'; origin: string; tabId: number }
  | { kind: 'page' };

/**
 * Classifies a runtime message sender: our own extension pages, or one of our content scripts in a tab
 * (its origin then comes from the tab's URL, never from the payload). Anything else is `null`.
 */
export function classifySender(sender: SenderInfo, self: { id: string; origin: string }): SenderContext | null {
  if (sender.id !== self.id || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.origin === self.origin) return { kind: 'page' };
  if (sender.tab?.id === undefined || !/^https?:$/.test(url.protocol)) return null;
  return { kind: 'content', origin: url.origin, tabId: sender.tab.id };
}
