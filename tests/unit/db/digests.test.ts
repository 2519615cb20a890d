import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type AmiableDb } from '../../../utils/db/db';
import { buildDigestShards, DIGEST_SHARDS, digestShardOf, loadAllLogStates } from '../../../utils/db/digests';
import {
  appendEvent,
  appendEvents,
  correctEvent,
  eraseCustomer,
  importEvents,
  retractEvent,
  timeline,
} from '../../../utils/db/events-repo';
import { upsertSeenInvoices } from '../../../utils/db/invoices-repo';
import { customerCaseOf, loadAllCases, readCollectionSettings } from '../../../utils/db/collection';
import { deriveCustomerState } from '../../../utils/domain/contact-log';
import { parseJsonLines, toJsonLines } from '../../../utils/domain/log-io';
import { customerIdFor, type ContactEvent, type ContactEventInput } from '../../../utils/domain/schemas';
import type { WireInvoice } from '../../../utils/messaging/protocol';
import { prng } from '../../bench/log-data';

const SITE = 'https://acme.odoo.com';
const NAMES = ['Dupont SARL', 'Garage Martin', 'Société Générale', 'Boulangerie Roux', 'Traiteur Moreau', 'Menuiserie Petit'];
const TODAY = '2026-11-20';

let db: AmiableDb;
beforeEach(async () => {
  db = openDb(`test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The stored shards, against those rebuilt from the stored customers, invoices and logs. */
async function storedAndRebuilt() {
  const [customers, invoices, logs, stored] = await Promise.all([
    db.customers.toArray(),
    db.invoices.toArray(),
    db.logs.toArray(),
    db.digests.toArray(),
  ]);
  const decode = (text: string) => JSON.parse(text) as unknown;
  return {
    stored: stored.map((s) => ({ shard: s.shard, entries: decode(s.text) })),
    rebuilt: buildDigestShards(customers, invoices, logs).map((s) => ({ shard: s.shard, entries: decode(s.text) })),
  };
}

/** Every stored customer's state as deriveCustomerState gives it from its whole log and invoices. */
async function derivedFromScratch(today: string, grace: number) {
  const customers = await db.customers.toArray();
  return Promise.all(
    customers.map(async (c) => ({
      customerId: c.id,
      name: c.name,
      state: deriveCustomerState({
        events: await timeline(db, c.id),
        invoices: await db.invoices.where('customerId').equals(c.id).toArray(),
        today,
        promiseGraceDays: grace,
      }),
    })),
  );
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
const byCustomer = <T extends { customerId: string }>(rows: T[]) => [...rows].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));

/** One random operation of the kinds that change what the log states read. */
function operations(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const day = () => `2026-11-${String(1 + int(28)).padStart(2, '0')}`;
  const invoiceNumber = () => `F-${1 + int(12)}`;
  const invoiceId = (number: string) => `${SITE}|${number}`;
  let n = 0;
  const nextId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

  const entry = (customerName: string): ContactEventInput => {
    const date = day();
    const invoiceIds = random() < 0.3 ? [] : [invoiceId(invoiceNumber())];
    const r = random();
    const outcome =
      r < 0.25
        ? { type: 'promise-to-pay', date: day(), amount: { amountMinor: 1000 * (1 + int(100)), currency: 'EUR' } }
        : r < 0.35
          ? { type: 'dispute', reason: 'Livraison incomplète', invoiceIds: [invoiceId(invoiceNumber())] }
          : r < 0.45
            ? { type: 'dispute-resolved', invoiceIds: [invoiceId(invoiceNumber())] }
            : r < 0.55
              ? {
                  type: 'payment-plan',
                  installments: [
                    { dueDate: day(), amount: { amountMinor: 50000, currency: 'EUR' } },
                    { dueDate: '2026-12-15', amount: { amountMinor: 50000, currency: 'EUR' } },
                  ],
                  covered: { amountMinor: 100000, currency: 'EUR' },
                }
              : r < 0.65
                ? { type: 'paid' }
                : pick([{ type: 'reached' }, { type: 'no-answer' }, { type: 'note' }] as const);
    const input: Record<string, unknown> = {
      id: nextId(),
      kind: 'contact',
      customerId: customerIdFor(SITE, customerName),
      invoiceIds,
      // Now and then an entry dated ahead of its recording (another machine's clock).
      at: `${random() < 0.1 ? '2026-12-02' : date}T10:00:00.000Z`,
      recordedAt: `${date}T10:05:00.000Z`,
      author: 'Claire',
      channel: pick(['phone', 'email', 'letter'] as const),
      direction: 'outgoing',
      outcome,
    };
    if (random() < 0.3) input.followUpDate = day();
    if (random() < 0.2) input.reminder = { level: 'first-reminder', tone: 'courteous' };
    return input as unknown as ContactEventInput;
  };

  const wire = (customerName: string): WireInvoice => {
    const paid = random() < 0.3;
    const w: WireInvoice = {
      number: invoiceNumber(),
      customerName,
      dueDate: day(),
      amountDue: { amountMinor: paid ? 0 : 1000 * (1 + int(200)), currency: 'EUR' },
      lifecycle: pick(['issued', 'issued', 'issued', 'draft', 'cancelled'] as const),
      kind: random() < 0.9 ? 'invoice' : 'credit-note',
      paid,
    };
    if (random() < 0.7) w.issueDate = '2026-10-01';
    return w;
  };

  let lastPage: WireInvoice[] = [];
  const stored = async (): Promise<ContactEvent[]> => (await db.logs.toArray()).flatMap((l) => l.events);

  return [
    async () => {
      await appendEvent(db, entry(pick(NAMES)));
      return 'appendEvent';
    },
    async () => {
      const name = pick(NAMES);
      await appendEvents(db, [entry(name), entry(pick(NAMES))]);
      return 'appendEvents';
    },
    async () => {
      const all = (await stored()).filter((e) => e.kind !== 'retraction');
      if (all.length === 0) return 'correctEvent (nothing to correct)';
      const target = pick(all);
      await correctEvent(db, target, { followUpDate: random() < 0.5 ? day() : undefined, at: `${day()}T11:00:00.000Z` }, 'Marc', `${day()}T12:00:00.000Z`);
      return 'correctEvent';
    },
    async () => {
      const all = (await stored()).filter((e) => e.kind !== 'retraction');
      if (all.length === 0) return 'retractEvent (nothing to retract)';
      await retractEvent(db, pick(all).id, 'Marc', `${day()}T12:00:00.000Z`);
      return 'retractEvent';
    },
    async () => {
      // A file mixing new entries, entries already stored and one conflicting with a stored id.
      const again = (await stored()).slice(0, int(4));
      const fresh = Array.from({ length: 1 + int(4) }, () => entry(pick(NAMES)));
      const conflicting = again[0] ? [{ ...again[0], notes: 'autre contenu' }] : [];
      const parsed = parseJsonLines(toJsonLines([...again, ...conflicting, ...parseJsonLines(toJsonLines(fresh as ContactEvent[])).events]));
      await importEvents(db, parsed.events);
      return 'importEvents';
    },
    async () => {
      // Half the time the last page seen again (nothing the log reads changes), else a new page.
      if (lastPage.length > 0 && random() < 0.5) {
        await upsertSeenInvoices(db, SITE, lastPage, `${day()}T09:30:00.000Z`);
        return 'upsertSeenInvoices (same page again)';
      }
      const name = pick(NAMES);
      lastPage = [wire(name), wire(name), wire(pick(NAMES))];
      await upsertSeenInvoices(db, SITE, lastPage, `${day()}T09:00:00.000Z`);
      return 'upsertSeenInvoices';
    },
    async () => {
      await eraseCustomer(db, customerIdFor(SITE, pick(NAMES)));
      return 'eraseCustomer';
    },
  ];
}

describe('the stored log states (digests) stay exact through every write', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('after 40 random writes (seed %i) they equal the states rebuilt from the stored rows', async (seed) => {
    const random = prng(seed);
    const ops = operations(random);
    // Erasure is rarer than the rest, so customers accumulate history.
    const weights = [4, 2, 2, 2, 2, 4, 1];
    const total = weights.reduce((a, b) => a + b, 0);
    const done: string[] = [];
    for (let step = 0; step < 40; step++) {
      let r = random() * total;
      let k = 0;
      while (r >= weights[k]!) r -= weights[k++]!;
      done.push(await ops[k]!());
      const { stored, rebuilt } = await storedAndRebuilt();
      expect(stored, `after ${done.join(', ')}`).toEqual(rebuilt);
    }
    // What the user sees: every customer's state as derived from its whole log, for several days and graces.
    for (const [today, grace] of [[TODAY, 3], ['2026-12-03', 0], ['2027-01-31', 10]] as const) {
      expect(byCustomer(await loadAllLogStates(db, today, grace))).toEqual(byCustomer(await derivedFromScratch(today, grace)));
    }
    // The "to do today" list reads the same states: each case as computed from the customer's whole log.
    const { general } = await readCollectionSettings(db);
    const { cases, failures } = await loadAllCases(db, TODAY, general);
    expect(failures).toEqual([]);
    expect(cases.length).toBe(await db.customers.count());
    for (const c of cases) {
      const { events: _events, ...full } = customerCaseOf(
        c.customer,
        await db.invoices.where('customerId').equals(c.customer.id).toArray(),
        await timeline(db, c.customer.id),
        TODAY,
        general,
      );
      expect({ ...c, invoices: byId(c.invoices) }).toEqual({ ...full, invoices: byId(full.invoices) });
    }
  });

  it('a customer with invoices but no log has a state; one with a log but not stored yet is left out until seen', async () => {
    await upsertSeenInvoices(db, SITE, [{ number: 'F-1', customerName: 'Dupont SARL', lifecycle: 'issued', kind: 'invoice', paid: false, dueDate: '2026-10-31', amountDue: { amountMinor: 100, currency: 'EUR' } }], '2026-11-01T09:00:00.000Z');
    const martin = customerIdFor(SITE, 'Garage Martin');
    await appendEvent(db, { id: '00000000-0000-4000-8000-000000000099', kind: 'contact', customerId: martin, invoiceIds: [], at: '2026-11-02T10:00:00.000Z', recordedAt: '2026-11-02T10:00:00.000Z', author: 'Claire', channel: 'phone', direction: 'outgoing', outcome: { type: 'reached' } } as ContactEventInput);
    expect((await loadAllLogStates(db, TODAY, 3)).map((s) => s.name)).toEqual(['Dupont SARL']);
    await upsertSeenInvoices(db, SITE, [{ number: 'F-2', customerName: 'Garage Martin', lifecycle: 'issued', kind: 'invoice', paid: false, amountDue: { amountMinor: 100, currency: 'EUR' } }], '2026-11-03T09:00:00.000Z');
    const martinState = (await loadAllLogStates(db, TODAY, 3)).find((s) => s.customerId === martin);
    expect(martinState?.state.lastContact?.at).toBe('2026-11-02T10:00:00.000Z');
  });

  it('a missing shard is rebuilt from the stored rows when the states are read', async () => {
    const random = prng(42);
    const ops = operations(random);
    for (let step = 0; step < 20; step++) await ops[step % 6]!();
    const dupont = customerIdFor(SITE, 'Dupont SARL');
    await db.digests.delete(digestShardOf(dupont));
    // A write meanwhile leaves the missing shard missing (it cannot know what it held)…
    await ops[0]!();
    expect(await db.digests.count()).toBe(DIGEST_SHARDS - 1);
    // …and reading rebuilds it: the states are those derived from scratch.
    expect(byCustomer(await loadAllLogStates(db, TODAY, 3))).toEqual(byCustomer(await derivedFromScratch(TODAY, 3)));
    expect(await db.digests.count()).toBe(DIGEST_SHARDS);
    const { stored, rebuilt } = await storedAndRebuilt();
    expect(stored).toEqual(rebuilt);
  });

  it('a day before what the stored digest answers for (the clock went back) is derived from the log', async () => {
    const ops = operations(prng(7));
    for (let step = 0; step < 30; step++) await ops[step % 6]!();
    for (const today of ['2026-11-03', '2026-11-10', '2026-10-01']) {
      expect(byCustomer(await loadAllLogStates(db, today, 3))).toEqual(byCustomer(await derivedFromScratch(today, 3)));
    }
  });
});
