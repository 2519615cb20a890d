// Re-scans single-page apps: rows added, changed or removed, and navigation inside the app.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const OUR_TAGS = new Set(['amiable-badge', 'amiable-notice']);

/** True when a mutation only concerns our own elements (so inserting badges never triggers a re-scan). */
function isOurs(record: MutationRecord): boolean {
  if (record.target instanceof Element && record.target.closest('amiable-badge, amiable-notice')) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n instanceof Element && OUR_TAGS.has(n.localName));
}

/** Calls `rescan` at most every `delayMs` after the page changes (well within the one-second promise). */
export function watchPage(ctx: ContentScriptContext, doc: Document, rescan: () => void, delayMs = 150): void {
  let timer: number | undefined;
  const schedule = () => {
    if (timer !== undefined) return;
    timer = ctx.setTimeout(() => {
      timer = undefined;
      rescan();
    }, delayMs);
  };
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !isOurs(r))) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'data-status', 'aria-rowindex'] });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
}
