// Reminders in real Chromium on the built extension: the next best action and its tone for invoices at D+3,
// D+20 and D+35 (earlier levels imported as a JSON Lines log through the Import tab), a pending promise, a
// dispute and an escalation; "Mark as sent"; the to-do list; the French formal notice printed as a letter;
// the escalation dossier with interest; the next action on the accounting page's badges.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, buttonNames, isoDaysFromToday, launch, type Session } from './harness';
import { frenchTablePage, type Row } from './pages';

const SITE = 'https://app.pennylane.com';
const LIST_URL = `${SITE}/factures`;
const ROWS: Row[] = [
  { number: 'R-301', customer: 'Boulangerie Dupont', dueInDays: -3, amount: '1 200,00 €' },
  { number: 'R-302', customer: 'Garage Martin', dueInDays: -20, amount: '2 400,00 €' },
  { number: 'R-303', customer: 'Fromagerie Leroy', dueInDays: -35, amount: '3 000,00 €' },
  { number: 'R-304', customer: 'Imprimerie Petit', dueInDays: -10, amount: '800,00 €' },
  { number: 'R-305', customer: 'Traiteur Moreau', dueInDays: -12, amount: '500,00 €' },
  { number: 'R-306', customer: 'Menuiserie Roux', dueInDays: -60, amount: '5 000,00 €' },
];
/** customerIdFor(SITE, name): the origin, "|", the name in lower case. */
const idOf = (name: string) => `${SITE}|${name.toLowerCase()}`;
const invoiceId = (number: string) => `${SITE}|${number}`;

let seq = 0;
/** A contact log entry as the JSON Lines export writes it (ContactEventSchema), dated `daysAgo` days ago. */
function entry(customer: string, daysAgo: number, fields: Record<string, unknown>): string {
  seq += 1;
  const at = `${isoDaysFromToday(-daysAgo)}T09:00:00.000Z`;
  return JSON.stringify({
    id: `7e57e57e-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'contact',
    customerId: idOf(customer),
    at,
    recordedAt: at,
    author: 'Claire',
    direction: 'outgoing',
    notes: '',
    ...fields,
  });
}
const reminder = (customer: string, number: string, daysAgo: number, level: string, tone: string, channel = 'email') =>
  entry(customer, daysAgo, { channel, outcome: { type: 'note' }, reminder: { level, tone }, invoiceIds: [invoiceId(number)] });

const LOG = [
  // D+20: the first reminder (D+1) and the follow-up call (D+8) are done.
  reminder('Garage Martin', 'R-302', 19, 'first-reminder', 'courteous'),
  reminder('Garage Martin', 'R-302', 12, 'follow-up-call', 'courteous', 'phone'),
  // D+35: first reminder, call and firm reminder done: the formal notice is next.
  reminder('Fromagerie Leroy', 'R-303', 34, 'first-reminder', 'courteous'),
  reminder('Fromagerie Leroy', 'R-303', 27, 'follow-up-call', 'courteous', 'phone'),
  reminder('Fromagerie Leroy', 'R-303', 20, 'firm-reminder', 'firm'),
  // A promise to pay in five days.
  entry('Imprimerie Petit', 1, {
    channel: 'phone',
    direction: 'incoming',
    outcome: { type: 'promise-to-pay', date: isoDaysFromToday(5), amount: { amountMinor: 80000, currency: 'EUR' } },
    invoiceIds: [invoiceId('R-304')],
  }),
  // A dispute on the only invoice.
  entry('Traiteur Moreau', 2, {
    channel: 'email',
    direction: 'incoming',
    outcome: { type: 'dispute', reason: 'Livraison incomplète', invoiceIds: [invoiceId('R-305')] },
    invoiceIds: [invoiceId('R-305')],
  }),
  // D+60: every level up to the final notice, sent 15 days ago (its 8-day deadline has passed).
  reminder('Menuiserie Roux', 'R-306', 59, 'first-reminder', 'courteous'),
  reminder('Menuiserie Roux', 'R-306', 52, 'follow-up-call', 'courteous', 'phone'),
  reminder('Menuiserie Roux', 'R-306', 45, 'firm-reminder', 'firm'),
  reminder('Menuiserie Roux', 'R-306', 30, 'formal-notice', 'formal-notice', 'registered-letter'),
  reminder('Menuiserie Roux', 'R-306', 15, 'final-notice', 'final-notice', 'registered-letter'),
].join('\n');

/** Writes settings rows straight into the extension's own `amiable` database, from one of its pages. */
async function putSettings(page: Page, rows: Array<{ key: string; value: unknown }>): Promise<void> {
  await page.evaluate(async (settings) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('amiable');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      for (const row of settings) tx.objectStore('settings').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
}

async function openCustomer(name: string): Promise<Page> {
  const panel = await s.extensionPage(`sidepanel.html?customer=${encodeURIComponent(idOf(name))}`);
  await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe(name);
  await panel.waitForSelector('[data-next-action]', { timeout: 5000 });
  return panel;
}

const nextAction = (panel: Page) =>
  panel.$eval('[data-next-action]', (el) => ({
    kind: el.getAttribute('data-next-action'),
    tone: el.getAttribute('data-tone'),
    situation: el.getAttribute('data-situation'),
  }));
const preview = (panel: Page) =>
  panel.$eval('section[aria-labelledby="preview-title"]', (el) => ({
    situation: el.getAttribute('data-situation'),
    tone: el.getAttribute('data-tone'),
  }));
const why = (panel: Page) => panel.textContent('[data-testid="next-action-why"]');

/** Polls `read` until `ok` holds (expect.poll is only allowed inside tests). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 5000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let s: Session;
beforeAll(async () => {
  s = await launch();
  await s.serve(`${SITE}/**`, frenchTablePage(ROWS));
  // The accounting page teaches Amiable the invoices and customers.
  const list = await s.context.newPage();
  await list.goto(LIST_URL);
  await until(() => badges(list).then((b) => b.length), (n) => n === ROWS.length, 'the badges');
  await list.close();

  const panel = await s.extensionPage('sidepanel.html');
  await putSettings(panel, [
    { key: 'creditor', value: { name: 'Atelier Martin', address: '12 rue de la Paix\n75002 Paris', country: 'FR', paymentDetails: 'IBAN FR76 3000 6000 0112 3456 7890 189', signature: '' } },
    { key: 'general', value: { authorName: 'Claire' } },
  ]);
  // The earlier reminders, the promise and the dispute go in through the Import tab, as a user restoring a log.
  await panel.reload();
  await panel.click('nav.tabs button:has-text("Import / export")');
  await panel.setInputFiles('#import-file', { name: 'history.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(LOG) });
  await until(() => panel.textContent('[data-import-summary]').catch(() => null), (t) => Boolean(t?.includes('12 entries added')), 'the import');
  await panel.close();
}, 90_000);
afterAll(async () => s?.close());

describe('next best action and suggested tone', () => {
  it('D+3, nothing sent: a courteous first reminder by email today', async () => {
    const panel = await openCustomer('Boulangerie Dupont');
    expect(await nextAction(panel)).toEqual({ kind: 'remind', tone: 'courteous', situation: 'first-reminder' });
    expect(await preview(panel)).toEqual({ situation: 'first-reminder', tone: 'courteous' });
    expect(await why(panel)).toMatch(/^Courteous reminder by email today: 1 invoice 3 days overdue .*no reminder sent yet/);
    expect(await panel.textContent('[data-testid="tone-explanation"]')).toContain('Courteous reminder: the due date is near or has just passed');
    expect(await panel.inputValue('#preview-body')).toContain('R-301');
    await panel.close();
  });

  it('D+20 after the first reminder and the call: a firm reminder', async () => {
    const panel = await openCustomer('Garage Martin');
    expect(await nextAction(panel)).toEqual({ kind: 'remind', tone: 'firm', situation: 'firm-reminder' });
    expect(await preview(panel)).toEqual({ situation: 'firm-reminder', tone: 'firm' });
    expect(await why(panel)).toContain('last reminder 12 days ago');
    await panel.setViewportSize({ width: 460, height: 900 });
    await panel.screenshot({ path: 'tests/e2e/screenshots/side-panel-customer.png', fullPage: true });
    await panel.close();
  });

  it('a pending promise pauses the reminders', async () => {
    const panel = await openCustomer('Imprimerie Petit');
    expect((await nextAction(panel)).kind).toBe('none');
    expect(await why(panel)).toMatch(/^Nothing to do: promise to pay pending until /);
    await panel.close();
  });

  it('a disputed invoice is not reminded: the dispute is acknowledged instead', async () => {
    const panel = await openCustomer('Traiteur Moreau');
    expect((await nextAction(panel)).kind).toBe('none');
    expect(await why(panel)).toContain('the unpaid invoice is disputed');
    expect(await preview(panel)).toEqual({ situation: 'dispute-acknowledgement', tone: 'courteous' });
    expect(await panel.inputValue('#preview-body')).toContain('Livraison incomplète');
    await panel.close();
  });
});

describe('to do today', () => {
  it('lists the due actions, most urgent first, and opens a customer', async () => {
    const panel = await s.extensionPage('sidepanel.html');
    await panel.click('nav.tabs button:has-text("To do today")');
    await panel.waitForSelector('ol[aria-label="To do today"] > li', { timeout: 5000 });
    const rows = await panel.$$eval('ol[aria-label="To do today"] > li', (items) =>
      items.map((li) => ({ customer: li.getAttribute('data-customer'), kind: li.getAttribute('data-kind') })),
    );
    expect(rows).toEqual([
      { customer: 'Menuiserie Roux', kind: 'escalate' },
      { customer: 'Fromagerie Leroy', kind: 'remind' },
      { customer: 'Garage Martin', kind: 'remind' },
      { customer: 'Boulangerie Dupont', kind: 'remind' },
    ]);
    expect(await panel.textContent('li[data-customer="Garage Martin"]')).toContain('Firm reminder by email today');
    await panel.click('li[data-customer="Garage Martin"] button');
    await expect.poll(() => panel.textContent('h1'), { timeout: 5000 }).toBe('Garage Martin');
    await panel.close();
  });
});

describe('mark as sent', () => {
  it('records the reminder in the log, which spaces the next one', async () => {
    const panel = await openCustomer('Boulangerie Dupont');
    await panel.click('button:has-text("Mark as sent")');
    await expect.poll(() => nextAction(panel).then((a) => a.kind), { timeout: 5000 }).toBe('wait');
    expect(await why(panel)).toMatch(/^Wait until .*last reminder today, reminders are at least 7 days apart; then courteous call for 1 invoice\./);
    expect(await panel.textContent('#preview-title + p')).toMatch(/^Next message: First reminder, due on \d+ \w+ \d{4}\. Nothing needs sending/);
    await panel.close();
  });
});

describe('formal notice at D+35', () => {
  it('asks for the customer’s address, then prints a French "mise en demeure" with interest', async () => {
    const panel = await openCustomer('Fromagerie Leroy');
    expect(await nextAction(panel)).toEqual({ kind: 'remind', tone: 'formal-notice', situation: 'formal-notice' });
    expect(await panel.textContent('[data-testid="tone-explanation"]')).toContain('Formal notice:');
    // No notice without the recipient's address: the problem is named, with where to fix it.
    expect(await panel.textContent('[data-testid="message-problems"]')).toContain('Missing: the customer’s postal address');

    await panel.click('summary:has-text("Customer settings")');
    await panel.fill('#customer-settings-address', '8 place du Marché\n69002 Lyon');
    await panel.click('button:has-text("Save customer settings")');
    await expect.poll(() => panel.$('#preview-body').then(Boolean), { timeout: 5000 }).toBe(true);

    await panel.selectOption('#preview-language', 'fr');
    await expect.poll(() => panel.inputValue('#preview-subject')).toBe('Mise en demeure de payer – Atelier Martin');
    const body = await panel.inputValue('#preview-body');
    expect(body).toContain('8 place du Marché');
    expect(body).toMatch(/intérêts de retard au taux prévu par la loi, arrêtés au .+\s:\s[\d\s]+,\d{2}\s€/); // the interest to date
    expect(body).toMatch(/40,00\s€/); // the recovery indemnity

    const [letter] = await Promise.all([s.context.waitForEvent('page'), panel.click('button:has-text("Print letter")')]);
    await letter.waitForSelector('.page', { timeout: 5000 });
    expect(letter.url()).toMatch(/\/letter\.html$/);
    expect((await letter.textContent('.page'))?.toLowerCase()).toContain('mise en demeure');
    expect(await letter.textContent('[data-testid="subject"]')).toBe('Objet\u00a0: Mise en demeure de payer');
    expect(await letter.textContent('[data-testid="recipient"]')).toContain('69002 Lyon');
    expect(await letter.textContent('[data-testid="sender"]')).toContain('Atelier Martin');
    expect(await letter.textContent('.place-date')).toMatch(/^Paris, le \d/);
    expect(await letter.textContent('.signature')).toContain('Claire');
    // Saved as PDF, the notice is one A4 page (595 × 842 points).
    const pdf = (await letter.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45](?:\.\d+)?\s+84[12](?:\.\d+)?\s*\]/);
    await letter.close();
    await panel.close();
  });
});

describe('escalation', () => {
  it('recommends escalating and opens a dossier with totals including interest', async () => {
    const panel = await openCustomer('Menuiserie Roux');
    expect((await nextAction(panel)).kind).toBe('escalate');
    const block = await panel.textContent('[data-testid="escalation"]');
    expect(block).toContain('Escalation recommended');
    expect(block).toMatch(/Amicable steps exhausted/);
    const [dossier] = await Promise.all([s.context.waitForEvent('page'), panel.click('button:has-text("Escalation dossier")')]);
    await dossier.waitForSelector('[data-testid="dossier-totals"]', { timeout: 5000 });
    expect(decodeURIComponent(dossier.url())).toContain(`dossier.html?customer=${idOf('Menuiserie Roux')}`);
    const interest = (await dossier.textContent('[data-testid="total-interest"]')) ?? '';
    expect(interest).toMatch(/^€\d+\.\d{2}$/);
    expect(Number(interest.slice(1))).toBeGreaterThan(0);
    expect(await dossier.textContent('[data-testid="total-indemnity"]')).toBe('€40.00');
    expect(await dossier.textContent('[data-testid="grand-total"]')).toMatch(/^€5,\d{3}\.\d{2}$/);
    expect(await dossier.getAttribute('[data-testid="dossier-assessment"]', 'data-escalate')).toBe('true');
    // The whole log, oldest first.
    const log = await dossier.$$eval('[data-testid="dossier-log"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(log).toHaveLength(5);
    expect(log[0]).toContain('Reminder (Courteous)');
    expect(log[4]).toContain('Reminder (Final notice)');
    await dossier.close();
    await panel.close();
  });
});

describe('badges', () => {
  it('show the customer’s next action', async () => {
    const list = await s.context.newPage();
    await list.goto(LIST_URL);
    await expect.poll(() => badges(list).then((b) => b.length), { timeout: 5000 }).toBe(ROWS.length);
    await expect
      .poll(async () => (await buttonNames(list)).find((n) => n.includes('Next action: Firm reminder by email today')), { timeout: 5000 })
      .toBeTruthy();
    await list.close();
  });
});
