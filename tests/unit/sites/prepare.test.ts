// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericAdapter, runToEnd } from '../../../utils/sites/generic';
import { extractInvoices, prepareInvoices } from '../../../utils/sites/index';
import { odooAdapter } from '../../../utils/sites/odoo';
import type { ExtractContext, ExtractedInvoice, ExtractResult, PreparedPage, SiteAdapter } from '../../../utils/sites/types';
import { contextOf, loadFixture } from './fixtures';

/** An adapter's lists prepared to the end (what the overlay's steps give once they all ran). */
const prepared = (adapter: SiteAdapter, root: ParentNode, ctx: ExtractContext): PreparedPage => runToEnd(adapter.prepareSteps!(root, ctx));

const FIXTURES = readdirSync(resolve(process.cwd(), 'tests/fixtures/sites')).filter((f) => f.endsWith('.html'));

/** Row orders a content script may read in: page order, backwards, and the middle of each list first. */
const ORDERS: Record<string, (count: number) => number[]> = {
  forward: (n) => [...Array(n).keys()],
  backward: (n) => [...Array(n).keys()].reverse(),
  'middle first': (n) => {
    const mid = n >> 1;
    return [...Array(n).keys()].map((k) => (mid + k) % n);
  },
};

/** Reads every row in the given order, then lists the invoices in page order (as `extract` does). */
function readAll(page: PreparedPage, order: (count: number) => number[]): ExtractResult {
  const byList = page.lists.map((list) => {
    const found: Array<ExtractedInvoice | null> = [];
    for (const i of order(list.count)) found[i] = list.read(i);
    return found;
  });
  const invoices = byList.flatMap((found) => found.filter((inv): inv is ExtractedInvoice => inv !== null));
  return { invoices, problems: page.problems() };
}

/** What a test can compare: facts, and which elements hold the invoice and its badge. */
const shape = (result: ExtractResult) => ({
  invoices: result.invoices.map((i) => ({ facts: i.facts, row: i.row, badgeHost: i.badgeHost })),
  problems: result.problems,
});

const CONTEXTS: Array<[string, Partial<ExtractContext>]> = [
  ['page hints only', {}],
  ['a user date order', { userDateOrder: 'mdy' }],
];

describe.each(Object.keys(ORDERS))('prepare + read (%s) gives what extract gives', (orderName) => {
  const order = ORDERS[orderName]!;

  it.each(FIXTURES.flatMap((name) => CONTEXTS.map(([label, extra]) => [name, label, extra] as const)))(
    '%s with %s, for each adapter',
    (name, _label, extra) => {
      const adapters: SiteAdapter[] = [genericAdapter, odooAdapter];
      for (const adapter of adapters) {
        const doc = loadFixture(name);
        const ctx = contextOf(doc, extra);
        const expected = shape(adapter.extract(doc, ctx));
        expect(shape(readAll(prepared(adapter, doc, ctx), order))).toEqual(expected);
      }
    },
  );

  it.each(FIXTURES)('%s through the registry (same adapter choice and fallback)', (name) => {
    for (const url of ['https://acme.odoo.com/odoo/action-245', 'https://app.example-books.com/invoices']) {
      const doc = loadFixture(name);
      const ctx = contextOf(doc);
      const expected = shape(extractInvoices(doc, new URL(url), ctx));
      expect(shape(readAll(prepareInvoices(doc, new URL(url), ctx), order))).toEqual(expected);
    }
  });
});

describe('lists of one page that show the same invoice', () => {
  // A table whose rows also carry schema.org microdata, and a second table repeating one invoice: the
  // first list that finds an invoice keeps it, whatever row is read first.
  const html = `<html lang="fr"><body>
    <table><thead><tr><th>N° facture</th><th>Client</th><th>Échéance</th><th>Montant</th></tr></thead><tbody>
      <tr itemscope itemtype="https://schema.org/Invoice"><td itemprop="confirmationNumber">F-1</td><td>Alpha</td>
        <td>30/11/2026</td><td>100,00 €</td><meta itemprop="paymentDueDate" content="2026-11-30"></tr>
      <tr><td>F-2</td><td>Beta</td><td>bientôt</td><td>200,00 €</td></tr>
      <tr><td>F-3</td><td>Gamma</td><td>02/12/2026</td><td>300,00 €</td></tr>
    </tbody></table>
    <table><thead><tr><th>N° facture</th><th>Client</th><th>Échéance</th><th>Montant</th></tr></thead><tbody>
      <tr><td>F-3</td><td>Gamma bis</td><td>03/12/2026</td><td>301,00 €</td></tr>
      <tr><td>F-2</td><td>Beta bis</td><td>04/12/2026</td><td>201,00 €</td></tr>
      <tr><td>F-4</td><td>Delta</td><td>05/12/2026</td><td>400,00 €</td></tr>
    </tbody></table></body></html>`;

  it.each(Object.keys(ORDERS))('reading %s', (orderName) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const result = readAll(prepared(genericAdapter, doc, { lang: 'fr' }), ORDERS[orderName]!);
    // F-1: the table's, not the microdata's; F-3: the first table's; F-2: unreadable in the first table, so
    // the second table's row is the one shown.
    expect(result.invoices.map((i) => [i.facts.number, i.facts.customerName])).toEqual([
      ['F-1', 'Alpha'],
      ['F-3', 'Gamma'],
      ['F-2', 'Beta bis'],
      ['F-4', 'Delta'],
    ]);
    expect(result.problems).toEqual([
      { kind: 'unreadable-cell', message: '1 row skipped: “bientôt” in column “Échéance” could not be read.' },
    ]);
    expect(shape(result)).toEqual(shape(genericAdapter.extract(doc, { lang: 'fr' })));
  });

  it('a row read twice is the same invoice, counted once in the problems', () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const page = prepared(genericAdapter, doc, { lang: 'fr' });
    const [first] = page.lists;
    expect(first!.read(0)).toBe(first!.read(0));
    first!.read(1);
    first!.read(1);
    expect(page.problems()).toEqual([
      { kind: 'unreadable-cell', message: '1 row skipped: “bientôt” in column “Échéance” could not be read.' },
    ]);
  });
});

describe('preparing a list', () => {
  it('reads no cell but the number and dates of each row until a row is read', () => {
    document.documentElement.lang = 'fr';
    document.body.innerHTML = `<table><tr><th>N°</th><th>Client</th><th>Échéance</th><th>Montant</th></tr>
      <tr><td>F-1</td><td>Alpha</td><td>30/11/2026</td><td>100,00 €</td></tr>
      <tr><td>F-2</td><td>Beta</td><td>01/12/2026</td><td>oops</td></tr></table>`;
    const page = prepared(genericAdapter, document, { lang: 'fr' });
    // The unreadable amount is only found when its row is read.
    expect(page.problems()).toEqual([]);
    expect(page.lists[0]!.count).toBe(2);
    expect(page.lists[0]!.rowAt(1).textContent).toContain('F-2');
    expect(page.lists[0]!.read(1)).toBeNull();
    expect(page.problems().map((p) => p.kind)).toEqual(['unreadable-cell']);
  });

  it('an ambiguous date column gives a list with no rows and its problem at once', () => {
    const doc = loadFixture('generic-ambiguous-dates.html');
    const page = prepared(genericAdapter, doc, contextOf(doc));
    expect(page.lists.every((list) => list.count === 0)).toBe(true);
    expect(page.problems().map((p) => p.kind)).toEqual(['ambiguous-date-order', 'ambiguous-date-order']);
  });
});
