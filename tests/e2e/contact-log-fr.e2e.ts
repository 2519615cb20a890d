// The contact log for a French team in the Antilles (UTC−4): a call logged in the evening belongs to that day,
// a promise of part of the balance is kept once that part is paid, the form refuses impossible dates, a dispute
// with hostile notes is shown and exported as data, and an import of a file that is not a log is refused as a
// whole, in French.
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeName, launch, type Session } from './harness';
import { odooListPage, type Row } from './pages';

const SITE = 'https://acme.odoo.com';
const LIST_URL = `${SITE}/odoo/action-account.action_move_out_invoice_type`;
const CUSTOMER = `${SITE}|azure interior`;
const INVOICE = 'INV/2026/00201';
let remaining = '1 250,00 €';
const rows = (): Row[] => [
  { number: INVOICE, customer: 'Azure Interior', dueInDays: -12, amount: '1 250,00 €', remaining, payment: remaining === '1 250,00 €' ? 'not_paid' : 'partial' },
  { number: 'INV/2026/00202', customer: 'Azure Interior', dueInDays: -3, amount: '300,00 €' },
];

/** The browser's own calendar date shifted by `days` (the browser's time zone is not the test runner's). */
const browserDay = (page: Page, days: number) =>
  page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
const longFrench = (iso: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'long' }).format(Date.parse(`${iso}T00:00:00Z`));
const errorOf = async (page: Page, selector: string) => {
  const describedBy = ((await page.getAttribute(selector, 'aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
  return describedBy ? page.textContent(`#${describedBy}`) : null;
};
const flat = (text: string | null) => (text ?? '').replace(/\u202f|\u00a0/g, ' ');

let s: Session;
let list: Page;
let panel: Page;
beforeAll(async () => {
  s = await launch({ locale: 'fr-FR', timezoneId: 'America/Martinique' });
  await s.serve(`${SITE}/**`, () => odooListPage(rows(), 'fr-FR'));
  list = await s.context.newPage();
  await list.goto(LIST_URL);
  await list.waitForFunction(() => document.querySelectorAll('amiable-badge').length === 2, undefined, { timeout: 5000 });
  // The author is set once in the options.
  const options = await s.extensionPage('options.html');
  await options.fill('#authorName', 'Léa');
  await options.locator('#authorName').press('Enter');
  await options.waitForTimeout(300);
  await options.close();
  panel = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(CUSTOMER)}`);
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.waitForFunction(() => document.querySelector('h1')?.textContent === 'Azure Interior', undefined, { timeout: 5000 });
});
afterAll(async () => s?.close());

describe('a promise logged in the evening, then partly paid', () => {
  it('counts for the day it was made, on the badge, even when it is already the next day in UTC', async () => {
    const yesterday = await browserDay(panel, -1);
    const promised = await browserDay(panel, 5);
    await panel.keyboard.press('n');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('log-channel');
    expect(await panel.textContent('form.log-form')).toContain('Noté par Léa');
    await panel.fill('#log-at', `${yesterday}T21:30`); // 01:30 UTC the next day
    await panel.selectOption('#log-outcome', 'promise-to-pay');
    await panel.fill('#log-promiseDate', promised);
    await panel.fill('#log-promiseAmount', '400');
    await panel.check('#log-invoiceIds-0');
    await panel.locator('#log-promiseAmount').press('Enter');
    await expect.poll(() => panel.textContent('[data-log-status]')).toBe('Enregistré.');

    await expect.poll(() => badgeName(list, INVOICE), { timeout: 5000 }).toContain(`Dernier contact : Appel, ${longFrench(yesterday)}`);
    const name = flat(await badgeName(list, INVOICE));
    expect(name).toContain(`Promesse de payer 400,00 € le ${longFrench(promised)} (en attente)`);
    expect(name).toMatch(/^En retard · \d+ j\. Promesse\./);
  });

  it('is kept once the accounting app shows that the promised part was paid', async () => {
    remaining = '850,00 €';
    await list.reload();
    await expect.poll(async () => flat(await badgeName(list, INVOICE)), { timeout: 5000 }).toContain('Promesse de payer 400,00 € le');
    await expect.poll(async () => flat(await badgeName(list, INVOICE)), { timeout: 5000 }).toContain('(tenue)');
    expect(flat(await badgeName(list, INVOICE))).not.toMatch(/^En retard · \d+ j\. Promesse\./);
    await expect.poll(() => panel.locator('ol.timeline > li').first().textContent()).toContain('tenue');
  });
});

describe('the form refuses impossible dates, next to each field, in French', () => {
  it('a contact in the future, a promised date and a follow-up before the contact', async () => {
    const today = await browserDay(panel, 0);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    await panel.keyboard.press('n');
    await panel.waitForSelector('#log-channel');
    await panel.fill('#log-at', `${nextYear}T10:00`);
    await panel.selectOption('#log-outcome', 'promise-to-pay');
    await panel.fill('#log-promiseDate', `${nextYear}`);
    await panel.fill('#log-promiseAmount', '100');
    await panel.locator('#log-promiseAmount').press('Enter');
    await expect.poll(() => panel.getAttribute('#log-at', 'aria-invalid')).toBe('true');
    expect(await errorOf(panel, '#log-at')).toMatch(/^Cette date est dans le futur/);
    expect(await panel.getAttribute('#log-promiseDate', 'aria-invalid')).toBeNull();
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('log-at');

    await panel.fill('#log-at', `${await browserDay(panel, -1)}T10:00`);
    await panel.fill('#log-promiseDate', await browserDay(panel, -3));
    await panel.fill('#log-followUpDate', await browserDay(panel, -2));
    await panel.locator('#log-promiseAmount').press('Enter');
    await expect.poll(() => errorOf(panel, '#log-promiseDate')).toMatch(/^Cette date précède le jour du contact/);
    expect(await errorOf(panel, '#log-followUpDate')).toMatch(/^Cette date précède le jour du contact/);
    expect(await panel.getAttribute('#log-at', 'aria-invalid')).toBeNull();
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.$('form.log-form')).toBeNull();
  });
});

describe('a dispute with hostile notes', () => {
  const notes = 'Il dit "non", puis <img src=x onerror="document.title=\'pwned\'">,\n2e ligne ; =cmd|calc';

  it('is shown as text, on the invoice it names, and exported to CSV intact', async () => {
    await panel.keyboard.press('n');
    await panel.waitForSelector('#log-channel');
    await panel.selectOption('#log-channel', 'registered-letter');
    await panel.fill('#log-trackingNumber', '1A 234 567 8901 2');
    await panel.selectOption('#log-outcome', 'dispute');
    await panel.fill('#log-disputeReason', 'Quantité livrée : 50, pas 500');
    await panel.check('#log-disputeInvoiceIds-1'); // INV/2026/00202; no invoice checked as "concerned"
    await panel.fill('#log-notes', notes);
    await panel.locator('#log-disputeReason').press('Enter');
    await expect.poll(() => panel.textContent('[data-log-status]')).toBe('Enregistré.');

    const entry = panel.locator('ol.timeline > li[data-outcome="dispute"]');
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('Factures : INV/2026/00202');
    expect(text).not.toContain('Tout le solde');
    expect(text).toContain('Numéro de suivi : 1A 234 567 8901 2');
    expect(await entry.locator('.notes').textContent()).toBe(notes);
    expect(await panel.$('img')).toBeNull();
    expect(await panel.title()).not.toBe('pwned');

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Exporter (CSV)' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const { data } = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    const dispute = data.find((row) => row.outcome?.startsWith('dispute'));
    expect(dispute).toMatchObject({ channel: 'registered-letter', author: 'Léa', notes, invoices: 'INV/2026/00202', trackingNumber: '1A 234 567 8901 2' });
    expect(dispute?.outcome).toBe('dispute: Quantité livrée : 50, pas 500');
  });
});

describe('importing in French', () => {
  async function importText(name: string, text: string) {
    const data = await s.extensionPage('sidepanel.html');
    await data.getByRole('tab', { name: 'Import / export' }).click();
    await data.setInputFiles('#import-file', { name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    return data;
  }

  it('refuses a file that is not a log as a whole, with the reason, and imports nothing', async () => {
    const before = await panel.locator('ol.timeline > li').count();
    const data = await importText('clients.csv', 'date,channel,notes\n2026-11-02,phone,"Appelé, pas de réponse"\n');
    await expect.poll(() => data.textContent('[data-import-failure]'), { timeout: 5000 }).toMatch(
      /^clients\.csv n’est pas une sauvegarde de l’historique des contacts ; rien n’a été importé : aucune de ses lignes n’est du JSON \(ligne 1 : JSON invalide/,
    );
    expect(await data.$('[data-report="errors"]')).toBeNull();
    await data.close();
    expect(await panel.locator('ol.timeline > li').count()).toBe(before);
  });

  it('reports a bad line in French while the good line imports', async () => {
    const line = (id: string, channel: string) =>
      JSON.stringify({
        id,
        kind: 'contact',
        customerId: CUSTOMER,
        at: '2026-01-10T09:00:00.000-04:00',
        recordedAt: '2026-01-10T13:05:00.000Z',
        author: 'Marc',
        channel,
        direction: 'incoming',
        outcome: { type: 'voicemail' },
      });
    const data = await importText('sauvegarde.jsonl', `${line('00000000-0000-4000-8000-000000000301', 'email')}\n${line('00000000-0000-4000-8000-000000000302', 'fax')}\n`);
    await expect.poll(() => data.textContent('[data-report="added"]'), { timeout: 5000 }).toBe('1 entrée ajoutée');
    expect(await data.locator('[data-report="errors"] li').allTextContents()).toEqual([
      'ligne 2 : channel : valeur attendue parmi : email, phone, sms, letter, registered-letter, visit, meeting, other',
    ]);
    expect(flat(await data.textContent('[data-import-summary]'))).toMatch(/^Compte rendu de l’import de sauvegarde\.jsonl : 1 entrée ajoutée/);
    await data.close();
    await expect.poll(() => panel.locator('ol.timeline > li[data-outcome="voicemail"]').count(), { timeout: 5000 }).toBe(1);
  });
});
