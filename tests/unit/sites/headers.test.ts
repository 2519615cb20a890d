import { describe, expect, it } from 'vitest';
import { classifyHeader, isTotalRowLabel, readHeader } from '../../../utils/sites/headers';

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

describe('classifyHeader on the headers of Dolibarr, Xero, QuickBooks, Zoho, FreshBooks, Invoice Ninja', () => {
  it.each([
    ['Nummer', 'number'], ['Invoice#', 'number'], ['N.º de factura', 'number'], ['Réf.', 'number'], ['NO.', 'number'],
    ['To', 'customer'], ['Third-party', 'customer'], ['Tercero', 'customer'], ['NOMBRE DEL CLIENTE', 'customer'],
    ['Date facturation', 'issueDate'], ['Issued Date', 'issueDate'], ['Fecha vto.', 'dueDate'],
    ['Date limite règlement', 'dueDate'], ['Amount (inc. tax)', 'total'], ['Total (TTC)', 'total'],
    ['Remaining unpaid', 'amountDue'], ['SALDO ADEUDADO', 'amountDue'], ['Importe adeudado', 'amountDue'],
    ['À payer', 'amountDue'], ['Type', 'type'], ['Tipo', 'type'], ['Number, sortable column', 'number'],
    ['Total (IVA incl.)', 'total'], ['Amount (incl. VAT)', 'total'], ['Gesamt (inkl. MwSt.)', 'total'], ['Debitor', 'customer'],
  ] as const)('%j is %s', (header, role) => {
    expect(classifyHeader(header)).toBe(role);
  });

  it.each([
    'Amount tax', 'Amount (excl. tax)', 'Amount (excl. VAT)', 'Total (HT)', 'Betrag (netto)', 'Last invoice', 'Date dernière facture', 'Next due date',
    'Montant du stock', 'Déjà réglé', 'Already paid', 'Réf. client',
    // A column chooser listing every column's name is not a column.
    'Réf. Réf. client Type Date facturation Date échéance Tiers Montant TTC Reste à payer État',
  ])('%j is not an invoice column', (header) => {
    expect(classifyHeader(header)).toBeNull();
  });

  it.each([
    ['Fournisseur', 'veto'], ['Vendor', 'veto'], ['Supplier name', 'veto'], ['Gültig bis', 'veto'], ['Merchant', 'veto'],
    ['Payment #', 'document'], ['Angebotsnr.', 'document'], ['Credit Note#', 'document'], ['Quote number', 'document'],
    ['Receipt #', 'document'], ['N° devis', 'document'],
  ] as const)('%j shows a list of another kind (%s)', (header, meaning) => {
    expect(readHeader(header)?.meaning).toBe(meaning);
  });

  it('scores a header naming the invoice above a bare one', () => {
    expect(readHeader('Invoice #')!.score).toBeGreaterThan(readHeader('#')!.score);
    expect(readHeader('Invoice date')!.score).toBeGreaterThan(readHeader('Date')!.score);
    expect(readHeader('Due date')!.score).toBeGreaterThan(readHeader('Due')!.score);
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
