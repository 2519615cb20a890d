// The interest calculator in the side panel and the law/reminder editors in the options, in real Chromium on the
// built extension (en-GB UI). Expected figures are the two French B2B vectors, worked out by hand.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
/** The cells of each table row, as text. */
const cells = (page: Page, selector: string) =>
  page.$$eval(selector, (rows) =>
    rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => (cell.textContent ?? '').trim())),
  );

async function openCalculator(): Promise<Page> {
  const page = await s.extensionPage('sidepanel.html');
  await page.getByRole('tab', { name: 'Interest calculator' }).click();
  await page.waitForSelector('#calc-amount');
  return page;
}

async function calculate(page: Page, input: { amount: string; dueDate: string; asOf: string }) {
  await page.selectOption('#calc-country', 'FR');
  await page.check('#calc-debtor-business');
  await page.fill('#calc-amount', input.amount);
  await page.fill('#calc-dueDate', input.dueDate);
  await page.fill('#calc-asOf', input.asOf);
  await page.getByRole('button', { name: 'Calculate' }).click();
}

describe('side panel interest calculator', () => {
  it.each([
    {
      name: 'vector 1: 12,000 EUR due 31 Mar 2026, as of 15 Jun 2026',
      input: { amount: '12,000', dueDate: '2026-03-31', asOf: '2026-06-15' },
      rows: [['01/04/2026 – 15/06/2026', '76', '12.15%', '€303.58']],
      interest: '€303.58',
      total: '€343.58',
      firstSentence: 'From 1 Apr 2026 to 15 Jun 2026: 76 days at 12.15% = €303.58 (ECB 2.15% on 1 Jan 2026 + 10 points)',
    },
    {
      name: 'vector 2: 5,000 EUR due 15 May 2025, as of 30 Sep 2025 (split at 1 July)',
      input: { amount: '5,000', dueDate: '2025-05-15', asOf: '2025-09-30' },
      rows: [
        ['16/05/2025 – 30/06/2025', '46', '13.15%', '€82.86'],
        ['01/07/2025 – 30/09/2025', '92', '12.15%', '€153.12'],
      ],
      interest: '€235.99',
      total: '€275.99',
      firstSentence: 'From 16 May 2025 to 30 Jun 2025: 46 days at 13.15% = €82.86 (ECB 3.15% on 1 Jan 2025 + 10 points)',
    },
  ])('$name', async ({ input, rows, interest, total, firstSentence }) => {
    const page = await openCalculator();
    await calculate(page, input);
    await page.waitForSelector('#calc-result');
    expect(await cells(page, '#calc-lines tbody tr')).toEqual(rows);
    expect(await texts(page, '#calc-lines tfoot tr[data-total="interest"] td')).toEqual([interest]);
    expect(await texts(page, '#calc-lines tfoot tr[data-total="indemnity"] td')).toEqual(['€40.00']);
    expect(await texts(page, '#calc-lines tfoot tr[data-total="total"] td')).toEqual([total]);
    const explanation = await texts(page, '#calc-explanation li');
    expect(explanation[0]).toBe(firstSentence);
    expect(explanation).toContain(`Total due on top of the principal: ${total}`);
    expect(explanation.at(-1)).toBe('Legal basis: Articles L441-10 and D441-5 of the French Commercial Code');
    if (input.dueDate === '2025-05-15') {
      await page.setViewportSize({ width: 460, height: 900 });
      await page.screenshot({ path: 'tests/e2e/screenshots/interest-calculator.png', fullPage: true });
    }
    await page.close();
  });

  it('flags a rate the table does not confirm yet instead of refusing the calculation', async () => {
    const page = await openCalculator();
    // 12,000 × 12.65 % × 30 / 365 = 45,540 / 365 = 124.77: the ECB rate of 1 Jan 2027 is not known yet (2.65 carried forward).
    await calculate(page, { amount: '12,000', dueDate: '2026-12-31', asOf: '2027-01-30' });
    await page.waitForSelector('#calc-result');
    expect(await texts(page, '#calc-lines tfoot tr[data-total="interest"] td')).toEqual(['€124.77']);
    expect(await texts(page, '#calc-result [role="note"] li')).toEqual([
      'ECB rate on 1 Jan 2027 not confirmed: last known rate 2.65% applied; update the rate table in the options.',
    ]);
    await page.close();
  });

  it('shows each input problem next to its field, and the formal-notice date for consumers only', async () => {
    const page = await openCalculator();
    expect(await page.$('#calc-formalNoticeDate')).toBeNull();
    await calculate(page, { amount: 'twelve', dueDate: '', asOf: '2026-06-15' });
    expect(await texts(page, '#calc-amount-error')).toEqual(['Enter an amount, e.g. 12,000.00.']);
    expect(await texts(page, '#calc-dueDate-error')).toEqual(['Required.']);
    expect(await page.getAttribute('#calc-amount', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#calc-amount', 'aria-describedby')).toBe('calc-amount-error');
    expect(await page.$('#calc-result')).toBeNull();
    await page.check('#calc-debtor-consumer');
    await expect.poll(() => page.$('#calc-formalNoticeDate').then(Boolean)).toBe(true);
    expect(await texts(page, 'label[for="calc-formalNoticeDate"]')).toEqual(['Formal notice sent on']);
    await page.close();
  });
});

describe('options: templates and reminder policy editors', () => {
  it('names an unknown placeholder with its position and refuses to save the template', async () => {
    const page = await s.extensionPage('options.html');
    await page.waitForSelector('#template-body');
    await page.selectOption('#template-situation', 'first-reminder');
    await page.selectOption('#template-language', 'en');
    const original = await page.inputValue('#template-body');
    const line = original.split('\n').length + 1;
    await page.fill('#template-body', `${original}\nPlease also see {{foo}}.`);

    expect(await texts(page, '#template-body-errors li')).toEqual([
      `Unknown placeholder {{foo}} at Body, line ${line}, column 17: use one of the placeholders listed below.`,
    ]);
    expect(await page.getAttribute('#template-body', 'aria-invalid')).toBe('true');
    expect(await texts(page, '#template-preview')).toEqual(['No preview while the template has errors.']);

    await page.click('#template-save');
    expect(await texts(page, '#templates-title ~ form [role="alert"]')).toEqual(['Not saved: 1 error to fix.']);
    await page.reload();
    await page.waitForSelector('#template-body');
    await page.selectOption('#template-language', 'en');
    expect(await page.inputValue('#template-body')).toBe(original);
    await page.close();
  });

  it('refuses a first reminder that threatens court, naming the words and their position; a formal notice may', async () => {
    const page = await s.extensionPage('options.html');
    await page.waitForSelector('#template-body');
    await page.selectOption('#template-situation', 'first-reminder');
    await page.selectOption('#template-language', 'en');
    const original = await page.inputValue('#template-body');
    const line = original.split('\n').length + 1;
    await page.fill('#template-body', `${original}\nOtherwise we will take legal action.`);
    expect(await texts(page, '#template-body-errors li')).toEqual([
      `“legal action” at Body, line ${line}, column 24: only the formal notice and the final notice may mention courts, bailiffs or legal action.`,
    ]);
    await page.click('#template-save');
    expect(await texts(page, '#templates-title ~ form [role="alert"]')).toEqual(['Not saved: 1 error to fix.']);

    await page.selectOption('#template-situation', 'formal-notice');
    const notice = await page.inputValue('#template-body');
    await page.fill('#template-body', `${notice}\nOtherwise we will take legal action.`);
    expect(await page.$('#template-body-errors li')).toBeNull();
    await page.close();
  });

  it('previews a valid edit on sample data, inserts a placeholder at the cursor and saves it', async () => {
    const page = await s.extensionPage('options.html');
    await page.waitForSelector('#template-subject');
    await page.selectOption('#template-situation', 'firm-reminder');
    await page.selectOption('#template-language', 'en');
    await page.fill('#template-subject', 'Unpaid invoices – ');
    await page.focus('#template-subject');
    await page.getByRole('button', { name: 'Insert {{customerName}}' }).click();
    expect(await page.inputValue('#template-subject')).toBe('Unpaid invoices – {{customerName}}');
    expect(await texts(page, '#template-preview p')).toEqual(['Unpaid invoices – Boulangerie Dupont SARL']);
    await page.click('#template-save');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.waitForSelector('#template-subject');
    await page.selectOption('#template-situation', 'firm-reminder');
    await page.selectOption('#template-language', 'en');
    expect(await page.inputValue('#template-subject')).toBe('Unpaid invoices – {{customerName}}');
    await page.close();
  });

  it('rejects a bad reminder level with the error next to the field, and does not save it', async () => {
    const page = await s.extensionPage('options.html');
    await page.waitForSelector('#policy-levels-1-delayDays');
    // Level 2 (first reminder, D+1) moved before level 1 (pre-due call, D-5).
    await page.fill('#policy-levels-1-delayDays', '-10');
    expect(await texts(page, '#policy-levels-1-delayDays-error')).toEqual([
      "must be greater than the previous level's (pre-due-call: -5 days)",
    ]);
    expect(await page.getAttribute('#policy-levels-1-delayDays', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#policy-levels-1-delayDays', 'aria-describedby')).toBe('policy-levels-1-delayDays-error');
    await page.fill('#policy-levels-2-id', 'Follow Up');
    expect(await texts(page, '#policy-levels-2-id-error')).toEqual(['must use lowercase letters, digits and dashes only']);

    await page.click('#policy-save');
    expect(await texts(page, '#policy-title ~ form p.row [role="alert"]')).toEqual(['Not saved: 2 errors to fix.']);
    // Focus goes to the first field to fix.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('policy-levels-1-delayDays');
    await page.reload();
    await page.waitForSelector('#policy-levels-1-delayDays');
    expect(await page.inputValue('#policy-levels-1-delayDays')).toBe('1');
    expect(await page.inputValue('#policy-levels-2-id')).toBe('follow-up-call');
    await page.close();
  });
});
