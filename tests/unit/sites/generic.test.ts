// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { InvoiceFacts } from '../../../utils/domain/types';
import { genericAdapter } from '../../../utils/sites/generic';
import { contextOf, eur, facts, gbp, insertBadges, loadFixture, usd, visibleText } from './fixtures';

const DRAFT = { lifecycle: 'draft' } as const;
const CANCELLED = { lifecycle: 'cancelled' } as const;
const PAID = { paid: true } as const;
const CREDIT = { kind: 'credit-note' } as const;

/** Expected facts per fixture, in page order. */
const TABLE_FIXTURES: Array<[string, InvoiceFacts[]]> = [
  [
    'generic-table-fr.html',
    [
      facts('FA-2026-0101', 'Boulangerie Dupont SARL', '2026-10-03', '2026-11-02', eur(123456), eur(123456)),
      facts('FA-2026-0102', 'Garage Martin & Fils', '2026-10-15', '2026-11-14', eur(240000), eur(0), PAID),
      facts('FA-2026-0103', 'Cabinet Leroy', '2026-10-20', '2026-11-19', eur(85000), eur(35000)),
      facts('FA-2026-0104', 'Société Générale de Nettoyage', '2026-10-25', '2026-12-24', eur(9990), eur(9990), DRAFT),
      facts('AV-2026-0007', 'Boulangerie Dupont SARL', '2026-10-28', '2026-10-28', eur(-12000), eur(-12000), CREDIT),
      facts('FA-2026-0090', 'Imprimerie Roux', '2026-09-01', '2026-10-01', eur(56000), eur(56000), CANCELLED),
    ],
  ],
  [
    'generic-table-en.html',
    [
      facts('1042', 'Acme Corp.', '2026-10-01', '2026-10-31', usd(123456), usd(123456)),
      facts('1043', 'Globex LLC', '2026-10-15', '2026-11-14', usd(98000), usd(0), PAID),
      facts('1044', 'Initech', '2026-11-02', '2026-12-02', usd(500000), usd(250000)),
      facts('1045', 'Umbrella Inc', '2026-11-05', '2026-12-05', usd(31000), usd(31000)),
      facts('1046', 'Hooli', '2026-11-06', '2026-12-06', usd(7500), usd(7500), DRAFT),
      facts('1039', 'Vandelay Industries', '2026-09-20', '2026-10-20', usd(64000), usd(0), CANCELLED),
      facts('CN-0012', 'Acme Corp.', '2026-10-22', '2026-10-22', usd(-12000), usd(-12000), CREDIT),
    ],
  ],
  [
    'generic-table-de.html',
    [
      facts('RE-2026-311', 'Müller & Söhne GmbH', '2026-10-01', '2026-10-31', eur(119000), eur(119000)),
      facts('RE-2026-312', 'Bäckerei Schulz', '2026-10-05', '2026-11-04', eur(238000), eur(0), PAID),
      facts('RE-2026-313', 'Schreinerei Weber KG', '2026-10-12', '2026-11-11', eur(476000), eur(200000)),
      facts('RE-2026-314', 'Autohaus Becker', '2026-10-20', '2026-11-19', eur(59500), eur(59500)),
      facts('RE-2026-315', 'Praxis Dr. Hoffmann', '2026-11-02', '2026-12-02', eur(35700), eur(35700), DRAFT),
      facts('RE-2026-300', 'Hotel Lindenhof', '2026-09-15', '2026-10-15', eur(83300), eur(83300), CANCELLED),
      facts('GS-2026-021', 'Bäckerei Schulz', '2026-10-22', '2026-10-22', eur(-23800), eur(-23800), CREDIT),
    ],
  ],
  [
    // No remaining-amount column: the amount due is the total, or zero once paid.
    'generic-table-es.html',
    [
      facts('2026/A/0087', 'Talleres García S.L.', '2026-10-01', '2026-10-31', eur(145200), eur(145200)),
      facts('2026/A/0088', 'Farmacia López', '2026-10-07', '2026-11-06', eur(60500), eur(0), PAID),
      facts('2026/A/0089', 'Construcciones Ruiz', '2026-10-14', '2026-12-13', eur(302500), eur(302500)),
      facts('2026/A/0090', 'Bodegas Navarro', '2026-11-03', '2026-12-03', eur(24200), eur(24200), DRAFT),
      facts('2026/A/0075', 'Hostal Miramar', '2026-09-10', '2026-10-10', eur(96800), eur(96800), CANCELLED),
      facts('2026/R/0004', 'Farmacia López', '2026-10-20', '2026-10-20', eur(-6050), eur(-6050), CREDIT),
    ],
  ],
  [
    'generic-aria-grid.html',
    [
      facts('INV-0201', 'Bramble & Finch Ltd', '2026-10-02', '2026-11-01', gbp(123456), gbp(123456)),
      facts('INV-0202', 'Hartley Opticians', '2026-10-09', '2026-11-08', gbp(42000), gbp(0), PAID),
      facts('INV-0203', 'Quayside Studios', '2026-10-20', '2026-11-19', gbp(200000), gbp(75000)),
      facts('CN-0014', 'Bramble & Finch Ltd', '2026-10-22', '2026-10-22', gbp(-10000), gbp(-10000), CREDIT),
      facts('INV-0204', 'Thornbury Mills', '2026-11-03', '2026-12-03', gbp(8999), gbp(8999), CANCELLED),
      facts('F-77', 'Marina Café', undefined, '2026-11-30', eur(48000), eur(48000)),
      facts('F-78', 'Le Petit Zinc', undefined, '2026-12-15', eur(102000), eur(102000)),
    ],
  ],
  [
    'generic-hostile.html',
    [
      facts('H-1', '<img src=x onerror=alert(1)>', undefined, '2026-11-30', undefined, gbp(1000)),
      facts('H-2', '"><script>alert(\'x\')</script>', undefined, '2026-12-01', undefined, gbp(2000)),
    ],
  ],
];

const CARD_FIXTURES: Array<[string, InvoiceFacts[]]> = [
  [
    'generic-microdata.html',
    [
      facts('F-2026-031', 'Atelier Bois & Co', '2026-10-01', '2026-10-31', eur(123456), eur(123456)),
      facts('F-2026-032', 'Librairie Colette', '2026-10-05', '2026-11-04', eur(35000), eur(0), PAID),
      facts('F-2026-033', 'Jeanne Martin', undefined, '2026-12-01', eur(8990), eur(8990)),
    ],
  ],
  [
    'generic-jsonld.html',
    [
      facts('2026-0451', 'Café des Arts', '2026-10-21', '2026-11-20', eur(78000), eur(78000)),
      facts('2026-0452', 'Hôtel Bellevue', '2026-10-26', '2026-11-25', eur(150000), eur(0), PAID),
      facts('2026-0453', 'Pharmacie du Centre', undefined, '2026-10-10', eur(24550), eur(24550)),
    ],
  ],
];

describe('genericAdapter on invoice tables and ARIA grids', () => {
  it.each(TABLE_FIXTURES)('%s: extracts exactly the invoices shown', (name, expected) => {
    const doc = loadFixture(name);
    const result = genericAdapter.extract(doc, contextOf(doc));
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => i.facts)).toEqual(expected);
  });

  it.each(TABLE_FIXTURES)('%s: the badge goes in the number cell of its row', (name) => {
    const doc = loadFixture(name);
    for (const inv of genericAdapter.extract(doc, contextOf(doc)).invoices) {
      const host = inv.badgeHost;
      expect(['td', 'th'].includes(host.localName) || ['cell', 'gridcell'].includes(host.getAttribute('role') ?? '')).toBe(true);
      expect(host.closest('tr, [role="row"]')).toBe(inv.row);
      expect(visibleText(host)).toBe(inv.facts.number);
    }
  });

  it('reads a hostile customer name as literal text and creates no element from it', () => {
    const doc = loadFixture('generic-hostile.html');
    const [first] = genericAdapter.extract(doc, contextOf(doc)).invoices;
    expect(first?.facts.customerName).toBe('<img src=x onerror=alert(1)>');
    expect(doc.body.querySelector('img, script')).toBeNull();
  });
});

describe('genericAdapter on schema.org Invoice microdata and JSON-LD', () => {
  it.each(CARD_FIXTURES)('%s: extracts exactly the invoices shown', (name, expected) => {
    const doc = loadFixture(name);
    const result = genericAdapter.extract(doc, contextOf(doc));
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => i.facts)).toEqual(expected);
  });

  it('microdata: the badge goes on the invoice card itself', () => {
    const doc = loadFixture('generic-microdata.html');
    for (const inv of genericAdapter.extract(doc, contextOf(doc)).invoices) {
      expect(inv.badgeHost).toBe(inv.row);
      expect(inv.row.getAttribute('itemtype')).toMatch(/schema\.org\/Invoice$/);
    }
  });

  it('JSON-LD: the badge goes in the smallest visible element showing the number, never a hidden one or a longer number', () => {
    const doc = loadFixture('generic-jsonld.html');
    const hosts = genericAdapter.extract(doc, contextOf(doc)).invoices.map((i) => [
      i.badgeHost.localName,
      i.badgeHost.textContent,
      i.row.localName,
    ]);
    expect(hosts).toEqual([
      ['span', 'Facture 2026-0451', 'li'],
      ['strong', '2026-0452', 'li'],
      ['b', '2026-0453', 'b'],
    ]);
  });
});

describe('genericAdapter ignores what is not an invoice list', () => {
  it('products, bank statement, timesheet, contacts, orders and pricing tables give nothing', () => {
    const doc = loadFixture('generic-not-invoices.html');
    expect(doc.querySelectorAll('table')).toHaveLength(6);
    expect(genericAdapter.extract(doc, contextOf(doc))).toEqual({ invoices: [], problems: [] });
  });

  it('an invoice table without any amount column gives nothing', () => {
    document.body.innerHTML = `<table><tr><th>Invoice</th><th>Customer</th><th>Due date</th></tr>
      <tr><td>X-1</td><td>Acme</td><td>2026-11-30</td></tr></table>`;
    expect(genericAdapter.extract(document, { lang: 'en' }).invoices).toEqual([]);
  });
});

describe('date order', () => {
  const name = 'generic-ambiguous-dates.html';

  it('does not guess when every day is 12 or less and the page language (bare "en") says nothing', () => {
    const doc = loadFixture(name);
    const result = genericAdapter.extract(doc, contextOf(doc));
    expect(result.invoices).toEqual([]);
    expect(result.problems.map((p) => p.kind)).toEqual(['ambiguous-date-order', 'ambiguous-date-order']);
    expect(result.problems[0]?.message).toContain('“Date”');
    expect(result.problems[1]?.message).toContain('“Due date”');
  });

  it.each([
    [{ platformDateOrder: 'mdy' as const }, ['2026-03-04', '2026-05-04'], ['2026-10-11', '2026-12-11']],
    [{ platformDateOrder: 'dmy' as const }, ['2026-04-03', '2026-04-05'], ['2026-11-10', '2026-11-12']],
    // The user's setting wins over the platform's.
    [{ platformDateOrder: 'mdy' as const, userDateOrder: 'dmy' as const }, ['2026-04-03', '2026-04-05'], ['2026-11-10', '2026-11-12']],
  ])('reads the dates once a hint settles the order (%j)', (hints, first, last) => {
    const doc = loadFixture(name);
    const result = genericAdapter.extract(doc, contextOf(doc, hints));
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => i.facts.number)).toEqual(['A-101', 'A-102', 'A-103']);
    const dates = (i: number) => [result.invoices[i]?.facts.issueDate, result.invoices[i]?.facts.dueDate];
    expect(dates(0)).toEqual(first);
    expect(dates(2)).toEqual(last);
    expect(result.invoices[0]?.facts.total).toEqual(eur(120000));
  });

  it('settles an undecided column with the evidence of the list’s other date column', () => {
    document.body.innerHTML = `<table><tr><th>Invoice</th><th>Date</th><th>Due</th><th>Total</th></tr>
      <tr><td>B-1</td><td>25/10/2026</td><td>05/11/2026</td><td>10,00 €</td></tr></table>`;
    const result = genericAdapter.extract(document, { lang: 'en' });
    expect(result.problems).toEqual([]);
    expect(result.invoices[0]?.facts.dueDate).toBe('2026-11-05');
  });
});

describe('rows that are not invoices or cannot be read', () => {
  it('skips totals rows, empty number cells and repeated header rows', () => {
    document.body.innerHTML = `<table>
      <thead><tr><th>N°</th><th>Client</th><th>Échéance</th><th>Montant</th></tr></thead>
      <tbody>
        <tr><td>F-1</td><td>Alpha</td><td>30/11/2026</td><td>100,00 €</td></tr>
        <tr><td></td><td>(ligne de note)</td><td></td><td></td></tr>
        <tr><th>N°</th><th>Client</th><th>Échéance</th><th>Montant</th></tr>
        <tr><td>F-2</td><td>Beta</td><td>01/12/2026</td><td>200,00 €</td></tr>
        <tr><td>Total novembre</td><td></td><td>30/11/2026</td><td>300,00 €</td></tr>
        <tr><td>Sous-total</td><td></td><td>30/11/2026</td><td>100,00 €</td></tr>
      </tbody></table>`;
    const result = genericAdapter.extract(document, { lang: 'fr' });
    expect(result.invoices.map((i) => i.facts.number)).toEqual(['F-1', 'F-2']);
  });

  it('skips a row whose date or amount cannot be read and says which column', () => {
    document.body.innerHTML = `<table>
      <thead><tr><th>N°</th><th>Client</th><th>Échéance</th><th>Montant</th></tr></thead>
      <tbody>
        <tr><td>F-1</td><td>Alpha</td><td>30/11/2026</td><td>100,00 €</td></tr>
        <tr><td>F-2</td><td>Beta</td><td>bientôt</td><td>200,00 €</td></tr>
        <tr><td>F-3</td><td>Gamma</td><td>02/12/2026</td><td>sur devis</td></tr>
      </tbody></table>`;
    const result = genericAdapter.extract(document, { lang: 'fr' });
    expect(result.invoices.map((i) => i.facts.number)).toEqual(['F-1']);
    expect(result.problems).toEqual([
      { kind: 'unreadable-cell', message: expect.stringContaining('“bientôt” in column “Échéance”') },
      { kind: 'unreadable-cell', message: expect.stringContaining('“sur devis” in column “Montant”') },
    ]);
  });

  it('uses the default currency when amounts show none', () => {
    document.body.innerHTML = `<table><tr><th>Invoice</th><th>Due date</th><th>Amount</th></tr>
      <tr><td>C-1</td><td>2026-11-30</td><td>1,250.00</td></tr></table>`;
    const [inv] = genericAdapter.extract(document, { lang: 'en-CA', defaultCurrency: 'CAD' }).invoices;
    expect(inv?.facts.total).toEqual({ amountMinor: 125000, currency: 'CAD' });
  });
});

describe('re-scanning a badged page', () => {
  it.each([...TABLE_FIXTURES, ...CARD_FIXTURES].map(([name]) => name))(
    '%s gives identical facts once badges are in the page',
    (name) => {
      const doc = loadFixture(name);
      const ctx = contextOf(doc);
      const first = genericAdapter.extract(doc, ctx);
      insertBadges(first.invoices);
      expect(doc.querySelectorAll('amiable-badge').length).toBe(first.invoices.length);
      const second = genericAdapter.extract(doc, ctx);
      expect(second.problems).toEqual(first.problems);
      expect(second.invoices.map((i) => i.facts)).toEqual(first.invoices.map((i) => i.facts));
      expect(second.invoices.map((i) => i.badgeHost)).toEqual(first.invoices.map((i) => i.badgeHost));
    },
  );

  it('never changes the page it reads', () => {
    const doc = loadFixture('generic-table-fr.html');
    const before = doc.documentElement.outerHTML;
    genericAdapter.extract(doc, contextOf(doc));
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('large lists', () => {
  it('extracts a 10,000-row table', () => {
    const rows: string[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      rows.push(
        `<tr><td><a href="/f/${i}">F-${i}</a></td><td>Client ${i}</td><td>${day}/10/2026</td><td>${day}/11/2026</td>` +
          `<td>${i},00 €</td><td>${i % 3 === 0 ? '0,00' : `${i},00`} €</td><td>${i % 3 === 0 ? 'Payée' : 'Envoyée'}</td></tr>`,
      );
    }
    document.documentElement.setAttribute('lang', 'fr-FR');
    document.body.innerHTML = `<table><thead><tr><th>N° facture</th><th>Client</th><th>Date</th><th>Échéance</th>
      <th>Montant TTC</th><th>Reste à payer</th><th>Statut</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const { invoices, problems } = genericAdapter.extract(document, { lang: 'fr-FR' });
    expect(problems).toEqual([]);
    expect(invoices).toHaveLength(10_000);
    expect(invoices.filter((i) => i.facts.paid)).toHaveLength(3333);
    expect(invoices[9_999]?.facts).toMatchObject({ number: 'F-10000', dueDate: '2026-11-05', total: eur(1_000_000) });
    // Not a timing assertion: happy-dom alone needs seconds to build 70,000 cells, so allow it the time.
  }, 60_000);
});

describe('date columns that need no order', () => {
  it('an empty due-date column on a bare "en" page is not ambiguous', () => {
    document.body.innerHTML = `<table><tr><th>Invoice</th><th>Issued</th><th>Due date</th><th>Total</th><th>Status</th></tr>
      <tr><td>D-1</td><td>2026-10-03</td><td></td><td>$50.00</td><td>Paid</td></tr>
      <tr><td>D-2</td><td>Oct 5, 2026</td><td></td><td>$70.00</td><td>Paid</td></tr></table>`;
    const result = genericAdapter.extract(document, { lang: 'en' });
    expect(result.problems).toEqual([]);
    expect(result.invoices.map((i) => [i.facts.number, i.facts.issueDate, i.facts.dueDate, i.facts.paid])).toEqual([
      ['D-1', '2026-10-03', undefined, true],
      ['D-2', '2026-10-05', undefined, true],
    ]);
  });
});

describe('what a real list needs besides its headers', () => {
  const read = (html: string, ctx: Parameters<typeof genericAdapter.extract>[1] = { lang: 'en' }) => {
    document.documentElement.setAttribute('lang', ctx.lang);
    document.body.innerHTML = html;
    return genericAdapter.extract(document, ctx);
  };
  const numbers = (r: ReturnType<typeof read>) => r.invoices.map((i) => i.facts.number);

  it('settles day/month by the due date never coming before the issue date', () => {
    // Read day first, B-1 would be due (11 Feb) before it was issued (10 Mar): only month/day fits every row.
    const r = read(`<table><tr><th>Invoice</th><th>Client</th><th>Date</th><th>Due date</th><th>Total</th></tr>
      <tr><td>B-1</td><td>Acme</td><td>10/03/2026</td><td>11/02/2026</td><td>€10.00</td></tr>
      <tr><td>B-2</td><td>Acme</td><td>10/05/2026</td><td>11/04/2026</td><td>€10.00</td></tr></table>`);
    expect(r.problems).toEqual([]);
    expect(r.invoices.map((i) => [i.facts.issueDate, i.facts.dueDate])).toEqual([
      ['2026-10-03', '2026-11-02'],
      ['2026-10-05', '2026-11-04'],
    ]);
  });

  it('reads a list with the language of its own lang ancestor', () => {
    const r = read(`<section lang="en-US"><table><tr><th>Invoice</th><th>Customer</th><th>Due date</th><th>Amount</th></tr>
      <tr><td>U-1</td><td>Acme</td><td>11/05/2026</td><td>$10.00</td></tr></table></section>`);
    expect(r.invoices[0]?.facts.dueDate).toBe('2026-11-05');
  });

  it('reads <time datetime> and tooltips when the text is no full date, and a status icon by its tooltip', () => {
    const r = read(`<table><tr><th>Invoice</th><th>Customer</th><th>Issued</th><th>Due</th><th>Amount</th><th>Status</th></tr>
      <tr><td>T-1</td><td>Acme</td><td><time datetime="2026-10-01">1 Oct</time></td><td><span title="2026-10-31">12 days ago</span></td>
        <td>€10.00</td><td><i class="icon icon-check" title="Paid"></i></td></tr></table>`);
    expect(r.invoices[0]?.facts).toMatchObject({ issueDate: '2026-10-01', dueDate: '2026-10-31', paid: true });
  });

  it('reads a relative date with the local date, and reports it without', () => {
    const html = `<table><tr><th>Invoice</th><th>Customer</th><th>Due date</th><th>Amount</th></tr>
      <tr><td>R-1</td><td>Acme</td><td>5 days ago</td><td>€10.00</td></tr></table>`;
    expect(read(html, { lang: 'en', today: '2026-11-12' }).invoices[0]?.facts.dueDate).toBe('2026-11-07');
    const without = read(html);
    expect(without.invoices).toEqual([]);
    expect(without.problems[0]?.message).toContain('“5 days ago” in column “Due date”');
  });

  it('takes a dash for an empty cell and skips text hidden from the user', () => {
    const r = read(`<table><tr><th>Invoice<span style="display:none">Sort by customer</span></th><th>Customer</th><th>Issued</th>
      <th>Due date</th><th>Amount</th><th>Balance</th></tr>
      <tr><td>D-1<span hidden>(duplicate)</span></td><td>Acme</td><td>2026-10-01</td><td>—</td><td>€10.00</td><td>–</td></tr></table>`);
    expect(r.problems).toEqual([]);
    expect(r.invoices[0]?.facts).toMatchObject({ number: 'D-1', issueDate: '2026-10-01', amountDue: eur(1000) });
    expect(r.invoices[0]?.facts.dueDate).toBeUndefined();
  });

  it('passes over a column that counts rows for the invoice number', () => {
    const r = read(`<table><tr><th>#</th><th>Ref.</th><th>Customer</th><th>Due date</th><th>Amount</th></tr>
      <tr><td>1</td><td>FA-9</td><td>Acme</td><td>2026-11-30</td><td>€10.00</td></tr>
      <tr><td>2</td><td>FA-8</td><td>Acme</td><td>2026-11-30</td><td>€10.00</td></tr></table>`);
    expect(numbers(r)).toEqual(['FA-9', 'FA-8']);
  });

  it('is no invoice list when another document identifies its rows, and still one when it only refers to one', () => {
    expect(numbers(read(`<table><tr><th>Payment #</th><th>Customer</th><th>Date</th><th>Invoice#</th><th>Amount</th></tr>
      <tr><td>PMT-1</td><td>Acme</td><td>2026-11-02</td><td>INV-1</td><td>€10.00</td></tr></table>`))).toEqual([]);
    expect(numbers(read(`<table><tr><th>Invoice #</th><th>Customer</th><th>Date</th><th>Quote #</th><th>Amount</th></tr>
      <tr><td>INV-1</td><td>Acme</td><td>2026-11-02</td><td>Q-1</td><td>€10.00</td></tr></table>`))).toEqual(['INV-1']);
  });

  it('gives no badge to the payments, estimates and receipts of a sales list with a type column', () => {
    const r = read(`<table><tr><th>Date</th><th>Type</th><th>No.</th><th>Customer</th><th>Total</th></tr>
      <tr><td>2026-11-02</td><td>Invoice</td><td>1</td><td>Acme</td><td>€10.00</td></tr>
      <tr><td>2026-11-03</td><td>Payment</td><td>2</td><td>Acme</td><td>-€10.00</td></tr>
      <tr><td>2026-11-04</td><td>Estimate</td><td>3</td><td>Acme</td><td>€50.00</td></tr>
      <tr><td>2026-11-05</td><td>Credit Memo</td><td>4</td><td>Acme</td><td>€5.00</td></tr></table>`);
    expect(r.invoices.map((i) => [i.facts.number, i.facts.kind])).toEqual([['1', 'invoice'], ['4', 'credit-note']]);
  });

  it('reads "Due on receipt" as due the day issued, and a lone "Due" over amounts as the amount due', () => {
    const r = read(`<table><tr><th>Invoice</th><th>Customer</th><th>Date</th><th>Due date</th><th>Total</th></tr>
      <tr><td>E-1</td><td>Acme</td><td>2026-11-02</td><td>Due on receipt</td><td>€10.00</td></tr></table>`);
    expect(r.invoices[0]?.facts.dueDate).toBe('2026-11-02');
    const amounts = read(`<table><tr><th>Invoice</th><th>Customer</th><th>Date</th><th>Total</th><th>Due</th></tr>
      <tr><td>E-2</td><td>Acme</td><td>2026-11-02</td><td>€10.00</td><td>€4.00</td></tr></table>`);
    expect(amounts.problems).toEqual([]);
    expect(amounts.invoices[0]?.facts).toMatchObject({ total: eur(1000), amountDue: eur(400) });
    expect(amounts.invoices[0]?.facts.dueDate).toBeUndefined();
  });

  it('reads a day and month without a year as one of the current year', () => {
    const r = read(`<table><tr><th>Invoice</th><th>Customer</th><th>Due date</th><th>Amount</th></tr>
      <tr><td>Y-1</td><td>Acme</td><td>Nov 30</td><td>€10.00</td></tr></table>`, { lang: 'en', today: '2026-11-12' });
    expect(r.invoices[0]?.facts.dueDate).toBe('2026-11-30');
  });

  it('says nothing of a hidden template row, and reads grid rows whose cells carry no role', () => {
    const r = read(`<table><tr><th>Invoice</th><th>Customer</th><th>Due date</th><th>Amount</th></tr>
      <tr style="display: none"><td>{{number}}</td><td>{{customer}}</td><td>{{due}}</td><td>{{amount}}</td></tr>
      <tr><td>H-1</td><td>Acme</td><td>2026-11-30</td><td>€10.00</td></tr></table>
      <div role="grid"><div role="row"><span role="columnheader">Invoice</span><span role="columnheader">Customer</span>
      <span role="columnheader">Due date</span><span role="columnheader">Amount</span></div>
      <div role="row"><span>G-1</span><span>Acme</span><span>2026-11-30</span><span>€10.00</span></div></div>`);
    expect(r.problems).toEqual([]);
    expect(numbers(r)).toEqual(['H-1', 'G-1']);
  });

  it('reads a scrolling body with the header table above it, and no other table below', () => {
    const head = `<table><thead><tr><th>Invoice</th><th>Customer</th><th>Due date</th><th>Amount</th></tr></thead></table>`;
    expect(numbers(read(`${head}<div style="overflow:auto"><table><tbody>
      <tr><td>S-1</td><td>Acme</td><td>2026-11-30</td><td>€10.00</td></tr></tbody></table></div>`))).toEqual(['S-1']);
    expect(numbers(read(`${head}<table><tbody><tr><td>P-1</td><td>2026-11-30</td><td>€10.00</td></tr></tbody></table>`))).toEqual([]);
  });
});
