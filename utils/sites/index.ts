// Site adapter registry: the platform adapter when we know the site (by host or by its markup), else the
// generic detector.
import { genericAdapter } from './generic';
import { odooAdapter } from './odoo';
import type { ExtractContext, ExtractResult, SiteAdapter } from './types';

/** Platform adapters, tried in order before the generic detector. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [odooAdapter];

/**
 * The adapter for a page: a platform adapter whose host matches `url` or, when `root` is given, whose markup
 * the page shows (self-hosted Odoo on any domain); the generic detector otherwise.
 */
export function adapterFor(url: URL, root?: ParentNode): SiteAdapter {
  return (
    SITE_ADAPTERS.find((adapter) => adapter.matches(url) || (root !== undefined && adapter.looksLike?.(root) === true)) ??
    genericAdapter
  );
}

/**
 * Extracts the invoices of a page: with its platform adapter first and, when that finds neither invoices nor
 * problems (another screen of the app, a custom report), with the generic detector.
 */
export function extractInvoices(root: ParentNode, url: URL, ctx: ExtractContext): ExtractResult {
  const adapter = adapterFor(url, root);
  if (adapter !== genericAdapter) {
    const result = adapter.extract(root, ctx);
    if (result.invoices.length > 0 || result.problems.length > 0) return result;
  }
  return genericAdapter.extract(root, ctx);
}

export { genericAdapter, odooAdapter };
