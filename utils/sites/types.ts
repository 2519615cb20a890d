import type { DateOrder } from '../domain/dates';
import type { InvoiceFacts, IsoDate } from '../domain/types';

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
  /** The browser's local date, to read relative dates ("5 days ago", "Overdue 12 days"); without it they are not read. */
  today?: IsoDate;
  /**
   * Reads only the rows `[start, end)` of each list this returns for the list's candidate rows (in document
   * order): a first look at the rows on screen before the whole page is read. Every row when absent.
   */
  rowWindow?: (rows: ArrayLike<Element>) => readonly [start: number, end: number];
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

/**
 * One list of a page, found and ready to be read row by row: finding it and reading the few texts that decide
 * how its dates read is done once; each row is parsed only when asked (visible rows first on a long list).
 */
export interface PreparedList {
  /** Number of candidate rows, in document order. */
  readonly count: number;
  /** The element of row `i` (0 ≤ i < count), e.g. to know whether it is in the viewport. */
  rowAt(i: number): Element;
  /**
   * The invoice row `i` shows, or null when it shows none (not an invoice line, unreadable, or an invoice an
   * earlier list of the page already holds). Pure and memoized: reading a row twice gives the same object.
   */
  read(i: number): ExtractedInvoice | null;
  /** The list's problems known so far: an ambiguous date order at once, unreadable cells as rows are read. */
  problems(): ExtractProblem[];
}

/** Every list of a page, prepared. Reading every row of every list gives exactly what `extract` returns. */
export interface PreparedPage {
  lists: PreparedList[];
  /** The problems of all lists known so far, in list order (complete once every row was read). */
  problems(): ExtractProblem[];
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
  /**
   * The same lists as `extract`, to be read row by row (see {@link PreparedList}); also pure. In steps: the
   * generator pauses every few milliseconds of work and returns the prepared page, so a caller can spread a very
   * long list over several tasks. The page must not change in between. Without it, `extract` is read at once.
   */
  prepareSteps?(root: ParentNode, ctx: ExtractContext): Generator<void, PreparedPage, void>;
}
