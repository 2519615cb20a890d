import { describe, expect, it } from 'vitest';
import { classifyHeader, isTotalRowLabel } from '../../../utils/sites/headers';

describe('classifyHeader', () => {
  it.each([
    // invoice number
    ['N°', 'number'], ['N° facture', 'number'], ['Numéro', 'number'], ['Facture', 'number'], ['Référence', 'number'],
    ['Invoice', 'number'], ['Invoice #', 'number'], ['Invoice No.', 'number'], ['Number', 'number'],
    ['Rechnung', 'number'], ['Rechnungsnummer', 'number'], ['Rechnungs-Nr.', 'number'], ['Nr.', 'number'],
    ['Factura', 'number'], ['Número', 'number'], ['Nº factura', 'number'], ['#', 'number'],
    // customer
    ['Client', 'customer'], ['Customer', 'customer'], ['Kunde', 'customer'], ['Cliente', 'customer'], ['Tiers', 'customer'],
    ['Partenaire', 'customer'], ['Partner', 'customer'], ['Contact', 'customer'], ['Company', 'customer'],
    ['Société', 'customer'], ['Raison sociale', 'customer'],
    // issue date
    ['Date', 'issueDate'], ['Date de facture', 'issueDate'], ["Date d'émission", 'issueDate'], ['Invoice date', 'issueDate'],
    ['Issue date', 'issueDate'], ['Issued', 'issueDate'], ['Rechnungsdatum', 'issueDate'], ['Datum', 'issueDate'],
    ['Fecha', 'issueDate'], ['Fecha de emisión', 'issueDate'], ['Fecha factura', 'issueDate'],
    // due date
    ['Échéance', 'dueDate'], ["Date d'échéance", 'dueDate'], ['Due', 'dueDate'], ['Due date', 'dueDate'], ['Due on', 'dueDate'],
    ['Fällig', 'dueDate'], ['Fälligkeit', 'dueDate'], ['Fällig am', 'dueDate'], ['Fälligkeitsdatum', 'dueDate'],
    ['Vencimiento', 'dueDate'], ['Fecha de vencimiento', 'dueDate'], ['Invoice due date', 'dueDate'],
    // total
    ['Total', 'total'], ['Montant', 'total'], ['Montant TTC', 'total'], ['Total TTC', 'total'], ['Amount', 'total'],
    ['Total amount', 'total'], ['Betrag', 'total'], ['Gesamt', 'total'], ['Brutto', 'total'], ['Importe', 'total'],
    ['Total factura', 'total'], ['Montant TTC (€)', 'total'], ['Amount (USD)', 'total'], ['Betrag (brutto)', 'total'],
    // amount due
    ['Reste à payer', 'amountDue'], ['Restant dû', 'amountDue'], ['Solde', 'amountDue'], ['Montant dû', 'amountDue'],
    ['Balance', 'amountDue'], ['Balance due', 'amountDue'], ['Amount due', 'amountDue'], ['Due amount', 'amountDue'],
    ['Outstanding', 'amountDue'], ['Remaining', 'amountDue'], ['Offen', 'amountDue'], ['Offener Betrag', 'amountDue'],
    ['Restbetrag', 'amountDue'], ['Pendiente', 'amountDue'], ['Importe pendiente', 'amountDue'], ['Saldo', 'amountDue'],
    // status
    ['Statut', 'status'], ['État', 'status'], ['Status', 'status'], ['Zustand', 'status'], ['Estado', 'status'],
    // case, accents, punctuation, sort arrows, whitespace
    ['  DUE   DATE ▲ ', 'dueDate'], ['échéance ↓', 'dueDate'], ['ECHEANCE', 'dueDate'], ['Montant  dû ⇅', 'amountDue'],
    ['Invoice no ▼', 'number'],
  ] as const)('%j is %s', (header, role) => {
    expect(classifyHeader(header)).toBe(role);
  });

  it.each([
    'Montant HT', 'Total HT', 'Tax Excluded', 'TVA', 'Amount paid', 'Montant payé', 'Date de paiement', 'Payment date',
    'N° client', 'Customer number', 'Kundennummer', 'N° commande', 'Order #', 'Prix unitaire HT', 'Quantité',
    'Désignation', 'Libellé', 'Heures', 'Email', 'Téléphone', '', '▲',
  ])('%j is not an invoice column', (header) => {
    expect(classifyHeader(header)).toBeNull();
  });
});

describe('isTotalRowLabel', () => {
  it.each(['Total', 'TOTAL', 'Sous-total', 'Summe', 'Gesamt', 'Total (12 factures)', 'Grand total', 'Totales'])(
    '%j is a totals row',
    (text) => {
      expect(isTotalRowLabel(text)).toBe(true);
    },
  );
  it.each(['FA-2026-0101', 'INV/2026/00045', '1042', 'Totalement'])('%j is not', (text) => {
    expect(isTotalRowLabel(text)).toBe(false);
  });
});
