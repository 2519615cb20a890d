import type { DateOrder } from '../domain/dates';
import type { InvoiceFacts } from '../domain/types';

/** One invoice found on a page: its parsed facts and the element its badge goes into. */
export interface ExtractedInvoice {
  facts: InvoiceFacts;
  /** The row or card that holds the invoice (used to track it across re-renders). */
  row: Element;
  /** Where the `<amiable-badge>` is appended: a cell or element inside `row`, never a `<tr>` itself. */
  badgeHost: Element;
}

export interface ExtractContext {
  /** The page's language (`<html lang>`), e.g. `fr-FR`, `en-US`, `en`. */
  lang: string;
  /** The platform's known date order when the page is not explicit (e.g. a US-only app). */
  platformDateOrder?: DateOrder;
  /** A date order the user set for this site in the options; wins over every hint. */
  userDateOrder?: DateOrder;
  /** Currency assumed when an amount shows none. */
  defaultCurrency?: string;
}

/** Something the user should know about a list we could not fully read (shown, never guessed around). */
export interface ExtractProblem {
  kind: 'ambiguous-date-order' | 'unreadable-cell';
  message: string;
}

export interface ExtractResult {
  invoices: ExtractedInvoice[];
  problems: ExtractProblem[];
}

/** One file per platform in utils/sites/. `extract` is pure: DOM in, data out; it never mutates the page. */
export interface SiteAdapter {
  id: string;
  name: string;
  /** True when this adapter knows the page at this URL. */
  matches(url: URL): boolean;
  /** True when the page's markup is this platform's (self-hosted installs on any host). */
  looksLike?(root: ParentNode): boolean;
  extract(root: ParentNode, ctx: ExtractContext): ExtractResult;
}
