// @vitest-environment happy-dom
// Invoice lists as the listed platforms and self-hosted tools render them (markup, languages and formats other
// than the generic fixtures), read the way the content script reads them: adapter chosen by URL and markup.
import { describe, expect, it } from 'vitest';
import type { InvoiceFacts, IsoDate, Money } from '../../../utils/domain/types';
import { extractInvoices } from '../../../utils/sites/index';
import type { ExtractContext } from '../../../utils/sites/types';
import { contextOf, eur, facts, insertBadges, loadFixture, usd, gbp, visibleText } from './fixtures';

const DRAFT = { lifecycle: 'draft' } as const;
const CANCELLED = { lifecycle: 'cancelled' } as const;
const PAID = { paid: true } as const;
const CREDIT = { kind: 'credit-note' } as const;
const chf = (amountMinor: number): Money => ({ amountMinor, currency: 'CHF' });
const cad = (amountMinor: number): Money => ({ amountMinor, currency: 'CAD' });

/** The day the content script would pass as "today" (statuses that say "Overdue 12 days" are relative to it). */
const TODAY: IsoDate = '2026-11-12';

interface Case {
  fixture: string;
  url: string;
  expected: InvoiceFacts[];
}

const CASES: Case[] = [
  {
    fixture: 'dolibarr-invoices-fr.html',
    url: 'https://erp.menuiserie-aubert.fr/compta/facture/list.php',
    expected: [
      facts('FA2610-0112', 'Menuiserie Aubert', '2026-10-02', '2026-11-01', eur(120000), eur(120000)),
      facts('FA2610-0113', 'Pharmacie des Halles', '2026-10-15', '2026-11-14', eur(300000), eur(0), PAID),
      facts('FA2610-0114', 'SCI Les Tilleuls', '2026-10-20', '2026-12-19', eur(1200000), eur(800000)),
      facts('(PROV115)', 'Menuiserie Aubert', '2026-11-05', '2026-12-05', eur(54000), eur(54000), DRAFT),
      facts('AV2610-0004', 'Pharmacie des Halles', '2026-10-28', '2026-10-28', eur(-12000), eur(-12000), CREDIT),
      facts('FA2609-0101', 'Transports Vidal', '2026-09-01', '2026-10-01', eur(96000), eur(96000), CANCELLED),
    ],
  },
  {
    fixture: 'dolibarr-invoices-en-us.html',
    url: 'https://dolibarr.example.com/compta/facture/list.php?leftmenu=customers_bills',
    expected: [
      facts('IN2611-0041', 'Pinewood Builders Inc.', '2026-11-02', '2026-12-02', eur(108000), eur(108000)),
      facts('IN2610-0040', 'Lakeside Dental LLC', '2026-10-13', '2026-11-12', eur(259200), eur(59200)),
      facts('IN2609-0038', 'Harbor View Hotel', '2026-09-03', '2026-10-03', eur(54000), eur(0), PAID),
      facts('IN2608-0037', 'Harbor View Hotel', '2026-08-20', '2026-09-19', eur(32400), eur(32400), CANCELLED),
    ],
  },
  {
    fixture: 'xero-invoices-en.html',
    url: 'https://go.xero.com/AccountsReceivable/Search.aspx',
    expected: [
      facts('INV-0147', 'Ridgeway Café Ltd', '2026-11-02', '2026-11-16', undefined, eur(144000)),
      facts('INV-0146', 'Marlow & Finch', '2026-10-20', '2026-11-03', undefined, eur(125000)),
      facts('INV-0145', 'Ridgeway Café Ltd', '2026-10-01', '2026-10-15', undefined, eur(0), PAID),
      facts('INV-0148', 'Oakhill Nurseries', '2026-11-05', '2026-11-19', undefined, eur(31000), DRAFT),
      facts('INV-0149', 'Oakhill Nurseries', '2026-11-06', '2026-11-20', undefined, eur(7500), DRAFT),
      facts('INV-0139', 'Marlow & Finch', '2026-09-12', '2026-09-26', undefined, eur(0), CANCELLED),
      facts('CN-0012', 'Marlow & Finch', '2026-10-25', undefined, undefined, eur(-25000), CREDIT),
    ],
  },
  {
    fixture: 'qbo-invoices-en-us.html',
    url: 'https://qbo.intuit.com/app/invoices',
    expected: [
      facts('1047', 'Cool Cars', '2026-10-20', '2026-10-31', usd(125000), usd(125000)),
      facts('1048', 'Dylan Sollfrank', '2026-11-06', '2026-11-17', usd(33750), usd(33750)),
      facts('1046', 'Freeman Sporting Goods', '2026-10-17', '2026-11-12', usd(8640), usd(8640)),
      facts('1043', "Amy's Bird Sanctuary", '2026-09-28', '2026-11-09', usd(100000), usd(100000)),
      facts('1040', "Bill's Windsurf Shop", '2026-09-15', undefined, usd(8500), usd(0), PAID),
      facts('1038', 'Cool Cars', '2026-09-02', undefined, usd(0), usd(0), CANCELLED),
    ],
  },
  {
    fixture: 'qbo-all-sales-en-us.html',
    url: 'https://c17.qbo.intuit.com/app/sales',
    expected: [
      facts('1049', 'Sushi by Katsuyuki', '2026-11-02', '2026-12-02', usd(16000), usd(16000)),
      facts('1044', 'Cool Cars', '2026-10-10', '2026-11-09', usd(69400), usd(69400)),
      facts('1041', 'Cool Cars', '2026-10-01', '2026-10-01', usd(-5000), usd(-5000), CREDIT),
      facts('1039', 'Travis Waldron', '2026-09-12', '2026-10-12', usd(41472), usd(0), PAID),
    ],
  },
  {
    fixture: 'zoho-invoices-es.html',
    url: 'https://books.zoho.eu/app/20071234#/invoices',
    expected: [
      facts('FAC-000231', 'Talleres Aranda S.L.', '2026-10-01', '2026-10-31', eur(242000), eur(242000)),
      facts('FAC-000232', 'Clínica Dental Sonríe', '2026-10-05', '2026-11-04', eur(60500), eur(0), PAID),
      facts('FAC-000233', 'Hostelería del Norte S.A.', '2026-10-12', '2026-12-11', eur(1210000), eur(605000)),
      facts('FAC-000234', 'Talleres Aranda S.L.', '2026-11-03', '2026-12-03', eur(18150), eur(18150), DRAFT),
      facts('FAC-000229', 'Papelería Lumen', '2026-09-20', '2026-10-20', eur(9075), eur(0), CANCELLED),
      facts('FAC-000235', 'Papelería Lumen', '2026-10-25', '2026-11-15', eur(121000), eur(121000)),
    ],
  },
  {
    fixture: 'freshbooks-invoices-en-us.html',
    url: 'https://my.freshbooks.com/#/invoices',
    expected: [
      facts('0000214', 'Blue Harbor Marine', '2026-10-14', '2026-11-13', usd(108000), usd(108000)),
      facts('0000215', 'Maple & Stone Design', '2026-10-30', '2026-11-29', usd(250000), usd(250000)),
      facts('0000210', 'Blue Harbor Marine', '2026-09-01', '2026-10-01', usd(64000), usd(0), PAID),
      facts('0000216', 'Juniper Yoga Studio', '2026-11-05', '2026-12-05', cad(12900), cad(12900), DRAFT),
      facts('0000211', 'Juniper Yoga Studio', '2026-10-02', '2026-10-17', usd(8820), usd(8820)),
    ],
  },
  {
    fixture: 'invoiceninja-invoices-de.html',
    url: 'https://app.invoicing.co/#/invoices',
    expected: [
      facts('0042', 'Bäckerei Huber GmbH', '2026-11-02', '2026-12-02', eur(119000), eur(119000)),
      facts('0041', 'Schreinerei Lang KG', '2026-09-01', '2026-10-01', eur(476000), eur(476000)),
      facts('0043', 'Schreinerei Lang KG', '2026-10-15', '2026-11-14', eur(238000), eur(100000)),
      facts('0040', 'Praxis Dr. Öztürk', '2026-03-03', '2026-04-02', eur(59500), eur(0), PAID),
      facts('0044', 'Bäckerei Huber GmbH', '2026-11-06', undefined, eur(23800), eur(23800), DRAFT),
      facts('0038', 'Praxis Dr. Öztürk', '2026-05-20', '2026-06-19', eur(11900), eur(0), CANCELLED),
      facts('0045', 'Gasthaus Zur Linde', '2026-11-07', undefined, chf(123450), chf(123450)),
    ],
  },
  {
    fixture: 'pennylane-invoices-fr.html',
    url: 'https://app.pennylane.com/companies/48213/clients/invoices',
    expected: [
      facts('F-2026-0312', 'Atelier Mécanique Roussel', '2026-10-02', '2026-11-01', eur(123456), eur(123456)),
      facts('F-2026-0313', 'Boulangerie Le Fournil', '2026-10-09', '2026-11-08', eur(48000), eur(0), PAID),
      facts('F-2026-0314', 'Cabinet Marchand & Associés', '2026-10-20', '2026-12-19', eur(600000), eur(250000)),
      facts('F-2026-0315', 'Boulangerie Le Fournil', '2026-11-04', undefined, eur(9600), eur(9600)),
      facts('AV-2026-0009', 'Atelier Mécanique Roussel', '2026-10-25', '2026-10-25', eur(-12000), eur(-12000), CREDIT),
      facts('F-2026-0316', 'Librairie des Quais', '2026-11-06', '2026-12-06', eur(35000), eur(35000), DRAFT),
      facts('F-2026-0301', 'Librairie des Quais', '2026-09-01', '2026-10-01', eur(21000), eur(21000), CANCELLED),
    ],
  },
  {
    fixture: 'generic-ag-grid-pinned-en-gb.html',
    url: 'https://app.ledgerly.example/receivables',
    expected: [
      facts('INV-3001', 'Kestrel Architects', '2026-10-02', '2026-11-01', gbp(123456), gbp(123456)),
      facts('INV-3002', 'Fenwick & Daughters', '2026-10-09', '2026-11-08', gbp(42000), gbp(0), PAID),
      facts('INV-3003', 'Harrow Vale Farm', '2026-10-20', '2026-12-19', eur(250000), eur(125000)),
      facts('INV-3004', 'Kestrel Architects', '2026-11-04', '2026-12-04', gbp(9600), gbp(9600)),
      facts('INV-3005', 'Harrow Vale Farm', '2026-11-05', '2026-12-05', gbp(30000), gbp(30000), DRAFT),
    ],
  },
  {
    fixture: 'odoo14-selfhosted-es.html',
    url: 'https://erp.example.es/web#action=197&model=account.move&view_type=list',
    expected: [
      facts('FACTU/2026/0087', 'Distribuciones Ibérica S.L.', '2026-10-02', '2026-11-01', eur(121000), eur(121000)),
      facts('FACTU/2026/0088', 'Café Central', '2026-10-09', undefined, eur(48400), eur(0), PAID),
      facts('FACTU/2026/0089', 'Construcciones Beltrán', '2026-10-20', '2026-12-19', eur(605000), eur(305000)),
      facts('RFACTU/2026/0004', 'Café Central', '2026-10-25', '2026-10-25', eur(-12100), eur(-12100), CREDIT),
      facts('FACTU/2026/0080', 'Distribuciones Ibérica S.L.', '2026-09-01', undefined, eur(18150), eur(18150), CANCELLED),
    ],
  },
  {
    fixture: 'generic-microdata-cards-de.html',
    url: 'https://rechnung.example.de/app/rechnungen',
    expected: [
      facts('RE-2026-0501', 'Müller & Söhne GmbH', '2026-10-01', '2026-10-31', eur(119000), eur(119000)),
      facts('RE-2026-0502', 'Autohaus Becker', undefined, '2026-11-20', eur(59500), eur(0), PAID),
      facts('RE-2026-0503', 'Dr. Anna Vogt', undefined, '2026-12-05', chf(123450), chf(123450)),
    ],
  },
];

function read(fixture: string, url: string, extra: Partial<ExtractContext> = {}) {
  const doc = loadFixture(fixture);
  return { doc, result: extractInvoices(doc, new URL(url), contextOf(doc, { today: TODAY, ...extra })) };
}

describe('invoice lists of the listed platforms and self-hosted tools', () => {
  it.each(CASES.map((c) => [c.fixture, c] as const))('%s: exactly the invoices shown, read right', (_, c) => {
    const { result } = read(c.fixture, c.url);
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => i.facts)).toEqual(c.expected);
  });

  it.each(CASES.map((c) => [c.fixture, c] as const))('%s: one badge host per invoice, inside its row, showing its number', (_, c) => {
    const { result } = read(c.fixture, c.url);
    expect(result.invoices).toHaveLength(c.expected.length);
    const hosts = result.invoices.map((i) => i.badgeHost);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const inv of result.invoices) {
      expect(inv.row.contains(inv.badgeHost)).toBe(true);
      expect(inv.badgeHost.localName).not.toBe('tr');
      expect(visibleText(inv.badgeHost)).toContain(inv.facts.number);
    }
  });

  it.each(CASES.map((c) => [c.fixture, c] as const))('%s: the same facts once badged', (_, c) => {
    const { doc, result } = read(c.fixture, c.url);
    expect(result.invoices).toHaveLength(c.expected.length);
    insertBadges(result.invoices);
    const again = extractInvoices(doc, new URL(c.url), contextOf(doc, { today: TODAY }));
    expect(again.invoices.map((i) => i.facts)).toEqual(result.invoices.map((i) => i.facts));
  });
});

describe('lists that are not invoice lists', () => {
  it('bank lines, products, customers, payments, quotes, supplier bills, bank grid, aged balance and expenses give nothing', () => {
    const { result } = read('generic-not-invoices-more.html', 'https://app.ledgerly.example/dashboard');
    expect(result).toEqual({ invoices: [], problems: [] });
  });
});
