// The contact log in real Chromium: logging a call with the keyboard, correcting and deleting it, the badge on
// the accounting page following the log, and a JSON Lines import with a bad line.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeName, isoDaysFromToday, launch, type Session } from './harness';
import { odooListPage, type Row } from './pages';

const SITE = 'https://acme.odoo.com';
const LIST_URL = `${SITE}/odoo/action-account.action_move_out_invoice_type`;
const ROWS: Row[] = [
  { number: 'INV/2026/00101', customer: 'Azure Interior', dueInDays: -12, amount: '$1,250.00' },
  { number: 'INV/2026/00102', customer: 'Deco Addict', dueInDays: -4, amount: '$900.00' },
];
const AZURE = `${SITE}|azure interior`;
const DECO = `${SITE}|deco addict`;

/**
 * Types a date into the date field `selector` with the keyboard. Chromium orders its day, month and year parts
 * by the browser's own locale (headless mode does not always take it from --lang): the order is first found on
 * a scratch field, so the real one is typed once, as a person would.
 */
async function typeDate(page: Page, selector: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const orders = [`${day}${month}${year}`, `${month}${day}${year}`, `${year}${month}${day}`];
  let keys: string | undefined;
  for (const candidate of orders) {
    await page.evaluate(() => {
      const probe = document.createElement('input');
      probe.type = 'date';
      probe.id = 'date-order-probe';
      document.body.append(probe);
      probe.focus();
    });
    await page.keyboard.type(candidate);
    const value = await page.inputValue('#date-order-probe');
    await page.evaluate(() => document.getElementById('date-order-probe')?.remove());
    if (value === iso) {
      keys = candidate;
      break;
    }
  }
  if (!keys) throw new Error(`no day/month/year order types ${iso} into a date field`);
  await page.focus(selector);
  await page.keyboard.type(keys);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const statusText = (panel: Page) => panel.textContent('[data-log-status]');

let s: Session;
let list: Page;
beforeAll(async () => {
  s = await launch();
  await s.serve(`${SITE}/**`, odooListPage(ROWS));
  list = await s.context.newPage();
  await list.goto(LIST_URL);
  await list.waitForFunction(() => document.querySelectorAll('amiable-badge').length === 2, undefined, { timeout: 5000 });
});
afterAll(async () => s?.close());

describe('logging a contact from the keyboard', () => {
  it('logs a phone call with a promise to pay in a few keystrokes, and the page’s badge reads “Promised”', async () => {
    expect(await badgeName(list, 'INV/2026/00101')).not.toMatch(/Promised/);
    const panel = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(AZURE)}`);
    await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe('Azure Interior');
    expect(await panel.textContent('body')).toContain('No contact logged yet');

    await panel.keyboard.press('n');
    await expect.poll(() => focusedId(panel)).toBe('log-channel');
    await panel.keyboard.press('p'); // Phone call
    expect(await panel.inputValue('#log-channel')).toBe('phone');
    await panel.keyboard.press('Tab');
    expect(await focusedId(panel)).toBe('log-outcome');
    await panel.keyboard.press('p'); // Promise to pay
    expect(await panel.inputValue('#log-outcome')).toBe('promise-to-pay');
    await panel.keyboard.press('Tab');
    expect(await focusedId(panel)).toBe('log-promiseDate');
    const promised = isoDaysFromToday(10);
    await typeDate(panel, '#log-promiseDate', promised);
    expect(await panel.inputValue('#log-promiseDate')).toBe(promised);
    await panel.locator('#log-promiseAmount').focus();
    await panel.keyboard.type('1250');
    await panel.keyboard.press('Enter');

    // No author name in the settings yet: the form says so next to the field and puts the focus there.
    await expect.poll(() => focusedId(panel)).toBe('log-author');
    expect(await panel.getAttribute('#log-author', 'aria-invalid')).toBe('true');
    const describedBy = (await panel.getAttribute('#log-author', 'aria-describedby')) ?? '';
    expect(await panel.textContent(`#${describedBy}`)).toBe('must not be empty');
    await panel.keyboard.type('Claire');
    await panel.keyboard.press('Enter');

    await expect.poll(() => statusText(panel)).toBe('Saved.');
    expect(await panel.$('#log-channel')).toBeNull();
    const entry = panel.locator('ol.timeline > li');
    await expect.poll(() => entry.count()).toBe(1);
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('Phone call');
    expect(text).toContain('Promise to pay');
    expect(text).toContain('1,250.00');
    expect(text).toContain('pending');
    expect(text).toContain('by Claire');
    expect(await panel.textContent('[data-summary="pending-promise"]')).toMatch(/Promise to pay .*1,250\.00.*pending/);

    // The accounting page follows without a reload, inside the badge's closed shadow root.
    await expect.poll(() => badgeName(list, 'INV/2026/00101'), { timeout: 5000 }).toMatch(/Promised/);
    expect(await badgeName(list, 'INV/2026/00101')).toMatch(/Promise to pay .*1,250\.00/);
    await list.locator('amiable-badge[data-invoice="INV/2026/00101"]').hover();
    await list.screenshot({ path: 'tests/e2e/screenshots/badge-with-promise.png', clip: { x: 0, y: 0, width: 1280, height: 260 } });
    await panel.setViewportSize({ width: 460, height: 900 });
    await panel.screenshot({ path: 'tests/e2e/screenshots/contact-log.png', fullPage: true });
    await panel.close();
  });

  it('corrects an entry by appending a version, shows the history, and deletes it after confirmation', async () => {
    const panel = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(AZURE)}`);
    await expect.poll(() => panel.locator('ol.timeline > li').count(), { timeout: 5000 }).toBe(1);

    await panel.getByRole('button', { name: /^Edit / }).click();
    await expect.poll(() => focusedId(panel)).toBe('log-channel');
    expect(await panel.inputValue('#log-promiseAmount')).toBe('1250.00');
    await panel.fill('#log-promiseAmount', '1000');
    await panel.fill('#log-notes', 'Will pay the rest next month');
    // The name typed for the first entry became the author setting: a fresh panel does not ask again.
    expect(await panel.$('#log-author')).toBeNull();
    await panel.locator('#log-promiseAmount').press('Enter');
    await expect.poll(() => statusText(panel)).toBe('Correction saved.');
    const entry = panel.locator('ol.timeline > li');
    await expect.poll(() => entry.count()).toBe(1);
    await expect.poll(() => entry.textContent()).toContain('1,000.00');

    await panel.getByRole('button', { name: 'Show history' }).click();
    const versions = await panel.locator('ol.versions li').allTextContents();
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatch(/^Logged by Claire/);
    expect(versions[1]).toMatch(/^Corrected by Claire.*Will pay the rest next month/);
    await panel.getByRole('button', { name: 'Hide history' }).click();

    await panel.getByRole('button', { name: /^Delete / }).click();
    const dialog = panel.locator('dialog[open]');
    expect(await dialog.textContent()).toContain('Delete this entry?');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => statusText(panel)).toBe('Entry deleted.');
    await expect.poll(() => panel.locator('ol.timeline > li').count()).toBe(0);
    expect(await panel.textContent('body')).toContain('No contact logged yet');
    await expect.poll(() => badgeName(list, 'INV/2026/00101'), { timeout: 5000 }).not.toMatch(/Promised/);
    await panel.close();
  });
});

describe('importing a JSON Lines log', () => {
  const line = (n: number, extra: Record<string, unknown>) =>
    JSON.stringify({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      kind: 'contact',
      customerId: DECO,
      invoiceIds: [`${SITE}|INV/2026/00102`],
      at: '2026-01-10T09:00:00.000Z',
      recordedAt: '2026-01-10T09:05:00.000Z',
      author: 'Marc',
      channel: 'email',
      direction: 'incoming',
      outcome: { type: 'note' },
      ...extra,
    });
  const file = [
    line(1, { outcome: { type: 'dispute', reason: 'Goods damaged on delivery', invoiceIds: [`${SITE}|INV/2026/00102`] } }),
    line(2, { channel: 'fax' }),
    line(3, { notes: 'Asked for a copy of the delivery note' }),
  ].join('\n');

  async function importFile(panel: Page) {
    await panel.setInputFiles('#import-file', { name: 'backup.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(file) });
  }

  it('imports the valid lines, reports the bad one by its line number, and adds nothing the second time', async () => {
    const panel = await s.extensionPage('sidepanel.html');
    await panel.getByRole('tab', { name: 'Import / export' }).click();
    await importFile(panel);
    await expect.poll(() => panel.textContent('[data-report="added"]'), { timeout: 5000 }).toBe('2 entries added');
    expect(await panel.textContent('[data-report="duplicates"]')).toBe('0 already present');
    const errors = await panel.locator('[data-report="errors"] li').allTextContents();
    expect(errors).toEqual([expect.stringMatching(/^line 2: channel: expected one of email, phone/)]);

    // The badge of the disputed invoice reads so at a glance.
    await expect.poll(() => badgeName(list, 'INV/2026/00102'), { timeout: 5000 }).toMatch(/Disputed/);
    expect(await badgeName(list, 'INV/2026/00102')).toContain('Goods damaged on delivery');

    await importFile(panel);
    await expect.poll(() => panel.textContent('[data-report="duplicates"]'), { timeout: 5000 }).toBe('2 already present');
    expect(await panel.textContent('[data-report="added"]')).toBe('0 entries added');
    await panel.close();

    const customer = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(DECO)}`);
    await expect.poll(() => customer.locator('ol.timeline > li').count(), { timeout: 5000 }).toBe(2);
    expect(await customer.textContent('[data-summary="dispute"]')).toContain('Goods damaged on delivery');
    await customer.close();
  });
});

describe('customer data rights', () => {
  it('exports the customer as JSON and erases it after typing its name', async () => {
    // An open page listing the customer's invoices would teach them to Amiable again right after the erasure.
    await list.close();
    const panel = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(DECO)}`);
    await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe('Deco Addict');

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`amiable-deco-addict-${isoDaysFromToday(0)}.json`);

    await panel.getByRole('button', { name: 'Erase this customer…' }).click();
    const dialog = panel.locator('dialog[open]');
    const erase = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type “Deco Addict” to confirm/).fill('deco addict');
    expect(await erase.isDisabled()).toBe(false);
    await erase.click();
    await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe('Customers');
    await expect
      .poll(() => panel.$$eval('li[data-customer]', (els) => els.map((e) => e.getAttribute('data-customer'))))
      .toEqual(['Azure Interior']);
    await panel.close();
  });
});
