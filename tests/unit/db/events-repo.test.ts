import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, searchKeyOf, type AmiableDb, type CustomerRecord } from '../../../utils/db/db';
import {
  appendEvent,
  appendEvents,
  correctEvent,
  eraseCustomer,
  EventValidationError,
  exportAllEvents,
  importEvents,
  retractEvent,
  timeline,
} from '../../../utils/db/events-repo';
import { currentView, historyOf } from '../../../utils/domain/contact-log';
import { parseJsonLines } from '../../../utils/domain/log-io';
import { ContactEventSchema, type ContactEvent, type ContactEventInput, type Invoice } from '../../../utils/domain/schemas';

const SITE = 'https://acme.odoo.com';
const DUPONT = `${SITE}|dupont sarl`;
const MARTIN = `${SITE}|garage martin`;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

function contact(n: number, day: string, extra: Partial<ContactEventInput> = {}): ContactEventInput {
  return {
    id: uuid(n),
    kind: 'contact',
    customerId: DUPONT,
    invoiceIds: [`${SITE}|INV/1`],
    at: `2026-11-${day}T10:00:00.000Z`,
    recordedAt: `2026-11-${day}T10:05:00.000Z`,
    author: 'Claire',
    channel: 'phone',
    direction: 'outgoing',
    outcome: { type: 'reached' },
    ...extra,
  } as ContactEventInput;
}

function customerRow(id: string, name: string): CustomerRecord {
  return {
    id,
    site: SITE,
    name,
    debtorKind: 'business',
    segment: 'standard',
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-10-01T08:00:00.000Z',
    searchKey: searchKeyOf(name),
  };
}

function invoiceRow(number: string, customerId: string): Invoice {
  return {
    id: `${SITE}|${number}`,
    site: SITE,
    number,
    customerId,
    customerName: customerId.split('|')[1]!,
    lifecycle: 'issued',
    kind: 'invoice',
    paid: false,
    amountDue: eur(50000),
    firstSeenAt: '2026-10-01T08:00:00.000Z',
    lastSeenAt: '2026-10-01T08:00:00.000Z',
  };
}

/** Every entry stored, whatever the layout (read straight from the table, not through the repository). */
async function storedEntries(target: AmiableDb): Promise<ContactEvent[]> {
  return (await target.logs.toArray()).flatMap((l) => l.events);
}
async function storedEntry(target: AmiableDb, id: string): Promise<ContactEvent | undefined> {
  return (await storedEntries(target)).find((e) => e.id === id);
}

let db: AmiableDb;
beforeEach(async () => {
  db = openDb(`test-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('appendEvent', () => {
  it('stores a valid entry with the schema defaults applied', async () => {
    const stored = await appendEvent(db, contact(1, '02', { notes: undefined }));
    expect(stored.notes).toBe('');
    expect(await storedEntry(db, uuid(1))).toEqual(stored);
  });

  it.each([
    ['a promise without amount', { outcome: { type: 'promise-to-pay', date: '2026-12-01' } }, 'outcome.amount'],
    ['an empty author', { author: '  ' }, 'author'],
    ['an unknown channel', { channel: 'fax' }, 'channel'],
  ])('refuses %s, naming the field, and stores nothing', async (_label, extra, path) => {
    const error = await appendEvent(db, contact(1, '02', extra as Partial<ContactEventInput>)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).issues.map((i) => i.path)).toContain(path);
    expect((await storedEntries(db)).length).toBe(0);
  });

  it('never overwrites an entry already stored under the same id', async () => {
    await appendEvent(db, contact(1, '02'));
    await expect(appendEvent(db, contact(1, '02', { notes: 'rewritten' }))).rejects.toThrow();
    expect((await storedEntry(db, uuid(1)))?.notes).toBe('');
  });
});

describe('appends from several side panels', () => {
  it('two panels appending to the same customer at once both keep their entry', async () => {
    const otherPanel = openDb(db.name);
    try {
      await Promise.all([
        appendEvent(db, contact(1, '02')),
        appendEvent(otherPanel, contact(2, '03')),
        appendEvent(db, contact(3, '04')),
        appendEvent(otherPanel, contact(4, '05')),
      ]);
      expect((await timeline(db, DUPONT)).map((e) => e.id)).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
    } finally {
      otherPanel.close();
    }
  });

  it('refuses an id already stored under another customer', async () => {
    await appendEvent(db, contact(1, '02'));
    await expect(appendEvent(db, contact(1, '02', { customerId: MARTIN }))).rejects.toThrow(/already stored/);
    expect(await timeline(db, MARTIN)).toEqual([]);
  });

  it('keeps each log in timeline order whatever the order of logging (date of contact, then id)', async () => {
    await appendEvent(db, contact(3, '10'));
    await appendEvent(db, contact(1, '20'));
    await appendEvent(db, contact(2, '10'));
    await importEvents(db, [ContactEventSchema.parse(contact(5, '01')), ContactEventSchema.parse(contact(4, '10'))]);
    expect((await timeline(db, DUPONT)).map((e) => e.id)).toEqual([uuid(5), uuid(2), uuid(3), uuid(4), uuid(1)]);
  });
});

describe('appendEvents', () => {
  it('stores every entry in one go, or none when one is refused', async () => {
    await appendEvent(db, contact(1, '02'));
    await expect(appendEvents(db, [contact(2, '03'), contact(3, '04', { customerId: MARTIN }), contact(1, '05')])).rejects.toThrow(
      /already stored/,
    );
    expect((await storedEntries(db)).map((e) => e.id)).toEqual([uuid(1)]);
    expect((await appendEvents(db, [contact(2, '03'), contact(3, '04', { customerId: MARTIN })])).map((e) => e.id)).toEqual([uuid(2), uuid(3)]);
    expect((await timeline(db, DUPONT)).map((e) => e.id)).toEqual([uuid(1), uuid(2)]);
    expect((await timeline(db, MARTIN)).map((e) => e.id)).toEqual([uuid(3)]);
  });
});

describe('corrections and retractions', () => {
  it('a correction appends a new version that the timeline shows instead of the original', async () => {
    const original = await appendEvent(db, contact(1, '02', { followUpDate: '2026-11-20' }));
    const corrected = await correctEvent(
      db,
      original,
      { outcome: { type: 'promise-to-pay', date: '2026-12-01', amount: eur(30000) }, followUpDate: undefined },
      'Marc',
      '2026-11-03T09:00:00.000Z',
    );
    expect((await storedEntries(db)).length).toBe(2);
    expect(await storedEntry(db, uuid(1))).toEqual(original); // the original is untouched
    expect(corrected).toMatchObject({ kind: 'correction', correctsId: uuid(1), author: 'Marc', at: original.at, channel: 'phone' });
    expect('followUpDate' in corrected).toBe(false);
    const view = currentView(await timeline(db, DUPONT));
    expect(view.map((e) => e.id)).toEqual([corrected.id]);
    expect(view[0]?.outcome).toEqual({ type: 'promise-to-pay', date: '2026-12-01', amount: eur(30000) });
  });

  it('a correction of a correction replaces it, and the history keeps every version in order', async () => {
    const original = await appendEvent(db, contact(1, '02'));
    const first = await correctEvent(db, original, { notes: 'first fix' }, 'Marc', '2026-11-03T09:00:00.000Z');
    const second = await correctEvent(db, first, { notes: 'second fix' }, 'Claire', '2026-11-04T09:00:00.000Z');
    const events = await timeline(db, DUPONT);
    expect(currentView(events).map((e) => e.notes)).toEqual(['second fix']);
    expect(historyOf(events, second.id).map((e) => [e.author, e.notes])).toEqual([
      ['Claire', ''],
      ['Marc', 'first fix'],
      ['Claire', 'second fix'],
    ]);
  });

  it('a retraction hides the entry from the timeline but keeps it stored', async () => {
    await appendEvent(db, contact(1, '02'));
    await appendEvent(db, contact(2, '05', { outcome: { type: 'voicemail' } }));
    const retraction = await retractEvent(db, uuid(1), 'Marc', '2026-11-06T09:00:00.000Z');
    expect(retraction).toMatchObject({ kind: 'retraction', correctsId: uuid(1), customerId: DUPONT, author: 'Marc' });
    const events = await timeline(db, DUPONT);
    expect(events).toHaveLength(3);
    expect(currentView(events).map((e) => e.id)).toEqual([uuid(2)]);
  });

  it.each([
    ['an unknown id', uuid(99), /no contact log entry/],
    ['a retraction', 'retraction', /already a retraction/],
  ])('refuses to retract %s', async (_label, target, message) => {
    await appendEvent(db, contact(1, '02'));
    const retraction = await retractEvent(db, uuid(1), 'Marc', '2026-11-06T09:00:00.000Z');
    const id = target === 'retraction' ? retraction.id : target;
    await expect(retractEvent(db, id, 'Marc', '2026-11-07T09:00:00.000Z')).rejects.toThrow(message);
  });

  it('refuses to correct an entry into an invalid one, storing nothing', async () => {
    const original = await appendEvent(db, contact(1, '02'));
    await expect(
      correctEvent(db, original, { outcome: { type: 'dispute', reason: '', invoiceIds: [] } }, 'Marc', '2026-11-03T09:00:00.000Z'),
    ).rejects.toBeInstanceOf(EventValidationError);
    expect((await storedEntries(db)).length).toBe(1);
  });
});

describe('importEvents', () => {
  const file = [contact(1, '02'), contact(2, '05'), contact(3, '07', { customerId: MARTIN })].map((e) =>
    ContactEventSchema.parse(e),
  );

  it('adds new entries once: importing the same entries again adds nothing', async () => {
    expect(await importEvents(db, file)).toEqual({ added: 3, duplicates: 0, conflicts: [] });
    expect(await importEvents(db, file)).toEqual({ added: 0, duplicates: 3, conflicts: [] });
    expect((await storedEntries(db)).length).toBe(3);
  });

  it('a backup exported as JSON Lines re-imports into an empty log as the same entries', async () => {
    await importEvents(db, file);
    const text = await exportAllEvents(db);
    const other = openDb(`test-${crypto.randomUUID()}`);
    try {
      const parsed = parseJsonLines(text);
      expect(parsed.errors).toEqual([]);
      expect(await importEvents(other, parsed.events)).toMatchObject({ added: 3 });
      const sortById = (list: ContactEvent[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(sortById(await storedEntries(other))).toEqual(sortById(await storedEntries(db)));
    } finally {
      other.close();
      await other.delete();
    }
  });

  it('reports a conflict and keeps the stored entry unchanged', async () => {
    const stored = await appendEvent(db, contact(1, '02', { notes: 'as stored' }));
    const changed = ContactEventSchema.parse(contact(1, '02', { notes: 'as imported' }));
    const result = await importEvents(db, [changed, file[1]!]);
    expect(result.added).toBe(1);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]?.id).toBe(uuid(1));
    expect(result.conflicts[0]?.message).toMatch(/notes/);
    expect(await storedEntry(db, uuid(1))).toEqual(stored);
  });

  it('reports an entry whose id is stored under another customer as a conflict, not a second copy', async () => {
    const stored = await appendEvent(db, contact(1, '02'));
    const moved = ContactEventSchema.parse(contact(1, '02', { customerId: MARTIN }));
    const result = await importEvents(db, [moved, file[2]!]);
    expect(result).toMatchObject({ added: 1, duplicates: 0 });
    expect(result.conflicts.map((c) => [c.id, c.fields])).toEqual([[uuid(1), ['customerId']]]);
    expect(await timeline(db, DUPONT)).toEqual([stored]);
    expect((await timeline(db, MARTIN)).map((e) => e.id)).toEqual([uuid(3)]);
  });

  it('merges into logs already stored, leaving the other customers’ logs as they were', async () => {
    await appendEvent(db, contact(1, '02'));
    const martin = await appendEvent(db, contact(9, '01', { customerId: MARTIN }));
    expect(await importEvents(db, [file[0]!, file[1]!])).toEqual({ added: 1, duplicates: 1, conflicts: [] });
    expect((await timeline(db, DUPONT)).map((e) => e.id)).toEqual([uuid(1), uuid(2)]);
    expect(await timeline(db, MARTIN)).toEqual([martin]);
  });

  it('stores nothing when one entry is invalid', async () => {
    const bad = { ...file[1]!, author: '' };
    await expect(importEvents(db, [file[0]!, bad])).rejects.toBeInstanceOf(EventValidationError);
    expect((await storedEntries(db)).length).toBe(0);
  });

  it('stores entries read by parseJsonLines exactly as it stores the same entries validated here', async () => {
    const raw = [contact(1, '02', { followUpDate: '2026-11-20' }), contact(2, '05', { notes: 'Rappel' }), contact(3, '07', { customerId: MARTIN })];
    await importEvents(db, raw);
    const other = openDb(`test-${crypto.randomUUID()}`);
    try {
      const parsed = parseJsonLines(raw.map((e) => JSON.stringify(e)).join('\n'));
      expect(await importEvents(other, parsed.events)).toEqual({ added: 3, duplicates: 0, conflicts: [] });
      expect(await other.logs.toArray()).toEqual(await db.logs.toArray());
      expect(await other.digests.toArray()).toEqual(await db.digests.toArray());
    } finally {
      other.close();
      await other.delete();
    }
  });

  it('still validates a list made to look like parseJsonLines output, and the parsed list cannot be changed', async () => {
    const parsed = parseJsonLines(JSON.stringify(contact(1, '02')));
    const bad = { ...file[1]!, author: '' };
    // A copy with an invalid entry added, cast to the parsed type: validated again, refused, nothing stored.
    const forged = [...parsed.events, bad] as unknown as typeof parsed.events;
    await expect(importEvents(db, forged)).rejects.toBeInstanceOf(EventValidationError);
    expect(await storedEntries(db)).toEqual([]);
    // The parsed list and its entries are frozen: what was validated is what gets stored.
    expect(() => (parsed.events as unknown as ContactEvent[]).push(bad)).toThrow(TypeError);
    expect(() => {
      (parsed.events[0] as { author: string }).author = '';
    }).toThrow(TypeError);
    expect(() => {
      (parsed.events[0]!.invoiceIds as string[]).push('x');
    }).toThrow(TypeError);
    expect(await importEvents(db, parsed.events)).toMatchObject({ added: 1 });
    expect((await storedEntries(db))[0]?.author).toBe('Claire');
  });
});

describe('eraseCustomer', () => {
  it('removes the customer, its invoices and its whole log, and nothing of other customers', async () => {
    await db.customers.bulkAdd([customerRow(DUPONT, 'Dupont SARL'), customerRow(MARTIN, 'Garage Martin')]);
    await db.invoices.bulkAdd([invoiceRow('INV/1', DUPONT), invoiceRow('INV/2', DUPONT), invoiceRow('INV/3', MARTIN)]);
    await appendEvent(db, contact(1, '02'));
    await retractEvent(db, uuid(1), 'Claire', '2026-11-03T09:00:00.000Z');
    await appendEvent(db, contact(2, '05', { customerId: MARTIN }));

    expect(await eraseCustomer(db, DUPONT)).toEqual({ customer: true, invoices: 2, events: 2 });

    expect(await db.customers.toCollection().primaryKeys()).toEqual([MARTIN]);
    expect((await db.invoices.toArray()).map((i) => i.number)).toEqual(['INV/3']);
    expect((await storedEntries(db)).map((e) => e.customerId)).toEqual([MARTIN]);
    expect(await timeline(db, DUPONT)).toEqual([]);
    // Nothing of the erased log is left, not even its ids; the other customer's entries are still known by id.
    await expect(retractEvent(db, uuid(1), 'Claire', '2026-11-04T09:00:00.000Z')).rejects.toThrow(/no contact log entry/);
    expect(await importEvents(db, [ContactEventSchema.parse(contact(1, '02'))])).toMatchObject({ added: 1 });
    await expect(appendEvent(db, contact(2, '05', { customerId: MARTIN }))).rejects.toThrow(/already stored/);
  });
});

describe('timeline', () => {
  it('returns only that customer’s entries, oldest first by date of contact', async () => {
    await appendEvent(db, contact(1, '20'));
    await appendEvent(db, contact(2, '03'));
    await appendEvent(db, contact(3, '10', { customerId: MARTIN }));
    await appendEvent(db, contact(4, '11'));
    expect((await timeline(db, DUPONT)).map((e) => e.id)).toEqual([uuid(2), uuid(4), uuid(1)]);
  });
});
