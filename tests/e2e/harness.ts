// Drives the BUILT extension (.output/chrome-mv3) in Debian's Chromium with playwright-core. Fixture pages are
// served at the real hostnames through route interception, so content-script matching is the production one.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
  /** Serves `html` for every URL matching `pattern` (a glob or RegExp over the full URL). */
  serve(pattern: string | RegExp, html: string | ((url: URL) => string)): Promise<void>;
  extensionPage(path: string): Promise<Page>;
}

export async function launch(options: { locale?: string; timezoneId?: string } = {}): Promise<Session> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'amiable-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'en-GB',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--lang=${options.locale ?? 'en-GB'}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Nothing leaves the machine: every request not served by a test fails fast.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://') || url.startsWith('data:')) return route.continue();
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the test' });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    async serve(pattern, html) {
      await context.route(pattern, (route) => {
        const url = new URL(route.request().url());
        const body = typeof html === 'function' ? html(url) : html;
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      });
    },
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
  };
}

/** The browser's local calendar date shifted by `days`, as YYYY-MM-DD (fixtures are built relative to today). */
export function isoDaysFromToday(days: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** ISO date → `DD/MM/YYYY` or `MM/DD/YYYY`. */
export function numericDate(iso: string, order: 'dmy' | 'mdy'): string {
  const [y, m, d] = iso.split('-');
  return order === 'dmy' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

/** Reads every badge's public attributes, in document order. */
export async function badges(page: Page): Promise<Array<{ invoice: string; status: string; days: number }>> {
  return page.$$eval('amiable-badge', (els) =>
    els.map((el) => ({
      invoice: el.getAttribute('data-invoice') ?? '',
      status: el.getAttribute('data-status') ?? '',
      days: Number(el.getAttribute('data-days-overdue')),
    })),
  );
}

/**
 * Accessible names of the buttons on the page, read from Chromium's accessibility tree: the badge's shadow root
 * is closed, so neither the page nor Playwright selectors can see inside it, but assistive technology can.
 */
export async function buttonNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ role?: { value?: unknown }; name?: { value?: unknown } }>;
    };
    return nodes.filter((n) => n.role?.value === 'button').map((n) => String(n.name?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}

export async function badgeName(page: Page, invoiceNumber: string): Promise<string> {
  const names = await buttonNames(page);
  const index = (await badges(page)).findIndex((b) => b.invoice === invoiceNumber);
  // Badges are the page's only buttons, in document order.
  return names[index] ?? '';
}
