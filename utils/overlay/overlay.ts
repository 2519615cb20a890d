// Wires a page's invoices to badges: extract (pure adapter), compute status (pure domain), then touch the DOM
// as little as possible: rows in the viewport first, every other row in one more batch, so the table is
// laid out twice at most however long it is.
import { invoiceStatus } from '../domain/status';
import type { IsoDate } from '../domain/types';
import type { Language } from '../i18n/language';
import type { BadgeAnnotation, SiteSettings, WireInvoice } from '../messaging/protocol';
import { extractInvoices } from '../sites';
import type { ExtractedInvoice, ExtractProblem } from '../sites/types';
import { BADGE_TAG, createBadge, type BadgeData, type BadgeHandle } from './badge';
import { showProblems } from './notice';

export interface OverlayDeps {
  doc: Document;
  url: () => URL;
  today: () => IsoDate;
  settings: SiteSettings;
  /** Stores what the page shows and answers with the contact-log annotations per invoice number. */
  reportInvoices: (invoices: WireInvoice[]) => Promise<Record<string, BadgeAnnotation>>;
  openCustomer: (invoiceNumber: string) => void;
  /** Defers work to a later task (ctx.setTimeout in the content script). */
  later: (fn: () => void) => void;
}

/** Badges are built detached in slices of this many per task, so no task of ours runs long. */
const BUILD_SLICE = 1500;

export class Overlay {
  private readonly handles = new Map<Element, BadgeHandle>();
  private annotations: Record<string, BadgeAnnotation> = {};
  private reported = new Map<string, string>();
  private generation = 0;

  constructor(private readonly deps: OverlayDeps) {}

  /** Number of badges currently tracked (for tests and the benchmark). */
  get size(): number {
    return this.handles.size;
  }

  /** Reads the page and brings the badges in line with it. Safe to call at any time, any number of times. */
  scan(): void {
    const generation = ++this.generation;
    const { doc, settings } = this.deps;
    const result = extractInvoices(doc, this.deps.url(), {
      lang: doc.documentElement.lang || '',
      userDateOrder: settings.dateOrder,
      defaultCurrency: settings.defaultCurrency,
    });
    showProblems(doc, result.problems as ExtractProblem[], settings.language);
    const today = this.deps.today();
    const wanted = new Map<Element, { invoice: ExtractedInvoice; data: BadgeData }>();
    for (const invoice of result.invoices) {
      const status = invoiceStatus(invoice.facts, today, {
        dueSoonDays: settings.dueSoonDays,
        defaultTermDays: settings.defaultTermDays,
      });
      if (!status || wanted.has(invoice.badgeHost)) continue;
      wanted.set(invoice.badgeHost, {
        invoice,
        data: { invoiceNumber: invoice.facts.number, status: status.status, daysOverdue: status.daysOverdue },
      });
    }

    for (const [host, handle] of this.handles) {
      if (!wanted.has(host) || !host.isConnected) {
        handle.el.remove();
        this.handles.delete(host);
      }
    }

    const fresh: Array<[Element, BadgeData]> = [];
    for (const [host, { data }] of wanted) {
      const handle = this.handles.get(host);
      removeStrayBadges(host, handle?.el);
      if (!handle) {
        fresh.push([host, data]);
        continue;
      }
      if (handle.el.parentNode !== host) host.append(handle.el);
      if (!sameBadge(handle.data, data)) {
        handle.data = data;
        handle.render(this.annotations[data.invoiceNumber]);
      }
    }
    this.insert(fresh, generation);
    // Every invoice is stored, badged or not: a credit note reduces what the customer owes, and a draft
    // or cancelled invoice seen later must update the stored one.
    this.report(result.invoices);
  }

  /** Applies new annotations (after a log change) without re-reading the page. */
  async refreshAnnotations(): Promise<void> {
    this.reported.clear();
    this.scan();
  }

  private insert(fresh: Array<[Element, BadgeData]>, generation: number): void {
    if (fresh.length === 0) return;
    const visible = splitVisible(fresh.map(([host]) => host));
    const first = fresh.slice(visible.start, visible.end);
    const rest = [...fresh.slice(0, visible.start), ...fresh.slice(visible.end)];
    this.attach(this.build(first));
    if (rest.length === 0) return;
    // Build the rest detached, slice by slice, then attach them all in one task: one relayout, short tasks.
    const built: Array<[Element, BadgeHandle]> = [];
    let next = 0;
    const step = () => {
      if (generation !== this.generation) return; // a newer scan owns the page now
      built.push(...this.build(rest.slice(next, next + BUILD_SLICE)));
      next += BUILD_SLICE;
      if (next < rest.length) this.deps.later(step);
      else this.deps.later(() => generation === this.generation && this.attach(built));
    };
    this.deps.later(step);
  }

  private build(items: Array<[Element, BadgeData]>): Array<[Element, BadgeHandle]> {
    const { doc, settings, openCustomer } = this.deps;
    return items.map(([host, data]) => {
      const handle = createBadge(doc, data, settings.language, () => openCustomer(handle.data.invoiceNumber));
      const annotation = this.annotations[data.invoiceNumber];
      if (annotation) handle.render(annotation);
      return [host, handle];
    });
  }

  private attach(items: Array<[Element, BadgeHandle]>): void {
    for (const [host, handle] of items) {
      if (!host.isConnected || this.handles.has(host)) continue;
      host.append(handle.el);
      this.handles.set(host, handle);
    }
  }

  /** Sends only invoices whose facts changed since last reported; applies the annotations that come back. */
  private report(invoices: ExtractedInvoice[]): void {
    const changed: WireInvoice[] = [];
    for (const { facts } of invoices) {
      const wire = toWire(facts);
      const key = JSON.stringify(wire);
      if (this.reported.get(wire.number) === key) continue;
      this.reported.set(wire.number, key);
      changed.push(wire);
    }
    if (changed.length === 0) return;
    this.deps
      .reportInvoices(changed)
      .then((annotations) => {
        Object.assign(this.annotations, annotations);
        for (const handle of this.handles.values()) {
          const annotation = this.annotations[handle.data.invoiceNumber];
          const key = annotation ? JSON.stringify(annotation) : '';
          if (key === handle.annotationKey) continue;
          handle.annotationKey = key;
          handle.render(annotation);
        }
      })
      .catch(() => {
        // The background may be restarting; forget what we sent so the next scan reports again.
        for (const wire of changed) this.reported.delete(wire.number);
      });
  }

  /** Removes every badge (extension reloaded or disabled). */
  destroy(): void {
    this.generation++;
    for (const handle of this.handles.values()) handle.el.remove();
    this.handles.clear();
  }
}

function sameBadge(a: BadgeData, b: BadgeData): boolean {
  return a.invoiceNumber === b.invoiceNumber && a.status === b.status && a.daysOverdue === b.daysOverdue;
}

/** Badges left by an earlier copy of this script (extension reload) or cloned by the page: never two per invoice. */
function removeStrayBadges(host: Element, keep: Element | undefined): void {
  for (const child of Array.from(host.children)) {
    if (child.localName === BADGE_TAG && child !== keep) child.remove();
  }
}

function toWire(facts: ExtractedInvoice['facts']): WireInvoice {
  const wire: WireInvoice = {
    number: facts.number.slice(0, 200),
    customerName: facts.customerName.slice(0, 500),
    lifecycle: facts.lifecycle,
    kind: facts.kind,
    paid: facts.paid,
  };
  if (facts.issueDate) wire.issueDate = facts.issueDate;
  if (facts.dueDate) wire.dueDate = facts.dueDate;
  if (facts.total) wire.total = facts.total;
  if (facts.amountDue) wire.amountDue = facts.amountDue;
  return wire;
}

/**
 * Finds the run of hosts that lies in the viewport, by binary search over their rows' positions (hosts are in
 * document order, so their tops increase). Reads O(log n) rectangles of an already laid-out page.
 */
export function splitVisible(hosts: Element[]): { start: number; end: number } {
  const n = hosts.length;
  if (n <= 200) return { start: 0, end: n };
  const view = hosts[0]!.ownerDocument.defaultView;
  const height = view?.innerHeight ?? 800;
  const top = (i: number) => hosts[i]!.getBoundingClientRect();
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (top(mid).bottom < 0) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (top(mid).top <= height) lo = mid + 1;
    else hi = mid;
  }
  const end = Math.max(lo, Math.min(n, start + 1));
  return { start, end };
}
