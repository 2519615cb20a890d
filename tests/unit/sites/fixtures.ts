// Helpers shared by the site-adapter tests (not a test file itself).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InvoiceFacts, InvoiceKind, InvoiceLifecycle, IsoDate, Money } from '../../../utils/domain/types';
import type { ExtractContext, ExtractedInvoice } from '../../../utils/sites/types';

/** Parses a fixture page from tests/fixtures/sites into a Document (DOM test environment required). */
export function loadFixture(name: string): Document {
  // Tests run from the repository root (vitest's root).
  const html = readFileSync(resolve(process.cwd(), 'tests/fixtures/sites', name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The extraction context a content script would build from the page. */
export function contextOf(doc: Document, extra: Partial<ExtractContext> = {}): ExtractContext {
  return { lang: doc.documentElement.getAttribute('lang') ?? '', ...extra };
}

export const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });
export const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
export const gbp = (amountMinor: number): Money => ({ amountMinor, currency: 'GBP' });

/** Expected facts, written compactly; absent dates and amounts are left out. */
export function facts(
  number: string,
  customerName: string,
  issueDate: IsoDate | undefined,
  dueDate: IsoDate | undefined,
  total: Money | undefined,
  amountDue: Money | undefined,
  status: { lifecycle?: InvoiceLifecycle; paid?: boolean; kind?: InvoiceKind } = {},
): InvoiceFacts {
  const f: InvoiceFacts = {
    number,
    customerName,
    lifecycle: status.lifecycle ?? 'issued',
    kind: status.kind ?? 'invoice',
    paid: status.paid ?? false,
  };
  if (issueDate) f.issueDate = issueDate;
  if (dueDate) f.dueDate = dueDate;
  if (total) f.total = total;
  if (amountDue) f.amountDue = amountDue;
  return f;
}

/** Text of an element without the badges we insert (what a user reads in the cell, minus our own UI). */
export function visibleText(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const badge of Array.from(clone.querySelectorAll('amiable-badge'))) badge.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Inserts an `<amiable-badge>` with text (as the extension does) into every badge host. */
export function insertBadges(invoices: ExtractedInvoice[]): void {
  for (const inv of invoices) {
    const doc = inv.badgeHost.ownerDocument;
    const badge = doc.createElement('amiable-badge');
    badge.textContent = `Overdue 12 days · 1 234,56 € · ${inv.facts.number} · 31/12/2026`;
    inv.badgeHost.appendChild(badge);
  }
}
