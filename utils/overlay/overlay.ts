// Wires a page's invoices to badges: prepare the page's lists (pure adapter), compute statuses (pure domain),
// and touch the DOM as little as possible. On a page's first load the rows on screen are read alone and badged
// at once (preview); a scan then reads and badges the rows in the viewport at once, every other row in short
// tasks with its badge built detached, and attaches all of those in one last task. So a scan lays the table out
// twice however long it is (once more if contact-log annotations come back after that), and no task of ours
// runs long.
import { invoiceStatus, type InvoiceStatusOptions } from '../domain/status';
import type { IsoDate } from '../domain/types';
import type { BadgeAnnotation, SiteSettings, WireInvoice } from '../messaging/protocol';
import { prepareInvoicesSteps } from '../sites';
import type { ExtractContext, ExtractedInvoice, PreparedList, PreparedPage } from '../sites/types';
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
  /** Defers work to a later task (a fresh task of the content script's event loop). */
  later: (fn: () => void) => void;
  /** Milliseconds of a monotonic clock, to keep each task short; `performance.now()` by default. */
  now?: () => number;
  /** Runs a synchronous batch of our DOM writes (the page watcher need not look at them); runs it directly by default. */
  quietly?: (write: () => void) => void;
  /**
   * How many changes of the page (not ours) were seen so far, up to date inside `quietly`: when it has not moved
   * since a scan began, every row that scan read is still in the page and need not be asked.
   */
  changes?: () => number;
  /**
   * Runs `fn` just before the browser next renders, before it lays the page out (`requestAnimationFrame`). The
   * last task of a long scan attaches half of its badges and leaves the other half to this, so that no task of
   * ours runs long and the table is still laid out once. Without it, the last task attaches them all.
   */
  beforeLayout?: (fn: () => void) => void;
}

/** Time one task may spend reading rows and building badges (the promise is under 50 ms per task). */
export const SLICE_BUDGET_MS = 25;
/**
 * Time one task may spend finding the page's lists. Short: the first badges come from {@link Overlay.preview},
 * and the background's first answer (which the preview waits for) is handled between two of these tasks.
 */
export const PREPARE_BUDGET_MS = 20;
/** Lists up to this long are read and badged at once: splitting them would cost more than it saves. */
export const SMALL_LIST = 200;
/** Invoices per message to the background, one message per task: serializing many more at once makes a long task. */
export const REPORT_CHUNK = 1000;
/** When the page changes faster than a scan finishes, badges built so far are attached after this long anyway. */
const STARVATION_MS = 1000;

/** One reading of the page, from `scan()` to its last task. */
interface Pass {
  generation: number;
  page: PreparedPage;
  today: IsoDate;
  statusOptions: InvoiceStatusOptions;
  /** Badge hosts this pass gives a badge (the first invoice of a host wins). */
  wanted: Set<Element>;
  /** Badges built detached, attached by the last task. */
  built: Array<[Element, BadgeHandle]>;
  /** Hosts of `built` that hold a stray badge to remove (looked for while reading, to keep the last task short). */
  strays: Set<Element>;
  /** Badges already in the page that need new data, re-homing or a stray copy removed, done by the last task. */
  updates: Array<[Element, BadgeHandle, BadgeData]>;
  /** {@link OverlayDeps.changes} when the scan began (undefined without it). */
  changes: number | undefined;
  /** The badges of `built` by invoice number, for annotations arriving before they are attached. */
  builtByNumber: Map<string, BadgeHandle>;
}

/**
 * Runs `steps` (e.g. {@link prepareInvoicesSteps}) in tasks of about {@link PREPARE_BUDGET_MS}, the first one
 * now, then calls `done` with the result in the task that finished it. Stops for good once `alive()` is false.
 */
export function runSteps<T>(
  steps: Generator<void, T, void>,
  tasks: Pick<OverlayDeps, 'later' | 'now'>,
  done: (value: T) => void,
  alive: () => boolean = () => true,
): void {
  const now = tasks.now ?? (() => performance.now());
  const run = (): void => {
    if (!alive()) return;
    const deadline = now() + PREPARE_BUDGET_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) {
        done(step.value);
        return;
      }
      if (now() >= deadline) {
        tasks.later(run);
        return;
      }
    }
  };
  run();
}

/** What reading a page needs to know: its language, this site's settings and the local date (for "5 days ago"). */
export function extractContextOf(
  doc: Document,
  settings?: Pick<SiteSettings, 'dateOrder' | 'defaultCurrency'>,
  today?: IsoDate,
): ExtractContext {
  const ctx: ExtractContext = { lang: doc.documentElement.lang || '' };
  if (today) ctx.today = today;
  if (settings?.dateOrder) ctx.userDateOrder = settings.dateOrder;
  if (settings?.defaultCurrency) ctx.defaultCurrency = settings.defaultCurrency;
  return ctx;
}

export class Overlay {
  private readonly handles = new Map<Element, BadgeHandle>();
  private readonly annotations: Record<string, BadgeAnnotation> = {};
  /** Facts last sent to the background per invoice number, to send only what changed. */
  private readonly reported = new Map<string, WireInvoice>();
  /** Facts waiting to be sent, oldest first, and the latest of them per number. */
  private outbox: WireInvoice[] = [];
  private readonly queued = new Map<string, WireInvoice>();
  private flushScheduled = false;
  /** Reports sent and not answered yet. */
  private pendingReports = 0;
  /** Invoice numbers whose annotation arrived since the badges in the page were last brought up to date. */
  private readonly freshAnnotations = new Set<string>();
  private generation = 0;
  /** The pass whose rows are still being read, and since when passes have been superseded without finishing. */
  private inflight: Pass | null = null;
  private inflightSince = 0;
  /** Badges built by a superseded pass and never attached: the next pass reuses them. */
  private readonly spare = new Map<Element, BadgeHandle>();

  constructor(private readonly deps: OverlayDeps) {}

  /** Number of badges currently in the page (for tests and the benchmark). */
  get size(): number {
    return this.handles.size;
  }

  /**
   * Reads the page and brings the badges in line with it. Safe to call at any time, any number of times: a
   * newer scan takes over from one still reading. The rows in the viewport (every row of a short list) are
   * badged before this returns, unless finding the lists of a very long page takes more than a task; the
   * others within a few short tasks.
   * @param prepared the page's lists when they were just prepared with {@link extractContextOf} these settings
   *   and the page has not changed since (the content script prepares while the settings are on their way).
   */
  scan(prepared?: PreparedPage): void {
    const generation = ++this.generation;
    const changes = this.deps.changes?.();
    if (prepared) {
      this.badge(prepared, generation, changes);
      return;
    }
    const { doc, settings } = this.deps;
    runSteps(
      prepareInvoicesSteps(doc, this.deps.url(), extractContextOf(doc, settings, this.deps.today())),
      this.deps,
      (page) => this.badge(page, generation, changes),
      () => generation === this.generation,
    );
  }

  /**
   * A first look, before the first scan: badges every invoice of `page` at once, a page prepared with
   * {@link viewportRows} (the rows on screen only, read in a few milliseconds while the whole page is still to
   * be read). Reports nothing: the scan that follows reads these rows again, reports them, and keeps, corrects
   * or removes these badges.
   */
  preview(page: PreparedPage): void {
    if (this.generation > 0) return;
    const pass = this.newPass(page, 0, undefined);
    this.quietly(() => {
      for (const list of page.lists) for (let i = 0; i < list.count; i++) this.take(list.read(i), pass, true, false);
      this.attach(pass.built);
    });
  }

  private newPass(page: PreparedPage, generation: number, changes: number | undefined): Pass {
    const { settings } = this.deps;
    return {
      generation,
      page,
      today: this.deps.today(),
      statusOptions: { dueSoonDays: settings.dueSoonDays, defaultTermDays: settings.defaultTermDays },
      wanted: new Set(),
      built: [],
      strays: new Set(),
      updates: [],
      changes,
      builtByNumber: new Map(),
    };
  }

  /** Badges a prepared page: the viewport now, every other row in later tasks (see {@link scan}). */
  private badge(page: PreparedPage, generation: number, changes: number | undefined): void {
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const { doc } = this.deps;
    // Geometry before any write of ours: the page is laid out already, so this forces no extra layout.
    const viewportHeight = doc.defaultView?.innerHeight ?? 800;
    const ranges = page.lists.map((list) => visibleRange(list, viewportHeight));

    const previous = this.inflight;
    if (previous) {
      for (const [host, handle] of previous.built) this.spare.set(host, handle);
    } else {
      this.inflightSince = started;
    }
    const pass = this.newPass(page, generation, changes);
    this.inflight = pass;
    this.quietly(() => {
      if (previous && started - this.inflightSince > STARVATION_MS) {
        // The page keeps changing before a scan ends: attach what was built rather than never finishing.
        this.attach([...this.spare]);
        this.spare.clear();
        this.applyAnnotations(true);
        this.inflightSince = started;
      }
      // The viewport: read, badged and inserted now, in one batch.
      page.lists.forEach((list, k) => {
        const { start, end } = ranges[k]!;
        for (let i = start; i < end; i++) this.take(list.read(i), pass, true);
      });
      this.attach(pass.built);
      pass.built = [];
    });
    this.flush();

    // Every other row: just below the viewport first, then above it.
    const segments: Array<{ list: PreparedList; from: number; to: number }> = [];
    page.lists.forEach((list, k) => {
      const { start, end } = ranges[k]!;
      if (end < list.count) segments.push({ list, from: end, to: list.count });
      if (start > 0) segments.push({ list, from: 0, to: start });
    });
    if (segments.length === 0) {
      this.finish(pass);
      return;
    }
    let segment = 0;
    let i = segments[0]!.from;
    const step = (): void => {
      if (generation !== this.generation) return; // a newer scan owns the page now
      const deadline = now() + SLICE_BUDGET_MS;
      let done = 0;
      while (segment < segments.length) {
        const { list, to } = segments[segment]!;
        if (i >= to) {
          segment++;
          i = segments[segment]?.from ?? 0;
          continue;
        }
        this.take(list.read(i++), pass, false);
        // The clock is read every few rows: a row costs microseconds, the clock is not free either.
        if ((++done & 15) === 0 && now() >= deadline) break;
      }
      if (segment < segments.length) this.deps.later(step);
      else this.deps.later(() => this.finish(pass));
    };
    this.deps.later(step);
  }

  /** After a log change: reads the page again and reports every invoice anew, so fresh annotations come back. */
  async refreshAnnotations(): Promise<void> {
    this.reported.clear();
    this.scan();
  }

  /** Removes every badge (extension reloaded or disabled). */
  destroy(): void {
    this.generation++;
    this.inflight = null;
    for (const handle of this.handles.values()) handle.el.remove();
    this.handles.clear();
    this.spare.clear();
    this.outbox = [];
    this.queued.clear();
    this.freshAnnotations.clear();
  }

  /**
   * One invoice of the page: queued for the background (unless not `report`), and its badge brought up to date,
   * at once in the viewport (`immediate`), else built detached or noted for the pass's last task (no layout
   * until then).
   */
  private take(invoice: ExtractedInvoice | null, pass: Pass, immediate: boolean, report = true): void {
    if (!invoice) return;
    // Every invoice is stored, badged or not: a credit note reduces what the customer owes, and a draft or
    // cancelled invoice seen later must update the stored one.
    if (report) this.queueReport(invoice.facts);
    const status = invoiceStatus(invoice.facts, pass.today, pass.statusOptions);
    const host = invoice.badgeHost;
    if (!status || pass.wanted.has(host)) return;
    pass.wanted.add(host);
    const data: BadgeData = {
      invoiceNumber: invoice.facts.number,
      status: status.status,
      daysOverdue: status.daysOverdue,
    };
    const handle = this.handles.get(host);
    if (handle) {
      if (immediate) this.update(host, handle, data);
      else if (!sameBadge(handle.data, data) || handle.el.parentNode !== host || hasStrayBadge(host, handle.el)) {
        pass.updates.push([host, handle, data]);
      }
      return;
    }
    let fresh = this.spare.get(host);
    if (fresh) {
      this.spare.delete(host);
      if (!sameBadge(fresh.data, data)) {
        fresh.data = data;
        fresh.render(this.annotations[data.invoiceNumber]);
      }
    } else {
      fresh = this.build(data);
    }
    if (!immediate && hasStrayBadge(host, null)) pass.strays.add(host);
    pass.built.push([host, fresh]);
    if (!immediate) pass.builtByNumber.set(data.invoiceNumber, fresh);
  }

  /**
   * The pass's last task: stale badges go, every badge built detached goes in. A long list's badges go in two
   * halves, the second just before the browser lays the page out (see {@link OverlayDeps.beforeLayout}).
   */
  private finish(pass: Pass): void {
    if (pass.generation !== this.generation) return;
    const { beforeLayout } = this.deps;
    const split = beforeLayout !== undefined && pass.built.length >= 2 * SMALL_LIST;
    // The rows just below the viewport come first in `built`. The rest stay in the pass: a scan that takes over
    // before the second half reuses them, as it does any pass's.
    const first = pass.built.splice(0, split ? pass.built.length >> 1 : pass.built.length);
    this.quietly(() => {
      const unchanged = this.unchangedSince(pass);
      this.prune(pass, unchanged);
      this.attach(first, pass.strays, unchanged);
    });
    if (split) beforeLayout(() => this.complete(pass));
    else this.complete(pass);
  }

  /** The end of the pass's last task: the badges still detached go in, with updates and annotations. */
  private complete(pass: Pass): void {
    if (pass.generation !== this.generation) return;
    this.inflight = null;
    this.spare.clear();
    this.quietly(() => {
      this.attach(pass.built, pass.strays, this.unchangedSince(pass));
      pass.built = [];
      for (const [host, handle, data] of pass.updates) {
        if (this.handles.get(host) === handle) this.update(host, handle, data);
      }
      // Annotations that came back during the pass, in this same batch of changes (one relayout).
      this.applyAnnotations(true);
      showProblems(this.deps.doc, pass.page.problems(), this.deps.settings.language);
    });
    // The facts still to send go from the next task on: this one relays out the whole list already.
    this.scheduleFlush();
  }

  /** A page unchanged since the scan began still holds every host the scan read (10,000 questions fewer). */
  private unchangedSince(pass: Pass): boolean {
    return pass.changes !== undefined && this.deps.changes?.() === pass.changes;
  }

  /** Removes the badges in the page that `pass` does not want, or whose host left the page (`unchanged`: none). */
  private prune(pass: Pass, unchanged: boolean): void {
    for (const [host, handle] of this.handles) {
      if (!pass.wanted.has(host) || (!unchanged && !host.isConnected)) {
        handle.el.remove();
        this.handles.delete(host);
      }
    }
  }

  private build(data: BadgeData): BadgeHandle {
    const { doc, settings, openCustomer } = this.deps;
    const handle = createBadge(
      doc,
      data,
      settings.language,
      () => openCustomer(handle.data.invoiceNumber),
      this.annotations[data.invoiceNumber],
    );
    return handle;
  }

  /**
   * Puts built badges in their hosts (skipping hosts gone or badged meanwhile), with the latest annotations,
   * removing stray badges from every host, or only from `strays` when the hosts were looked at already.
   * `connected`: the hosts are known to be in the page.
   */
  private attach(items: Array<[Element, BadgeHandle]>, strays?: Set<Element>, connected = false): void {
    for (const [host, handle] of items) {
      if (this.handles.has(host) || (!connected && !host.isConnected)) continue;
      if (!strays || strays.has(host)) removeStrayBadges(host, handle.el);
      // Annotations that arrived while the badge waited detached (rendered before it is in the page).
      const annotation = this.annotations[handle.data.invoiceNumber];
      if (annotation) this.annotate(handle, annotation);
      host.appendChild(handle.el); // appendChild: no variadic conversion, on 10,000 badges it counts
      this.handles.set(host, handle);
    }
  }

  /** Runs a batch of DOM writes of ours (see {@link OverlayDeps.quietly}). */
  private quietly(write: () => void): void {
    if (this.deps.quietly) this.deps.quietly(write);
    else write();
  }

  /** Brings a badge in the page up to date: one badge per host, in its host, showing `data`. */
  private update(host: Element, handle: BadgeHandle, data: BadgeData): void {
    removeStrayBadges(host, handle.el);
    if (handle.el.parentNode !== host) host.appendChild(handle.el);
    if (!sameBadge(handle.data, data)) {
      handle.data = data;
      handle.render(this.annotations[data.invoiceNumber]);
    }
  }

  private annotate(handle: BadgeHandle, annotation: BadgeAnnotation): void {
    if (handle.applied === annotation) return;
    handle.applied = annotation;
    const key = JSON.stringify(annotation);
    if (key === handle.annotationKey) return;
    handle.annotationKey = key;
    handle.render(annotation);
  }

  /** Queues an invoice's facts for the background unless they are what it was last sent (or is about to be). */
  private queueReport(facts: ExtractedInvoice['facts']): void {
    const wire = toWire(facts);
    const sent = this.reported.get(wire.number);
    const waiting = this.queued.get(wire.number);
    if ((sent && sameWire(sent, wire)) || (waiting && sameWire(waiting, wire))) return;
    this.queued.set(wire.number, wire);
    this.outbox.push(wire);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.outbox.length === 0) return;
    this.flushScheduled = true;
    this.deps.later(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends one chunk of queued facts (the rest in later tasks) and notes the annotations that come back. */
  private flush(): void {
    if (this.outbox.length === 0) return;
    const batch = this.outbox.splice(0, REPORT_CHUNK);
    for (const wire of batch) {
      this.reported.set(wire.number, wire);
      if (this.queued.get(wire.number) === wire) this.queued.delete(wire.number);
    }
    this.scheduleFlush();
    this.pendingReports++;
    this.deps
      .reportInvoices(batch)
      .then((annotations) => {
        Object.assign(this.annotations, annotations);
        for (const number of Object.keys(annotations)) this.freshAnnotations.add(number);
        // Badges built and not attached yet take theirs now: detached, that costs no layout, and the last task
        // of the pass, which attaches them all, stays short.
        const built = this.inflight?.builtByNumber;
        if (built) {
          for (const [number, annotation] of Object.entries(annotations)) {
            const handle = built.get(number);
            if (handle && !handle.el.isConnected) this.annotate(handle, annotation);
          }
        }
      })
      .catch(() => {
        // The background may be restarting; forget what we sent so the next scan reports again.
        for (const wire of batch) {
          if (this.reported.get(wire.number) === wire) this.reported.delete(wire.number);
        }
      })
      .finally(() => {
        this.pendingReports--;
        this.quietly(() => this.applyAnnotations(false));
      });
  }

  /**
   * Shows the annotations that arrived on the badges in the page. Changing a badge in the page relays the
   * table out, so this waits (unless `now`) until no scan is reading and no report is on its way: then
   * every annotation goes in at once. Badges not in the page yet get theirs when attached.
   */
  private applyAnnotations(now: boolean): void {
    if (this.freshAnnotations.size === 0) return;
    if (!now && (this.inflight !== null || this.pendingReports > 0 || this.outbox.length > 0)) return;
    for (const handle of this.handles.values()) {
      const number = handle.data.invoiceNumber;
      const annotation = this.annotations[number];
      if (annotation && this.freshAnnotations.has(number)) this.annotate(handle, annotation);
    }
    this.freshAnnotations.clear();
  }
}

function sameBadge(a: BadgeData, b: BadgeData): boolean {
  return a.invoiceNumber === b.invoiceNumber && a.status === b.status && a.daysOverdue === b.daysOverdue;
}

/** True when `host` holds a badge other than `keep`. */
function hasStrayBadge(host: Element, keep: Element | null): boolean {
  for (let child = host.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === BADGE_TAG && child !== keep) return true;
  }
  return false;
}

/** Badges left by an earlier copy of this script (extension reload) or cloned by the page: never two per invoice. */
function removeStrayBadges(host: Element, keep: Element | undefined): void {
  let child = host.firstElementChild;
  while (child) {
    const next = child.nextElementSibling;
    if (child.localName === BADGE_TAG && child !== keep) child.remove();
    child = next;
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

/** True when two reports carry the same facts. */
function sameWire(a: WireInvoice, b: WireInvoice): boolean {
  return (
    a.number === b.number &&
    a.customerName === b.customerName &&
    a.issueDate === b.issueDate &&
    a.dueDate === b.dueDate &&
    sameMoney(a.total, b.total) &&
    sameMoney(a.amountDue, b.amountDue) &&
    a.lifecycle === b.lifecycle &&
    a.kind === b.kind &&
    a.paid === b.paid
  );
}

function sameMoney(a: WireInvoice['total'], b: WireInvoice['total']): boolean {
  return a === b || (a !== undefined && b !== undefined && a.amountMinor === b.amountMinor && a.currency === b.currency);
}

/**
 * A {@link ExtractContext.rowWindow} keeping each list's rows on screen (every row of a short list): for
 * {@link Overlay.preview}. A list whose rows have no layout (a hidden tab) or would give hundreds of rows on
 * screen gives none: the scan reads them.
 */
export function viewportRows(viewportHeight: number): NonNullable<ExtractContext['rowWindow']> {
  return (rows) => {
    const { start, end } = visibleRange({ count: rows.length, rowAt: (i) => rows[i]! }, viewportHeight);
    return end - start > PREVIEW_MAX_ROWS || (end > start && rows[start]!.getBoundingClientRect().height === 0) ? [0, 0] : [start, end];
  };
}

/** More rows than this on screen is not a screen of rows (see {@link viewportRows}). */
const PREVIEW_MAX_ROWS = 400;

/**
 * The run of a list's rows that lies in the viewport, by binary search over their positions (rows are in
 * document order, so their tops increase): O(log n) rectangles read. A list of at most {@link SMALL_LIST} rows
 * counts as visible whole. `end` is exclusive; at least one row is returned when the list is not above the view.
 */
export function visibleRange(
  list: Pick<PreparedList, 'count' | 'rowAt'>,
  viewportHeight: number,
): { start: number; end: number } {
  const n = list.count;
  if (n <= SMALL_LIST) return { start: 0, end: n };
  const rect = (i: number) => list.rowAt(i).getBoundingClientRect();
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rect(mid).bottom < 0) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rect(mid).top <= viewportHeight) lo = mid + 1;
    else hi = mid;
  }
  return { start, end: Math.max(lo, Math.min(n, start + 1)) };
}
