import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotateInvoices } from '../../../utils/background/annotations';
import { loadAllCases, loadCustomerCase, readCollectionSettings } from '../../../utils/db/collection';
import { openDb, searchKeyOf, type AmiableDb } from '../../../utils/db/db';
import { appendEvent, importEvents } from '../../../utils/db/events-repo';
import type { ContactEvent, Invoice } from '../../../utils/domain/schemas';

const SITE = 'https://app.pennylane.com';
const TODAY = '2026-11-23';
const shift = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const eur = (major: number) => ({ amountMinor: major * 100, currency: 'EUR' });

function customer(name: string, segment: 'standard' | 'excluded' = 'standard') {
  const id = `${SITE}|${name.toLowerCase()}`;
  return { id, site: SITE, name, debtorKind: 'business' as const, segment, createdAt: `${TODAY}T08:00:00.000Z`, updatedAt: `${TODAY}T08:00:00.000Z`, searchKey: searchKeyOf(name) };
}
function invoice(number: string, customerName: string, daysLate: number): Invoice {
  return {
    id: `${SITE}|${number}`,
    site: SITE,
    number,
    customerId: `${SITE}|${customerName.toLowerCase()}`,
    customerName,
    dueDate: shift(-daysLate),
    total: eur(1200),
    amountDue: eur(1200),
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    firstSeenAt: `${TODAY}T08:00:00.000Z`,
    lastSeenAt: `${TODAY}T08:00:00.000Z`,
  };
}
const reminder = (n: number, customerName: string, daysAgo: number, level: string, invoiceIds: string[]): ContactEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'contact',
  customerId: `${SITE}|${customerName.toLowerCase()}`,
  invoiceIds,
  at: `${shift(-daysAgo)}T09:00:00.000Z`,
  recordedAt: `${shift(-daysAgo)}T09:00:00.000Z`,
  author: 'Claire',
  channel: level === 'follow-up-call' ? 'phone' : 'email',
  direction: 'outgoing',
  outcome: { type: 'note' },
  reminder: { level, tone: 'courteous' },
  notes: '',
});

let db: AmiableDb;
beforeEach(async () => {
  db = openDb(`annotations-${Math.random()}`);
  await db.customers.bulkPut([customer('Dupont'), customer('Martin'), customer('Exclu', 'excluded')]);
  await db.invoices.bulkPut([invoice('F-1', 'Dupont', 3), invoice('F-2', 'Martin', 20), invoice('F-3', 'Exclu', 40)]);
  await importEvents(db, [
    reminder(1, 'Martin', 19, 'first-reminder', [`${SITE}|F-2`]),
    reminder(2, 'Martin', 12, 'follow-up-call', [`${SITE}|F-2`]),
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('badge annotations: the next action', () => {
  it.each([
    ['en', 'F-1', /^Next action: Courteous reminder by email today: 1 invoice 3 days overdue/],
    ['en', 'F-2', /^Next action: Firm reminder by email today: 1 invoice 20 days overdue .*last reminder 12 days ago/],
    ['fr', 'F-2', /^Prochaine action : Relance ferme par e-mail aujourd’hui/],
    ['en', 'F-3', /^Next action: Nothing to do: this customer is excluded from reminders\.$/],
  ] as const)('(%s) badge of %s says what to do next', async (lang, number, expected) => {
    const stored = await db.invoices.toArray();
    const annotations = await annotateInvoices(db, stored, TODAY, lang);
    const lines = annotations[number]?.lines ?? [];
    expect(lines.at(-1)).toMatch(expected);
    expect(lines.every((l) => l.length <= 300)).toBe(true);
  });
});

describe('collection read models', () => {
  it('loads one customer’s case with the policy’s view of it', async () => {
    const settings = await readCollectionSettings(db);
    const c = await loadCustomerCase(db, `${SITE}|martin`, TODAY, settings.general);
    expect(c?.policyCustomer.reminders.map((r) => r.levelId)).toEqual(['first-reminder', 'follow-up-call']);
    expect(await loadCustomerCase(db, `${SITE}|nobody`, TODAY, settings.general)).toBeNull();
  });

  it('loads every customer', async () => {
    const settings = await readCollectionSettings(db);
    const { cases, failures } = await loadAllCases(db, TODAY, settings.general);
    expect(cases.map((c) => c.customer.name).sort()).toEqual(['Dupont', 'Exclu', 'Martin']);
    expect(failures).toEqual([]);
  });
});

describe('badge annotations: the contact log', () => {
  // Logged in New York at 23:30 on 22 November: 04:30 UTC on the 23rd.
  const call: ContactEvent = {
    ...reminder(3, 'Dupont', 0, 'none', [`${SITE}|F-1`]),
    at: '2026-11-22T23:30:00.000-05:00',
    recordedAt: '2026-11-23T04:31:00.000Z',
    channel: 'phone',
    outcome: { type: 'promise-to-pay', date: '2026-12-03', amount: eur(1200) },
    followUpDate: '2026-12-01',
  };
  delete (call as Partial<ContactEvent>).reminder;

  it.each([
    ['en', ['Last contact: Phone call, 22 November 2026', 'Promise to pay €1,200.00 by 3 December 2026 (pending)', 'Next follow-up: 1 December 2026']],
    ['fr', ['Dernier contact : Appel, 22 novembre 2026', 'Promesse de payer 1 200,00 € le 3 décembre 2026 (en attente)', 'Prochaine relance : 1 décembre 2026']],
  ] as const)('(%s) dates are spelt out, never 03/12 that a US page reads as March, and are the logger’s own day', async (lang, expected) => {
    await appendEvent(db, call);
    const annotations = await annotateInvoices(db, await db.invoices.toArray(), TODAY, lang);
    const lines = (annotations['F-1']?.lines ?? []).map((l) => l.replace(/\u202f|\u00a0/g, ' '));
    expect(lines.slice(0, 3)).toEqual(expected);
    expect(annotations['F-1']?.promise).toBe('pending');
  });
});
