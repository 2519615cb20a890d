// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { InvoiceFacts } from '../../../utils/domain/types';
import { odooAdapter } from '../../../utils/sites/odoo';
import { contextOf, eur, facts, gbp, insertBadges, loadFixture, usd } from './fixtures';

const DRAFT = { lifecycle: 'draft' } as const;
const CANCELLED = { lifecycle: 'cancelled' } as const;
const PAID = { paid: true } as const;
const CREDIT = { kind: 'credit-note' } as const;

const FIXTURES: Array<[string, InvoiceFacts[]]> = [
  [
    // Odoo 17, en-US (MM/DD/YYYY), Amount Due column shown. The `/` draft (never posted) has no number: skipped.
    'odoo17-invoices-en.html',
    [
      facts('INV/2026/00045', 'Deco Addict', '2026-11-02', '2026-12-02', usd(115000), usd(115000)),
      facts('INV/2026/00044', 'Azure Interior', '2026-10-15', '2026-10-31', usd(483000), usd(200000)),
      facts('INV/2026/00043', 'Gemini Furniture', '2026-10-01', undefined, usd(230000), usd(0), PAID),
      facts('INV/2026/00042', 'Ready Mat', '2026-09-20', undefined, usd(97550), usd(0), PAID),
      facts('RINV/2026/00003', 'Deco Addict', '2026-10-20', '2026-10-20', usd(-15000), usd(-15000), CREDIT),
      facts('INV/2026/00046', 'Lumber Inc', '2026-11-10', '2026-12-10', usd(64000), usd(64000), DRAFT),
      facts('INV/2026/00039', 'Wood Corner', '2026-08-05', undefined, usd(120000), usd(120000), CANCELLED),
      facts('INV/2026/00012', 'Azure Interior', '2026-03-02', '2026-03-04', usd(46000), usd(46000)),
    ],
  ],
  [
    // Odoo 17, fr-FR (DD/MM/YYYY), no Amount Due column (hidden by default): the total stands for it.
    'odoo17-invoices-fr.html',
    [
      facts('FAC/2026/00118', 'Boulangerie Dupont SARL', '2026-10-02', '2026-11-01', eur(120000), eur(120000)),
      facts('FAC/2026/00119', 'Garage Martin & Fils', '2026-10-15', undefined, eur(348000), eur(0), PAID),
      facts('FAC/2026/00120', 'Cabinet Leroy', '2026-10-20', '2026-11-19', eur(85000), eur(85000)),
      facts('FAC/2026/00121', 'Imprimerie Roux', '2026-11-05', '2026-12-05', eur(54000), eur(54000), DRAFT),
      facts('RFAC/2026/00004', 'Boulangerie Dupont SARL', '2026-10-28', '2026-10-28', eur(-12000), eur(-12000), CREDIT),
      facts('FAC/2026/00110', 'Société Générale de Nettoyage', '2026-09-01', undefined, eur(200000), eur(200000), CANCELLED),
      facts('FAC/2026/00117', 'Traiteur Lemoine', '2026-10-01', undefined, eur(150000), eur(0), PAID),
    ],
  ],
  [
    // Odoo 18 self-hosted, en-GB, grouped by customer, single status_in_payment badge.
    'odoo18-selfhosted-en-gb.html',
    [
      facts('INV/2026/00201', 'Harbour Logistics Ltd', '2026-11-02', '2026-12-02', gbp(120000), gbp(120000)),
      facts('INV/2026/00195', 'Harbour Logistics Ltd', '2026-09-15', '2026-10-15', gbp(48000), gbp(48000)),
      facts('INV/2026/00190', 'Kingsway Dental', '2026-09-01', undefined, gbp(264000), gbp(0), PAID),
      facts('RINV/2026/00011', 'Kingsway Dental', '2026-10-20', '2026-10-20', gbp(-20000), gbp(-20000), CREDIT),
      facts('INV/2026/00205', 'Kingsway Dental', '2026-11-12', '2026-12-12', gbp(7500), gbp(7500), DRAFT),
      facts('INV/2026/00170', 'Northgate Bakery', '2026-08-03', undefined, gbp(31000), gbp(0), CANCELLED),
      facts('INV/2026/00198', 'Northgate Bakery', '2026-10-20', '2026-11-19', gbp(90000), gbp(40000)),
    ],
  ],
];

describe('odooAdapter', () => {
  it.each(FIXTURES)('%s: extracts exactly the invoices of the list view', (name, expected) => {
    const doc = loadFixture(name);
    const result = odooAdapter.extract(doc, contextOf(doc));
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => i.facts)).toEqual(expected);
  });

  it.each(FIXTURES)('%s: the badge goes in the Number cell of the o_data_row', (name) => {
    const doc = loadFixture(name);
    for (const inv of odooAdapter.extract(doc, contextOf(doc)).invoices) {
      expect(inv.row.classList.contains('o_data_row')).toBe(true);
      expect(inv.badgeHost.localName).toBe('td');
      expect(inv.badgeHost.getAttribute('name')).toBe('name');
      expect(inv.badgeHost.parentElement).toBe(inv.row);
    }
  });

  it('reads the due date from the remaining_days title, not from "15 days ago"', () => {
    const doc = loadFixture('odoo17-invoices-en.html');
    const cell = doc.querySelector('tr.o_data_row td[name="invoice_date_due"] div[title="10/31/2026"]');
    expect(cell?.textContent).toBe('15 days ago');
    const inv = odooAdapter.extract(doc, contextOf(doc)).invoices.find((i) => i.facts.number === 'INV/2026/00044');
    expect(inv?.facts.dueDate).toBe('2026-10-31');
  });

  it('identifies columns by field name, whatever the labels say', () => {
    const doc = loadFixture('odoo17-invoices-fr.html');
    const expected = odooAdapter.extract(doc, contextOf(doc)).invoices.map((i) => i.facts);
    for (const th of Array.from(doc.querySelectorAll('thead th'))) th.textContent = '???';
    expect(odooAdapter.extract(doc, contextOf(doc)).invoices.map((i) => i.facts)).toEqual(expected);
  });

  it('classifies a status badge it cannot read by its Odoo colour class', () => {
    const doc = loadFixture('odoo17-invoices-en.html');
    // An untranslated language: "Betald" (paid, Swedish) on a text-bg-success payment badge, "Utkast" on text-bg-info.
    const paid = doc.querySelector('tr.o_data_row:nth-child(3) td[name="payment_state"] .badge');
    const draftState = doc.querySelector('tr.o_data_row:nth-child(6) td[name="state"] .badge');
    expect(paid?.className).toContain('text-bg-success');
    expect(draftState?.className).toContain('text-bg-info');
    paid!.textContent = 'Betald';
    draftState!.textContent = 'Utkast';
    const byNumber = new Map(odooAdapter.extract(doc, contextOf(doc)).invoices.map((i) => [i.facts.number, i.facts]));
    expect(byNumber.get('INV/2026/00043')?.paid).toBe(true);
    expect(byNumber.get('INV/2026/00046')?.lifecycle).toBe('draft');
  });

  it('gives identical facts when re-scanning a page that already shows badges', () => {
    for (const [name] of FIXTURES) {
      const doc = loadFixture(name);
      const ctx = contextOf(doc);
      const first = odooAdapter.extract(doc, ctx);
      insertBadges(first.invoices);
      const second = odooAdapter.extract(doc, ctx);
      expect(second.invoices.map((i) => i.facts)).toEqual(first.invoices.map((i) => i.facts));
      expect(second.invoices.map((i) => i.badgeHost)).toEqual(first.invoices.map((i) => i.badgeHost));
    }
  });

  it('ignores Odoo lists that are not invoice lists (e.g. invoice lines)', () => {
    document.body.innerHTML = `<div class="o_web_client"><table class="o_list_table"><thead><tr>
      <th data-name="name">Label</th><th data-name="quantity">Quantity</th><th data-name="price_subtotal">Amount</th></tr></thead>
      <tbody><tr class="o_data_row"><td class="o_data_cell" name="name">Desk</td><td class="o_data_cell" name="quantity">1.00</td>
      <td class="o_data_cell" name="price_subtotal">$ 100.00</td></tr></tbody></table></div>`;
    expect(odooAdapter.extract(document, { lang: 'en-US' })).toEqual({ invoices: [], problems: [] });
  });

  it.each([
    ['https://mycompany.odoo.com/odoo/action-245', true],
    ['https://odoo.com/', true],
    ['https://MyCompany.Odoo.com/web#action=245', true],
    ['https://erp.example.com/odoo/action-245', false],
    ['https://notodoo.com/', false],
    ['https://odoo.com.evil.example/', false],
  ])('matches(%s) is %s', (url, expected) => {
    expect(odooAdapter.matches(new URL(url))).toBe(expected);
  });

  it('recognizes Odoo markup on any host', () => {
    expect(odooAdapter.looksLike?.(loadFixture('odoo18-selfhosted-en-gb.html'))).toBe(true);
    expect(odooAdapter.looksLike?.(loadFixture('generic-table-fr.html'))).toBe(false);
  });
});
