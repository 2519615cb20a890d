// The accounting overlay in real Chromium: badges, statuses, SPA updates, side panel, privacy of the host page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, launch, type Session } from './harness';
import { frenchRowHtml, frenchTablePage, odooListPage, type Row } from './pages';

const ODOO_ROWS: Row[] = [
  { number: 'INV/2026/00011', customer: 'Azure Interior', dueInDays: -12, amount: '$1,250.00' },
  { number: 'INV/2026/00012', customer: 'Azure Interior', dueInDays: 3, amount: '$480.00' },
  { number: 'INV/2026/00013', customer: 'Deco Addict', dueInDays: 20, amount: '$2,000.00' },
  { number: 'INV/2026/00014', customer: 'Deco Addict', dueInDays: -40, amount: '$900.00', remaining: '$0.00', payment: 'paid' },
  { number: 'INV/2026/00015', customer: 'Gemini Furniture', dueInDays: -5, amount: '$300.00', state: 'draft' },
  { number: 'INV/2026/00016', customer: 'Gemini Furniture', dueInDays: -5, amount: '$300.00', state: 'cancel' },
  { number: 'RINV/2026/00002', customer: 'Azure Interior', dueInDays: -2, amount: '-$100.00', payment: 'not_paid' },
];

let s: Session;
beforeAll(async () => {
  s = await launch();
  await s.serve('https://acme.odoo.com/**', odooListPage(ODOO_ROWS));
  await s.serve('https://app.pennylane.com/**', frenchTablePage([
    { number: 'F-2026-101', customer: 'Boulangerie Dupont', dueInDays: -3, amount: '1 234,56 €' },
    { number: 'F-2026-102', customer: 'Boulangerie Dupont', dueInDays: 0, amount: '99,00 €' },
    { number: 'F-2026-103', customer: '<img src=x onerror="window.__pwned=1">', dueInDays: -31, amount: '10,00 €' },
  ]));
});
afterAll(async () => s?.close());

describe('badges on a listed host', () => {
  it('gives each receivable in an Odoo list exactly one badge with its status and days overdue', async () => {
    const page = await s.context.newPage();
    await page.goto('https://acme.odoo.com/odoo/action-account.action_move_out_invoice_type');
    await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(4);
    expect(await badges(page)).toEqual([
      { invoice: 'INV/2026/00011', status: 'overdue', days: 12 },
      { invoice: 'INV/2026/00012', status: 'due-soon', days: 0 },
      { invoice: 'INV/2026/00013', status: 'not-due', days: 0 },
      { invoice: 'INV/2026/00014', status: 'paid', days: 0 },
    ]);
    // The contact log stays private: closed shadow root, nothing readable from the page.
    expect(await page.$eval('amiable-badge', (el) => el.shadowRoot)).toBeNull();
    expect(await page.$eval('amiable-badge', (el) => el.textContent)).toBe('');
    await page.locator('amiable-badge').first().hover();
    await page.screenshot({ path: 'tests/e2e/screenshots/odoo-badges.png', clip: { x: 0, y: 0, width: 1280, height: 330 } });
    await page.close();
  });

  it('reads a French HTML table, keeps hostile text as text, and badges nothing else', async () => {
    const page = await s.context.newPage();
    await page.goto('https://app.pennylane.com/factures');
    await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(3);
    expect(await badges(page)).toEqual([
      { invoice: 'F-2026-101', status: 'overdue', days: 3 },
      { invoice: 'F-2026-102', status: 'due-soon', days: 0 },
      { invoice: 'F-2026-103', status: 'overdue', days: 31 },
    ]);
    expect(await page.$$eval('#products amiable-badge', (els) => els.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('single-page apps', () => {
  it('badges added rows, follows changed rows and forgets removed ones, never twice', async () => {
    const page = await s.context.newPage();
    await page.goto('https://app.pennylane.com/factures');
    await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(3);

    await page.evaluate((html) => {
      const tr = document.createElement('tr');
      tr.innerHTML = html;
      document.querySelector('#invoices tbody')!.append(tr);
    }, frenchRowHtml({ number: 'F-2026-104', customer: 'Garage Martin', dueInDays: -8, amount: '50,00 €' }));
    await expect.poll(() => badges(page), { timeout: 1500 }).toContainEqual({ invoice: 'F-2026-104', status: 'overdue', days: 8 });

    // The app marks the first invoice paid in place.
    await page.evaluate(() => {
      const row = document.querySelector('#invoices tbody tr')!;
      row.children[5]!.firstChild!.textContent = '0,00 €';
      row.children[6]!.firstChild!.textContent = 'Payée';
    });
    await expect.poll(() => badges(page).then((b) => b[0]), { timeout: 1500 }).toEqual({ invoice: 'F-2026-101', status: 'paid', days: 0 });

    await page.evaluate(() => document.querySelector('#invoices tbody tr:nth-child(2)')!.remove());
    await expect.poll(() => badges(page).then((b) => b.map((x) => x.invoice)), { timeout: 1500 }).toEqual(['F-2026-101', 'F-2026-103', 'F-2026-104']);

    // Re-rendering the whole list (as frameworks do) still yields one badge per invoice.
    await page.evaluate(() => {
      const tbody = document.querySelector('#invoices tbody')!;
      tbody.innerHTML = tbody.innerHTML;
    });
    await page.waitForTimeout(600);
    const after = await badges(page);
    expect(after.map((b) => b.invoice)).toEqual(['F-2026-101', 'F-2026-103', 'F-2026-104']);
    await page.close();
  });
});

describe('side panel and privacy', () => {
  it('opens the clicked invoice’s customer with its open invoices and an empty timeline', async () => {
    const page = await s.context.newPage();
    await page.goto('https://acme.odoo.com/odoo/action-account.action_move_out_invoice_type');
    await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(4);
    await page.click('amiable-badge[data-invoice="INV/2026/00011"]');
    const panel = await s.extensionPage('sidepanel.html');
    await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe('Azure Interior');
    const invoices = await panel.$$eval('table[aria-label="Open invoices"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-invoice')));
    expect(invoices).toEqual(['INV/2026/00011', 'RINV/2026/00002', 'INV/2026/00012']);
    expect(await panel.textContent('body')).toContain('No contact logged yet');
    await panel.close();
    await page.close();
  });

  it('lists customers with search and the total aged balance, hostile names as text', async () => {
    const panel = await s.extensionPage('sidepanel.html');
    // The panel reopens on the last clicked customer; the Customers tab lists them all.
    await panel.getByRole('tab', { name: 'Customers' }).click();
    await expect.poll(() => panel.$$eval('li[data-customer]', (els) => els.length), { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(await panel.$$('img')).toHaveLength(0);
    expect(await panel.$eval('li[data-customer^="<img"] button', (b) => b.textContent)).toBe('<img src=x onerror="window.__pwned=1">');
    await panel.fill('#customer-search', 'boulangerie');
    await expect.poll(() => panel.$$eval('li[data-customer]', (els) => els.map((e) => e.getAttribute('data-customer')))).toEqual(['Boulangerie Dupont']);
    expect(await panel.textContent('body')).toContain('Total aged balance');
    await panel.close();
  });

  it('leaves no IndexedDB database, localStorage key or cookie in the host page’s origin', async () => {
    const page = await s.context.newPage();
    await page.goto('https://acme.odoo.com/odoo/action-account.action_move_out_invoice_type');
    await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(4);
    const traces = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      localStorage: Object.keys(localStorage),
      cookie: document.cookie,
    }));
    expect(traces).toEqual({ databases: [], localStorage: [], cookie: '' });
    await page.close();
  });
});
