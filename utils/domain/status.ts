// Invoice status (the badge), aging buckets and aged balances, all from parsed facts and a given `today`.
import { addDays, daysBetween, isIsoDate } from './dates';
import { currencyMinorDigits } from './money';
import { AGING_BUCKETS } from './types';
import type { AgingBucket, InvoiceFacts, InvoiceStatus, IsoDate, Money } from './types';

export interface InvoiceStatusOptions {
  /** An invoice due within this many days (today included) is `due-soon`. Default 7. */
  dueSoonDays?: number;
  /** Payment term assumed when only the issue date is known. Default 30 (the French legal default). */
  defaultTermDays?: number;
}

export interface InvoiceStatusResult {
  status: InvoiceStatus;
  /** Whole days past the due date; 0 unless `status` is `overdue`. */
  daysOverdue: number;
}

/** Amounts still owed, per currency, split by how late they are. All amounts in minor units. */
export interface AgedBalance {
  byCurrency: Array<{ currency: string; buckets: Record<AgingBucket, number>; total: number }>;
}

const DEFAULT_DUE_SOON_DAYS = 7;
/** Code de commerce L441-10: without an agreed term, payment is due 30 days after delivery/service. */
const DEFAULT_TERM_DAYS = 30;

function optionDays(value: number | undefined, fallback: number, name: string): number {
  const days = value ?? fallback;
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new Error(`invoice status option ${name} must be a whole number of days >= 0, got ${value}`);
  }
  return days;
}

function checkDate(value: IsoDate | undefined, field: string, invoiceNumber: string): void {
  if (value !== undefined && !isIsoDate(value)) {
    throw new Error(`invoice ${invoiceNumber}: ${field} ${JSON.stringify(value)} is not a date written YYYY-MM-DD`);
  }
}

/** What remains to be collected: `amountDue`, or `total` when the page shows no remaining amount. */
function outstanding(inv: InvoiceFacts): Money | undefined {
  const amount = inv.amountDue ?? inv.total;
  if (amount && !Number.isSafeInteger(amount.amountMinor)) {
    throw new Error(`invoice ${inv.number}: amount ${amount.amountMinor} is not a whole number of minor units`);
  }
  return amount;
}

/** Drafts, cancelled invoices and credit notes are not receivables: they get no badge. */
function isReceivable(inv: InvoiceFacts): boolean {
  return inv.lifecycle === 'issued' && inv.kind === 'invoice';
}

/** The due date shown, else issue date + the default term, else undefined. */
export function effectiveDueDate(inv: InvoiceFacts, defaultTermDays = DEFAULT_TERM_DAYS): IsoDate | undefined {
  checkDate(inv.dueDate, 'dueDate', inv.number);
  checkDate(inv.issueDate, 'issueDate', inv.number);
  if (inv.dueDate) return inv.dueDate;
  return inv.issueDate ? addDays(inv.issueDate, optionDays(defaultTermDays, DEFAULT_TERM_DAYS, 'defaultTermDays')) : undefined;
}

/**
 * The badge status of an invoice on `today`, or null for drafts, cancelled invoices and credit notes.
 * - paid (or nothing left due) → `paid`;
 * - due date in the past → `overdue` with the days since the due date;
 * - due today or within `dueSoonDays` → `due-soon` (due today is not late);
 * - later → `not-due`.
 * Without a due date the issue date + `defaultTermDays` is used. With neither date the invoice is `not-due`:
 * we cannot prove it is late, and an amicable reminder must never accuse a customer without evidence.
 */
export function invoiceStatus(
  inv: InvoiceFacts,
  today: IsoDate,
  opts?: InvoiceStatusOptions,
): InvoiceStatusResult | null {
  if (!isIsoDate(today)) throw new Error(`invoiceStatus: today ${JSON.stringify(today)} is not a date written YYYY-MM-DD`);
  const dueSoonDays = optionDays(opts?.dueSoonDays, DEFAULT_DUE_SOON_DAYS, 'dueSoonDays');
  const termDays = optionDays(opts?.defaultTermDays, DEFAULT_TERM_DAYS, 'defaultTermDays');
  if (!isReceivable(inv)) return null;
  const amount = outstanding(inv);
  // A zero or negative remainder (overpaid) leaves nothing to collect.
  if (inv.paid || (amount !== undefined && amount.amountMinor <= 0)) return { status: 'paid', daysOverdue: 0 };
  const dueDate = effectiveDueDate(inv, termDays);
  if (!dueDate) return { status: 'not-due', daysOverdue: 0 };
  const daysLate = daysBetween(dueDate, today);
  if (daysLate > 0) return { status: 'overdue', daysOverdue: daysLate };
  return { status: -daysLate <= dueSoonDays ? 'due-soon' : 'not-due', daysOverdue: 0 };
}

/**
 * The aging bucket of an unpaid invoice: `not-due` for not-due and due-soon, then 1-30, 31-60, 61-90, 90+
 * days overdue. Throws for `paid` (a paid invoice is not aged) or an overdue status with under 1 day.
 */
export function agingBucket(status: InvoiceStatus, daysOverdue: number): AgingBucket {
  if (status === 'paid') throw new Error('agingBucket: a paid invoice has no aging bucket');
  if (status !== 'overdue') return 'not-due';
  if (!Number.isSafeInteger(daysOverdue) || daysOverdue < 1) {
    throw new Error(`agingBucket: an overdue invoice needs daysOverdue >= 1, got ${daysOverdue}`);
  }
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

function emptyBuckets(): Record<AgingBucket, number> {
  return { 'not-due': 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

/** Accumulates minor units per currency and bucket. */
class BalanceBuilder {
  private readonly rows = new Map<string, Record<AgingBucket, number>>();

  add(currency: string, bucket: AgingBucket, amountMinor: number): void {
    currencyMinorDigits(currency); // rejects an unknown currency code with a clear error
    const buckets = this.rows.get(currency) ?? emptyBuckets();
    buckets[bucket] += amountMinor;
    this.rows.set(currency, buckets);
  }

  build(): AgedBalance {
    const currencies = [...this.rows.keys()].sort();
    return {
      byCurrency: currencies.map((currency) => {
        const buckets = this.rows.get(currency) ?? emptyBuckets();
        const total = AGING_BUCKETS.reduce((sum, b) => sum + buckets[b], 0);
        return { currency, buckets, total };
      }),
    };
  }
}

function requireAmount(inv: InvoiceFacts): Money {
  const amount = outstanding(inv);
  if (!amount) throw new Error(`agedBalance: invoice ${inv.number} has neither amountDue nor total`);
  return amount;
}

/**
 * What customers owe on `today`, per currency (sorted) and aging bucket, in minor units.
 * Counts issued, unpaid invoices at their `amountDue` (or `total` when no remainder is shown).
 * Issued, unpaid credit notes subtract their absolute amount (pages show them positive or negative) from the
 * `not-due` bucket: a credit is not tied to one late invoice, so it lowers the balance without hiding how
 * late the invoices are. Drafts, cancelled documents and paid ones are ignored.
 * Throws when a counted document has no amount at all, rather than understating the balance.
 */
export function agedBalance(invoices: InvoiceFacts[], today: IsoDate, opts?: InvoiceStatusOptions): AgedBalance {
  const builder = new BalanceBuilder();
  for (const inv of invoices) {
    if (inv.lifecycle !== 'issued' || inv.paid) continue;
    if (inv.kind === 'credit-note') {
      const credit = requireAmount(inv);
      builder.add(credit.currency, 'not-due', -Math.abs(credit.amountMinor));
      continue;
    }
    const result = invoiceStatus(inv, today, opts);
    if (!result || result.status === 'paid') continue;
    const amount = requireAmount(inv);
    builder.add(amount.currency, agingBucket(result.status, result.daysOverdue), amount.amountMinor);
  }
  return builder.build();
}

/** Adds several aged balances (e.g. one per customer) into one, per currency and bucket. */
export function mergeAgedBalances(list: AgedBalance[]): AgedBalance {
  const builder = new BalanceBuilder();
  for (const balance of list) {
    for (const row of balance.byCurrency) {
      for (const bucket of AGING_BUCKETS) builder.add(row.currency, bucket, row.buckets[bucket]);
    }
  }
  return builder.build();
}
