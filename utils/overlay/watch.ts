// Re-scans single-page apps: rows added, changed or removed, and navigation inside the app.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const OUR_TAGS = new Set(['amiable-badge', 'amiable-notice']);

const isOurNode = (node: Node): boolean => node.nodeType === 1 && OUR_TAGS.has((node as Element).localName);

/** True when every node a childList mutation adds or removes is one of ours. */
function onlyOurNodes(record: MutationRecord): boolean {
  const { addedNodes, removedNodes } = record;
  if (addedNodes.length + removedNodes.length === 0) return false;
  for (let i = 0; i < addedNodes.length; i++) if (!isOurNode(addedNodes[i]!)) return false;
  for (let i = 0; i < removedNodes.length; i++) if (!isOurNode(removedNodes[i]!)) return false;
  return true;
}

/**
 * True when a mutation only concerns our own elements (so inserting badges never triggers a re-scan).
 * Inserting 10,000 badges makes 10,000 records: the cheap test on the nodes comes first.
 */
function isOurs(record: MutationRecord): boolean {
  if (record.type === 'childList' && onlyOurNodes(record)) return true;
  return record.target instanceof Element && record.target.closest('amiable-badge, amiable-notice') !== null;
}

/** What {@link watchPage} gives back. */
export interface PageWatch {
  /** How many changes of the page were seen so far: tells whether what was read at some point is still current. */
  changes(): number;
  /**
   * Runs `write`, a synchronous batch of changes to our own elements, unobserved: inserting 10,000 badges
   * would otherwise queue 10,000 records to look through just to learn they are ours.
   */
  quietly(write: () => void): void;
}

/** Calls `rescan` at most every `delayMs` after the page changes (well within the one-second promise). */
export function watchPage(ctx: ContentScriptContext, doc: Document, rescan: () => void, delayMs = 150): PageWatch {
  let timer: number | undefined;
  let changes = 0;
  const schedule = () => {
    changes++;
    if (timer !== undefined) return;
    timer = ctx.setTimeout(() => {
      timer = undefined;
      rescan();
    }, delayMs);
  };
  const notice = (records: MutationRecord[]) => {
    if (records.some((r) => !isOurs(r))) schedule();
  };
  const observer = new MutationObserver(notice);
  const options: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'data-status', 'aria-rowindex'],
  };
  let watching = true;
  observer.observe(doc.documentElement, options);
  ctx.onInvalidated(() => {
    watching = false;
    observer.disconnect();
  });
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  return {
    changes: () => changes,
    quietly(write) {
      if (!watching) return write();
      // Whatever the page changed before is still looked at; only our own batch goes unrecorded.
      notice(observer.takeRecords());
      observer.disconnect();
      try {
        write();
      } finally {
        observer.observe(doc.documentElement, options);
      }
    },
  };
}
