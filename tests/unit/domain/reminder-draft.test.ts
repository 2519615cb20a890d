import { describe, expect, it } from 'vitest';
import { deriveCustomerState, type CustomerLogState } from '../../../utils/domain/contact-log';
import { nextBestAction, type NextAction } from '../../../utils/domain/next-action';
import { DEFAULT_POLICY, type PolicyCustomer, type PolicyInvoice } from '../../../utils/domain/policy';
import { DEFAULT_RATES, type RateTables } from '../../../utils/domain/rates';
import {
  chargesPerInvoice,
  isLetter,
  letterDraftOf,
  LetterDraftSchema,
  placeAndDate,
  placeOf,
  prepareMessage,
  sentMessageFor,
  sentRecordsFor,
  splitLetter,
  suggestedSituation,
  totalCharges,
  type MessageInvoice,
  type PrepareMessageInput,
} from '../../../utils/domain/reminder-draft';
import type { ContactEvent } from '../../../utils/domain/schemas';

const TODAY = '2026-11-23';
const shift = (days: number): string => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const eur = (major: number) => ({ amountMinor: Math.round(major * 100), currency: 'EUR' });

// The shipped table vouches for the second half of 2026 (ECB 2.40 on 1 July 2026).
const RATES: RateTables = DEFAULT_RATES;

function inv(id: string, daysLate: number, amount = 1000): PolicyInvoice {
  return { id, number: `F-${id}`, dueDate: shift(-daysLate), amountDue: eur(amount), paid: false, lifecycle: 'issued', kind: 'invoice' };
}
function customer(over: Partial<PolicyCustomer> = {}): PolicyCustomer {
  return { id: 'c1', segment: 'standard', invoices: [inv('A', 3)], disputedInvoiceIds: [], reminders: [], ...over };
}
const sent = (daysAgo: number, levelId: string) => ({ at: shift(-daysAgo), levelId, invoiceIds: ['A'] });
const ALL_LEVELS = [
  sent(59, 'first-reminder'),
  sent(52, 'follow-up-call'),
  sent(45, 'firm-reminder'),
  sent(30, 'formal-notice'),
  sent(15, 'final-notice'),
];

describe('suggestedSituation', () => {
  it.each<[string, PolicyCustomer, string]>([
    ['3 days late: the courteous first reminder', customer(), 'first-reminder'],
    ['the follow-up call reuses the first reminder', customer({ invoices: [inv('A', 9)], reminders: [sent(8, 'first-reminder')] }), 'first-reminder'],
    [
      '20 days late after the first two levels: the firm reminder',
      customer({ invoices: [inv('A', 20)], reminders: [sent(19, 'first-reminder'), sent(12, 'follow-up-call')] }),
      'firm-reminder',
    ],
    [
      'a key account’s softened firm level gets the courteous text',
      customer({ segment: 'key-account', invoices: [inv('A', 40)], reminders: [sent(38, 'first-reminder'), sent(28, 'follow-up-call')] }),
      'first-reminder',
    ],
    [
      '35 days late after three levels: the formal notice',
      customer({ invoices: [inv('A', 35)], reminders: [sent(34, 'first-reminder'), sent(27, 'follow-up-call'), sent(20, 'firm-reminder')] }),
      'formal-notice',
    ],
    ['an escalation: the final notice for the file', customer({ invoices: [inv('A', 60, 5000)], reminders: ALL_LEVELS }), 'final-notice'],
    ['the last call on a small amount: the firm script', customer({ invoices: [inv('A', 60, 100)], reminders: ALL_LEVELS }), 'firm-reminder'],
    ['everything disputed: acknowledge the dispute', customer({ disputedInvoiceIds: ['A'] }), 'dispute-acknowledgement'],
    ['nothing owed: the first reminder by default', customer({ invoices: [] }), 'first-reminder'],
  ])('%s', (_name, c, expected) => {
    expect(suggestedSituation(nextBestAction(c, TODAY))).toBe(expected);
  });
});

describe('sentRecordsFor: a grouped message moves each invoice up its own ladder', () => {
  // A at D+35 after three levels (formal notice due), B at D+8 with nothing sent (first reminder due):
  // one formal notice lists both.
  const grouped = customer({
    invoices: [inv('A', 35), inv('B', 8)],
    reminders: [sent(34, 'first-reminder'), sent(27, 'follow-up-call'), sent(20, 'firm-reminder')],
  });
  const action = nextBestAction(grouped, TODAY);

  it('the suggested formal notice: one entry per level, each with the notice’s tone', () => {
    expect(action.situation).toBe('formal-notice');
    expect(Object.fromEntries(action.invoices.map((i) => [i.id, i.levelId]))).toEqual({ A: 'formal-notice', B: 'first-reminder' });
    expect(sentRecordsFor('formal-notice', action, DEFAULT_POLICY, ['A', 'B'])).toEqual([
      { levelId: 'formal-notice', channel: 'registered-letter', tone: 'formal-notice', invoiceIds: ['A'] },
      { levelId: 'first-reminder', channel: 'registered-letter', tone: 'formal-notice', invoiceIds: ['B'] },
    ]);
  });

  it('recorded that way, B is not pushed past its first reminder: its follow-up call comes next', () => {
    const after = customer({
      ...grouped,
      reminders: [...grouped.reminders, { at: TODAY, levelId: 'formal-notice', invoiceIds: ['A'] }, { at: TODAY, levelId: 'first-reminder', invoiceIds: ['B'] }],
    });
    const next = nextBestAction(after, shift(8));
    expect(Object.fromEntries(next.invoices.map((i) => [i.id, i.levelId]))).toMatchObject({ B: 'follow-up-call' });
  });

  it('a message the user picked instead is one entry', () => {
    expect(sentRecordsFor('firm-reminder', action, DEFAULT_POLICY, ['A', 'B'])).toEqual([
      { levelId: 'firm-reminder', channel: 'email', tone: 'firm', invoiceIds: ['A', 'B'] },
    ]);
  });
});

describe('sentMessageFor: what "Mark as sent" records', () => {
  const callAction = nextBestAction(customer({ invoices: [inv('A', 9)], reminders: [sent(8, 'first-reminder')] }), TODAY);
  it.each([
    ['the suggested message completes the action’s level', 'first-reminder', callAction, { levelId: 'follow-up-call', channel: 'phone', tone: 'courteous' }],
    ['another ladder situation completes its first level', 'formal-notice', callAction, { levelId: 'formal-notice', channel: 'registered-letter', tone: 'formal-notice' }],
    ['a broken-promise message is the policy’s event message', 'broken-promise', callAction, { levelId: 'broken-promise', channel: 'email', tone: 'firm' }],
    ['a thank-you is no reminder', 'thank-you-payment', callAction, { channel: 'email', tone: 'courteous' }],
  ] as const)('%s', (_name, situation, action, expected) => {
    expect(sentMessageFor(situation, action as NextAction, DEFAULT_POLICY)).toEqual(expected);
  });

  it.each([
    ['formal-notice', 'email', true],
    ['final-notice', 'email', true],
    ['first-reminder', 'registered-letter', true],
    ['first-reminder', 'letter', true],
    ['firm-reminder', 'email', false],
    ['first-reminder', 'phone', false],
  ] as const)('isLetter(%s, %s) = %s', (situation, channel, expected) => {
    expect(isLetter(situation, channel)).toBe(expected);
  });
});

// ---- messages -------------------------------------------------------------------------------

const EMPTY_LOG: CustomerLogState = deriveCustomerState({ events: [], invoices: [], today: TODAY });
const line = (id: string, daysLate: number, amount = 1000): MessageInvoice => ({
  id,
  number: `F-${id}`,
  issueDate: shift(-daysLate - 30),
  dueDate: shift(-daysLate),
  amountDue: eur(amount),
  daysOverdue: daysLate,
});

function input(over: Partial<PrepareMessageInput> = {}): PrepareMessageInput {
  const action = nextBestAction(customer({ invoices: [inv('A', 3)] }), TODAY);
  return {
    situation: 'first-reminder',
    language: 'fr',
    today: TODAY,
    action,
    customer: { name: 'Dupont SARL', debtorKind: 'business', postalAddress: '3 rue des Lilas\n69003 Lyon' },
    openInvoices: [line('A', 3)],
    logState: EMPTY_LOG,
    creditor: { name: 'Atelier Martin', address: '12 rue de la Paix\n75002 Paris', country: 'FR', paymentDetails: 'IBAN FR76 0000' },
    senderName: 'Claire Martin',
    rates: RATES,
    deadlineDays: 8,
    ...over,
  };
}

describe('prepareMessage', () => {
  it('writes the courteous first reminder with the invoice and no charges', () => {
    const result = prepareMessage(input());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toContain('F-A');
    expect(result.body).not.toMatch(/intérêts|indemnité|mise en demeure/i);
    expect(result.charges).toBeUndefined();
  });

  it('states interest and one indemnity per invoice in a French formal notice', () => {
    const result = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35), line('B', 35)] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 1,000 € × 12.40 % × 35 days / 365 = 4,340 / 365 = 11.89 € per invoice, twice; 40 € indemnity per invoice.
    expect(result.charges).toEqual({ interest: eur(23.78), indemnity: eur(80), legalBasis: {
        fr: 'articles L441-10 et D441-5 du Code de commerce',
        en: 'Articles L441-10 and D441-5 of the French Commercial Code',
      },
      warnings: [],
    });
    // The French letter cites the law in French.
    expect(result.body).toContain('En application de la loi (articles L441-10 et D441-5 du Code de commerce)');
    expect(result.subject).toBe('Mise en demeure de payer – Atelier Martin');
    expect(result.body).toContain('23,78');
    expect(result.body).toContain('80,00');
    expect(result.body).toContain('3 rue des Lilas');
  });

  it('writes a French consumer’s formal notice without an indemnity and without a zero interest line', () => {
    // No formal notice sent yet: interest only runs from this one (art. 1231-6 Code civil); no indemnity.
    const result = prepareMessage(
      input({
        situation: 'formal-notice',
        openInvoices: [line('A', 35)],
        customer: { name: 'M. Jean Dupont', debtorKind: 'consumer', postalAddress: '3 rue des Lilas\n69003 Lyon' },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.charges).toMatchObject({ interest: eur(0), indemnity: eur(0) });
    expect(result.body).toMatch(/mettons en demeure de nous régler la somme de 1\u202f000,00\u00a0€/);
    expect(result.body).not.toMatch(/indemnité|(?<![\d\u202f])0,00\u00a0€|40,00\u00a0€/);
  });

  it('refuses a saved first reminder that threatens legal action, naming the words', () => {
    const templates = {
      'first-reminder': { fr: { subject: 'Rappel', body: 'Bonjour,\n{{invoiceTable}}\nSans paiement, nous saisirons le tribunal.' } },
    };
    const result = prepareMessage(input({ templates }));
    expect(result).toEqual({
      ok: false,
      problems: [{ kind: 'template', issue: expect.objectContaining({ code: 'legal-threat', placeholder: 'tribunal', field: 'body' }) }],
    });
    // The same words are allowed in a formal notice.
    const notice = prepareMessage(
      input({
        situation: 'formal-notice',
        openInvoices: [line('A', 35)],
        templates: { 'formal-notice': { fr: { subject: 'Mise en demeure', body: '{{invoiceTable}}\n{{totalWithCharges}} avant le {{deadlineDate}}, faute de quoi nous saisirons le tribunal.' } } },
      }),
    );
    expect(notice.ok).toBe(true);
  });

  it('deducts an open credit note: listed as a negative line, total and interest on what remains owed', () => {
    const credit: MessageInvoice = { id: 'AV', number: 'AV-1', issueDate: shift(-10), dueDate: shift(-10), amountDue: eur(-200), daysOverdue: 0, kind: 'credit-note' };
    const reminder = prepareMessage(input({ openInvoices: [line('A', 3)], creditNotes: [credit] }));
    expect(reminder.ok).toBe(true);
    if (!reminder.ok) return;
    expect(reminder.body).toMatch(/AV-1 \(avoir\) .*-200,00\u00a0€/);
    expect(reminder.body).toContain('Montant restant dû\u00a0: 800,00\u00a0€');
    expect(reminder.invoices.map((i) => i.id)).toEqual(['A']);

    const notice = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35)], creditNotes: [credit] }));
    if (!notice.ok) throw new Error('expected a notice');
    // 800 € × 12.40 % × 35 / 365 = 3,472 / 365 = 9.51 €; one 40 € indemnity.
    expect(notice.charges).toMatchObject({ interest: eur(9.51), indemnity: eur(40) });
    expect(notice.body).toContain('mettons en demeure de nous régler la somme de 849,51\u00a0€');
  });

  it('leaves out an invoice a credit note covers in full', () => {
    const credit: MessageInvoice = { id: 'AV', number: 'AV-1', dueDate: shift(-40), amountDue: eur(1000), daysOverdue: 0, kind: 'credit-note' };
    const result = prepareMessage(input({ situation: 'firm-reminder', openInvoices: [line('A', 35), line('B', 20, 500)], creditNotes: [credit] }));
    if (!result.ok) throw new Error('expected a message');
    expect(result.invoices.map((i) => i.id)).toEqual(['B']);
    expect(result.body).not.toContain('F-A');
    expect(result.body).not.toContain('AV-1');
    expect(result.body).toContain('Montant restant dû\u00a0: 500,00\u00a0€');
  });

  it('refuses to show a notice without amounts when a rate is missing, and says which', () => {
    const late: RateTables = { ...RATES, 'ecb-mro': { knownThrough: '2027-12-31', entries: [{ from: '2027-01-01', ratePercent: 2 }] } };
    const result = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35)], rates: late }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { kind: 'law', message: expect.stringMatching(/^invoice F-A: No 'ecb-mro' rate for 2026-07-01: .*Update the rate table in the options\./) },
    ]);
  });

  it('passes on the warning when a rate is carried past the table’s last confirmed date', () => {
    const stale: RateTables = { ...RATES, 'ecb-mro': { ...RATES['ecb-mro'], knownThrough: '2026-02-05' } };
    const result = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35), line('B', 35)], rates: stale }));
    expect(result.ok && result.charges?.warnings).toEqual([expect.objectContaining({ code: 'rate-not-confirmed', referenceDate: '2026-07-01' })]);
  });

  it.each([
    ['the company address', { creditor: { name: 'Atelier Martin', country: 'FR' as const } }, 'creditorAddress'],
    ['the customer’s address', { customer: { name: 'Dupont SARL', debtorKind: 'business' as const } }, 'debtorAddress'],
  ])('names the missing placeholder when %s is not set', (_name, over, placeholder) => {
    const result = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35)], ...over }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ kind: 'template', issue: expect.objectContaining({ code: 'missing-variable', placeholder }) });
    expect(result.problems.filter((p) => p.kind === 'template' && p.issue.placeholder === placeholder)).toHaveLength(1);
  });

  it('names the field when the company name is not set', () => {
    const result = prepareMessage(input({ creditor: { name: '', country: 'FR' } }));
    expect(result).toEqual({ ok: false, problems: [{ kind: 'input', field: 'creditor.name', message: 'creditor.name: is required' }] });
  });

  it('names an unknown placeholder in a template the user edited', () => {
    const templates = { 'first-reminder': { fr: { subject: 'Rappel', body: 'Bonjour {{clientName}},\n{{invoiceTable}}' } } };
    const result = prepareMessage(input({ templates }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ kind: 'template', issue: expect.objectContaining({ code: 'unknown-placeholder', placeholder: 'clientName', field: 'body' }) }]);
  });

  it('never reminds a disputed invoice, and lists it in the acknowledgement of the dispute', () => {
    const events: ContactEvent[] = [
      {
        id: '00000000-0000-4000-8000-000000000001',
        kind: 'contact',
        customerId: 'c1',
        invoiceIds: [],
        at: `${shift(-2)}T10:00:00.000Z`,
        recordedAt: `${shift(-2)}T10:00:00.000Z`,
        author: 'Claire',
        channel: 'phone',
        direction: 'incoming',
        outcome: { type: 'dispute', reason: 'Livraison incomplète', invoiceIds: ['B'] },
        notes: '',
      },
    ];
    const logState = deriveCustomerState({ events, invoices: [], today: TODAY });
    const openInvoices = [line('A', 10), line('B', 12)];
    const reminder = prepareMessage(input({ logState, openInvoices }));
    expect(reminder.ok && reminder.invoices.map((i) => i.id)).toEqual(['A']);
    const ack = prepareMessage(input({ logState, openInvoices, situation: 'dispute-acknowledgement' }));
    expect(ack.ok && ack.invoices.map((i) => i.id)).toEqual(['B']);
    expect(ack.ok && ack.body).toContain('Livraison incomplète');
  });

  it('says there is nothing to write about when no invoice is overdue', () => {
    expect(prepareMessage(input({ situation: 'firm-reminder', openInvoices: [line('A', -5)] }))).toEqual({ ok: false, problems: [{ kind: 'no-invoices' }] });
  });
});

describe('late-payment charges over several invoices', () => {
  const context = { asOf: TODAY, country: 'FR' as const, debtor: 'business' as const, rates: RATES };
  it('computes each invoice on its own due date', () => {
    const results = chargesPerInvoice([line('A', 35), line('B', 5)], context);
    // 1,000 € × 12.40 % × 35 / 365 = 11.89 €; × 5 / 365 = 620 / 365 = 1.70 €.
    expect(results.map((r) => r.breakdown?.interest.amountMinor)).toEqual([1189, 170]);
    expect(totalCharges(results).interest).toEqual({ amountMinor: 1359, currency: 'EUR' });
  });
  it('fails the total, naming the invoice, when one invoice cannot be computed', () => {
    const results = chargesPerInvoice([line('A', 35), { ...line('B', 5), amountDue: { amountMinor: 500, currency: 'USD' } }], context);
    expect(results[0]?.error).toBeUndefined();
    expect(results[1]?.error?.message).toMatch(/principal/);
    expect(() => totalCharges(results)).toThrow(/^invoice F-B: /);
  });
  it('has nothing to total without invoices', () => {
    expect(() => totalCharges([])).toThrow(/no overdue invoice/);
  });
});

describe('letters', () => {
  const formal = (language: 'fr' | 'en') => {
    const result = prepareMessage(input({ situation: 'formal-notice', language, openInvoices: [line('A', 35)] }));
    if (!result.ok) throw new Error('expected a rendered notice');
    return result;
  };

  it.each([
    ['fr', 'Mise en demeure de payer', 'Lettre recommandée avec accusé de réception', 'Madame, Monsieur,'],
    ['en', 'Formal notice to pay', 'Sent by recorded delivery with acknowledgement of receipt', 'Dear Sir or Madam,'],
  ] as const)('cuts a %s formal notice into mentions, subject, body and signature', (language, subject, mention, salutation) => {
    const notice = formal(language);
    const parts = splitLetter(notice.body, language, { today: notice.vars.today, signature: notice.vars.senderSignature });
    expect(parts.subject).toBe(subject);
    expect(parts.mentions).toEqual([mention]);
    expect(parts.body.startsWith(salutation)).toBe(true);
    expect(parts.signature).toBe('Claire Martin\nAtelier Martin');
    expect(parts.body).not.toContain('12 rue de la Paix'); // the head is printed as blocks, not twice
    expect(parts.body.endsWith('Claire Martin')).toBe(false);
  });

  it('keeps the whole text as the body when there is no subject line', () => {
    expect(splitLetter('Bonjour,\n\nMerci.\n', 'fr')).toEqual({ mentions: [], body: 'Bonjour,\n\nMerci.' });
  });

  it.each([
    ['12 rue de la Paix\n75002 Paris', 'Paris'],
    ['12 rue de la Paix\n75002 Paris Cedex 02\nFrance', 'Paris'],
    ['Rue Neuve 1\nB-1000 Bruxelles', 'Bruxelles'],
    ['10 Downing Street\nLondon SW1A 2AA', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('placeOf(%j) = %s', (address, expected) => {
    expect(placeOf(address)).toBe(expected);
  });

  it.each([
    ['Paris', 'fr', 'Paris, le 23 novembre 2026'],
    [undefined, 'fr', 'Le 23 novembre 2026'],
    ['London', 'en', 'London, 23 November 2026'],
  ] as const)('placeAndDate(%s, %s)', (place, language, expected) => {
    expect(placeAndDate(place, language === 'fr' ? '23 novembre 2026' : '23 November 2026', language)).toBe(expected);
  });
});

describe('letterDraftOf: the page handed to the printer', () => {
  it('lays out a French formal notice with its blocks, keeping the user’s edits', () => {
    const notice = prepareMessage(input({ situation: 'formal-notice', openInvoices: [line('A', 35)] }));
    if (!notice.ok) throw new Error('expected a rendered notice');
    const edited = notice.body.replace('Madame, Monsieur,', 'Madame Dupont,');
    const draft = letterDraftOf({
      language: 'fr',
      text: edited,
      subject: notice.subject,
      vars: notice.vars,
      creditor: { name: 'Atelier Martin', address: '12 rue de la Paix\n75002 Paris' },
      customer: { name: 'Dupont SARL', postalAddress: '3 rue des Lilas\n69003 Lyon' },
    });
    expect(LetterDraftSchema.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({
      sender: { name: 'Atelier Martin', address: '12 rue de la Paix\n75002 Paris' },
      recipient: { name: 'Dupont SARL', address: '3 rue des Lilas\n69003 Lyon' },
      placeDate: 'Paris, le 23 novembre 2026',
      mentions: ['Lettre recommandée avec accusé de réception'],
      subject: 'Mise en demeure de payer',
      signature: 'Claire Martin\nAtelier Martin',
    });
    expect(draft.body.startsWith('Madame Dupont,')).toBe(true);
  });

  it('uses the message subject when the text has no subject line', () => {
    const reminder = prepareMessage(input());
    if (!reminder.ok) throw new Error('expected a rendered reminder');
    const draft = letterDraftOf({
      language: 'fr',
      text: reminder.body,
      subject: reminder.subject,
      vars: reminder.vars,
      creditor: { name: 'Atelier Martin' },
      customer: { name: 'Dupont SARL' },
    });
    expect(draft.subject).toBe(reminder.subject);
    expect(draft.placeDate).toBe('Le 23 novembre 2026');
    expect(draft.recipient).toEqual({ name: 'Dupont SARL' });
  });
});
