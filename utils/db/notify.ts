// Extension pages write to the database directly; the background then tells every tab to re-badge.
import browser from 'webextension-polyfill';

/**
 * Tells the background that the database changed, so the badges in open tabs refresh.
 * Never throws: a missing background (e.g. during an update) must not undo a saved entry.
 */
export async function notifyDataChanged(): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: 'data-changed' });
  } catch (error) {
    console.warn('[amiable] could not notify the background', error);
  }
}
