// Invoice lists as the listed platforms render them, at their real hostnames, in the built extension: Xero's "Due"
// amount beside "Due date", QuickBooks' relative statuses without a due-date column, FreshBooks' stacked columns,
// Zoho's fixed header table above a scrolling body. Dates are relative to the browser's local date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, launch, type Session } from './harness';
import { freshbooksInvoicesPage, qboInvoicesPage, xeroInvoicesPage, zohoInvoicesPage } from './pages';

let s: Session;
beforeAll(async () => {
  s = await launch();
  await s.serve('https://go.xero.com/**', xeroInvoicesPage([
    { number: 'INV-0201', customer: 'Ridgeway Café Ltd', dueInDays: -6, amount: '1,440.00', status: 'Awaiting payment' },
    { number: 'INV-0202', customer: 'Marlow & Finch', dueInDays: 4, amount: '250.00', status: 'Awaiting payment' },
    { number: 'INV-0203', customer: 'Marlow & Finch', dueInDays: -20, amount: '960.00', remaining: '0.00', status: 'Paid' },
    { number: 'INV-0204', customer: 'Oakhill Nurseries', dueInDays: -3, amount: '310.00', status: 'Awaiting approval' },
    { number: 'INV-0205', customer: 'Oakhill Nurseries', dueInDays: -30, amount: '75.00', status: 'Voided' },
    { number: 'CN-0009', customer: 'Marlow & Finch', dueInDays: -2, amount: '(100.00)', status: 'Awaiting payment' },
  ]));
  await s.serve('https://qbo.intuit.com/**', qboInvoicesPage([
    { number: '1061', customer: 'Cool Cars', dueInDays: -12, amount: '$1,250.00' },
    { number: '1062', customer: 'Dylan Sollfrank', dueInDays: 5, amount: '$337.50' },
    { number: '1063', customer: 'Freeman Sporting Goods', dueInDays: 0, amount: '$86.40' },
    { number: '1064', customer: "Bill's Windsurf Shop", dueInDays: -40, amount: '$85.00', status: 'Paid' },
    { number: '1065', customer: 'Cool Cars', dueInDays: -40, amount: '$0.00', status: 'Voided' },
  ]));
  await s.serve('https://my.freshbooks.com/**', freshbooksInvoicesPage([
    { number: '0000301', customer: 'Blue Harbor Marine', dueInDays: -9, amount: '$1,080.00 USD', status: 'Overdue' },
    { number: '0000302', customer: 'Maple & Stone Design', dueInDays: 25, amount: '$2,500.00 USD', status: 'Sent' },
    { number: '0000303', customer: 'Juniper Yoga Studio', dueInDays: 2, amount: 'CA$129.00 CAD', status: 'Draft' },
  ]));
  await s.serve('https://books.zoho.eu/**', zohoInvoicesPage([
    { number: 'FAC-000401', customer: 'Talleres Aranda S.L.', dueInDays: -15, amount: '2.420,00 €', status: 'VENCIDA HACE 15 DÍAS' },
    { number: 'FAC-000402', customer: 'Clínica Dental Sonríe', dueInDays: -2, amount: '605,00 €', remaining: '0,00 €', status: 'PAGADA' },
    { number: 'FAC-000403', customer: 'Papelería Lumen', dueInDays: 6, amount: '1.210,00 €', status: 'ENVIADA' },
    { number: 'FAC-000404', customer: 'Papelería Lumen', dueInDays: -1, amount: '181,50 €', status: 'ANULADA' },
  ]));
});
afterAll(async () => s?.close());

async function badgesAt(url: string, count: number) {
  const page = await s.context.newPage();
  await page.goto(url);
  await expect.poll(() => badges(page).then((b) => b.length), { timeout: 5000 }).toBe(count);
  // Nothing more arrives later (no second pass adds a badge twice).
  await page.waitForTimeout(500);
  const found = await badges(page);
  const inRows = await page.$$eval('amiable-badge', (els) => els.every((el) => el.closest('tr, [role="row"]') !== null));
  await page.close();
  return { found, inRows };
}

describe('invoice lists of the listed platforms', () => {
  it('Xero: the "Due" column is the amount due; approvals, voided invoices and credit notes get no badge', async () => {
    const { found, inRows } = await badgesAt('https://go.xero.com/AccountsReceivable/Search.aspx', 3);
    expect(found).toEqual([
      { invoice: 'INV-0201', status: 'overdue', days: 6 },
      { invoice: 'INV-0202', status: 'due-soon', days: 0 },
      { invoice: 'INV-0203', status: 'paid', days: 0 },
    ]);
    expect(inRows).toBe(true);
  });

  it('QuickBooks: days overdue from the status when no due date is shown', async () => {
    const { found, inRows } = await badgesAt('https://qbo.intuit.com/app/invoices', 4);
    expect(found).toEqual([
      { invoice: '1061', status: 'overdue', days: 12 },
      { invoice: '1062', status: 'due-soon', days: 0 },
      { invoice: '1063', status: 'due-soon', days: 0 },
      { invoice: '1064', status: 'paid', days: 0 },
    ]);
    expect(inRows).toBe(true);
  });

  it('FreshBooks: the number and the due date are the second values of their stacked columns', async () => {
    const { found } = await badgesAt('https://my.freshbooks.com/#/invoices', 2);
    expect(found).toEqual([
      { invoice: '0000301', status: 'overdue', days: 9 },
      { invoice: '0000302', status: 'not-due', days: 0 },
    ]);
  });

  it('Zoho Books: rows of a scrolling table read with the fixed header above it', async () => {
    const { found } = await badgesAt('https://books.zoho.eu/app/20071234#/invoices', 3);
    expect(found).toEqual([
      { invoice: 'FAC-000401', status: 'overdue', days: 15 },
      { invoice: 'FAC-000402', status: 'paid', days: 0 },
      { invoice: 'FAC-000403', status: 'due-soon', days: 0 },
    ]);
  });
});
