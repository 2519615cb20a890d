import { describe, expect, it } from 'vitest';
import { classifyStatusText, documentKind } from '../../../utils/domain/status-text';

describe('classifyStatusText', () => {
  it.each([
    // paid
    ['Paid', { lifecycle: 'issued', paid: true }],
    ['Payée', { lifecycle: 'issued', paid: true }],
    ['PAYÉ', { lifecycle: 'issued', paid: true }],
    ['Réglée', { lifecycle: 'issued', paid: true }],
    ['Bezahlt', { lifecycle: 'issued', paid: true }],
    ['Pagada', { lifecycle: 'issued', paid: true }],
    ['Cobrada', { lifecycle: 'issued', paid: true }],
    ['In Payment', { lifecycle: 'issued', paid: true }],
    ['En paiement', { lifecycle: 'issued', paid: true }],
    // partially paid: still owed
    ['Partially paid', { lifecycle: 'issued', paid: false }],
    ['Partiellement payée', { lifecycle: 'issued', paid: false }],
    ['Partiellement réglé', { lifecycle: 'issued', paid: false }],
    ['Teilweise bezahlt', { lifecycle: 'issued', paid: false }],
    ['Pagada parcialmente', { lifecycle: 'issued', paid: false }],
    // unpaid wording that contains a "paid" word
    ['Unpaid', { lifecycle: 'issued', paid: false }],
    ['Not Paid', { lifecycle: 'issued', paid: false }],
    ['Non payée', { lifecycle: 'issued', paid: false }],
    ['Non payées', { lifecycle: 'issued', paid: false }],
    ['Impayée', { lifecycle: 'issued', paid: false }],
    ['Nicht bezahlt', { lifecycle: 'issued', paid: false }],
    ['No pagada', { lifecycle: 'issued', paid: false }],
    // overdue
    ['Overdue', { lifecycle: 'issued', paid: false }],
    ['En retard', { lifecycle: 'issued', paid: false }],
    ['Überfällig', { lifecycle: 'issued', paid: false }],
    ['Vencida', { lifecycle: 'issued', paid: false }],
    // open / sent
    ['Sent', { lifecycle: 'issued' }],
    ['Envoyée', { lifecycle: 'issued' }],
    ['Open', { lifecycle: 'issued' }],
    ['Ouverte', { lifecycle: 'issued' }],
    ['Posted', { lifecycle: 'issued' }],
    ['Comptabilisé', { lifecycle: 'issued' }],
    ['Offen', { lifecycle: 'issued', paid: false }],
    ['Pendiente', { lifecycle: 'issued', paid: false }],
    // draft
    ['Draft', { lifecycle: 'draft' }],
    ['Brouillon', { lifecycle: 'draft' }],
    ['Entwurf', { lifecycle: 'draft' }],
    ['Borrador', { lifecycle: 'draft' }],
    // cancelled
    ['Cancelled', { lifecycle: 'cancelled' }],
    ['Canceled', { lifecycle: 'cancelled' }],
    ['Annulée', { lifecycle: 'cancelled' }],
    ['Storniert', { lifecycle: 'cancelled' }],
    ['Anulada', { lifecycle: 'cancelled' }],
    ['Void', { lifecycle: 'cancelled' }],
    ['Voided', { lifecycle: 'cancelled' }],
    // credit notes
    ['Credit note', { kind: 'credit-note' }],
    ['Avoir', { kind: 'credit-note' }],
    ['Gutschrift', { kind: 'credit-note' }],
    ['Rechnungskorrektur', { kind: 'credit-note' }],
    ['Nota de crédito', { kind: 'credit-note' }],
    ['Factura rectificativa', { kind: 'credit-note' }],
    ['Refund', { kind: 'credit-note' }],
    // combined labels and noise
    ['  avoir – payé  ', { kind: 'credit-note', lifecycle: 'issued', paid: true }],
    ['Draft (unpaid)', { lifecycle: 'draft', paid: false }],
    ['Cancelled · Paid', { lifecycle: 'cancelled', paid: true }],
    ['PAID ✓', { lifecycle: 'issued', paid: true }],
  ] as const)('%s', (text, expected) => {
    expect(classifyStatusText(text)).toEqual(expected);
  });

  it.each(['', '—', 'Payment link', 'Repaid loan', 'Refunded', 'Invoice', 'Acme Corp.'])(
    'says nothing about %j',
    (text) => {
      expect(classifyStatusText(text)).toEqual({});
    },
  );
});

describe('classifyStatusText: statuses of Dolibarr, Xero, QuickBooks, Zoho, FreshBooks, Invoice Ninja, Odoo', () => {
  it.each([
    // closed without payment, written off, deleted: nothing to chase
    ['Abandonnée', { lifecycle: 'cancelled' }], ['Abandoned', { lifecycle: 'cancelled' }], ['Fermée', { lifecycle: 'cancelled' }],
    ['Closed', { lifecycle: 'cancelled' }], ['Deleted', { lifecycle: 'cancelled' }], ['Written off', { lifecycle: 'cancelled' }],
    ['Anulada', { lifecycle: 'cancelled' }], ['Abgebrochen', { lifecycle: 'cancelled' }], ['Voided', { lifecycle: 'cancelled' }],
    // not sent yet
    ['Awaiting approval', { lifecycle: 'draft' }], ['Pending Approval', { lifecycle: 'draft' }], ['Submitted', { lifecycle: 'draft' }],
    ['Brouillon (à valider)', { lifecycle: 'draft' }], ['Pendiente de aprobación', { lifecycle: 'draft' }], ['Pro forma', { lifecycle: 'draft' }],
    // still owed
    ['Awaiting Payment', { lifecycle: 'issued', paid: false }], ['Disputed', { lifecycle: 'issued', paid: false }],
    ['En litige', { lifecycle: 'issued', paid: false }], ['Partial', { lifecycle: 'issued', paid: false }],
    ['Teilzahlung', { lifecycle: 'issued', paid: false }], ['No pagadas', { lifecycle: 'issued', paid: false }],
    ['Overdue 12 days', { lifecycle: 'issued', paid: false }], ['VENCIDA HACE 12 DÍAS', { lifecycle: 'issued', paid: false }],
    ['Validée (à payer)', { lifecycle: 'issued', paid: false }], ['Past Due', { lifecycle: 'issued', paid: false }],
    // paid
    ['Deposited', { lifecycle: 'issued', paid: true }], ['Encaissée', { lifecycle: 'issued', paid: true }],
    ['Auto-Paid', { lifecycle: 'issued', paid: true }], ['Pagadas', { lifecycle: 'issued', paid: true }],
    // issued, payment not said
    ['Due in 5 days', { lifecycle: 'issued' }], ['Viewed', { lifecycle: 'issued' }], ['Versendet', { lifecycle: 'issued' }],
    ['Validée', { lifecycle: 'issued' }], ['Émise', { lifecycle: 'issued' }], ['Publicado', { lifecycle: 'issued' }],
  ] as const)('%j', (text, expected) => {
    expect(classifyStatusText(text)).toEqual(expected);
  });
});

describe('documentKind tells invoices from the other documents of a sales list', () => {
  it.each([
    ['Invoice', 'invoice'], ['Facture standard', 'invoice'], ['Standard', 'invoice'], ["Facture d'acompte", 'invoice'],
    ['Down payment invoice', 'invoice'], ['Rechnung', 'invoice'], ['Factura', 'invoice'], ['', 'invoice'],
    ['Credit Memo', 'credit-note'], ['Credit note', 'credit-note'], ['Avoir', 'credit-note'], ['Facture avoir', 'credit-note'],
    ['Gutschrift', 'credit-note'], ['Factura rectificativa', 'credit-note'], ['Refund Receipt', 'credit-note'],
    ['Payment', null], ['Paiement', null], ['Zahlung', null], ['Pago', null], ['Estimate', null], ['Devis', null],
    ['Angebot', null], ['Presupuesto', null], ['Sales Receipt', null], ['Reçu', null], ['Deposit', null],
    ['Journal Entry', null], ['Bon de livraison', null], ['Statement', null],
  ] as const)('%j is %s', (text, expected) => {
    expect(documentKind(text)).toBe(expected);
  });
});
