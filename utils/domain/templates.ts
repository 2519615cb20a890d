// Reminder tones and message templates: a tiny placeholder engine (`{{name}}` and `{{#if name}}…{{/if}}`),
// the variables a template may use, and the formatting of amounts and dates per language.
// Pure: no clock, no DOM, no HTML. Output is plain text that callers render as text.

import { LOCALE_OF, type Language } from '../i18n/language';
import type { IsoDate, Money } from './types';
import { DEFAULT_TEMPLATES } from './template-texts';

export type { Language };

/** How firm a message sounds; graduated, courtesy always. */
export type Tone = 'courteous' | 'firm' | 'formal-notice' | 'final-notice';

/** Why a message is being sent; each situation has one fixed tone. */
export type Situation =
  | 'pre-due-courtesy'
  | 'first-reminder'
  | 'firm-reminder'
  | 'formal-notice'
  | 'final-notice'
  | 'broken-promise'
  | 'missed-installment'
  | 'thank-you-payment'
  | 'dispute-acknowledgement';

/** A message template: subject line and plain-text body, both with placeholders. */
export interface MessageTemplate {
  subject: string;
  body: string;
}

/** Tones from the gentlest to the most formal. Legal action may be mentioned only from `formal-notice` on. */
export const TONE_ORDER: readonly Tone[] = ['courteous', 'firm', 'formal-notice', 'final-notice'];

/** Every situation, in the order a collection usually goes through them. */
export const SITUATIONS: readonly Situation[] = [
  'pre-due-courtesy',
  'first-reminder',
  'firm-reminder',
  'broken-promise',
  'missed-installment',
  'formal-notice',
  'final-notice',
  'thank-you-payment',
  'dispute-acknowledgement',
];

export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** The fixed tone of each situation. */
export const TONE_OF_SITUATION: Readonly<Record<Situation, Tone>> = {
  'pre-due-courtesy': 'courteous',
  'first-reminder': 'courteous',
  'thank-you-payment': 'courteous',
  'dispute-acknowledgement': 'courteous',
  'firm-reminder': 'firm',
  'broken-promise': 'firm',
  'missed-installment': 'firm',
  'formal-notice': 'formal-notice',
  'final-notice': 'final-notice',
};

/**
 * Every placeholder a template may use, with what it holds. Any other name is an error.
 * Shown to users who edit templates, so the descriptions are in the user's words.
 */
export const TEMPLATE_VARIABLE_DESCRIPTIONS = {
  customerName: 'Name of the customer company that owes the money.',
  contactName:
    'Person to address at the customer (optional). When missing, {{contactName}} becomes "Madame, Monsieur" (fr) / "Sir or Madam" (en).',
  creditorName: 'Your company name.',
  creditorAddress: 'Your company postal address (multi-line).',
  debtorAddress: 'Postal address of the customer company (multi-line).',
  invoiceTable:
    'Plain-text table of the open invoices: number, issue date, due date, amount due, days overdue; credit notes deducted from them are listed with a negative amount.',
  totalDue: 'Total still owed on the listed invoices, credit notes deducted, per currency (e.g. "1 234,56 €").',
  oldestDaysOverdue: 'How late the oldest invoice is, with its unit (e.g. "45 jours" / "45 days").',
  interestAmount: 'Late-payment interest computed to date (absent while none has accrued, e.g. a French consumer before the formal notice).',
  indemnityAmount:
    'Fixed compensation for recovery costs, per late invoice by the creditor country’s law (France: 40 €, business debtors only; absent for consumers).',
  totalWithCharges: 'Total owed including interest and indemnity, per currency.',
  legalBasis:
    'Legal reference for the charges, in the template’s language, without leading article (e.g. "articles L441-10 et D441-5 du Code de commerce"); templates write "la loi ({{legalBasis}})" / "under {{legalBasis}}". Absent when the law gives no charge.',
  paymentDetails: 'How to pay, as you set it (IBAN, BIC, payment link).',
  deadlineDate: 'Date by which payment is demanded.',
  promiseDate: 'Date the customer promised to pay by.',
  promiseAmount: 'Amount the customer promised to pay.',
  installmentDate: 'Due date of the missed instalment of a payment plan.',
  installmentAmount: 'Amount of the missed instalment.',
  disputeReason: 'Reason the customer gave for disputing the invoices.',
  paymentAmount: 'Amount of the payment received.',
  today: 'Date of the letter.',
  senderName: 'Name of the person signing.',
  senderSignature: 'Signature block (defaults to the sender name and your company name).',
} as const satisfies Record<string, string>;

/** Name of a placeholder a template may use. */
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLE_DESCRIPTIONS;

/** All placeholder names, in documentation order. */
export const TEMPLATE_VARIABLES = Object.keys(TEMPLATE_VARIABLE_DESCRIPTIONS) as TemplateVariable[];

/** Already-formatted plain-text values; a missing or blank value counts as absent. */
export type TemplateVars = Partial<Record<TemplateVariable, string>>;

/** Greeting used for `{{contactName}}` when nobody is named, so that "Dear {{contactName}}," still reads well. */
export const CONTACT_NAME_FALLBACK: Readonly<Record<Language, string>> = {
  fr: 'Madame, Monsieur',
  en: 'Sir or Madam',
};

// ---------------------------------------------------------------------------------------------
// Validation and rendering

export type TemplateIssueCode = 'unknown-placeholder' | 'malformed-tag' | 'unbalanced-if' | 'missing-variable' | 'legal-threat';

/**
 * One problem in a template; `index` is the character offset of the tag (or, for 'legal-threat', of the words)
 * in its field, and `placeholder` the tag or the words as written.
 */
export interface TemplateIssue {
  field: 'subject' | 'body';
  placeholder: string;
  message: string;
  index: number;
  code: TemplateIssueCode;
}

/** Thrown when a template cannot be rendered; `issues` says which placeholders and where. */
export class TemplateError extends Error {
  readonly issues: readonly TemplateIssue[];
  constructor(issues: readonly TemplateIssue[]) {
    super(
      `Template cannot be rendered: ${issues.map((i) => `${i.field} at ${i.index}: ${i.message}`).join('; ')}`,
    );
    this.name = 'TemplateError';
    this.issues = issues;
  }
}

type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: TemplateVariable; index: number }
  | { kind: 'if'; name: TemplateVariable; index: number; children: TemplateNode[] };

interface Tag {
  start: number;
  end: number;
  raw: string;
  content: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

function isKnown(name: string): name is TemplateVariable {
  return KNOWN.has(name);
}

/** Finds `{{…}}` tags; an opening `{{` without `}}`, or a stray `}}`, is reported. */
function scanTags(text: string, field: TemplateIssue['field'], issues: TemplateIssue[]): Tag[] {
  const tags: Tag[] = [];
  let pos = 0;
  for (;;) {
    const open = text.indexOf('{{', pos);
    const strayClose = text.indexOf('}}', pos);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      issues.push({
        field,
        placeholder: '}}',
        index: strayClose,
        code: 'malformed-tag',
        message: `"}}" without a matching "{{"`,
      });
    }
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      issues.push({
        field,
        placeholder: text.slice(open, open + 30),
        index: open,
        code: 'malformed-tag',
        message: `"${text.slice(open, open + 30)}" is never closed with "}}"`,
      });
      break;
    }
    const raw = text.slice(open, close + 2);
    tags.push({ start: open, end: close + 2, raw, content: raw.slice(2, -2).trim() });
    pos = close + 2;
  }
  return tags;
}

/**
 * A block tag alone on its line takes its whole line with it, so optional sections leave no blank lines.
 * Returns the span to cut from the text.
 */
function standaloneSpan(text: string, tag: Tag): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', tag.start - 1) + 1;
  const newline = text.indexOf('\n', tag.end);
  const lineEnd = newline === -1 ? text.length : newline;
  const before = text.slice(lineStart, tag.start);
  const after = text.slice(tag.end, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t\r]*$/.test(after)) {
    return { start: lineStart, end: newline === -1 ? lineEnd : newline + 1 };
  }
  return { start: tag.start, end: tag.end };
}

function parseField(text: string, field: TemplateIssue['field'], issues: TemplateIssue[]): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Array<{ node: Extract<TemplateNode, { kind: 'if' }>; raw: string }> = [];
  const current = (): TemplateNode[] => stack.at(-1)?.node.children ?? root;
  let cursor = 0;

  for (const tag of scanTags(text, field, issues)) {
    const ifMatch = /^#if\s+(.+)$/.exec(tag.content);
    const isEndIf = tag.content === '/if';
    const span = ifMatch || isEndIf ? standaloneSpan(text, tag) : { start: tag.start, end: tag.end };
    if (span.start > cursor) current().push({ kind: 'text', text: text.slice(cursor, span.start) });
    cursor = Math.max(cursor, span.end);

    if (ifMatch) {
      const name = (ifMatch[1] ?? '').trim();
      const node: Extract<TemplateNode, { kind: 'if' }> = {
        kind: 'if',
        name: name as TemplateVariable,
        index: tag.start,
        children: [],
      };
      if (!isKnown(name)) {
        issues.push({
          field,
          placeholder: name,
          index: tag.start,
          code: 'unknown-placeholder',
          message: `unknown placeholder "${name}" in ${tag.raw}`,
        });
      }
      current().push(node);
      stack.push({ node, raw: tag.raw });
    } else if (isEndIf) {
      if (stack.pop() === undefined) {
        issues.push({
          field,
          placeholder: tag.raw,
          index: tag.start,
          code: 'unbalanced-if',
          message: `${tag.raw} has no matching {{#if …}}`,
        });
      }
    } else if (IDENTIFIER.test(tag.content)) {
      if (isKnown(tag.content)) {
        current().push({ kind: 'var', name: tag.content, index: tag.start });
      } else {
        issues.push({
          field,
          placeholder: tag.content,
          index: tag.start,
          code: 'unknown-placeholder',
          message: `unknown placeholder ${tag.raw}`,
        });
      }
    } else {
      issues.push({
        field,
        placeholder: tag.content,
        index: tag.start,
        code: 'malformed-tag',
        message: /^[#/]/.test(tag.content)
          ? `${tag.raw} is not supported: only {{name}} and {{#if name}}…{{/if}} are`
          : `${tag.raw} is not a placeholder name`,
      });
    }
  }
  if (cursor < text.length) current().push({ kind: 'text', text: text.slice(cursor) });
  for (const open of stack) {
    issues.push({
      field,
      placeholder: open.node.name,
      index: open.node.index,
      code: 'unbalanced-if',
      message: `${open.raw} is never closed with {{/if}}`,
    });
  }
  return root;
}

function assertTemplate(template: unknown): asserts template is MessageTemplate {
  const t = template as Partial<MessageTemplate> | null;
  if (typeof t?.subject !== 'string' || typeof t.body !== 'string') {
    throw new TypeError('A template needs a string "subject" and a string "body"');
  }
}

// Words that refer to courts, bailiffs, injunctions, litigation or legal action, in English and French, matched
// on lower-case text without accents. Below the formal notice a message never uses them (a threat too early
// loses the customer and, in France, may be an unfair collection practice).
const LEGAL_ACTION_WORDS = new RegExp(
  '\\b(?:' +
    [
      // English
      'courts?', 'tribunals?', 'bailiffs?', 'enforcement (?:officer|agent)s?', 'injunctions?', 'litigation', 'litigate',
      'legal (?:action|proceedings|steps|route)', 'proceedings', 'lawsuits?', 'sue (?:you|your)', 'su(?:ed|ing)', 'lawyers?', 'solicitors?',
      'attorneys?', 'judicial', 'judge?ments?', 'summons',
      // French
      'tribunaux', 'juges?', 'judiciaires?', 'huissiers?', 'commissaires? de justice', 'injonctions?', 'contentieux',
      '(?:action|actions|agir|recours) en justice', 'poursuites', 'poursuite judiciaire', 'avocats?', 'assignations?',
      'assigner', 'refere', 'proces(?!-verbal)',
    ].join('|') +
    ')\\b',
  'g',
);

/** Lower-case, accents removed, with the offset in `text` of every folded character. */
function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let offset = 0;
  for (const char of text) {
    const plain = char.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
    for (let i = 0; i < plain.length; i += 1) offsets.push(offset);
    folded += plain;
    offset += char.length;
  }
  offsets.push(offset);
  return { folded, offsets };
}

/**
 * Mentions of courts, bailiffs, injunctions, litigation or legal action in a template's literal text (not in
 * the values it will receive), each with its field and position. Only notices (formal and final) may make them.
 */
export function legalThreats(template: MessageTemplate): TemplateIssue[] {
  assertTemplate(template);
  const issues: TemplateIssue[] = [];
  for (const field of ['subject', 'body'] as const) {
    const text = template[field];
    const { folded, offsets } = foldWithOffsets(text);
    for (const match of folded.matchAll(LEGAL_ACTION_WORDS)) {
      const start = offsets[match.index] ?? 0;
      const end = offsets[match.index + match[0].length] ?? text.length;
      const words = text.slice(start, end);
      issues.push({
        field,
        placeholder: words,
        index: start,
        code: 'legal-threat',
        message: `"${words}" refers to legal action, which only a formal or final notice may mention`,
      });
    }
  }
  return issues;
}

/** True for the tones that may mention legal action (formal notice and final notice). */
export function mayMentionLegalAction(situation: Situation): boolean {
  return TONE_ORDER.indexOf(TONE_OF_SITUATION[situation]) >= TONE_ORDER.indexOf('formal-notice');
}

/**
 * Checks a template without rendering it: unknown placeholders, malformed tags and unbalanced
 * `{{#if}}` blocks, each with its field and character position. Given the situation the template is written
 * for, also any mention of legal action in a message below the formal notice. An empty array means the
 * template is usable.
 */
export function validateTemplate(template: MessageTemplate, situation?: Situation): TemplateIssue[] {
  assertTemplate(template);
  const issues: TemplateIssue[] = [];
  parseField(template.subject, 'subject', issues);
  parseField(template.body, 'body', issues);
  if (situation !== undefined && !mayMentionLegalAction(situation)) issues.push(...legalThreats(template));
  return issues;
}

// French typography: a no-break space before the colon and inside « », a narrow no-break space before ; ! ?
// (what Intl already does inside numbers). Applied to the template's own text, so a template typed with plain
// spaces still never wraps a colon onto the next line; inserted values (IBAN, links…) are left as they are.
function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+:(?=\s|$)/g, '\u00a0:')
    .replace(/[ \u00a0\u202f]+([;!?])/g, '\u202f$1')
    .replace(/«[ \u00a0\u202f]*/g, '«\u00a0')
    .replace(/[ \u00a0\u202f]*»/g, '\u00a0»');
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function renderNodes(
  nodes: readonly TemplateNode[],
  vars: TemplateVars,
  language: Language,
  field: TemplateIssue['field'],
  missing: TemplateIssue[],
): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += language === 'fr' ? frenchTypography(node.text) : node.text;
    } else if (node.kind === 'if') {
      if (present(vars[node.name])) out += renderNodes(node.children, vars, language, field, missing);
    } else {
      const value = vars[node.name];
      if (present(value)) {
        // Inserted verbatim: values are plain text and are never re-scanned for placeholders.
        out += value;
      } else if (node.name === 'contactName') {
        out += CONTACT_NAME_FALLBACK[language];
      } else {
        missing.push({
          field,
          placeholder: node.name,
          index: node.index,
          code: 'missing-variable',
          message: `no value for {{${node.name}}}`,
        });
      }
    }
  }
  return out;
}

/**
 * Fills a template with already-formatted values. Throws a `TemplateError` listing every unknown
 * placeholder, malformed or unbalanced tag, and every variable used without a value (outside an
 * `{{#if}}` on that same variable). `{{contactName}}` alone falls back to a polite generic greeting.
 */
export function renderTemplate(template: MessageTemplate, vars: TemplateVars, language: Language): MessageTemplate {
  assertTemplate(template);
  if (!LANGUAGES.includes(language)) throw new RangeError(`Unknown language "${String(language)}": use "fr" or "en"`);
  const issues: TemplateIssue[] = [];
  const subjectNodes = parseField(template.subject, 'subject', issues);
  const bodyNodes = parseField(template.body, 'body', issues);
  if (issues.length > 0) throw new TemplateError(issues);
  const subject = renderNodes(subjectNodes, vars, language, 'subject', issues);
  const body = renderNodes(bodyNodes, vars, language, 'body', issues);
  if (issues.length > 0) throw new TemplateError(issues);
  return { subject, body };
}

// ---------------------------------------------------------------------------------------------
// Default texts, overrides, tone explanations

/** The built-in template for a situation in a language. */
export function defaultTemplate(situation: Situation, language: Language): MessageTemplate {
  const template = DEFAULT_TEMPLATES[situation]?.[language];
  if (template === undefined) throw new RangeError(`No template for situation "${situation}" in "${language}"`);
  return template;
}

export { DEFAULT_TEMPLATES };

/** Templates the user edited in the options page, by situation then language. */
export type TemplateOverrides = Partial<Record<Situation, Partial<Record<Language, MessageTemplate>>>>;

/** The user's edited template when there is one for this situation and language, else the built-in one. */
export function resolveTemplate(
  situation: Situation,
  language: Language,
  overrides?: TemplateOverrides,
): MessageTemplate {
  return overrides?.[situation]?.[language] ?? defaultTemplate(situation, language);
}

const TONE_EXPLANATIONS: Readonly<Record<Tone, Record<Language, string>>> = {
  courteous: {
    fr: "Rappel courtois : l’échéance est proche ou vient de passer, un simple oubli est le plus probable.",
    en: 'Courteous reminder: the due date is near or has just passed, so a simple oversight is the most likely cause.',
  },
  firm: {
    fr: 'Relance ferme : un premier rappel ou un engagement est resté sans suite, on demande clairement le paiement, sans menace.',
    en: 'Firm reminder: an earlier reminder or a promise went unanswered, so we ask clearly for payment, without threats.',
  },
  'formal-notice': {
    fr: "Mise en demeure : les relances amiables n’ont pas abouti ; la lettre exige le paiement dans un délai et rappelle pénalités et indemnité dues.",
    en: 'Formal notice: friendly reminders have failed, so the letter demands payment by a deadline and states the interest and indemnity due.',
  },
  'final-notice': {
    fr: 'Dernier avis : ultime démarche amiable avant la transmission du dossier à un recouvreur ou la voie judiciaire.',
    en: 'Final notice: the last amicable step before the account is passed to a collection agency or to court.',
  },
};

/** One readable sentence saying why this tone is used. */
export function explainTone(tone: Tone, language: Language): string {
  const text = TONE_EXPLANATIONS[tone]?.[language];
  if (text === undefined) throw new RangeError(`Unknown tone "${tone}" or language "${language}"`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Formatting: amounts, dates and the invoice table

/** Thrown by `buildTemplateVars` / `renderInvoiceTable` on bad input; `field` names the culprit. */
export class TemplateInputError extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'TemplateInputError';
    this.field = field;
  }
}

/**
 * One open invoice as listed in a message. `daysOverdue` ≤ 0 means not yet overdue. A `credit-note` line is a
 * credit deducted from the listed invoices: its `amountDue` is negative and it has no days overdue.
 */
export interface InvoiceLine {
  number: string;
  issueDate?: IsoDate;
  dueDate?: IsoDate;
  amountDue: Money;
  daysOverdue: number;
  kind?: 'invoice' | 'credit-note';
}

const CREDIT_NOTE_LABEL: Readonly<Record<Language, string>> = { fr: 'avoir', en: 'credit note' };

function parseIsoDate(value: unknown, field: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) throw new TemplateInputError(field, `expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new TemplateInputError(field, `${String(value)} is not a calendar date`);
  }
  return time;
}

const DAY_MS = 86_400_000;

function formatDate(time: number, language: Language, style: 'long' | 'short'): string {
  // UTC on both sides: an ISO calendar date must not shift with the user's time zone.
  const format = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: style, timeZone: 'UTC' });
  if (language !== 'fr' || style !== 'long') return format.format(time);
  // French writes the first of the month as an ordinal ("1er novembre"); Intl does not.
  return format
    .formatToParts(time)
    .map((part) => (part.type === 'day' && Number(part.value) === 1 ? `${part.value}er` : part.value))
    .join('');
}

function checkMoney(money: Money | undefined, field: string, allowZero: boolean): Money {
  if (money === undefined || money === null || typeof money !== 'object') {
    throw new TemplateInputError(field, 'expected { amountMinor, currency }');
  }
  if (!Number.isSafeInteger(money.amountMinor)) {
    throw new TemplateInputError(field, `amountMinor must be an integer number of minor units, got ${money.amountMinor}`);
  }
  if (allowZero ? money.amountMinor < 0 : money.amountMinor <= 0) {
    throw new TemplateInputError(field, `amount must be ${allowZero ? 'zero or more' : 'positive'}, got ${money.amountMinor}`);
  }
  if (typeof money.currency !== 'string' || !/^[A-Z]{3}$/.test(money.currency)) {
    throw new TemplateInputError(field, `currency must be an ISO 4217 code such as "EUR", got ${JSON.stringify(money.currency)}`);
  }
  return money;
}

function formatMoney(money: Money, language: Language): string {
  const format = new Intl.NumberFormat(LOCALE_OF[language], { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

/** Sums per currency, keeping the order in which currencies first appear. */
function totalsByCurrency(amounts: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const m of amounts) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.amountMinor);
  return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** "1 234,56 € et 200,00 $US": several currencies are never added together. */
function formatTotals(amounts: readonly Money[], language: Language): string {
  const parts = totalsByCurrency(amounts).map((m) => formatMoney(m, language));
  return new Intl.ListFormat(LOCALE_OF[language], { type: 'conjunction' }).format(parts);
}

function formatDays(days: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);
}

function checkInvoice(invoice: InvoiceLine, field: string): { issue?: number; due?: number } {
  if (typeof invoice?.number !== 'string' || invoice.number.trim() === '') {
    throw new TemplateInputError(`${field}.number`, 'an invoice needs a number');
  }
  if (invoice.kind === 'credit-note') {
    const amount = invoice.amountDue;
    if (!amount || !Number.isSafeInteger(amount.amountMinor) || amount.amountMinor >= 0) {
      throw new TemplateInputError(`${field}.amountDue`, `a deducted credit note is a negative amount, got ${amount?.amountMinor}`);
    }
    checkMoney({ ...amount, amountMinor: -amount.amountMinor }, `${field}.amountDue`, false);
  } else {
    checkMoney(invoice.amountDue, `${field}.amountDue`, false);
  }
  if (!Number.isSafeInteger(invoice.daysOverdue)) {
    throw new TemplateInputError(`${field}.daysOverdue`, `expected a whole number of days, got ${invoice.daysOverdue}`);
  }
  return {
    issue: invoice.issueDate === undefined ? undefined : parseIsoDate(invoice.issueDate, `${field}.issueDate`),
    due: invoice.dueDate === undefined ? undefined : parseIsoDate(invoice.dueDate, `${field}.dueDate`),
  };
}

const TABLE_HEADERS: Readonly<Record<Language, readonly [string, string, string, string, string]>> = {
  fr: ['N° facture', 'Émise le', 'Échéance', 'Montant dû', 'Jours de retard'],
  en: ['Invoice no.', 'Issued', 'Due date', 'Amount due', 'Days overdue'],
};

/**
 * Renders open invoices as an aligned plain-text table (number, issue date, due date, amount due,
 * days overdue). The days-overdue column is left out when no invoice is overdue yet (courtesy before
 * the due date). Missing dates show as "—".
 */
export function renderInvoiceTable(rows: readonly InvoiceLine[], language: Language): string {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new TemplateInputError('invoices', 'at least one invoice is needed to render the table');
  }
  const anyOverdue = rows.some((r) => r.kind !== 'credit-note' && r.daysOverdue > 0);
  const headers = TABLE_HEADERS[language];
  const count = new Intl.NumberFormat(LOCALE_OF[language]);
  const body = rows.map((row, i) => {
    const { issue, due } = checkInvoice(row, `invoices[${i}]`);
    const credit = row.kind === 'credit-note';
    const cells = [
      credit ? `${row.number.trim()} (${CREDIT_NOTE_LABEL[language]})` : row.number.trim(),
      issue === undefined ? '—' : formatDate(issue, language, 'short'),
      due === undefined ? '—' : formatDate(due, language, 'short'),
      formatMoney(row.amountDue, language),
    ];
    if (anyOverdue) cells.push(!credit && row.daysOverdue > 0 ? count.format(row.daysOverdue) : '—');
    return cells;
  });
  const header: string[] = headers.slice(0, anyOverdue ? 5 : 4);
  const lines = [header, ...body];
  const width = (s: string): number => [...s].length;
  const widths = header.map((_, col) => Math.max(...lines.map((cells) => width(cells[col] ?? ''))));
  // Text columns align left, amounts and day counts right, as on a printed statement.
  const rightAligned = (col: number): boolean => col >= 3;
  const renderLine = (cells: readonly string[]): string =>
    cells
      .map((cell, col) => {
        const pad = ' '.repeat((widths[col] ?? 0) - width(cell));
        return rightAligned(col) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [renderLine(header), rule, ...body.map(renderLine)].join('\n');
}

/** What `buildTemplateVars` needs; amounts as Money, dates as ISO calendar dates. */
export interface TemplateInput {
  language: Language;
  /** Date of the letter; also the start of the payment deadline. */
  today: IsoDate;
  customerName: string;
  contactName?: string;
  creditor: {
    name: string;
    address?: string;
    paymentDetails?: string;
    signature?: string;
    senderName?: string;
  };
  debtorAddress?: string;
  /** The open invoices the message is about (still owed after any payment being thanked for). */
  invoices: readonly InvoiceLine[];
  /** Late-payment charges, as computed by the law rules. */
  charges?: { interest: Money; indemnity: Money; legalBasis: string };
  /** Days from `today` until the payment deadline. */
  deadlineDays?: number;
  promise?: { date: IsoDate; amount: Money };
  installment?: { dueDate: IsoDate; amount: Money };
  disputeReason?: string;
  paymentAmount?: Money;
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TemplateInputError(field, `expected text, got ${typeof value}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function requiredText(value: unknown, field: string): string {
  const result = text(value, field);
  if (result === undefined) throw new TemplateInputError(field, 'is required');
  return result;
}

/**
 * Turns domain facts into formatted template values for one language: amounts with
 * Intl.NumberFormat (fr-FR / en-GB), dates with Intl.DateTimeFormat in UTC, totals per currency.
 * Optional facts that are absent are left out, so a template using them fails loudly.
 */
export function buildTemplateVars(input: TemplateInput): TemplateVars {
  const { language } = input;
  if (!LANGUAGES.includes(language)) {
    throw new TemplateInputError('language', `expected "fr" or "en", got ${JSON.stringify(language)}`);
  }
  const todayTime = parseIsoDate(input.today, 'today');
  const creditorName = requiredText(input.creditor?.name, 'creditor.name');
  const senderName = text(input.creditor.senderName, 'creditor.senderName');

  const vars: TemplateVars = {
    today: formatDate(todayTime, language, 'long'),
    customerName: requiredText(input.customerName, 'customerName'),
    creditorName,
    senderSignature:
      text(input.creditor.signature, 'creditor.signature') ??
      [senderName, creditorName].filter((s) => s !== undefined).join('\n'),
  };
  const optional: Array<[TemplateVariable, string | undefined]> = [
    ['contactName', text(input.contactName, 'contactName')],
    ['creditorAddress', text(input.creditor.address, 'creditor.address')],
    ['debtorAddress', text(input.debtorAddress, 'debtorAddress')],
    ['paymentDetails', text(input.creditor.paymentDetails, 'creditor.paymentDetails')],
    ['senderName', senderName],
    ['disputeReason', text(input.disputeReason, 'disputeReason')],
  ];
  for (const [name, value] of optional) if (value !== undefined) vars[name] = value;

  if (!Array.isArray(input.invoices)) throw new TemplateInputError('invoices', 'expected a list of invoices');
  const principal = input.invoices.map((inv) => inv.amountDue);
  if (input.invoices.length > 0) {
    vars.invoiceTable = renderInvoiceTable(input.invoices, language);
    vars.totalDue = formatTotals(principal, language);
    const oldest = Math.max(...input.invoices.filter((inv) => inv.kind !== 'credit-note').map((inv) => inv.daysOverdue));
    if (oldest > 0) vars.oldestDaysOverdue = formatDays(oldest, language);
  }

  if (input.charges !== undefined) {
    const interest = checkMoney(input.charges.interest, 'charges.interest', true);
    const indemnity = checkMoney(input.charges.indemnity, 'charges.indemnity', true);
    const legalBasis = requiredText(input.charges.legalBasis, 'charges.legalBasis');
    // A charge the law does not give (no indemnity for a consumer, no interest yet) is absent, never "0,00 €":
    // the built-in notices leave its line out, and a template that insists on it fails by name.
    if (interest.amountMinor > 0) vars.interestAmount = formatMoney(interest, language);
    if (indemnity.amountMinor > 0) vars.indemnityAmount = formatMoney(indemnity, language);
    if (interest.amountMinor > 0 || indemnity.amountMinor > 0) vars.legalBasis = legalBasis;
    vars.totalWithCharges = formatTotals([...principal, interest, indemnity], language);
  }

  if (input.deadlineDays !== undefined) {
    if (!Number.isSafeInteger(input.deadlineDays) || input.deadlineDays < 1) {
      throw new TemplateInputError('deadlineDays', `expected a whole number of days ≥ 1, got ${input.deadlineDays}`);
    }
    vars.deadlineDate = formatDate(todayTime + input.deadlineDays * DAY_MS, language, 'long');
  }
  if (input.promise !== undefined) {
    vars.promiseDate = formatDate(parseIsoDate(input.promise.date, 'promise.date'), language, 'long');
    vars.promiseAmount = formatMoney(checkMoney(input.promise.amount, 'promise.amount', false), language);
  }
  if (input.installment !== undefined) {
    vars.installmentDate = formatDate(parseIsoDate(input.installment.dueDate, 'installment.dueDate'), language, 'long');
    vars.installmentAmount = formatMoney(checkMoney(input.installment.amount, 'installment.amount', false), language);
  }
  if (input.paymentAmount !== undefined) {
    vars.paymentAmount = formatMoney(checkMoney(input.paymentAmount, 'paymentAmount', false), language);
  }
  return vars;
}
