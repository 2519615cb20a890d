// Column-header vocabulary for invoice lists in French, English, German and Spanish.

/** What an invoice-list column holds. */
export type ColumnRole = 'number' | 'customer' | 'issueDate' | 'dueDate' | 'total' | 'amountDue' | 'status' | 'type';

/**
 * Headers that look like a role but are not it (paid amount, tax, customer id…): they win over synonyms of the
 * same length or shorter. `veto` headers show a list of something else than customer invoices (supplier bills,
 * expenses, quotes' validity): a list with one is never read as invoices. `document` headers name another
 * document's number (payment, quote, receipt, credit note): a list identified by one is not an invoice list.
 */
type Meaning = ColumnRole | 'none' | 'veto' | 'document';

// Written already normalized (see normalizeHeader): lowercase, no accents, `n°`/`#`/`nº` → `no`, single spaces;
// one phrase per `|`.
const VOCABULARY: Readonly<Record<Meaning, string>> = {
  number:
    'no|nr|numero|num|number|nummer|ref|reference|facture|no facture|numero facture|numero de facture|no de facture|' +
    'ref facture|reference facture|piece|no piece|invoice|invoice no|invoice number|invoice num|invoice id|' +
    'invoice ref|invoice reference|inv no|document no|document number|doc no|rechnung|rechnungsnummer|rechnungs nr|' +
    'rechnungsnr|rechnung nr|rechnungs no|re nr|belegnummer|beleg nr|belegnr|factura|no factura|numero factura|' +
    'numero de factura|no de factura|num factura|no de la factura|referencia',
  customer:
    'client|nom du client|nom client|customer|customer name|client name|kunde|kundenname|cliente|' +
    'nombre del cliente|nombre cliente|tiers|partenaire|partner|geschaftspartner|contact|company|company name|' +
    'societe|raison sociale|entreprise|bill to|billed to|factura a|facturer a|firma|empresa|razon social|' +
    'destinataire|debiteur|debtor|schuldner|account|account name|organisation|organization|rechnungsempfanger|' +
    'empfanger|third party|thirdparty|tercero|cliente final|debitor|kontakt|contacto',
  issueDate:
    'date|date de facture|date facture|date d emission|date emission|emission|emise le|date de facturation|' +
    'date facturation|facture le|invoice date|issue date|issued|issued on|issued date|date issued|issue|created|' +
    'created on|creation date|date created|billed on|date de creation|rechnungsdatum|datum|belegdatum|' +
    'ausstellungsdatum|erstellt|erstellt am|fecha|fecha de emision|fecha emision|fecha factura|fecha de factura|' +
    'fecha de expedicion',
  dueDate:
    'echeance|date d echeance|date echeance|ech|date limite|date limite de paiement|date limite reglement|' +
    'a payer avant|payable le|due|due date|due on|due by|date due|payment due|payment due date|fallig|faellig|' +
    'falligkeit|fallig am|falligkeitsdatum|faelligkeitsdatum|zahlbar bis|zahlungsziel|vencimiento|' +
    'fecha de vencimiento|fecha vencimiento|vence|vence el|vto|fecha vto|venc|fecha venc',
  total:
    'total|montant|montant ttc|total ttc|ttc|montant total|montant facture|amount|total amount|amount total|' +
    'invoice total|invoice amount|total incl tax|amount incl tax|amount inc tax|total inc tax|inc tax|incl tax|' +
    'tax incl|total including tax|gross|gross amount|betrag|gesamt|gesamtbetrag|brutto|bruttobetrag|' +
    'rechnungsbetrag|summe|endbetrag|importe|importe total|total factura|importe factura|total con iva|' +
    'importe con iva|total iva incluido|iva incl|iva incluido|tva incluse|tva comprise|incl vat|inc vat|vat incl|' +
    'incl mwst|inkl mwst|inkl ust|net a payer|montant net a payer',
  amountDue:
    'reste a payer|restant du|reste du|solde|solde du|montant du|montant restant|a encaisser|reste a encaisser|' +
    'a payer|balance|balance due|amount due|due amount|outstanding|amount outstanding|outstanding amount|' +
    'outstanding balance|remaining|remaining amount|amount remaining|remaining unpaid|left to pay|unpaid|' +
    'unpaid amount|open amount|offen|offener betrag|offene betrag|restbetrag|offener saldo|noch offen|pendiente|' +
    'importe pendiente|saldo|saldo pendiente|saldo adeudado|importe adeudado|pendiente de pago|por cobrar|' +
    'importe por cobrar',
  status:
    'statut|etat|status|zustand|estado|state|situation|payment status|payment state|statut de paiement|' +
    'statut paiement|etat du paiement|zahlungsstatus|estado de pago|estado del pago|paiement|payment',
  type:
    'type|document type|type de document|type de piece|transaction type|typ|belegart|dokumententyp|tipo|' +
    'tipo de documento',
  none:
    // Amounts that are not what is invoiced or still owed.
    'montant ht|total ht|ht|tax excluded|untaxed|untaxed amount|excl tax|amount excl tax|subtotal|sub total|' +
    'sous total|net|net amount|netto|nettobetrag|base imponible|tax|taxes|tva|montant tva|vat|mwst|ust|iva|' +
    'amount paid|paid amount|paid|already paid|montant paye|montant regle|deja paye|deja regle|bezahlt|' +
    'bezahlter betrag|importe pagado|pagado|unit price|prix unitaire|prix|prix de vente|price|preis|einzelpreis|' +
    'precio|precio unitario|montant du stock|stock value|' +
    // Dates that are not the issue or due date.
    'date de paiement|date paiement|date de reglement|paye le|regle le|payment date|paid on|paid date|date paid|' +
    'date of payment|zahlungsdatum|bezahlt am|fecha de pago|fecha pago|pagado el|delivery date|date de livraison|' +
    'lieferdatum|fecha de entrega|period|periode|zeitraum|' +
    // Numbers that are not the invoice number.
    'customer no|customer number|customer id|client id|no client|numero client|ref client|reference client|' +
    'code client|customer ref|kundennummer|kunden nr|kundennr|numero de cliente|no cliente|order no|order number|' +
    'po number|po no|purchase order|no commande|numero de commande|bon de commande|commande|bestellnummer|' +
    'bestellung|auftragsnummer|no pedido|numero de pedido|pedido|no de pedido|numero de orden|tax id|' +
    'vat number|no tva|siret|siren|account number|account no|iban|' +
    'days overdue|jours de retard|tage uberfallig|dias de retraso|days late',
  veto:
    'vendor|vendor name|supplier|supplier name|fournisseur|lieferant|proveedor|merchant|valid until|' +
    'valable jusqu au|gultig bis|valido hasta|expiry date|expense|depense|ausgabe|gasto',
  document:
    'payment no|payment number|payment id|payment ref|no paiement|numero paiement|numero de paiement|' +
    'reference paiement|zahlungsnummer|zahlung nr|no pago|numero de pago|quote|quote no|quote number|estimate|' +
    'estimate no|estimate number|devis|no devis|numero devis|angebot|angebotsnr|angebotsnummer|angebot nr|' +
    'angebots nr|presupuesto|no presupuesto|cotizacion|receipt|receipt no|recu|no recu|quittung|recibo|' +
    'credit note|credit note no|credit memo|no avoir|avoir|gutschrift|gutschriftsnummer|nota de credito|bill no|' +
    'bill number',
};

/** A synonym as words, with the role it means. */
interface Synonym {
  words: string[];
  meaning: Meaning;
}

const SYNONYMS: readonly Synonym[] = (Object.keys(VOCABULARY) as Meaning[]).flatMap((meaning) =>
  VOCABULARY[meaning].split('|').map((phrase) => ({ words: phrase.split(' '), meaning })),
);
const EXACT = new Map<string, Meaning>(SYNONYMS.map((s) => [s.words.join(' '), s.meaning]));
// Xero's "To": the customer, but only as the whole header ("Valid to", "Amount to pay" are not).
EXACT.set('to', 'customer');
const isRole = (meaning: Meaning): boolean => meaning !== 'none' && meaning !== 'veto' && meaning !== 'document';

/** A header meaning something else over a column of amounts: Xero's "Due", the amount due next to "Due date". */
export const SECOND_MEANING: Readonly<Record<string, ColumnRole>> = { due: 'amountDue' };

/** Words that make a column about another document: "Last invoice", "Date dernière facture", "Nächste Fälligkeit". */
const QUALIFIERS = new Set(
  'last|next|previous|derniere|dernier|prochaine|prochain|precedente|letzte|letzter|nachste|vorherige|ultima|ultimo|proxima|proximo|anterior'.split(
    '|',
  ),
);

/** Words that name an invoice: a header holding one is a better candidate than a bare "No." or "Date". */
const INVOICE_WORD = /invoice|factur|rechnung/;

/**
 * Normalizes a header for matching: accents, case and punctuation removed, sort arrows and currency marks
 * dropped, `N°`, `Nº`, `N.º`, `No.` and `#` all read as `no`, whitespace collapsed.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD') // also turns º into o
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/#/g, ' no ')
    .replace(/\bn\s*\.?\s*[°o]\s*(?=[^a-z]|$)/g, ' no ') // n°, nº (now no), n.º, n °
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:eur|usd|gbp|chf|cad|aud)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header's meaning and how specific it is (a longer synonym or one naming the invoice scores higher). */
export interface HeaderMeaning {
  meaning: ColumnRole | 'veto' | 'document';
  score: number;
}

/**
 * What a column header means, or null when it is not a column we read. An exact synonym wins; otherwise the
 * longest synonym found as whole words inside the header (so "Amount due" is the amount due, "Due" alone the due
 * date, "Date d'échéance" the due date), a non-role synonym winning a tie ("Amount tax" is not the total).
 * Headers of more than six words (a column chooser's text, an explanation) mean nothing.
 */
export function readHeader(text: string): HeaderMeaning | null {
  const normalized = normalizeHeader(text);
  if (!normalized) return null;
  const words = normalized.split(' ');
  if (words.length > 6 || words.some((w) => QUALIFIERS.has(w))) return null;
  let meaning = EXACT.get(normalized);
  let length = words.length;
  if (!meaning) {
    let best: Synonym | undefined;
    for (const synonym of SYNONYMS) {
      if (best) {
        const n = synonym.words.length;
        const bestN = best.words.length;
        // On a tie only a non-role replaces a role: "Amount tax" is a tax, not the total.
        if (n < bestN || (n === bestN && !(isRole(best.meaning) && !isRole(synonym.meaning)))) continue;
      }
      if (containsWords(words, synonym.words)) best = synonym;
    }
    meaning = best?.meaning;
    length = best?.words.length ?? 0;
  }
  if (!meaning || meaning === 'none') return null;
  return { meaning, score: length * 2 + (INVOICE_WORD.test(normalized) ? 1 : 0) };
}

/** The role of a column from its header text, or null when it is not one we read (or names another document). */
export function classifyHeader(text: string): ColumnRole | null {
  const meaning = readHeader(text)?.meaning;
  return meaning && meaning !== 'veto' && meaning !== 'document' ? meaning : null;
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
const TOTAL_ROW_LABELS = new Set(
  'total|totals|total general|grand total|subtotal|sub total|sous total|totaux|summe|gesamt|gesamtsumme|zwischensumme|total facturas|suma|totales'.split(
    '|',
  ),
);

/** True when a row's number cell is a totals label ("Total", "Sous-total", "Summe", "Gesamt"…). */
export function isTotalRowLabel(text: string): boolean {
  const normalized = normalizeHeader(text);
  if (TOTAL_ROW_LABELS.has(normalized)) return true;
  // "Total (12 factures)", "Summe EUR": the first word is enough.
  return TOTAL_ROW_LABELS.has(normalized.split(' ')[0] ?? '');
}
