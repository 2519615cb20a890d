// Reading what a status label on an accounting page says about an invoice, in English, French, German and
// Spanish. Pure text in, facts out: no DOM.
import type { InvoiceKind, InvoiceLifecycle } from './types';

/** What a status text says; a field is absent when the text says nothing about it. */
export interface StatusTextFacts {
  lifecycle?: InvoiceLifecycle;
  paid?: boolean;
  kind?: Extract<InvoiceKind, 'credit-note'>;
}

// Each rule: phrases (regular-expression fragments, `|`-separated) written already normalized (lowercase, no
// accents, single spaces, no plural `s`), matching whole words, and what they say. Order matters: a rule's words
// are consumed before the next rule reads, so "non payée" is never also read as "payée", "partially paid" never
// as "paid", "pendiente de aprobación" never as "pendiente".
const UNPAID: StatusTextFacts = { lifecycle: 'issued', paid: false };
const RULES: ReadonlyArray<readonly [string, StatusTextFacts]> = [
  [
    // Not sent yet: drafts, invoices waiting for an approval, pro formas.
    'draft|brouillon|entwurf|borrador|(?:awaiting|pending) approval|submitted|a valider|a approuver|' +
      'en attente d approbation|zur freigabe|pendiente de aprobacion|pro ?forma',
    { lifecycle: 'draft' },
  ],
  [
    // Partly paid, unpaid, disputed, chased or late: still money to collect.
    'partially paid|part paid|partly paid|partial payment|partial|teilweise|parcial|' +
      'partiellement (?:payee?|reglee?)|paiement partiel|partielle?|teilweise (?:bezahlt|beglichen)|teilbezahlt|' +
      'teilzahlung|parcialmente (?:pagad|cobrad)[ao]|(?:pagad|cobrad)[ao] parcialmente|pago parcial|' +
      'unpaid|not paid|payment (?:failed|declined)|awaiting payment|non (?:payee?|reglee?)|impayee?|' +
      'en attente de paiement|a payer|a regler|unbezahlt|nicht bezahlt|offen|ausstehend|zahlung ausstehend|' +
      'no (?:pagad|cobrad)[ao]|impagad[ao]|sin pagar|pendiente(?: de (?:pago|cobro))?|' +
      'disputed|en litige|litige|strittig|en disputa|failed|retry|relancee|gemahnt|' +
      'overdue|past due|late|en retard|retard|echue?|uberfallig|ueberfaellig|verspatet|vencid[ao]|atrasad[ao]',
    UNPAID,
  ],
  [
    'credit (?:note|memo)|refund|avoir|facture d avoir|note de credit|gutschrift|rechnungskorrektur|' +
      'stornorechnung|nota de credito|(?:factura )?rectificativa|abono',
    { kind: 'credit-note' },
  ],
  [
    // Cancelled, deleted, closed unpaid (Dolibarr "Abandonnée", "Fermée"), written off: nothing left to chase.
    'cancell?ed|void(?:ed)?|annulee?|storn(?:iert|o)|abgebrochen|anulad[ao]|cancelad[ao]|deleted|supprimee|' +
      'geloscht|eliminada|abandon(?:ed|nee?)|closed|fermee|written off|irrecouvrable|abgeschrieben|incobrable',
    { lifecycle: 'cancelled' },
  ],
  [
    // "In payment" (Odoo): a payment is registered and only awaits bank matching, so nothing is to be chased.
    // "Reversed": fully offset by a credit note.
    'paid|settled|payment complete|in payment|reversed|deposited|payee?|reglee?|acquittee?|soldee|en paiement|' +
      'encaissee?|extournee?|bezahlt|beglichen|in zahlung|ausgeglichen|pagad[ao]|cobrad[ao]|liquidada|' +
      'en proceso de pago|revertid[ao]',
    { lifecycle: 'issued', paid: true },
  ],
  [
    'sent|open|issued|posted|validated|approved|finali[sz]ed|due|pending|outstanding|awaiting|viewed|envoyee?|' +
      'ouverte?|emise?|validee?|comptabilisee?|finalisee|en attente|gesendet|versendet|verschickt|gebucht|' +
      'festgeschrieben|faellig|fallig|emitida|enviada|abierta|contabilizada|publicad[ao]|validada',
    { lifecycle: 'issued' },
  ],
];

function normalize(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b([a-z]{3,})s\b/g, '$1') // plurals: "Non payées", "No pagadas", "Annulées"
    .trim()} `;
}

/** The `|`-separated alternatives of a pattern, leaving those inside parentheses whole. */
const alternatives = (pattern: string): string[] => pattern.match(/(?:\([^)]*\)|[^|(])+/g) ?? [];

// One regex per rule, longest phrase first so the most specific wording is consumed first.
const COMPILED = RULES.map(([phrases, facts]) => ({
  facts,
  pattern: new RegExp(` (?:${alternatives(phrases).sort((a, b) => b.length - a.length).join('|')})(?= )`, 'g'),
}));

/**
 * Classifies an invoice status or label text (English, French, German, Spanish; case, accents and
 * punctuation ignored). Each field is set only when the text says so:
 * - `paid`: true for Paid/Payée/Réglée/Bezahlt/Pagada/Cobrada…; false for Unpaid/Non payée/Offen/Pendiente,
 *   Overdue/En retard/Überfällig/Vencida and partial payment (Partially paid/Partiellement payée/Teilweise bezahlt).
 * - `lifecycle`: draft (Draft/Brouillon/Entwurf/Borrador), cancelled (Cancelled/Annulée/Storniert/Anulada/Void),
 *   issued (Sent/Open/Envoyée/Ouverte/Posted… and every paid or unpaid wording).
 * - `kind`: 'credit-note' for Credit note/Avoir/Gutschrift/Rechnungskorrektur/Nota de crédito/Factura rectificativa/Refund.
 * A label combining several ("Avoir – Payé") sets each. Unknown text gives `{}`.
 */
const classified = new Map<string, StatusTextFacts>();

export function classifyStatusText(text: string): StatusTextFacts {
  // A list repeats a handful of status labels thousands of times: classify each label once.
  const known = classified.get(text);
  if (known) return { ...known };
  const result = classifyUncached(text);
  if (classified.size > 500) classified.clear();
  classified.set(text, result);
  return { ...result };
}

function classifyUncached(text: string): StatusTextFacts {
  let rest = normalize(text);
  const result: StatusTextFacts = {};
  const lifecycles = new Set<InvoiceLifecycle>();
  for (const { facts, pattern } of COMPILED) {
    let matched = false;
    rest = rest.replace(pattern, () => {
      matched = true;
      return ' ';
    });
    if (!matched) continue;
    if (facts.kind) result.kind = facts.kind;
    // The first (most specific) rule to speak about payment wins: "partially paid" before "paid".
    if (facts.paid !== undefined && result.paid === undefined) result.paid = facts.paid;
    if (facts.lifecycle) lifecycles.add(facts.lifecycle);
  }
  // "Cancelled" or "Draft" outweighs any payment wording next to it: neither is a receivable.
  const lifecycle = (['cancelled', 'draft', 'issued'] as const).find((l) => lifecycles.has(l));
  if (lifecycle) result.lifecycle = lifecycle;
  return result;
}

// Document types that are not invoices: payments, quotes, receipts, orders, statements… (normalized words).
const NOT_AN_INVOICE =
  / (?:payment|paiement|reglement|zahlung|pago|cobro|estimate|quote|devi|angebot|presupuesto|cotizacion|receipt|recu|quittung|recibo|order|commande|bestellung|pedido|journal|expense|depense|ausgabe|gasto|delivery|livraison|lieferschein|albaran|statement|releve|transfer|deposit|virement) /;
const INVOICE_WORDS = / (?:invoice|facture|rechnung|factura) /;

/**
 * What a document-type cell ("Type": Invoice, Payment, Credit Memo, Estimate, Facture standard, Avoir…) says the
 * row is: an invoice, a credit note, or null for another document (payment, quote, receipt, order…).
 * Unknown or empty types count as invoices.
 */
export function documentKind(text: string): 'invoice' | 'credit-note' | null {
  if (classifyStatusText(text).kind === 'credit-note') return 'credit-note';
  const words = normalize(text);
  return INVOICE_WORDS.test(words) || !NOT_AN_INVOICE.test(words) ? 'invoice' : null;
}
