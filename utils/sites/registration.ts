// Self-hosted accounting sites: an optional host permission plus a dynamically registered content script.
import browser from 'webextension-polyfill';

/** The built content script (WXT writes entrypoints/accounting.content to this path). */
export const ACCOUNTING_SCRIPT = 'content-scripts/accounting.js';
const ID_PREFIX = 'amiable-site-';

/** `https://erp.example.com:8443/anything` → `https://erp.example.com:8443`; throws a readable error otherwise. */
export function normalizeOrigin(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new Error(`"${input}" is not a web address (expected e.g. https://erp.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`"${input}" must start with https:// or http://`);
  }
  if (!url.hostname) throw new Error(`"${input}" has no host name`);
  return url.origin;
}

export function matchPatternFor(origin: string): string {
  const url = new URL(origin);
  // Match patterns take no port: the host permission covers every port of that host.
  return `${url.protocol}//${url.hostname}/*`;
}

function scriptId(origin: string): string {
  return ID_PREFIX + origin.replace(/[^a-z0-9]/gi, '_');
}

/** Brings the registered content scripts in line with the sites the user added and still permits. */
export async function syncRegisteredSites(origins: string[]): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(ID_PREFIX));
  const permitted: string[] = [];
  for (const origin of origins) {
    if (await browser.permissions.contains({ origins: [matchPatternFor(origin)] })) permitted.push(origin);
  }
  const wantedIds = new Set(permitted.map(scriptId));
  const stale = ours.filter((s) => !wantedIds.has(s.id)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.map((s) => s.id));
  const fresh = permitted.filter((o) => !have.has(scriptId(o)));
  if (fresh.length) {
    await browser.scripting.registerContentScripts(
      fresh.map((origin) => ({
        id: scriptId(origin),
        matches: [matchPatternFor(origin)],
        js: [ACCOUNTING_SCRIPT],
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
}
