import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../../utils/domain/log-io';
import { LOG_MESSAGES, schemaMessage } from '../../../utils/i18n/log-messages';

const fr = LOG_MESSAGES.fr.dataTab;
const line = (extra: Record<string, unknown>) =>
  JSON.stringify({
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'contact',
    customerId: 'https://acme.odoo.com|dupont',
    at: '2026-11-02T10:00:00.000Z',
    recordedAt: '2026-11-02T10:00:00.000Z',
    author: 'Claire',
    channel: 'phone',
    direction: 'outgoing',
    outcome: { type: 'reached' },
    ...extra,
  });

describe('an import report in French', () => {
  it.each([
    ['not json', 'ligne 2 : JSON invalide ('],
    [line({ id: 'x' }), 'ligne 2 : id : UUID attendu'],
    [line({ channel: 'fax' }), 'ligne 2 : channel : valeur attendue parmi : email, phone, sms, letter, registered-letter, visit, meeting, other'],
    [line({ kind: 'correction' }), 'ligne 2 : correctsId : obligatoire pour une correction : l’id de l’entrée corrigée'],
    ['[1]', 'ligne 2 : entrée d’historique attendue (un objet JSON)'],
    [line({ outcome: { type: 'promise-to-pay', date: '2026-02-30', amount: { amountMinor: 1, currency: 'EUR' } } }), 'ligne 2 : outcome.date : 2026-02-30 n’est pas une date du calendrier'],
  ])('%s → %s…', (text, expected) => {
    // A good first line: the bad one is line 2.
    const [error] = parseJsonLines(`${line({ id: '00000000-0000-4000-8000-000000000009' })}\n${text}`).errors;
    expect(error).toBeDefined();
    expect(fr.lineError(error!.line, error!.field, schemaMessage('fr', error!.reason))).toContain(expected);
  });

  it('English reports read as before', () => {
    const [error] = parseJsonLines(line({ channel: 'fax' })).errors;
    expect(LOG_MESSAGES.en.dataTab.lineError(error!.line, error!.field, schemaMessage('en', error!.reason))).toBe(error!.message);
  });
});

describe('form messages in French', () => {
  it.each([
    [
      'installment amounts must add up to the amount covered: installments total 1000.00 USD, covered 1550.00 USD',
      'la somme des échéances doit égaler le montant couvert : échéances 1 000,00 USD, montant couvert 1 550,00 USD',
    ],
    [
      'installment amounts must add up to the amount covered: installments total 120000 JPY, covered 90000 JPY',
      'la somme des échéances doit égaler le montant couvert : échéances 120 000 JPY, montant couvert 90 000 JPY',
    ],
    ['must not be empty', 'ne doit pas être vide'],
  ])('%s', (english, french) => {
    expect(schemaMessage('fr', english).replace(/\u202f|\u00a0/g, ' ')).toBe(french);
  });
});
