// Read models for the reminder features: a customer's "case" (records, derived log state, the policy's view
// of it) and the settings the policy, the templates and the law need. Shared by the side panel, the dossier
// page and the badge annotations.
import { deriveCustomerState, type CustomerLogState } from '../domain/contact-log';
import type { PolicyCustomer } from '../domain/policy';
import { toPolicyCustomer } from '../domain/policy-input';
import type { ContactEvent, Customer, Invoice } from '../domain/schemas';
import type { IsoDate } from '../domain/types';
import type { AmiableDb } from './db';
import { readAllDigests, stateOf } from './digests';
import { readSettings, type CreditorSettings, type GeneralSettings } from './settings';

/** A stored customer (its postal address, set in the side panel, is part of CustomerSchema). */
export type CustomerWithAddress = Customer;

/** The customer's postal address, trimmed; undefined when none is stored. */
export function postalAddressOf(customer: Pick<Customer, 'postalAddress'>): string | undefined {
  const value = customer.postalAddress;
  return value && value.trim() !== '' ? value.trim() : undefined;
}

export interface CollectionSettings {
  general: GeneralSettings;
  creditor: CreditorSettings;
  policy: Awaited<ReturnType<typeof readSettings<'policy'>>>;
  rates: Awaited<ReturnType<typeof readSettings<'rates'>>>;
  templates: Awaited<ReturnType<typeof readSettings<'templates'>>>;
}

/** Every settings group the reminder features read, validated (defaults where nothing valid is stored). */
export async function readCollectionSettings(db: AmiableDb): Promise<CollectionSettings> {
  const [general, creditor, policy, rates, templates] = await Promise.all([
    readSettings(db, 'general'),
    readSettings(db, 'creditor'),
    readSettings(db, 'policy'),
    readSettings(db, 'rates'),
    readSettings(db, 'templates'),
  ]);
  return { general, creditor, policy, rates, templates };
}

/** One customer with everything the policy and the messages are computed from. */
export interface CustomerCase {
  customer: CustomerWithAddress;
  invoices: Invoice[];
  events: ContactEvent[];
  logState: CustomerLogState;
  policyCustomer: PolicyCustomer;
}

/** Derives the log state and the policy's view of one customer's records as of `today`. */
export function customerCaseOf(
  customer: CustomerWithAddress,
  invoices: Invoice[],
  events: ContactEvent[],
  today: IsoDate,
  general: Pick<GeneralSettings, 'dueSoonDays' | 'defaultTermDays' | 'promiseGraceDays'>,
): CustomerCase {
  const logState = deriveCustomerState({ events, invoices, today, promiseGraceDays: general.promiseGraceDays });
  return { customer, invoices, events, logState, policyCustomer: policyCustomerOf(customer, invoices, logState, today, general) };
}

function policyCustomerOf(
  customer: CustomerWithAddress,
  invoices: Invoice[],
  logState: CustomerLogState,
  today: IsoDate,
  general: Pick<GeneralSettings, 'dueSoonDays' | 'defaultTermDays'>,
): PolicyCustomer {
  return toPolicyCustomer({
    customer,
    invoices,
    logState,
    today,
    settings: { dueSoonDays: general.dueSoonDays, defaultTermDays: general.defaultTermDays },
  });
}

/** One customer's case, or null when the customer is not stored. */
export async function loadCustomerCase(
  db: AmiableDb,
  customerId: string,
  today: IsoDate,
  general: GeneralSettings,
): Promise<CustomerCase | null> {
  const customer = await db.customers.get(customerId);
  if (!customer) return null;
  const [invoices, log] = await Promise.all([
    db.invoices.where('customerId').equals(customerId).toArray(),
    db.logs.get(customerId),
  ]);
  return customerCaseOf(customer, invoices, log?.events ?? [], today, general);
}

/** A customer's case without its raw log: what the all-customers lists need. */
export type CustomerCaseSummary = Omit<CustomerCase, 'events'>;

/**
 * Every customer's case, the log states taken from the stored digests (digests.ts) rather than from every entry;
 * a customer whose case cannot be computed is reported instead of failing them all.
 */
export async function loadAllCases(
  db: AmiableDb,
  today: IsoDate,
  general: GeneralSettings,
): Promise<{ cases: CustomerCaseSummary[]; failures: Array<{ customer: CustomerWithAddress; error: Error }> }> {
  const [customers, invoices, digests] = await Promise.all([db.customers.toArray(), db.invoices.toArray(), readAllDigests(db)]);
  const invoicesOf = groupBy(invoices, (i) => i.customerId);
  const digestOf = new Map(digests.map((d) => [d.customerId, d]));
  const cases: CustomerCaseSummary[] = [];
  const failures: Array<{ customer: CustomerWithAddress; error: Error }> = [];
  for (const customer of customers) {
    const own = invoicesOf.get(customer.id) ?? [];
    try {
      const digest = digestOf.get(customer.id);
      const logState = digest
        ? await stateOf(db, digest, today, general.promiseGraceDays)
        : deriveCustomerState({ events: (await db.logs.get(customer.id))?.events ?? [], invoices: own, today, promiseGraceDays: general.promiseGraceDays });
      cases.push({ customer, invoices: own, logState, policyCustomer: policyCustomerOf(customer, own, logState, today, general) });
    } catch (error) {
      failures.push({ customer, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { cases, failures };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
