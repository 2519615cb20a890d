// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BadgeAnnotation, SiteSettings, WireInvoice } from '../../../utils/messaging/protocol';
import { extractContextOf, Overlay, REPORT_CHUNK, SMALL_LIST, viewportRows, visibleRange } from '../../../utils/overlay/overlay';
import { prepareInvoices } from '../../../utils/sites';

const TODAY = '2026-11-20';
const ROW_HEIGHT = 20;
const VIEWPORT = 600; // rows 0–30 are on screen
const ON_SCREEN = Math.floor(VIEWPORT / ROW_HEIGHT) + 1;
const SETTINGS: SiteSettings = { dueSoonDays: 7, defaultTermDays: 30, language: 'fr' };

interface Row {
  number: string;
  due: string; // dd/mm/yyyy
  amount: string;
  left: string;
  status: string;
}

/** Invoice i: overdue when i is even, not due when odd, and paid every 10th. */
function rowOf(i: number): Row {
  const paid = i % 10 === 0;
  return {
    number: `F-${1000 + i}`,
    due: i % 2 === 0 ? '01/11/2026' : '15/12/2026',
    amount: `${100 + i},00 €`,
    left: paid ? '0,00 €' : `${100 + i},00 €`,
    status: paid ? 'Payée' : 'Envoyée',
  };
}

const rowHtml = (r: Row) =>
  `<td>${r.number}</td><td>Client</td><td>${r.due}</td><td>${r.amount}</td><td>${r.left}</td><td>${r.status}</td>`;

/** A French invoice table of `count` rows laid out one under the other, scrolled to the top. */
function showTable(count: number): HTMLTableRowElement[] {
  document.documentElement.lang = 'fr';
  const rows = Array.from({ length: count }, (_, i) => `<tr>${rowHtml(rowOf(i))}</tr>`).join('');
  document.body.innerHTML = `<table id="invoices"><thead><tr><th>N° facture</th><th>Client</th><th>Échéance</th>
    <th>Montant TTC</th><th>Reste à payer</th><th>Statut</th></tr></thead><tbody>${rows}</tbody></table>`;
  const trs = Array.from(document.querySelectorAll<HTMLTableRowElement>('#invoices tbody tr'));
  trs.forEach(layOut);
  return trs;
}

/** Gives a row the geometry a browser would: by its place in its table body. */
function layOut(tr: Element): void {
  tr.getBoundingClientRect = () => {
    const index = Array.prototype.indexOf.call(tr.parentElement?.children ?? [], tr) as number;
    return new DOMRect(0, index * ROW_HEIGHT, 800, ROW_HEIGHT);
  };
}

/** The badges in the page, by invoice number, with their attributes. */
function badges(): Array<{ invoice: string; status: string; days: string; host: string }> {
  return Array.from(document.querySelectorAll('amiable-badge')).map((b) => ({
    invoice: b.getAttribute('data-invoice') ?? '',
    status: b.getAttribute('data-status') ?? '',
    days: b.getAttribute('data-days-overdue') ?? '',
    host: b.parentElement?.firstChild?.textContent ?? '',
  }));
}

/** Expected badge of invoice i on TODAY (every invoice of the table is a receivable). */
function expectedBadge(i: number) {
  const r = rowOf(i);
  if (r.status === 'Payée') return { invoice: r.number, status: 'paid', days: '0', host: r.number };
  return i % 2 === 0
    ? { invoice: r.number, status: 'overdue', days: '19', host: r.number }
    : { invoice: r.number, status: 'not-due', days: '0', host: r.number };
}

/**
 * An overlay whose later tasks wait in a queue the test runs, on a clock that ticks `tick` ms each time it is
 * read (the overlay reads it every few rows).
 */
function harness(
  annotate: (invoices: WireInvoice[]) => Record<string, BadgeAnnotation> = () => ({}),
  tick = 1,
  changes?: () => number,
  frames?: Array<() => void>,
) {
  const tasks: Array<() => void> = [];
  const reports: WireInvoice[][] = [];
  let clock = 0;
  const overlay = new Overlay({
    doc: document,
    url: () => new URL('https://app.example-books.com/factures'),
    today: () => TODAY,
    settings: SETTINGS,
    reportInvoices: async (invoices) => {
      reports.push(invoices);
      return annotate(invoices);
    },
    openCustomer: () => undefined,
    later: (fn) => tasks.push(fn),
    now: () => (clock += tick),
    ...(changes ? { changes } : {}),
    ...(frames ? { beforeLayout: (fn: () => void) => frames.push(fn) } : {}),
  });
  /** Runs queued tasks (and what they queue) until none is left; returns how many ran. */
  const drain = async (onEach: () => void = () => undefined): Promise<number> => {
    let ran = 0;
    while (tasks.length) {
      tasks.shift()!();
      ran++;
      onEach();
      await Promise.resolve(); // lets report answers arrive between tasks, as in a browser
    }
    return ran;
  };
  return { overlay, tasks, reports, drain };
}

beforeEach(() => {
  Object.defineProperty(window, 'innerHeight', { value: VIEWPORT, configurable: true });
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('a long list', () => {
  const COUNT = 500;

  it('badges the rows on screen before scan() returns, and every other row in one later batch', async () => {
    showTable(COUNT);
    const { overlay, drain } = harness();
    overlay.scan();
    expect(badges()).toEqual(Array.from({ length: ON_SCREEN }, (_, i) => expectedBadge(i)));

    // The rest is read in short tasks and inserted all at once by the last one.
    const counts: number[] = [];
    const ran = await drain(() => counts.push(document.querySelectorAll('amiable-badge').length));
    expect(ran).toBeGreaterThan(2);
    expect([...new Set(counts)]).toEqual([ON_SCREEN, COUNT]);
    expect(badges()).toEqual(Array.from({ length: COUNT }, (_, i) => expectedBadge(i)));
    expect(overlay.size).toBe(COUNT);
  });

  it('with frames, attaches half of the rest in the last task and the other half just before the next layout', async () => {
    showTable(COUNT);
    const frames: Array<() => void> = [];
    const { overlay, drain } = harness(undefined, 1, undefined, frames);
    overlay.scan();
    const counts: number[] = [];
    await drain(() => counts.push(document.querySelectorAll('amiable-badge').length));
    const half = ON_SCREEN + Math.floor((COUNT - ON_SCREEN) / 2);
    expect([...new Set(counts)]).toEqual([ON_SCREEN, half]);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(badges()).toEqual(Array.from({ length: COUNT }, (_, i) => expectedBadge(i)));
    expect(overlay.size).toBe(COUNT);
  });

  it('a scan that takes over between the two halves gives each invoice one badge, and removes none', async () => {
    const rows = showTable(COUNT);
    const frames: Array<() => void> = [];
    const { overlay, drain } = harness(undefined, 1, undefined, frames);
    overlay.scan();
    await drain();
    rows[COUNT - 1]!.remove(); // the page changes, a new scan starts before the browser renders
    overlay.scan();
    frames.shift()!(); // the first pass's second half: superseded, it does nothing
    await drain();
    while (frames.length) frames.shift()!();
    expect(badges()).toEqual(Array.from({ length: COUNT - 1 }, (_, i) => expectedBadge(i)));
    expect(overlay.size).toBe(COUNT - 1);
  });

  it('a second scan while the first is still reading gives each invoice one badge', async () => {
    showTable(COUNT);
    const { overlay, tasks, drain } = harness();
    overlay.scan();
    tasks.shift()!(); // one slice of the first scan
    overlay.scan();
    overlay.scan();
    await drain();
    expect(badges()).toEqual(Array.from({ length: COUNT }, (_, i) => expectedBadge(i)));
    expect(overlay.size).toBe(COUNT);
  });

  it('re-badges rows that changed, removes badges of rows gone or no longer invoices, never twice', async () => {
    const rows = showTable(COUNT);
    const { overlay, drain } = harness();
    overlay.scan();
    await drain();
    const before = rows[401]!.querySelector('amiable-badge');

    // Off screen: one paid, one removed, one turned into a draft; on screen: one paid.
    rows[401]!.children[4]!.textContent = '0,00 €';
    rows[3]!.children[4]!.textContent = '0,00 €';
    rows[450]!.remove();
    rows[402]!.children[5]!.textContent = 'Brouillon';
    overlay.scan();
    expect(badges().find((b) => b.invoice === 'F-1003')?.status).toBe('paid'); // on screen: at once
    await drain();

    const expected = Array.from({ length: COUNT }, (_, i) => expectedBadge(i)).filter(
      (b) => b.invoice !== 'F-1450' && b.invoice !== 'F-1402',
    );
    for (const b of expected) if (b.invoice === 'F-1401' || b.invoice === 'F-1003') Object.assign(b, { status: 'paid', days: '0' });
    expect(badges()).toEqual(expected);
    expect(overlay.size).toBe(COUNT - 2);
    // The same badge element, updated in place.
    expect(rows[401]!.querySelector('amiable-badge')).toBe(before);
    expect(rows[402]!.querySelector('amiable-badge')).toBeNull();
  });

  it('takes no row twice when a scan starts before the last one inserted its badges', async () => {
    showTable(COUNT);
    const { overlay, tasks, drain } = harness();
    overlay.scan();
    while (tasks.length > 1) tasks.shift()!(); // everything read, the insertion still queued
    overlay.scan();
    await drain();
    expect(document.querySelectorAll('amiable-badge')).toHaveLength(COUNT);
  });
});

describe('contact-log annotations', () => {
  it('show on every badge, those answered while the scan still reads as well as those already in the page', async () => {
    // Open shadow roots for this test only, to read what the badge shows (the product's are closed).
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      return attachShadow.call(this, { ...init, mode: 'open' });
    };
    try {
      const COUNT = 2500; // several reports, answered while the scan reads
      showTable(COUNT);
      const promised = (n: string) => Number(n.slice(2)) % 3 === 0;
      const { overlay, reports, drain } = harness((invoices) =>
        Object.fromEntries(
          invoices.filter((i) => promised(i.number)).map((i) => [i.number, { lines: [`Promesse ${i.number}`], promise: 'pending' as const }]),
        ),
      );
      overlay.scan();
      await drain();
      await new Promise((resolve) => setTimeout(resolve, 0)); // the last answers settle
      expect(reports.length).toBeGreaterThan(1);
      const shown = Array.from(document.querySelectorAll('amiable-badge'));
      expect(shown).toHaveLength(COUNT);
      for (const badge of shown) {
        const number = badge.getAttribute('data-invoice')!;
        const face = badge.shadowRoot!.querySelector('[role=button]')!;
        expect(face.textContent!.includes('Promesse'), number).toBe(promised(number));
        expect(face.getAttribute('aria-label')?.includes(`Promesse ${number}`) ?? false, number).toBe(promised(number));
      }
    } finally {
      Element.prototype.attachShadow = attachShadow;
    }
  });
});

describe('rows removed while a scan reads', () => {
  it('get no badge, whether or not the page watcher counts changes', async () => {
    for (const counted of [false, true]) {
      const rows = showTable(500);
      let changes = 0;
      const { overlay, tasks, drain } = harness(() => ({}), 1, counted ? () => changes : undefined);
      overlay.scan();
      tasks.shift()!();
      rows[450]!.remove();
      changes++;
      await drain();
      expect(badges().map((b) => b.invoice)).not.toContain('F-1450');
      expect(badges()).toHaveLength(499);
      expect(overlay.size).toBe(499);
    }
  });
});

describe('a page too long to find its lists within one task', () => {
  it('is prepared over several tasks, then badged the same way: the rows on screen first', async () => {
    const COUNT = 1200;
    showTable(COUNT);
    const { overlay, tasks, drain } = harness(undefined, 15);
    overlay.scan();
    expect(badges()).toEqual([]);
    let ran = 0;
    while (document.querySelectorAll('amiable-badge').length === 0) {
      tasks.shift()!();
      ran++;
    }
    expect(ran).toBeGreaterThan(0);
    expect(badges()).toEqual(Array.from({ length: ON_SCREEN }, (_, i) => expectedBadge(i)));
    await drain();
    expect(badges()).toEqual(Array.from({ length: COUNT }, (_, i) => expectedBadge(i)));
  });

  it('a newer scan drops the preparation of an older one', async () => {
    showTable(1200);
    const { overlay, tasks, drain } = harness(undefined, 15);
    overlay.scan();
    tasks.shift()!();
    overlay.scan();
    await drain();
    expect(document.querySelectorAll('amiable-badge')).toHaveLength(1200);
  });
});

describe('a short list', () => {
  it(`(up to ${SMALL_LIST} rows) is badged entirely before scan() returns`, () => {
    showTable(SMALL_LIST);
    const { overlay } = harness();
    overlay.scan();
    expect(badges()).toEqual(Array.from({ length: SMALL_LIST }, (_, i) => expectedBadge(i)));
  });

  it('an added row is badged by the next scan, and an unchanged page changes nothing', async () => {
    showTable(5);
    const { overlay, drain } = harness();
    overlay.scan();
    await drain();
    const first = document.querySelector('amiable-badge');
    const tr = document.createElement('tr');
    tr.innerHTML = rowHtml(rowOf(5));
    document.querySelector('#invoices tbody')!.append(tr);
    overlay.scan();
    overlay.scan();
    await drain();
    expect(badges()).toEqual(Array.from({ length: 6 }, (_, i) => expectedBadge(i)));
    expect(document.querySelector('amiable-badge')).toBe(first);
  });

  it('removes a badge left in a cell by an earlier copy of the extension', () => {
    showTable(3);
    const stray = document.createElement('amiable-badge');
    document.querySelector('#invoices tbody td')!.append(stray);
    harness().overlay.scan();
    expect(stray.isConnected).toBe(false);
    expect(badges().map((b) => b.invoice)).toEqual(['F-1000', 'F-1001', 'F-1002']);
  });
});

describe('reporting to the background', () => {
  it(`sends every invoice once, at most ${REPORT_CHUNK} per message, and only what changed afterwards`, async () => {
    const count = REPORT_CHUNK + 300;
    const rows = showTable(count);
    const { overlay, reports, drain } = harness();
    overlay.scan();
    await drain();
    expect(reports.every((chunk) => chunk.length <= REPORT_CHUNK)).toBe(true);
    const numbers = reports.flat().map((w) => w.number);
    expect(numbers).toHaveLength(count);
    expect(new Set(numbers).size).toBe(count);
    expect(reports.flat().find((w) => w.number === 'F-1002')).toEqual({
      number: 'F-1002',
      customerName: 'Client',
      lifecycle: 'issued',
      kind: 'invoice',
      paid: false,
      dueDate: '2026-11-01',
      total: { amountMinor: 10200, currency: 'EUR' },
      amountDue: { amountMinor: 10200, currency: 'EUR' },
    });

    reports.length = 0;
    rows[2]!.children[4]!.textContent = '0,00 €';
    overlay.scan();
    await drain();
    expect(reports.flat().map((w) => [w.number, w.paid])).toEqual([['F-1002', true]]);
  });

  it('reports again what a failed message carried', async () => {
    showTable(3);
    let fail = true;
    const reports: string[][] = [];
    const tasks: Array<() => void> = [];
    const overlay = new Overlay({
      doc: document,
      url: () => new URL('https://app.example-books.com/factures'),
      today: () => TODAY,
      settings: SETTINGS,
      reportInvoices: async (invoices) => {
        reports.push(invoices.map((w) => w.number));
        if (fail) throw new Error('background restarting');
        return {};
      },
      openCustomer: () => undefined,
      later: (fn) => tasks.push(fn),
    });
    overlay.scan();
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    overlay.scan();
    expect(reports).toEqual([
      ['F-1000', 'F-1001', 'F-1002'],
      ['F-1000', 'F-1001', 'F-1002'],
    ]);
  });
});

describe('a first look at the rows on screen (preview)', () => {
  const COUNT = 1000;
  const url = new URL('https://app.example-books.com/factures');
  const onScreen = () =>
    prepareInvoices(document, url, { ...extractContextOf(document, SETTINGS, TODAY), rowWindow: viewportRows(VIEWPORT) });

  it('badges only the rows on screen, reports nothing, and the scan then badges the rest, keeping those badges', async () => {
    showTable(COUNT);
    const { overlay, reports, drain } = harness();
    overlay.preview(onScreen());
    expect(badges()).toEqual(Array.from({ length: ON_SCREEN }, (_, i) => expectedBadge(i)));
    const first = document.querySelector('amiable-badge');
    await drain();
    expect(reports).toEqual([]);

    overlay.scan();
    await drain();
    expect(badges()).toEqual(Array.from({ length: COUNT }, (_, i) => expectedBadge(i)));
    expect(document.querySelector('amiable-badge')).toBe(first); // the same element, not rebuilt
    expect(reports.flat()).toHaveLength(COUNT);
  });

  it('is corrected by the scan when the page changed in between: a row gone loses its badge, a paid one turns paid', async () => {
    const rows = showTable(COUNT);
    const { overlay, drain } = harness();
    overlay.preview(onScreen());
    rows[1]!.children[4]!.textContent = '0,00 €';
    rows[2]!.remove();
    rows.splice(2, 1);
    rows.forEach(layOut);
    overlay.scan();
    await drain();
    const shown = badges();
    expect(shown.find((b) => b.invoice === 'F-1001')).toMatchObject({ status: 'paid', days: '0' });
    expect(shown.find((b) => b.invoice === 'F-1002')).toBeUndefined();
    expect(shown).toHaveLength(COUNT - 1);
    expect(new Set(shown.map((b) => b.invoice)).size).toBe(COUNT - 1);
  });

  it('does nothing once a scan has begun', async () => {
    showTable(COUNT);
    const { overlay, tasks } = harness();
    overlay.scan();
    const before = badges().length;
    overlay.preview(onScreen());
    expect(badges()).toHaveLength(before);
    expect(tasks.length).toBeGreaterThan(0);
  });

  it('reads no row of a list that is not laid out (a hidden tab), nor of one showing hundreds of rows at once', () => {
    showTable(COUNT);
    const hidden = document.querySelectorAll<HTMLElement>('#invoices tbody tr');
    hidden.forEach((tr) => (tr.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0)));
    expect(onScreen().lists.reduce((n, l) => n + l.count, 0)).toBe(0);
    hidden.forEach((tr, i) => (tr.getBoundingClientRect = () => new DOMRect(0, i, 800, 1))); // 1 px rows
    expect(onScreen().lists.reduce((n, l) => n + l.count, 0)).toBe(0);
  });

  it('reads a short list whole', () => {
    showTable(SMALL_LIST);
    expect(onScreen().lists.reduce((n, l) => n + l.count, 0)).toBe(SMALL_LIST);
  });
});

describe('visibleRange', () => {
  const list = (tops: number[]) => ({
    count: tops.length,
    rowAt: (i: number) => ({ getBoundingClientRect: () => new DOMRect(0, tops[i]!, 100, 20) }) as unknown as Element,
  });

  it.each([
    ['scrolled to the top', 0, { start: 0, end: 31 }],
    ['scrolled down 100 rows', 100 * ROW_HEIGHT, { start: 99, end: 131 }],
    ['scrolled past the end', 1000 * ROW_HEIGHT, { start: 500, end: 500 }],
    ['list further down the page', -2000, { start: 0, end: 1 }],
  ])('%s', (_label, scrollY, expected) => {
    const tops = Array.from({ length: 500 }, (_, i) => i * ROW_HEIGHT - scrollY);
    expect(visibleRange(list(tops), VIEWPORT)).toEqual(expected);
  });

  it('reads O(log n) rectangles', () => {
    let reads = 0;
    const n = 100_000;
    const counted = {
      count: n,
      rowAt: (i: number) =>
        ({
          getBoundingClientRect: () => {
            reads++;
            return new DOMRect(0, i * ROW_HEIGHT, 100, 20);
          },
        }) as unknown as Element,
    };
    expect(visibleRange(counted, VIEWPORT)).toEqual({ start: 0, end: 31 });
    expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 2);
  });
});
