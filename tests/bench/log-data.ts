// Deterministic data set for the contact-log benchmark: customers, their invoices and a contact log, all built
// from one seeded PRNG so every run (and every machine) measures the same records. No clock is read: dates are
// laid out around a fixed `today`.
import { searchKeyOf, type CustomerRecord } from '../../utils/db/db';
import {
  CHANNELS,
  customerIdFor,
  invoiceIdFor,
  type Channel,
  type ContactEvent,
  type ContactOutcome,
  type Invoice,
} from '../../utils/domain/schemas';
import type { IsoDate, IsoDateTime } from '../../utils/domain/types';

export const BENCH_TODAY: IsoDate = '2026-03-16';

export interface LogDataOptions {
  customers: number;
  invoicesPerCustomer: number;
  events: number;
  seed: number;
}

export const DEFAULT_LOG_DATA: LogDataOptions = { customers: 5_000, invoicesPerCustomer: 4, events: 100_000, seed: 20260316 };

export interface LogData {
  customers: CustomerRecord[];
  invoices: Invoice[];
  events: ContactEvent[];
  /** Per kind, for the report. */
  kinds: Record<ContactEvent['kind'], number>;
}

/** mulberry32: small, fast, good enough to lay out benchmark data; same seed → same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4, RFC 9562-variant UUID drawn from `random` (so it is reproducible, unlike crypto.randomUUID). */
export function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const DAY_MS = 86_400_000;
const TODAY_MS = Date.parse(`${BENCH_TODAY}T00:00:00Z`);
const dateOffset = (days: number): IsoDate => new Date(TODAY_MS + days * DAY_MS).toISOString().slice(0, 10);
const SITES = ['https://acme.odoo.com', 'https://compta.example.fr'] as const;
const AUTHORS = ['Claire Martin', 'Hugo Bernard', 'Inès Petit'] as const;
const euros = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/**
 * Builds the benchmark data set. Events are laid out oldest first over the year before `BENCH_TODAY`
 * (with a few minutes of recording delay each), on customers drawn uniformly; about 2% are corrections and
 * 1% retractions of an earlier entry of the same customer.
 */
export function generateLogData(options: LogDataOptions = DEFAULT_LOG_DATA): LogData {
  const random = prng(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

  const customers: CustomerRecord[] = [];
  const invoices: Invoice[] = [];
  const invoicesOf: Invoice[][] = [];
  const createdAt = `${dateOffset(-400)}T08:00:00.000Z`;
  for (let c = 0; c < options.customers; c++) {
    const site = SITES[c % SITES.length]!;
    const name = `Client ${String(c).padStart(5, '0')} SARL`;
    const id = customerIdFor(site, name);
    customers.push({ id, site, name, searchKey: searchKeyOf(name), debtorKind: 'business', segment: 'standard', createdAt, updatedAt: createdAt });
    const own: Invoice[] = [];
    for (let k = 0; k < options.invoicesPerCustomer; k++) {
      const number = `F-${String(c * options.invoicesPerCustomer + k).padStart(6, '0')}`;
      const dueIn = int(151) - 120; // due between 120 days ago and 30 days ahead
      const total = (10 + int(9_990)) * 100 + int(100);
      const paid = random() < 0.4;
      const invoice: Invoice = {
        id: invoiceIdFor(site, number),
        site,
        number,
        customerId: id,
        customerName: name,
        issueDate: dateOffset(dueIn - 30),
        dueDate: dateOffset(dueIn),
        total: euros(total),
        amountDue: euros(paid ? 0 : total),
        lifecycle: 'issued',
        kind: 'invoice',
        paid,
        firstSeenAt: `${dateOffset(dueIn - 29)}T09:00:00.000Z`,
        lastSeenAt: `${BENCH_TODAY}T07:00:00.000Z`,
      };
      if (paid) invoice.paidAt = `${dateOffset(Math.min(-1, dueIn + 5))}T10:00:00.000Z`;
      own.push(invoice);
      invoices.push(invoice);
    }
    invoicesOf.push(own);
  }

  const someInvoiceIds = (own: readonly Invoice[]): string[] => {
    const n = 1 + int(2);
    const start = int(own.length);
    return Array.from({ length: Math.min(n, own.length) }, (_, i) => own[(start + i) % own.length]!.id);
  };

  const outcomeFor = (own: readonly Invoice[], channel: Channel): { outcome: ContactOutcome; invoiceIds: string[] } => {
    const r = random();
    const invoiceIds = someInvoiceIds(own);
    if (channel === 'letter' || channel === 'registered-letter' || r < 0.25) return { outcome: { type: pick(['no-answer', 'voicemail', 'note'] as const) }, invoiceIds };
    if (r < 0.45) return { outcome: { type: 'reached' }, invoiceIds };
    if (r < 0.6) {
      return { outcome: { type: 'promise-to-pay', date: dateOffset(int(60) - 40), amount: euros(1_000 + int(500_000)) }, invoiceIds };
    }
    if (r < 0.68) return { outcome: { type: 'dispute', reason: 'Livraison incomplète', invoiceIds }, invoiceIds };
    if (r < 0.72) return { outcome: { type: 'dispute-resolved', invoiceIds, resolution: 'Avoir émis' }, invoiceIds };
    if (r < 0.8) {
      const count = 2 + int(3);
      const installments = Array.from({ length: count }, (_, i) => ({
        dueDate: dateOffset(int(30) - 60 + i * 30),
        amount: euros(5_000 + int(200_000)),
      }));
      const covered = euros(installments.reduce((sum, i) => sum + i.amount.amountMinor, 0));
      return { outcome: { type: 'payment-plan', installments, covered }, invoiceIds };
    }
    if (r < 0.85) return { outcome: { type: 'partial-payment-announced', amount: euros(1_000 + int(100_000)), date: dateOffset(int(30) - 10) }, invoiceIds };
    if (r < 0.9) return { outcome: { type: 'paid' }, invoiceIds };
    return { outcome: { type: pick(['refused', 'wrong-contact'] as const) }, invoiceIds };
  };

  const events: ContactEvent[] = [];
  const kinds = { contact: 0, correction: 0, retraction: 0 };
  /** Per customer, entries that may still be corrected or retracted. */
  const open: ContactEvent[][] = customers.map(() => []);
  const spanMs = 365 * DAY_MS;
  const start = TODAY_MS - spanMs;
  for (let i = 0; i < options.events; i++) {
    const c = int(options.customers);
    const customerId = customers[c]!.id;
    const atMs = start + Math.floor(((i + random()) / options.events) * spanMs);
    const at: IsoDateTime = new Date(atMs).toISOString();
    const recordedAt: IsoDateTime = new Date(atMs + (1 + int(30)) * 60_000).toISOString();
    const author = pick(AUTHORS);
    const id = uuidFrom(random);
    const candidates = open[c]!;
    const r = random();

    if (candidates.length > 0 && r < 0.01) {
      const index = int(candidates.length);
      const target = candidates[index]!;
      candidates.splice(index, 1); // a retracted entry is not corrected or retracted again
      events.push({
        id,
        kind: 'retraction',
        correctsId: target.id,
        customerId,
        invoiceIds: target.invoiceIds,
        at,
        recordedAt,
        author,
        channel: 'other',
        direction: 'outgoing',
        outcome: { type: 'note' },
        notes: '',
      });
      kinds.retraction += 1;
      continue;
    }
    if (candidates.length > 0 && r < 0.03) {
      const index = int(candidates.length);
      const target = candidates[index]!;
      const { correctsId: _previous, ...rest } = target;
      const correction: ContactEvent = {
        ...rest,
        id,
        kind: 'correction',
        correctsId: target.id,
        recordedAt,
        author,
        notes: `${target.notes} (corrigé)`.trim(),
      };
      candidates[index] = correction; // later corrections build a chain on the latest version
      events.push(correction);
      kinds.correction += 1;
      continue;
    }

    const channel = random() < 0.5 ? pick(['email', 'phone'] as const) : pick(CHANNELS);
    const { outcome, invoiceIds } = outcomeFor(invoicesOf[c]!, channel);
    const event: ContactEvent = {
      id,
      kind: 'contact',
      customerId,
      invoiceIds,
      at,
      recordedAt,
      author,
      channel,
      direction: random() < 0.75 ? 'outgoing' : 'incoming',
      outcome,
      notes: random() < 0.5 ? '' : `Échange n° ${i} au sujet des factures en retard.`,
    };
    if (channel === 'registered-letter') event.trackingNumber = `1A${String(100_000_000 + i)}`;
    if (event.direction === 'outgoing' && (channel === 'email' || channel === 'letter') && random() < 0.5) {
      event.reminder = { level: pick(['L1', 'L2', 'L3']), tone: pick(['courteous', 'firm', 'formal-notice'] as const) };
    }
    if (random() < 0.3) event.followUpDate = dateOffset(Math.floor((atMs - TODAY_MS) / DAY_MS) + 7 + int(14));
    candidates.push(event);
    events.push(event);
    kinds.contact += 1;
  }
  return { customers, invoices, events, kinds };
}
