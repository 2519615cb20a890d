// Site adapter registry: the platform adapter when we know the site (by host or by its markup), else the
// generic detector.
import { genericAdapter, preparedFromResult, runToEnd } from './generic';
import { odooAdapter } from './odoo';
import type { ExtractContext, ExtractResult, PreparedPage, SiteAdapter } from './types';

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

/** An adapter's lists, prepared in steps (an adapter without them is read at once). */
function* prepareWith(adapter: SiteAdapter, root: ParentNode, ctx: ExtractContext): Generator<void, PreparedPage, void> {
  if (adapter.prepareSteps) return yield* adapter.prepareSteps(root, ctx);
  return preparedFromResult(adapter.extract(root, ctx));
}

/** True when reading the page would give an invoice or a problem; reads rows only until the first invoice. */
function findsAnything(page: PreparedPage): boolean {
  for (const list of page.lists) {
    for (let i = 0; i < list.count; i++) if (list.read(i) !== null) return true;
  }
  return page.problems().length > 0;
}

/**
 * The page's invoice lists, to be read row by row: the same adapter choice and fallback as
 * {@link extractInvoices}, and reading every row of every list gives exactly its result.
 */
export function prepareInvoices(root: ParentNode, url: URL, ctx: ExtractContext): PreparedPage {
  return runToEnd(prepareInvoicesSteps(root, url, ctx));
}

/**
 * {@link prepareInvoices} in steps: pauses every few milliseconds of work, so a caller can spread a page
 * with very long lists over several tasks (the page must not change in between).
 */
export function* prepareInvoicesSteps(root: ParentNode, url: URL, ctx: ExtractContext): Generator<void, PreparedPage, void> {
  const adapter = adapterFor(url, root);
  if (adapter !== genericAdapter) {
    const page = yield* prepareWith(adapter, root, ctx);
    if (findsAnything(page)) return page;
  }
  return yield* prepareWith(genericAdapter, root, ctx);
}

export { genericAdapter, odooAdapter };
