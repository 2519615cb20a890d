// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { adapterFor, extractInvoices } from '../../../utils/sites/index';
import { contextOf, loadFixture } from './fixtures';

describe('adapterFor', () => {
  it.each([
    ['https://mycompany.odoo.com/odoo/action-245', undefined, 'odoo'],
    ['https://erp.example.com/odoo/action-245', 'odoo18-selfhosted-en-gb.html', 'odoo'],
    ['https://erp.example.com/web#action=245', 'odoo17-invoices-en.html', 'odoo'],
    ['https://app.example-books.com/invoices', 'generic-table-fr.html', 'generic'],
    ['https://app.example-books.com/invoices', undefined, 'generic'],
  ])('%s with %s → %s', (url, fixture, id) => {
    expect(adapterFor(new URL(url), fixture ? loadFixture(fixture) : undefined).id).toBe(id);
  });
});

describe('extractInvoices', () => {
  it('uses the Odoo adapter on a self-hosted Odoo (due dates read from the remaining_days titles)', () => {
    const doc = loadFixture('odoo17-invoices-en.html');
    const result = extractInvoices(doc, new URL('https://erp.example.com/odoo/action-245'), contextOf(doc));
    expect(result.invoices.map((i) => i.facts.number)).toEqual([
      'INV/2026/00045', 'INV/2026/00044', 'INV/2026/00043', 'INV/2026/00042',
      'RINV/2026/00003', 'INV/2026/00046', 'INV/2026/00039', 'INV/2026/00012',
    ]);
    expect(result.problems).toEqual([]);
    expect(result.invoices.every((i) => i.badgeHost.getAttribute('name') === 'name')).toBe(true);
    // Only the Odoo adapter knows "15 days ago" stands for the date in the title attribute.
    expect(result.invoices[1]?.facts.dueDate).toBe('2026-10-31');
  });

  it('falls back to the generic detector when the Odoo adapter finds nothing on an odoo.com page', () => {
    const doc = loadFixture('generic-table-fr.html');
    const result = extractInvoices(doc, new URL('https://mycompany.odoo.com/report/html/custom'), contextOf(doc));
    expect(result.invoices.map((i) => i.facts.number)).toEqual([
      'FA-2026-0101', 'FA-2026-0102', 'FA-2026-0103', 'FA-2026-0104', 'AV-2026-0007', 'FA-2026-0090',
    ]);
  });

  it('uses the generic detector elsewhere and returns its problems', () => {
    const doc = loadFixture('generic-ambiguous-dates.html');
    const result = extractInvoices(doc, new URL('https://billing.example.com/'), contextOf(doc));
    expect(result.invoices).toEqual([]);
    expect(result.problems.map((p) => p.kind)).toEqual(['ambiguous-date-order', 'ambiguous-date-order']);
  });
});
