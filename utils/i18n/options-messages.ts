import type { Language } from './language';

const en = {
  title: 'Amiable options',
  sites: {
    title: 'Accounting sites',
    builtIn: 'Amiable works out of the box on these hosts:',
    selfHosted: 'Self-hosted sites',
    selfHostedHelp: 'Dolibarr, Odoo on premises or any other web accounting tool: add its address. Your browser will ask you to allow Amiable on that site.',
    address: 'Site address',
    add: 'Add site',
    remove: (origin: string) => `Remove ${origin}`,
    none: 'No self-hosted site yet.',
    denied: 'Permission refused: Amiable cannot read that site.',
    added: (origin: string) => `${origin} added. Reload its invoice list to see the badges.`,
    removed: (origin: string) => `${origin} removed: Amiable no longer runs there.`,
    dateOrder: 'Date format',
    dateOrderAuto: 'Automatic',
    dmy: 'Day/Month/Year',
    mdy: 'Month/Day/Year',
    ymd: 'Year-Month-Day',
    dateOrderHelp: 'Only needed when Amiable tells you a list’s dates are ambiguous (e.g. 05/06/2026).',
    dateOrderOrigin: 'Site address for this date format',
  },
  general: {
    title: 'General',
    author: 'Your name (recorded as the author of the contacts you log)',
    dueSoonDays: 'An invoice is “due soon” within (days)',
    defaultTermDays: 'Payment term when a page shows no due date (days)',
    promiseGraceDays: 'Grace after a promised date before it counts as broken (days)',
    save: 'Save',
    saved: 'Saved.',
  },
};
export type OptionsMessages = typeof en;

const fr: OptionsMessages = {
  title: 'Options d’Amiable',
  sites: {
    title: 'Sites comptables',
    builtIn: 'Amiable fonctionne d’emblée sur ces sites :',
    selfHosted: 'Sites auto-hébergés',
    selfHostedHelp: 'Dolibarr, Odoo installé chez vous ou tout autre outil de facturation web : ajoutez son adresse. Votre navigateur vous demandera d’autoriser Amiable sur ce site.',
    address: 'Adresse du site',
    add: 'Ajouter le site',
    remove: (origin) => `Retirer ${origin}`,
    none: 'Aucun site auto-hébergé pour l’instant.',
    denied: 'Autorisation refusée : Amiable ne peut pas lire ce site.',
    added: (origin) => `${origin} ajouté. Rechargez sa liste de factures pour voir les badges.`,
    removed: (origin) => `${origin} retiré : Amiable n’y fonctionne plus.`,
    dateOrder: 'Format des dates',
    dateOrderAuto: 'Automatique',
    dmy: 'Jour/Mois/Année',
    mdy: 'Mois/Jour/Année',
    ymd: 'Année-Mois-Jour',
    dateOrderHelp: 'Utile seulement quand Amiable signale des dates ambiguës dans une liste (ex. 05/06/2026).',
    dateOrderOrigin: 'Adresse du site concerné',
  },
  general: {
    title: 'Général',
    author: 'Votre nom (auteur des contacts que vous enregistrez)',
    dueSoonDays: 'Une facture est « à échéance proche » dans les (jours)',
    defaultTermDays: 'Délai de paiement quand la page n’affiche pas d’échéance (jours)',
    promiseGraceDays: 'Tolérance après la date promise avant qu’une promesse soit non tenue (jours)',
    save: 'Enregistrer',
    saved: 'Enregistré.',
  },
};

export const OPTIONS_MESSAGES: Record<Language, OptionsMessages> = { en, fr };
