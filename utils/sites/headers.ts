// Column-header vocabulary for invoice lists in French, English, German and Spanish.

/** What an invoice-list column holds. */
export type ColumnRole = 'number' | 'customer' | 'issueDate' | 'dueDate' | 'total' | 'amountDue' | 'status';

/** Headers that look like a role but are not it (paid amount, tax, customer id…): they win over shorter synonyms. */
const NOT_A_ROLE = 'none' as const;
type Meaning = ColumnRole | typeof NOT_A_ROLE;

// Written already normalized (see normalizeHeader): lowercase, no accents, `n°`/`#`/`nº` → `no`, single spaces.
const VOCABULARY: Readonly<Record<Meaning, readonly string[]>> = {
  number: [
    'no', 'nr', 'numero', 'num', 'number', 'ref', 'reference', 'facture', 'no facture', 'numero facture',
    'numero de facture', 'no de facture', 'ref facture', 'reference facture', 'piece', 'no piece',
    'invoice', 'invoice no', 'invoice number', 'invoice num', 'invoice id', 'invoice ref', 'invoice reference',
    'inv no', 'document no', 'document number', 'rechnung', 'rechnungsnummer', 'rechnungs nr', 'rechnungsnr',
    'rechnung nr', 'rechnungs no', 'belegnummer', 'beleg nr', 'factura', 'no factura', 'numero factura',
    'numero de factura', 'no de factura', 'num factura', 'referencia',
  ],
  customer: [
    'client', 'nom du client', 'nom client', 'customer', 'customer name', 'client name', 'kunde', 'kundenname',
    'cliente', 'nombre del cliente', 'nombre cliente', 'tiers', 'partenaire', 'partner', 'geschaftspartner',
    'contact', 'company', 'company name', 'societe', 'raison sociale', 'entreprise', 'bill to', 'billed to',
    'factura a', 'facturer a', 'firma', 'empresa', 'razon social', 'destinataire', 'debiteur', 'debtor',
    'schuldner', 'account', 'account name', 'organisation', 'organization', 'rechnungsempfanger', 'empfanger',
  ],
  issueDate: [
    'date', 'date de facture', 'date facture', 'date d emission', 'date emission', 'emission', 'emise le',
    'date de facturation', 'facture le', 'invoice date', 'issue date', 'issued', 'issued on', 'date issued',
    'issue', 'created', 'created on', 'creation date', 'date created', 'billed on', 'date de creation',
    'rechnungsdatum', 'datum', 'belegdatum', 'ausstellungsdatum', 'erstellt', 'erstellt am', 'fecha',
    'fecha de emision', 'fecha emision', 'fecha factura', 'fecha de factura', 'fecha de expedicion',
  ],
  dueDate: [
    'echeance', 'date d echeance', 'date echeance', 'date limite', 'date limite de paiement', 'a payer avant',
    'payable le', 'due', 'due date', 'due on', 'due by', 'date due', 'payment due', 'payment due date',
    'fallig', 'faellig', 'falligkeit', 'fallig am', 'falligkeitsdatum', 'faelligkeitsdatum', 'zahlbar bis',
    'zahlungsziel', 'vencimiento', 'fecha de vencimiento', 'fecha vencimiento', 'vence', 'vence el',
  ],
  total: [
    'total', 'montant', 'montant ttc', 'total ttc', 'ttc', 'montant total', 'montant facture', 'amount',
    'total amount', 'amount total', 'invoice total', 'invoice amount', 'total incl tax', 'amount incl tax',
    'total inc tax', 'total including tax', 'gross', 'gross amount', 'betrag', 'gesamt', 'gesamtbetrag',
    'brutto', 'bruttobetrag', 'rechnungsbetrag', 'summe', 'endbetrag', 'importe', 'importe total',
    'total factura', 'importe factura', 'total con iva', 'importe con iva', 'total iva incluido',
    'net a payer', 'montant net a payer',
  ],
  amountDue: [
    'reste a payer', 'restant du', 'reste du', 'solde', 'solde du', 'montant du', 'montant restant',
    'a encaisser', 'balance', 'balance due', 'amount due', 'due amount', 'outstanding', 'amount outstanding',
    'outstanding amount', 'outstanding balance', 'remaining', 'remaining amount', 'amount remaining',
    'left to pay', 'unpaid amount', 'open amount', 'offen', 'offener betrag', 'offene betrag', 'restbetrag',
    'offener saldo', 'noch offen', 'pendiente', 'importe pendiente', 'saldo', 'saldo pendiente',
    'pendiente de pago', 'por cobrar', 'importe por cobrar',
  ],
  status: [
    'statut', 'etat', 'status', 'zustand', 'estado', 'state', 'situation', 'payment status', 'payment state',
    'statut de paiement', 'statut paiement', 'etat du paiement', 'zahlungsstatus', 'estado de pago',
    'estado del pago', 'paiement', 'payment',
  ],
  none: [
    // Amounts that are not what is invoiced or still owed.
    'montant ht', 'total ht', 'ht', 'tax excluded', 'untaxed', 'untaxed amount', 'excl tax', 'amount excl tax',
    'subtotal', 'sub total', 'sous total', 'net', 'net amount', 'netto', 'nettobetrag', 'base imponible',
    'tax', 'taxes', 'tva', 'montant tva', 'vat', 'mwst', 'ust', 'iva', 'amount paid', 'paid amount', 'paid',
    'montant paye', 'montant regle', 'deja paye', 'bezahlt', 'bezahlter betrag', 'importe pagado', 'pagado',
    'unit price', 'prix unitaire', 'prix', 'price', 'preis', 'einzelpreis', 'precio', 'precio unitario',
    // Dates that are not the issue or due date.
    'date de paiement', 'date paiement', 'date de reglement', 'paye le', 'regle le', 'payment date', 'paid on',
    'paid date', 'date paid', 'date of payment', 'zahlungsdatum', 'bezahlt am', 'fecha de pago', 'fecha pago',
    'pagado el', 'last reminder', 'derniere relance', 'letzte mahnung', 'ultimo recordatorio',
    'delivery date', 'date de livraison', 'lieferdatum', 'fecha de entrega', 'period', 'periode', 'zeitraum',
    // Numbers that are not the invoice number.
    'customer no', 'customer number', 'customer id', 'client id', 'no client', 'numero client', 'ref client',
    'reference client', 'code client', 'kundennummer', 'kunden nr', 'kundennr', 'numero de cliente',
    'no cliente', 'order no', 'order number', 'po number', 'po no', 'purchase order', 'no commande',
    'numero de commande', 'bon de commande', 'commande', 'bestellnummer', 'bestellung', 'auftragsnummer',
    'no pedido', 'numero de pedido', 'pedido', 'tax id', 'vat number', 'no tva', 'siret', 'siren',
    'account number', 'account no', 'iban',
    'days overdue', 'jours de retard', 'tage uberfallig', 'dias de retraso', 'days late',
  ],
};

/** A synonym as words, with the role it means. */
interface Synonym {
  words: string[];
  meaning: Meaning;
}

const SYNONYMS: readonly Synonym[] = (Object.keys(VOCABULARY) as Meaning[]).flatMap((meaning) =>
  VOCABULARY[meaning].map((phrase) => ({ words: phrase.split(' '), meaning })),
);
const EXACT = new Map<string, Meaning>(SYNONYMS.map((s) => [s.words.join(' '), s.meaning]));

/**
 * Normalizes a header for matching: accents, case and punctuation removed, sort arrows and currency marks
 * dropped, `N°`, `Nº`, `No.` and `#` all read as `no`, whitespace collapsed.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD') // also turns º into o
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/#/g, ' no ')
    .replace(/\bn\s*[°o]\s*(?=[^a-z]|$)/g, ' no ') // n°, nº (now no), n °
    .replace(/°/g, ' ')
    .replace(/\((?:[^()]*)\)/g, (group) => (/[a-z]{4,}/.test(group) ? group : ' ')) // (€), (EUR) but keep (date d'échéance)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:eur|usd|gbp|chf|cad|aud)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The role of a column from its header text, or null when it is not one we read.
 * An exact synonym wins; otherwise the longest synonym found as whole words inside the header
 * (so "Amount due" is the amount due, "Due" alone the due date, "Date d'échéance" the due date).
 */
export function classifyHeader(text: string): ColumnRole | null {
  const normalized = normalizeHeader(text);
  if (!normalized) return null;
  const exact = EXACT.get(normalized);
  if (exact) return exact === NOT_A_ROLE ? null : exact;
  const words = normalized.split(' ');
  let best: Synonym | undefined;
  for (const synonym of SYNONYMS) {
    if (best && synonym.words.length <= best.words.length) continue;
    if (containsWords(words, synonym.words)) best = synonym;
  }
  return best && best.meaning !== NOT_A_ROLE ? best.meaning : null;
}

function containsWords(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** Texts a number cell shows on a totals row rather than an invoice (normalized like headers). */
const TOTAL_ROW_LABELS = new Set([
  'total', 'totals', 'total general', 'grand total', 'subtotal', 'sub total', 'sous total', 'totaux',
  'summe', 'gesamt', 'gesamtsumme', 'zwischensumme', 'total facturas', 'suma', 'totales',
]);

/** True when a row's number cell is a totals label ("Total", "Sous-total", "Summe", "Gesamt"…). */
export function isTotalRowLabel(text: string): boolean {
  const normalized = normalizeHeader(text);
  if (TOTAL_ROW_LABELS.has(normalized)) return true;
  // "Total (12 factures)", "Summe EUR": the first word is enough.
  return TOTAL_ROW_LABELS.has(normalized.split(' ')[0] ?? '');
}
