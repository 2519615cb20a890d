import { describe, expect, it } from 'vitest';
import { classifyStatusText } from '../../../utils/domain/status-text';

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
