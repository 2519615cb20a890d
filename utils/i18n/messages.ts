// User-facing words of the side panel and options, in English and French. One dictionary per area of the UI;
// each French dictionary is typed by its English twin so no key is ever missing.
import type { AgingBucket, InvoiceStatus } from '../domain/types';
import { pickLanguage, type Language } from './language';

const en = {
  appName: 'Amiable',
  tabs: { customers: 'Customers', today: 'To do today', calculator: 'Interest calculator', data: 'Import / export' },
  status: { paid: 'Paid', 'not-due': 'Not due', 'due-soon': 'Due soon', overdue: 'Overdue' } satisfies Record<InvoiceStatus, string>,
  buckets: { 'not-due': 'Not due', '1-30': '1–30 days', '31-60': '31–60 days', '61-90': '61–90 days', '90+': 'Over 90 days' } satisfies Record<AgingBucket, string>,
  customers: {
    search: 'Search customers',
    searchPlaceholder: 'Name…',
    totalAgedBalance: 'Total aged balance',
    openInvoices: (n: number) => (n === 1 ? '1 open invoice' : `${n} open invoices`),
    none: 'No customer yet. Open an invoice list in your accounting app: Amiable learns the invoices and customers it shows.',
    noMatch: (q: string) => `No customer matches “${q}”.`,
    site: 'Site',
    owed: 'Owed',
    back: 'All customers',
  },
  customer: {
    notFound: 'This customer is no longer in Amiable (it may have been erased).',
    openInvoices: 'Open invoices',
    noOpenInvoices: 'No open invoice: nothing is owed.',
    agedBalance: 'Aged balance',
    timeline: 'Contact timeline',
    emptyTimeline: 'No contact logged yet. Log the first call, email or letter to start this customer’s history.',
    number: 'Invoice',
    issueDate: 'Issued',
    dueDate: 'Due',
    amountDue: 'Amount due',
    daysOverdue: 'Days late',
    state: 'Status',
    creditNote: 'Credit note',
    total: 'Total',
  },
  loading: 'Loading…',
  error: (message: string) => `Something went wrong: ${message}`,
};

export type Messages = typeof en;

const fr: Messages = {
  appName: 'Amiable',
  tabs: { customers: 'Clients', today: 'À faire aujourd’hui', calculator: 'Calcul des intérêts', data: 'Import / export' },
  status: { paid: 'Payée', 'not-due': 'Non échue', 'due-soon': 'Échéance proche', overdue: 'En retard' },
  buckets: { 'not-due': 'Non échu', '1-30': '1 à 30 jours', '31-60': '31 à 60 jours', '61-90': '61 à 90 jours', '90+': 'Plus de 90 jours' },
  customers: {
    search: 'Rechercher un client',
    searchPlaceholder: 'Nom…',
    totalAgedBalance: 'Balance âgée totale',
    openInvoices: (n) => (n <= 1 ? `${n} facture ouverte` : `${n} factures ouvertes`),
    none: 'Aucun client pour l’instant. Ouvrez une liste de factures dans votre logiciel comptable : Amiable apprend les factures et les clients qu’elle affiche.',
    noMatch: (q) => `Aucun client ne correspond à « ${q} ».`,
    site: 'Site',
    owed: 'Dû',
    back: 'Tous les clients',
  },
  customer: {
    notFound: 'Ce client n’est plus dans Amiable (il a peut-être été effacé).',
    openInvoices: 'Factures ouvertes',
    noOpenInvoices: 'Aucune facture ouverte : rien n’est dû.',
    agedBalance: 'Balance âgée',
    timeline: 'Historique des contacts',
    emptyTimeline: 'Aucun contact enregistré. Notez le premier appel, e-mail ou courrier pour commencer l’historique de ce client.',
    number: 'Facture',
    issueDate: 'Émise le',
    dueDate: 'Échéance',
    amountDue: 'Reste dû',
    daysOverdue: 'Jours de retard',
    state: 'Statut',
    creditNote: 'Avoir',
    total: 'Total',
  },
  loading: 'Chargement…',
  error: (message) => `Une erreur est survenue : ${message}`,
};

export const MESSAGES: Record<Language, Messages> = { en, fr };

/** The UI language of this browser. */
export function uiLanguage(): Language {
  return pickLanguage(globalThis.navigator?.language);
}
