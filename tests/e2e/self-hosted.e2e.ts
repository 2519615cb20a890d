// A self-hosted accounting tool added in the options: optional host permission + registered content script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, launch, type Session } from './harness';
import { dolibarrListPage } from './pages';

const ORIGIN = 'https://erp.example.test';
let s: Session;

beforeAll(async () => {
  s = await launch();
  await s.serve(`${ORIGIN}/**`, dolibarrListPage([
    { number: 'FA2611-0042', customer: 'Transports Leroy', dueInDays: -9, amount: '2 400,00 €' },
    { number: 'FA2611-0043', customer: 'Transports Leroy', dueInDays: 12, amount: '600,00 €' },
  ]));
});
afterAll(async () => s?.close());

/**
 * Headless Chromium cannot show the permission prompt, so the test answers it the way a user would: it grants the
 * site on chrome://extensions (Site access), after which the extension's own permissions.request() resolves true.
 */
async function userAllowsSite(origin: string): Promise<void> {
  const page = await s.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    ([id, pattern]) => ((globalThis as unknown as { chrome: unknown }).chrome as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate.addHostPermission(id!, pattern!),
    [s.extensionId, `${origin}/*`],
  );
  await page.close();
}

describe('self-hosted site', () => {
  it('is not touched before the user adds it', async () => {
    const page = await s.context.newPage();
    await page.goto(`${ORIGIN}/compta/facture/list.php`);
    await page.waitForTimeout(1000);
    expect(await badges(page)).toEqual([]);
    await page.close();
  });

  it('gets badges once added in the options, and none after it is removed', async () => {
    await userAllowsSite(ORIGIN);
    const options = await s.extensionPage('options.html');
    await options.fill('#site-address', `${ORIGIN}/compta/facture/list.php`);
    await options.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => options.textContent('[role=status]')).toContain(`${ORIGIN} added`);
    await expect.poll(() => options.$$eval('tr[data-site]', (rows) => rows.map((r) => r.getAttribute('data-site')))).toEqual([ORIGIN]);

    const page = await s.context.newPage();
    await page.goto(`${ORIGIN}/compta/facture/list.php`);
    await expect.poll(() => badges(page), { timeout: 5000 }).toEqual([
      { invoice: 'FA2611-0042', status: 'overdue', days: 9 },
      { invoice: 'FA2611-0043', status: 'not-due', days: 0 },
    ]);

    await options.getByRole('button', { name: `Remove ${ORIGIN}` }).click();
    await expect.poll(() => options.textContent('[role=status]')).toContain('removed');
    const granted = await options.evaluate(
      (o) => (globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).chrome.permissions.contains({ origins: [`${o}/*`] }),
      ORIGIN,
    );
    expect(granted).toBe(false);
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await badges(page)).toEqual([]);
    await page.close();
    await options.close();
  });
});
