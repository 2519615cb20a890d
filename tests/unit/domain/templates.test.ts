import { describe, expect, it } from 'vitest';
import {
  buildTemplateVars,
  CONTACT_NAME_FALLBACK,
  DEFAULT_TEMPLATES,
  defaultTemplate,
  explainTone,
  LANGUAGES,
  legalThreats,
  renderInvoiceTable,
  renderTemplate,
  resolveTemplate,
  SITUATIONS,
  TemplateError,
  TemplateInputError,
  TONE_OF_SITUATION,
  TONE_ORDER,
  validateTemplate,
  type InvoiceLine,
  type Language,
  type MessageTemplate,
  type Situation,
  type TemplateInput,
  type TemplateIssue,
  type TemplateVars,
  type Tone,
} from '../../../utils/domain/templates';

const NNBSP = '\u202f'; // Intl's thousands separator in fr-FR
const NBSP = '\u00a0'; // Intl's space before the currency symbol in fr-FR
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

const INVOICES: InvoiceLine[] = [
  { number: 'F-2026-0142', issueDate: '2026-08-01', dueDate: '2026-08-31', amountDue: eur(123456), daysOverdue: 76 },
  { number: 'F-2026-0188', issueDate: '2026-09-10', dueDate: '2026-10-10', amountDue: eur(97500), daysOverdue: 36 },
];

const LEGAL_BASIS: Record<Language, string> = {
  fr: 'articles L441-10 et D441-5 du Code de commerce',
  en: 'Articles L441-10 and D441-5 of the French Commercial Code',
};

/** Everything a template can use, with distinct amounts so each one can be found in the output. */
function sampleInput(language: Language, changes: Partial<TemplateInput> = {}): TemplateInput {
  return {
    language,
    today: '2026-11-15',
    customerName: 'Boulangerie Martin SARL',
    contactName: 'Claire Martin',
    creditor: {
      name: 'Atelier Dupont SAS',
      address: '12 rue des Lilas\n69003 Lyon',
      paymentDetails: 'IBAN FR76 3000 6000 0112 3456 7890 189\nBIC AGRIFRPP',
      senderName: 'Julie Dupont',
    },
    debtorAddress: '4 place du Marché\n33000 Bordeaux',
    invoices: INVOICES,
    charges: { interest: eur(30358), indemnity: eur(8000), legalBasis: LEGAL_BASIS[language] },
    deadlineDays: 8,
    promise: { date: '2026-11-05', amount: eur(50000) },
    installment: { dueDate: '2026-11-01', amount: eur(25000) },
    disputeReason: 'Livraison incomplète',
    paymentAmount: eur(41200),
    ...changes,
  };
}

const sampleVars = (language: Language, changes: Partial<TemplateInput> = {}): TemplateVars =>
  buildTemplateVars(sampleInput(language, changes));

const EVERY_TEMPLATE = SITUATIONS.flatMap((situation) =>
  LANGUAGES.map((language) => ({ situation, language, tone: TONE_OF_SITUATION[situation] })),
);

function render(situation: Situation, language: Language, changes: Partial<TemplateInput> = {}) {
  return renderTemplate(defaultTemplate(situation, language), sampleVars(language, changes), language);
}

/** Lower-case, accents removed, so "procédure" and "PROCEDURE" both match. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const LEGAL_ACTION =
  /\b(courts?|bailiffs?|injunctions?|litigation|legal action|lawsuits?|proceedings|tribunal|huissiers?|commissaire de justice|injonction de payer|contentieux|poursuites?|procedure judiciaire|action en justice|judiciaire|judicial|avocats?|lawyers?)\b/;
const CHARGES_WORDS = /(interet|interest|indemnit|penalit|penalt|frais de recouvrement|recovery cost|l441|d441)/;

function catchError<T extends Error>(fn: () => unknown, type: new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error('expected an error, none was thrown');
}

describe('tones', () => {
  it.each<[Situation, Tone]>([
    ['pre-due-courtesy', 'courteous'],
    ['first-reminder', 'courteous'],
    ['thank-you-payment', 'courteous'],
    ['dispute-acknowledgement', 'courteous'],
    ['firm-reminder', 'firm'],
    ['broken-promise', 'firm'],
    ['missed-installment', 'firm'],
    ['formal-notice', 'formal-notice'],
    ['final-notice', 'final-notice'],
  ])('%s is sent in the %s tone', (situation, tone) => {
    expect(TONE_OF_SITUATION[situation]).toBe(tone);
  });

  it('orders tones from courteous to final notice', () => {
    expect(TONE_ORDER).toEqual(['courteous', 'firm', 'formal-notice', 'final-notice']);
  });

  it.each(TONE_ORDER.flatMap((tone) => LANGUAGES.map((language) => [tone, language] as const)))(
    'explains the %s tone in %s in one sentence',
    (tone, language) => {
      const sentence = explainTone(tone, language);
      expect(sentence).toMatch(/^\p{Lu}[^\n]*\.$/u);
      const others = TONE_ORDER.filter((t) => t !== tone).map((t) => explainTone(t, language));
      expect(others).not.toContain(sentence);
      expect(explainTone(tone, language === 'fr' ? 'en' : 'fr')).not.toBe(sentence);
    },
  );

  it('explains the courteous tone in French as a probable oversight', () => {
    expect(explainTone('courteous', 'fr')).toMatch(/courtois.*oubli/);
    expect(explainTone('final-notice', 'en')).toMatch(/collection agency/);
  });
});

describe.each(EVERY_TEMPLATE)('built-in template $situation ($language, $tone)', ({ situation, language, tone }) => {
  const template = defaultTemplate(situation, language);

  it('is valid and renders completely with full sample values', () => {
    expect(validateTemplate(template)).toEqual([]);
    const { subject, body } = render(situation, language);
    expect(subject.trim()).not.toBe('');
    expect(subject).not.toContain('\n');
    for (const text of [subject, body]) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).not.toMatch(/undefined|null|NaN/);
    }
    expect(body).toContain('F-2026-0142');
    expect(body.trimEnd().endsWith('Julie Dupont\nAtelier Dupont SAS')).toBe(true);
  });

  it('greets the named contact, or falls back to a generic polite greeting', () => {
    expect(render(situation, language).body).toContain('Claire Martin');
    const anonymous = render(situation, language, { contactName: undefined }).body;
    const letter = tone === 'formal-notice' || tone === 'final-notice';
    // A French e-mail without a name opens with "Bonjour," (never "Bonjour Madame, Monsieur,"); letters with
    // "Madame, Monsieur," on its own line.
    const greeting = language === 'en' ? 'Dear Sir or Madam,' : letter ? 'Madame, Monsieur,' : 'Bonjour,';
    expect(anonymous.split('\n')).toContain(greeting);
    expect(anonymous).not.toMatch(/Bonjour Madame/);
    expect(anonymous).not.toContain('Claire Martin');
  });

  it('follows the typography of its language', () => {
    const { subject, body } = render(situation, language);
    if (language === 'fr') {
      // No plain space before : ; ! ? (a line could break there), and the typographic apostrophe.
      expect(`${subject}\n${body}`).not.toMatch(/ [:;!?]/);
      expect(body).not.toMatch(/\p{L}'\p{L}/u);
    } else {
      expect(`${subject}\n${body}`).not.toMatch(/[\u00a0\u202f][:;!?]/);
    }
  });

  it('leaves no gap or dangling label when optional details are missing', () => {
    const full = render(situation, language).body;
    const bare = render(situation, language, {
      creditor: { name: 'Atelier Dupont SAS', address: '12 rue des Lilas\n69003 Lyon' },
      charges: tone === 'courteous' || tone === 'firm' ? undefined : sampleInput(language).charges,
      deadlineDays: tone === 'courteous' || tone === 'firm' ? undefined : 8,
    }).body;
    for (const text of [full, bare]) expect(text).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
    expect(bare).not.toContain('IBAN');
    expect(bare).not.toMatch(language === 'fr' ? /coordonnées de paiement/ : /payment details/);
    expect(bare.trimEnd().endsWith('Atelier Dupont SAS')).toBe(true);
  });
});

const tonesOf = (tone: Tone) => EVERY_TEMPLATE.filter((t) => t.tone === tone);
const BELOW_FORMAL = EVERY_TEMPLATE.filter((t) => TONE_ORDER.indexOf(t.tone) < TONE_ORDER.indexOf('formal-notice'));

describe('tone rules over every built-in template', () => {
  it('covers every template', () => {
    expect(BELOW_FORMAL.length + tonesOf('formal-notice').length + tonesOf('final-notice').length).toBe(EVERY_TEMPLATE.length);
    expect(BELOW_FORMAL).toHaveLength(14);
  });

  it.each(BELOW_FORMAL)('$situation ($language) never mentions courts or legal action', ({ situation, language }) => {
    const template = defaultTemplate(situation, language);
    const { subject, body } = render(situation, language);
    expect(fold(`${template.subject}\n${template.body}`)).not.toMatch(LEGAL_ACTION);
    expect(fold(`${subject}\n${body}`)).not.toMatch(LEGAL_ACTION);
  });

  it.each(tonesOf('courteous'))('$situation ($language) never mentions interest, indemnity or their amounts', ({ situation, language }) => {
    const { subject, body } = render(situation, language);
    expect(fold(`${subject}\n${body}`)).not.toMatch(CHARGES_WORDS);
    expect(body).not.toMatch(/303[.,]58|2[\s,.\u202f]?593[.,]14/);
  });

  it.each(tonesOf('firm'))('$situation ($language) may recall charges are due by law, but states no charge amount', ({ situation, language }) => {
    const { body } = render(situation, language);
    const vars = sampleVars(language);
    for (const amount of [vars.interestAmount, vars.indemnityAmount, vars.totalWithCharges]) {
      expect(amount).toBeDefined();
      expect(body).not.toContain(amount);
    }
    expect(body).not.toMatch(/303[.,]58|2[\s,.\u202f]?593[.,]14/);
    expect(body).toContain(LEGAL_BASIS[language]);
  });

  it.each([...tonesOf('formal-notice'), ...tonesOf('final-notice')])(
    '$situation ($language) states interest, indemnity, legal basis, deadline, both parties and the consequence',
    ({ situation, language }) => {
      const { body } = render(situation, language);
      const fr = language === 'fr';
      const expected = [
        fr ? '303,58' : '303.58',
        fr ? `80,00${NBSP}€` : '€80.00',
        fr ? `2${NNBSP}593,14${NBSP}€` : '€2,593.14',
        LEGAL_BASIS[language],
        fr ? '15 novembre 2026' : '15 November 2026',
        fr ? '23 novembre 2026' : '23 November 2026',
        'Atelier Dupont SAS\n12 rue des Lilas\n69003 Lyon',
        'Boulangerie Martin SARL\n4 place du Marché\n33000 Bordeaux',
      ];
      for (const text of expected) expect(body).toContain(text);
      expect(body).toMatch(fr ? /Indemnité forfaitaire pour frais de recouvrement/i : /fixed compensation for recovery costs/i);
      expect(fold(body)).toMatch(fr ? /procedure judiciaire/ : /legal proceedings/);
    },
  );

  it.each([...tonesOf('formal-notice'), ...tonesOf('final-notice')])(
    '$situation ($language) never prints a charge the law does not give',
    ({ situation, language }) => {
      const fr = language === 'fr';
      // A consumer debtor: interest accrued, no indemnity. The indemnity line goes, nothing reads "0,00 €".
      const consumer = render(situation, language, {
        charges: { interest: eur(1234), indemnity: eur(0), legalBasis: LEGAL_BASIS[language] },
      }).body;
      expect(consumer).toContain(fr ? `12,34${NBSP}€` : '€12.34');
      expect(consumer).not.toMatch(/indemnit|compensation for recovery/i);
      expect(consumer).not.toMatch(/\b0[,.]00/);
      expect(consumer).toContain(LEGAL_BASIS[language]);
      // A French consumer on the day of the formal notice: nothing has accrued yet, the notice still demands
      // the principal by the deadline.
      const nothing = render(situation, language, {
        charges: { interest: eur(0), indemnity: eur(0), legalBasis: LEGAL_BASIS[language] },
      }).body;
      expect(nothing).not.toMatch(/\b0[,.]00/);
      expect(nothing).not.toContain(LEGAL_BASIS[language]);
      expect(nothing).toContain(fr ? '23 novembre 2026' : '23 November 2026');
      expect(nothing).toContain(fr ? `2${NNBSP}209,56${NBSP}€` : '€2,209.56');
      expect(nothing).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
    },
  );
});

describe('legal action below the formal notice, in every template a user may save', () => {
  const THREATS: Record<Language, string[]> = {
    fr: ['le tribunal de commerce', 'un commissaire de justice', 'une injonction de payer', 'notre service contentieux', 'une action en justice', 'des poursuites', 'notre avocat', 'un huissier', 'une procédure judiciaire'],
    en: ['the county court', 'a bailiff', 'an injunction', 'litigation', 'legal action', 'legal proceedings', 'our solicitors', 'a lawsuit'],
  };
  const cases = EVERY_TEMPLATE.flatMap(({ situation, language, tone }) =>
    THREATS[language].map((words) => ({ situation, language, tone, words })),
  );

  it.each(cases)('$situation ($language): "$words" is refused below the formal notice, with its position', ({ situation, language, tone, words }) => {
    const built = defaultTemplate(situation, language);
    const body = `${built.body}\n\n${language === 'fr' ? 'À défaut, nous saisirons' : 'Otherwise we will involve'} ${words}.`;
    const edited: MessageTemplate = { subject: built.subject, body };
    const threats = validateTemplate(edited, situation).filter((issue) => issue.code === 'legal-threat');
    if (tone === 'formal-notice' || tone === 'final-notice') {
      expect(threats).toEqual([]);
      return;
    }
    expect(threats).toHaveLength(1);
    const issue = threats[0]!;
    expect(issue.field).toBe('body');
    expect(body.slice(issue.index, issue.index + issue.placeholder.length)).toBe(issue.placeholder);
    expect(fold(words)).toContain(fold(issue.placeholder));
    // Without the situation (a plain syntax check) the text is valid.
    expect(validateTemplate(edited)).toEqual([]);
  });

  it.each(BELOW_FORMAL)('$situation ($language): a threat in the subject is refused too', ({ situation, language }) => {
    const [subject, word] = language === 'fr' ? ['Avant tribunal – {{creditorName}}', 'tribunal'] : ['Before court – {{creditorName}}', 'court'];
    const issues = validateTemplate({ subject, body: defaultTemplate(situation, language).body }, situation);
    expect(issues).toEqual([expect.objectContaining({ field: 'subject', code: 'legal-threat', index: subject.indexOf(word), placeholder: word })]);
  });

  it.each(EVERY_TEMPLATE)('the built-in $situation ($language) passes its own check', ({ situation, language, tone }) => {
    expect(validateTemplate(defaultTemplate(situation, language), situation)).toEqual([]);
    // The detector does see the notices' own wording, so the check above is not vacuous.
    if (tone === 'formal-notice' || tone === 'final-notice') expect(legalThreats(defaultTemplate(situation, language)).length).toBeGreaterThan(0);
  });

  it.each<[string, string]>([
    ['an accent or capitals', 'Le TRIBUNAL'],
    ['a plural', 'nos Avocats'],
  ])('matches whatever %s', (_name, words) => {
    expect(legalThreats({ subject: '', body: words })).toHaveLength(1);
  });

  it.each<[string, string]>([
    ['courtesy', 'A courteous reminder, with our courtesy.'],
    ['a procès-verbal', 'Merci de nous transmettre le procès-verbal de réception.'],
    ['a data-entry slip', 'Sauf erreur de saisie de notre part.'],
    ['the pursuit of a relationship', 'Nous tenons à la poursuite de nos relations.'],
    ['an issue', 'If there is an issue, let us know.'],
  ])('does not flag %s', (_name, text) => {
    expect(legalThreats({ subject: '', body: text })).toEqual([]);
  });
});

describe('French typography in the rendered text', () => {
  it.each<[string, string, string]>([
    ['a colon', 'Montant : {{totalDue}}', `Montant\u00a0: 10,00${NBSP}€`],
    ['semicolon, exclamation and question marks', 'Merci ; à bientôt ! Une question ?', 'Merci\u202f; à bientôt\u202f! Une question\u202f?'],
    ['guillemets', '« Merci »', '«\u00a0Merci\u00a0»'],
    ['a value is inserted as it is', '{{paymentDetails}}', 'https://pay.example/?a=1 : ok'],
  ])('%s', (_name, body, expected) => {
    const vars: TemplateVars = { totalDue: `10,00${NBSP}€`, paymentDetails: 'https://pay.example/?a=1 : ok' };
    expect(renderTemplate({ subject: '', body }, vars, 'fr').body).toBe(expected);
  });

  it('English text is left alone', () => {
    expect(renderTemplate({ subject: '', body: 'Total : 10' }, {}, 'en').body).toBe('Total : 10');
  });
});

describe('formal notice and final notice wording', () => {
  it.each<[Language, RegExp[]]>([
    ['fr', [/mise en demeure/i, /lettre recommandée avec accusé de réception/i, /nous vous mettons en demeure de nous régler/, /taux prévu par la loi/, /sans autre avis/]],
    ['en', [/formal notice/i, /recorded delivery/i, /hereby give you formal notice to pay/, /statutory rate/, /without further notice/]],
  ])('the %s formal notice demands payment and names itself', (language, patterns) => {
    const { subject, body } = render('formal-notice', language);
    expect(subject).toMatch(patterns[0]!);
    for (const pattern of patterns) expect(body).toMatch(pattern);
  });

  it.each<[Language, RegExp]>([
    ['fr', /dernière démarche amiable[\s\S]*société de recouvrement/],
    ['en', /final step towards an amicable settlement[\s\S]*debt collection agency/],
  ])('the %s final notice is the last amicable step before a collection agency', (language, pattern) => {
    expect(render('final-notice', language).body).toMatch(pattern);
  });
});

describe('amounts and dates follow the template language', () => {
  const fr = { total: `2${NNBSP}209,56${NBSP}€`, interest: `303,58${NBSP}€` };
  const en = { total: '€2,209.56', interest: '€303.58' };
  it.each<[Situation, Language, string[], string[]]>([
    ['pre-due-courtesy', 'fr', [fr.total, '31/08/2026'], [en.total]],
    ['pre-due-courtesy', 'en', [en.total, '31/08/2026'], [fr.total]],
    ['first-reminder', 'fr', [fr.total, `1${NNBSP}234,56${NBSP}€`], [en.total]],
    ['first-reminder', 'en', [en.total, '€1,234.56'], [fr.total]],
    ['firm-reminder', 'fr', [fr.total, `76${NBSP}jours`, 'au plus tard le 23 novembre 2026'], [en.total]],
    ['firm-reminder', 'en', [en.total, '76 days overdue', 'no later than 23 November 2026'], [fr.total]],
    ['broken-promise', 'fr', [`500,00${NBSP}€`, '5 novembre 2026', fr.total], ['€500.00']],
    ['broken-promise', 'en', ['€500.00', '5 November 2026', en.total], [`500,00${NBSP}€`]],
    ['missed-installment', 'fr', [`250,00${NBSP}€`, '1er novembre 2026', fr.total], ['€250.00']],
    ['missed-installment', 'en', ['€250.00', '1 November 2026', en.total], [`250,00${NBSP}€`]],
    ['formal-notice', 'fr', [fr.interest, 'Le 15 novembre 2026'], [en.interest, '303.58']],
    ['formal-notice', 'en', [en.interest, '15 November 2026'], [fr.interest, '303,58']],
    ['final-notice', 'fr', [fr.interest, `76${NBSP}jours`], [en.interest, '303.58']],
    ['final-notice', 'en', [en.interest, 'the oldest for 76 days'], [fr.interest, '303,58']],
    ['thank-you-payment', 'fr', [`412,00${NBSP}€`, fr.total], ['€412.00']],
    ['thank-you-payment', 'en', ['€412.00', en.total], [`412,00${NBSP}€`]],
    ['dispute-acknowledgement', 'fr', ['Livraison incomplète', '10/10/2026'], [en.total]],
    ['dispute-acknowledgement', 'en', ['Livraison incomplète', '10/10/2026'], [fr.total]],
  ])('%s in %s', (situation, language, present, absent) => {
    const { subject, body } = render(situation, language);
    const text = `${subject}\n${body}`;
    for (const s of present) expect(text).toContain(s);
    for (const s of absent) expect(text).not.toContain(s);
  });
});

describe('validateTemplate', () => {
  it.each<[string, MessageTemplate, Pick<TemplateIssue, 'field' | 'placeholder' | 'index' | 'code'>]>([
    ['unknown variable in the subject', { subject: 'Hi {{foo}}', body: '' }, { field: 'subject', placeholder: 'foo', index: 3, code: 'unknown-placeholder' }],
    ['misspelt variable in the body', { subject: '', body: 'Total: {{totalDu}}' }, { field: 'body', placeholder: 'totalDu', index: 7, code: 'unknown-placeholder' }],
    ['unknown variable in an #if', { subject: '', body: 'x {{#if bogus}}y{{/if}}' }, { field: 'body', placeholder: 'bogus', index: 2, code: 'unknown-placeholder' }],
    ['unsupported block', { subject: '', body: '{{#each invoices}}' }, { field: 'body', placeholder: '#each invoices', index: 0, code: 'malformed-tag' }],
    ['empty tag', { subject: '', body: 'a {{ }}' }, { field: 'body', placeholder: '', index: 2, code: 'malformed-tag' }],
    ['unclosed tag', { subject: '', body: 'Dear {{contactName,' }, { field: 'body', placeholder: '{{contactName,', index: 5, code: 'malformed-tag' }],
    ['stray closing braces', { subject: 'Invoice customerName}}', body: '' }, { field: 'subject', placeholder: '}}', index: 20, code: 'malformed-tag' }],
    ['unclosed #if', { subject: '', body: 'a\n{{#if contactName}}\nb' }, { field: 'body', placeholder: 'contactName', index: 2, code: 'unbalanced-if' }],
    ['#if closed twice', { subject: '', body: '{{#if contactName}}a{{/if}}{{/if}}' }, { field: 'body', placeholder: '{{/if}}', index: 27, code: 'unbalanced-if' }],
  ])('reports %s with its name and position', (_label, template, expected) => {
    const issues = validateTemplate(template);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(expected);
    const error = catchError(() => renderTemplate(template, sampleVars('en'), 'en'), TemplateError);
    expect(error.issues).toEqual(issues);
    expect(error.message).toContain(expected.placeholder);
  });

  it('reports every problem, not just the first', () => {
    const issues = validateTemplate({ subject: '{{a}}', body: '{{b}} {{customerName}} {{#if c}}' });
    expect(issues.map((i) => [i.field, i.placeholder])).toEqual([
      ['subject', 'a'],
      ['body', 'b'],
      ['body', 'c'],
      ['body', 'c'],
    ]);
  });

  it.each<[string, MessageTemplate]>([
    ['spaces inside braces', { subject: '{{ customerName }}', body: '' }],
    ['nested #if blocks', { subject: '', body: '{{#if totalDue}}{{#if deadlineDate}}{{deadlineDate}}{{/if}}{{/if}}' }],
    ['single braces', { subject: 'Ref {A-12}', body: '{x}' }],
  ])('accepts %s', (_label, template) => {
    expect(validateTemplate(template)).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it.each<[string, MessageTemplate, TemplateVars, string[]]>([
    ['absent variable', { subject: 'Total {{totalDue}}', body: '' }, {}, ['totalDue']],
    ['blank variable', { subject: '', body: 'Pay by {{deadlineDate}}' }, { deadlineDate: '  ' }, ['deadlineDate']],
    ['variable inside an #if on another one', { subject: '', body: '{{#if totalDue}}{{deadlineDate}}{{/if}}' }, { totalDue: '10 €' }, ['deadlineDate']],
    ['several at once', { subject: '{{creditorName}}', body: '{{today}} {{totalDue}}' }, { totalDue: '1 €' }, ['creditorName', 'today']],
  ])('rejects a missing value (%s) by name', (_label, template, vars, missing) => {
    const error = catchError(() => renderTemplate(template, vars, 'fr'), TemplateError);
    expect(error.issues.map((i) => i.placeholder)).toEqual(missing);
    expect(error.issues.every((i) => i.code === 'missing-variable')).toBe(true);
    for (const name of missing) expect(error.message).toContain(name);
  });

  it.each<[string, string, TemplateVars, string]>([
    ['inline #if, value present', 'Pay{{#if deadlineDate}} by {{deadlineDate}}{{/if}}.', { deadlineDate: '23 Nov' }, 'Pay by 23 Nov.'],
    ['inline #if, value absent', 'Pay{{#if deadlineDate}} by {{deadlineDate}}{{/if}}.', {}, 'Pay.'],
    ['inline #if, value blank', 'Pay{{#if deadlineDate}} by {{deadlineDate}}{{/if}}.', { deadlineDate: '' }, 'Pay.'],
    ['block on its own lines, present', 'A\n{{#if paymentDetails}}\nIBAN: {{paymentDetails}}\n{{/if}}\nB', { paymentDetails: 'FR76' }, 'A\nIBAN: FR76\nB'],
    ['block on its own lines, absent', 'A\n{{#if paymentDetails}}\nIBAN: {{paymentDetails}}\n{{/if}}\nB', {}, 'A\nB'],
    ['value with braces and markup kept verbatim', 'Hello {{customerName}}', { customerName: '<b>{{totalDue}}</b> & Co' }, 'Hello <b>{{totalDue}}</b> & Co'],
    ['multi-line value', '{{debtorAddress}}!', { debtorAddress: '1 rue X\n75001 Paris' }, '1 rue X\n75001 Paris!'],
  ])('%s', (_label, body, vars, expected) => {
    expect(renderTemplate({ subject: 's', body }, vars, 'en').body).toBe(expected);
  });

  it.each(LANGUAGES)('falls back to a polite greeting when no contact is named (%s)', (language) => {
    const template = { subject: '', body: language === 'fr' ? 'Bonjour {{contactName}},' : 'Dear {{contactName}},' };
    expect(renderTemplate(template, {}, language).body).toBe(
      language === 'fr' ? 'Bonjour Madame, Monsieur,' : 'Dear Sir or Madam,',
    );
    expect(renderTemplate(template, { contactName: 'Ana Lopez' }, language).body).toMatch(/Ana Lopez,$/);
    expect(CONTACT_NAME_FALLBACK[language]).not.toBe('');
  });

  it('rejects an unknown language', () => {
    expect(() => renderTemplate({ subject: '', body: '' }, {}, 'de' as Language)).toThrow(/de/);
  });
});

describe('resolveTemplate', () => {
  const edited = { subject: 'Petit rappel – {{creditorName}}', body: 'Bonjour {{contactName}}, {{totalDue}}' };
  it.each<[Situation, Language, MessageTemplate]>([
    ['first-reminder', 'fr', edited],
    ['first-reminder', 'en', DEFAULT_TEMPLATES['first-reminder'].en],
    ['firm-reminder', 'fr', DEFAULT_TEMPLATES['firm-reminder'].fr],
  ])('uses the user-edited %s (%s) when there is one, else the built-in one', (situation, language, expected) => {
    expect(resolveTemplate(situation, language, { 'first-reminder': { fr: edited } })).toEqual(expected);
  });

  it('uses built-in templates without overrides', () => {
    expect(resolveTemplate('formal-notice', 'en')).toBe(defaultTemplate('formal-notice', 'en'));
  });
});

describe('buildTemplateVars', () => {
  it.each<[Language, { amountMinor: number; currency: string }, string]>([
    ['fr', eur(123456), `1${NNBSP}234,56${NBSP}€`],
    ['en', eur(123456), '€1,234.56'],
    ['fr', eur(30358), `303,58${NBSP}€`],
    ['en', eur(5), '€0.05'],
    ['fr', { amountMinor: 5000, currency: 'JPY' }, `5${NNBSP}000${NBSP}JPY`],
    ['en', { amountMinor: 5000, currency: 'JPY' }, 'JP¥5,000'],
  ])('formats a payment in %s: %o → %s', (language, amount, expected) => {
    expect(sampleVars(language, { paymentAmount: amount }).paymentAmount).toBe(expected);
  });

  it.each<[Language, string, number | undefined, string, string | undefined]>([
    ['fr', '2026-11-15', 8, '15 novembre 2026', '23 novembre 2026'],
    ['en', '2026-11-15', 8, '15 November 2026', '23 November 2026'],
    ['fr', '2026-12-28', 8, '28 décembre 2026', '5 janvier 2027'],
    ['fr', '2026-02-01', 30, '1er février 2026', '3 mars 2026'],
    ['en', '2026-02-01', 30, '1 February 2026', '3 March 2026'],
    ['en', '2026-11-15', undefined, '15 November 2026', undefined],
  ])('in %s, a letter dated %s with %s days to pay', (language, today, deadlineDays, letterDate, deadline) => {
    const vars = sampleVars(language, { today, deadlineDays });
    expect(vars.today).toBe(letterDate);
    expect(vars.deadlineDate).toBe(deadline);
  });

  it.each<[Language, string, string]>([
    ['fr', `1${NNBSP}234,56${NBSP}€ et 200,00${NBSP}$US`, `1${NNBSP}634,56${NBSP}€ et 200,00${NBSP}$US`],
    ['en', '€1,234.56 and US$200.00', '€1,634.56 and US$200.00'],
  ])('lists totals per currency in %s, never adding them together', (language, totalDue, totalWithCharges) => {
    const vars = sampleVars(language, {
      invoices: [
        { number: 'A', amountDue: eur(100000), daysOverdue: 10 },
        { number: 'B', amountDue: { amountMinor: 20000, currency: 'USD' }, daysOverdue: 5 },
        { number: 'C', amountDue: eur(23456), daysOverdue: 3 },
      ],
      charges: { interest: eur(36000), indemnity: eur(4000), legalBasis: LEGAL_BASIS[language] },
    });
    expect(vars.totalDue).toBe(totalDue);
    expect(vars.totalWithCharges).toBe(totalWithCharges);
  });

  it.each<[Language, number[], string | undefined]>([
    ['fr', [76, 36], `76${NBSP}jours`],
    ['en', [1, -3], '1 day'],
    ['fr', [1], `1${NBSP}jour`],
    ['en', [0, -5], undefined],
  ])('in %s, days overdue %j give the oldest delay %s', (language, days, expected) => {
    const invoices = days.map((daysOverdue, i) => ({ number: `N${i}`, amountDue: eur(1000), daysOverdue }));
    expect(sampleVars(language, { invoices }).oldestDaysOverdue).toBe(expected);
  });

  it('leaves out invoice values when no invoice remains open, so a thank-you omits the balance', () => {
    const vars = sampleVars('fr', { invoices: [] });
    expect(vars.invoiceTable).toBeUndefined();
    expect(vars.totalDue).toBeUndefined();
    const { body } = renderTemplate(defaultTemplate('thank-you-payment', 'fr'), vars, 'fr');
    expect(body).toContain(`412,00${NBSP}€`);
    expect(body).not.toMatch(/solde restant/);
    expect(() => renderTemplate(defaultTemplate('first-reminder', 'fr'), vars, 'fr')).toThrow(/invoiceTable/);
  });

  it.each<[string, TemplateInput['creditor'], string]>([
    ['custom signature', { name: 'Atelier Dupont SAS', signature: 'Service comptabilité\n01 23 45 67 89' }, 'Service comptabilité\n01 23 45 67 89'],
    ['sender and company', { name: 'Atelier Dupont SAS', senderName: 'Julie Dupont' }, 'Julie Dupont\nAtelier Dupont SAS'],
    ['company alone', { name: 'Atelier Dupont SAS' }, 'Atelier Dupont SAS'],
  ])('signs with the %s', (_label, creditor, expected) => {
    expect(sampleVars('fr', { creditor }).senderSignature).toBe(expected);
  });

  it('leaves out optional values that are absent or blank', () => {
    const vars = sampleVars('en', { contactName: '  ', debtorAddress: undefined, charges: undefined, promise: undefined });
    for (const name of ['contactName', 'debtorAddress', 'interestAmount', 'legalBasis', 'promiseDate'] as const) {
      expect(vars[name]).toBeUndefined();
    }
  });

  it.each<[string, Partial<TemplateInput>, string]>([
    ['impossible date', { today: '2026-02-30' }, 'today'],
    ['date in local format', { today: '15/11/2026' }, 'today'],
    ['fractional cents', { invoices: [{ number: 'A', amountDue: eur(12.5), daysOverdue: 3 }] }, 'invoices[0].amountDue'],
    ['lower-case currency', { invoices: [{ number: 'A', amountDue: { amountMinor: 100, currency: 'eur' }, daysOverdue: 3 }] }, 'invoices[0].amountDue'],
    ['nothing left to pay', { invoices: [{ number: 'A', amountDue: eur(0), daysOverdue: 3 }] }, 'invoices[0].amountDue'],
    ['fractional days', { invoices: [{ number: 'A', amountDue: eur(100), daysOverdue: 1.5 }] }, 'invoices[0].daysOverdue'],
    ['bad due date', { invoices: [{ number: 'A', dueDate: '2026-13-01', amountDue: eur(100), daysOverdue: 1 }] }, 'invoices[0].dueDate'],
    ['invoice without number', { invoices: [{ number: ' ', amountDue: eur(100), daysOverdue: 1 }] }, 'invoices[0].number'],
    ['zero-day deadline', { deadlineDays: 0 }, 'deadlineDays'],
    ['negative interest', { charges: { interest: eur(-1), indemnity: eur(4000), legalBasis: 'x' } }, 'charges.interest'],
    ['charges without legal basis', { charges: { interest: eur(1), indemnity: eur(4000), legalBasis: '' } }, 'charges.legalBasis'],
    ['zero promise', { promise: { date: '2026-11-20', amount: eur(0) } }, 'promise.amount'],
    ['bad instalment date', { installment: { dueDate: '2026-11-31', amount: eur(100) } }, 'installment.dueDate'],
    ['no customer', { customerName: '' }, 'customerName'],
    ['no creditor name', { creditor: { name: '' } }, 'creditor.name'],
  ])('rejects %s, naming the field', (_label, changes, field) => {
    const error = catchError(() => sampleVars('fr', changes), TemplateInputError);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });
});

describe('renderInvoiceTable', () => {
  it.each<[Language, string[]]>([
    ['fr', ['N° facture', 'Émise le', 'Échéance', 'Montant dû', 'Jours de retard']],
    ['en', ['Invoice no.', 'Issued', 'Due date', 'Amount due', 'Days overdue']],
  ])('renders an aligned plain-text table in %s', (language, headers) => {
    const lines = renderInvoiceTable(INVOICES, language).split('\n');
    expect(lines).toHaveLength(4);
    for (const header of headers) expect(lines[0]).toContain(header);
    expect(lines[1]).toMatch(/^[- ]+$/);
    // Right-aligned amounts and day counts: every line ends at the same column.
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
    expect(lines[2]).toMatch(/^F-2026-0142 +01\/08\/2026 +31\/08\/2026 +\S.*\s76$/);
    expect(lines[3]).toMatch(/\s36$/);
    // Amount column: both amounts end at the same position.
    const amountEnd = (line: string, amount: string) => {
      expect(line).toContain(amount);
      return line.indexOf(amount) + amount.length;
    };
    expect(amountEnd(lines[2]!, language === 'fr' ? `234,56${NBSP}€` : '€1,234.56')).toBe(
      amountEnd(lines[3]!, language === 'fr' ? `975,00${NBSP}€` : '€975.00'),
    );
  });

  it('leaves out the days-overdue column when nothing is overdue yet, and shows missing dates as a dash', () => {
    const table = renderInvoiceTable(
      [
        { number: 'F-1', dueDate: '2026-11-30', amountDue: eur(10000), daysOverdue: -15 },
        { number: 'F-22', issueDate: '2026-11-01', amountDue: eur(250000), daysOverdue: 0 },
      ],
      'en',
    );
    const lines = table.split('\n');
    expect(lines[0]).not.toMatch(/overdue/i);
    expect(lines[2]).toMatch(/^F-1 +— +30\/11\/2026 +€100\.00$/);
    expect(lines[3]).toMatch(/^F-22 +01\/11\/2026 +— +€2,500\.00$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('lists a deducted credit note as a negative line without days overdue, and totals what remains owed', () => {
    const rows: InvoiceLine[] = [
      { number: 'F-1', dueDate: '2026-10-01', amountDue: eur(100000), daysOverdue: 45 },
      { number: 'AV-7', issueDate: '2026-10-20', amountDue: eur(-25000), daysOverdue: 0, kind: 'credit-note' },
    ];
    const lines = renderInvoiceTable(rows, 'fr').split('\n');
    expect(lines[3]).toMatch(/^AV-7 \(avoir\) +20\/10\/2026 +— +-250,00\u00a0€ +—$/);
    expect(renderInvoiceTable(rows, 'en').split('\n')[3]).toMatch(/^AV-7 \(credit note\) .*-€250\.00 +—$/);
    const vars = sampleVars('fr', { invoices: rows });
    expect(vars.totalDue).toBe(`750,00${NBSP}€`);
    expect(vars.oldestDaysOverdue).toBe(`45${NBSP}jours`);
  });

  it('refuses a credit note line that is not negative', () => {
    const rows: InvoiceLine[] = [{ number: 'AV-7', amountDue: eur(250), daysOverdue: 0, kind: 'credit-note' }];
    expect(() => renderInvoiceTable(rows, 'fr')).toThrow(/invoices\[0\]\.amountDue: a deducted credit note is a negative amount/);
  });

  it('refuses an empty list', () => {
    expect(() => renderInvoiceTable([], 'fr')).toThrow(TemplateInputError);
  });
});

describe('DEFAULT_TEMPLATES', () => {
  it('has a template for every situation in every language', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...SITUATIONS].sort());
    for (const { situation, language } of EVERY_TEMPLATE) {
      expect(DEFAULT_TEMPLATES[situation][language]).toBe(defaultTemplate(situation, language));
    }
  });
});
