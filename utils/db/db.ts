// The one Dexie database, in the extension's own origin. Opened by the background and extension pages only:
// a content script opening IndexedDB would write into the host page's origin.
import Dexie, { type EntityTable } from 'dexie';
import type { ContactEvent, Customer, Invoice } from '../domain/schemas';

/** A self-hosted accounting site the user added in the options (Dolibarr, Odoo on premises, ...). */
export interface SiteRecord {
  origin: string;
  addedAt: string;
}

/** Customer row as stored: the domain record plus a search key (added by schema version 2). */
export type CustomerRecord = Customer & { searchKey: string };

export type AmiableDb = Dexie & {
  customers: EntityTable<CustomerRecord, 'id'>;
  invoices: EntityTable<Invoice, 'id'>;
  events: EntityTable<ContactEvent, 'id'>;
  sites: EntityTable<SiteRecord, 'origin'>;
  settings: EntityTable<{ key: string; value: unknown }, 'key'>;
};

export const DB_NAME = 'amiable';

/** Folds case, accents and spacing so "Société Générale" is found by "societe gen". */
export function searchKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Declares every schema version. Never edit a version that shipped: add a new one with its upgrader.
 * v1: first release. v2: customers get a searchKey (accent-folded name) for the side panel search,
 * and events a [customerId+at] index for timelines.
 */
export function declareSchema(db: Dexie): void {
  db.version(1).stores({
    customers: 'id, site, name',
    invoices: 'id, customerId, site, number, dueDate',
    events: 'id, customerId, at, correctsId',
    sites: 'origin',
    settings: 'key',
  });
  db.version(2)
    .stores({
      customers: 'id, site, name, searchKey',
      events: 'id, customerId, [customerId+at], recordedAt, correctsId',
    })
    .upgrade((tx) =>
      tx
        .table('customers')
        .toCollection()
        .modify((c: { name: string; searchKey?: string }) => {
          c.searchKey = searchKeyOf(c.name);
        }),
    );
}

export function openDb(name = DB_NAME): AmiableDb {
  const db = new Dexie(name) as AmiableDb;
  declareSchema(db);
  return db;
}

let shared: AmiableDb | undefined;
/** The database of this extension context (background or extension page). */
export function getDb(): AmiableDb {
  shared ??= openDb();
  return shared;
}
