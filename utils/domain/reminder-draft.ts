// From a next best action to the message the user sends: which situation (template) to suggest, what to
// record when it is marked sent, and how a rendered letter splits into the blocks of a printed page.
// Pure: no clock, no DOM.
import { z } from 'zod';
import type { CustomerLogState } from './contact-log';
import { allocateCredits } from './credits';
import {
  computeLatePaymentCharges,
  type CreditorCountry,
  type DebtorKind,
  type LatePaymentBreakdown,
  type LatePaymentNote,
  type LegalBasisText,
} from './law';
import type { NextAction } from './next-action';
import type { Channel as PolicyChannel, Policy } from './policy';
import type { RateTables } from './rates';
import {
  buildTemplateVars,
  renderTemplate,
  resolveTemplate,
  TemplateError,
  TemplateInputError,
  TONE_OF_SITUATION,
  validateTemplate,
  type InvoiceLine,
  type Language,
  type Situation,
  type TemplateInput,
  type TemplateIssue,
  type TemplateOverrides,
  type TemplateVars,
  type Tone,
} from './templates';
import type { IsoDate, Money } from './types';

/** The ladder situation that speaks in each tone (used when a segment softened a level's tone). */
const SITUATION_OF_TONE: Readonly<Record<Tone, Situation>> = {
  courteous: 'first-reminder',
  firm: 'firm-reminder',
  'formal-notice': 'formal-notice',
  'final-notice': 'final-notice',
};

/**
 * The message to prepare for an action:
 * - the action's own situation when its template speaks in the action's tone;
 * - otherwise the ladder situation of the action's tone (a key account's softened firm level gets the
 *   courteous reminder; the firm "last call" gets the firm reminder as its script);
 * - an escalation: the final notice (the last letter, for the file); every invoice disputed: the
 *   acknowledgement of the dispute; anything else: the first reminder.
 */
export function suggestedSituation(action: NextAction): Situation {
  const { situation, tone } = action;
  if (situation && tone) return TONE_OF_SITUATION[situation] === tone ? situation : SITUATION_OF_TONE[tone];
  if (situation) return situation;
  if (tone) return SITUATION_OF_TONE[tone];
  if (action.kind === 'escalate') return 'final-notice';
  if (action.reason.code === 'all-disputed') return 'dispute-acknowledgement';
  return 'first-reminder';
}

/** What a message marked sent records: the level it completes (none for thanks and acknowledgements). */
export interface SentMessage {
  /** Ladder level or event message id; absent when the message is not a reminder. */
  levelId?: string;
  channel: PolicyChannel;
  tone: Tone;
}

/**
 * The level, channel and tone a message in `situation` completes. The suggested message completes the
 * action's level (so a softened level still counts as done); another situation completes the first policy
 * level written for it (or its event message). Thanks and dispute acknowledgements are no reminder.
 */
export function sentMessageFor(situation: Situation, action: NextAction, policy: Policy): SentMessage {
  const tone = TONE_OF_SITUATION[situation];
  if (action.levelId && action.channel && suggestedSituation(action) === situation) {
    return { levelId: action.levelId, channel: action.channel, tone };
  }
  if (situation === 'broken-promise') return { levelId: policy.brokenPromise.levelId, channel: policy.brokenPromise.channel, tone };
  if (situation === 'missed-installment') {
    return { levelId: policy.missedInstallment.levelId, channel: policy.missedInstallment.channel, tone };
  }
  const level = policy.levels.find((l) => l.situation === situation);
  if (level) return { levelId: level.id, channel: level.channel, tone };
  return { channel: 'email', tone };
}

/** One contact-log entry that "Mark as sent" writes. */
export interface SentRecord extends SentMessage {
  invoiceIds: string[];
}

/**
 * What "Mark as sent" records for a message about `invoiceIds`. The suggested message groups invoices at
 * different levels (a formal notice may also list an invoice due only for its first reminder): it is recorded
 * as one entry per level, so each invoice moves up its own ladder and none skips a level. Every entry keeps the
 * tone of the message itself, which is what the customer received (a French consumer's interest runs from a
 * formal notice). Any other message is one entry at the level `sentMessageFor` gives.
 */
export function sentRecordsFor(situation: Situation, action: NextAction, policy: Policy, invoiceIds: readonly string[]): SentRecord[] {
  const sent = sentMessageFor(situation, action, policy);
  const suggested = action.levelId !== undefined && action.channel !== undefined && suggestedSituation(action) === situation;
  if (!suggested || sent.levelId === undefined) return [{ ...sent, invoiceIds: [...invoiceIds] }];
  const levelOf = new Map(action.invoices.map((invoice) => [invoice.id, invoice.levelId]));
  const groups = new Map<string, string[]>();
  for (const id of invoiceIds) {
    const levelId = levelOf.get(id) ?? sent.levelId;
    groups.set(levelId, [...(groups.get(levelId) ?? []), id]);
  }
  return [...groups].map(([levelId, ids]) => ({ levelId, channel: sent.channel, tone: sent.tone, invoiceIds: ids }));
}

/** True when the message is a printed letter: formal and final notices, or a level sent by (registered) letter. */
export function isLetter(situation: Situation, channel: PolicyChannel): boolean {
  return situation === 'formal-notice' || situation === 'final-notice' || channel === 'letter' || channel === 'registered-letter';
}

// ---------------------------------------------------------------------------------------------
// Letters

/** A rendered letter cut into the blocks a printed page lays out. */
export interface LetterParts {
  /** Lines printed above the subject, e.g. "Lettre recommandée avec accusé de réception". */
  mentions: string[];
  /** The subject, without its "Objet :" / "Subject:" prefix; absent when the text has no subject line. */
  subject?: string;
  /** From the salutation to the closing formula. */
  body: string;
  /** The signature block, when the text ends with it. */
  signature?: string;
}

const SUBJECT_LINE: Readonly<Record<Language, RegExp>> = {
  fr: /^\s*Objet\s*:\s*(.+?)\s*$/,
  en: /^\s*(?:Subject|Re)\s*:\s*(.+?)\s*$/,
};

function trimBlankLines(lines: readonly string[]): string {
  return lines.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
}

/**
 * Cuts a rendered letter (as the formal and final notice templates write it: head, date, mentions,
 * "Objet : …", body, signature) into blocks. The head above the date is dropped: the letter page prints the
 * sender and recipient blocks itself. Without a subject line the whole text is the body.
 * `known.today` is the formatted date as in the letter, `known.signature` the signature block.
 */
export function splitLetter(text: string, language: Language, known: { today?: string; signature?: string } = {}): LetterParts {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const subjectIndex = lines.findIndex((line) => SUBJECT_LINE[language].test(line));
  let mentions: string[] = [];
  let bodyLines = lines;
  let subject: string | undefined;
  if (subjectIndex >= 0) {
    subject = SUBJECT_LINE[language].exec(lines[subjectIndex] as string)?.[1];
    const preamble = lines.slice(0, subjectIndex);
    const today = known.today?.trim();
    const dateIndex =
      today === undefined
        ? -1
        : preamble.findLastIndex((line) => {
            const t = line.trim();
            return t === today || t.toLowerCase() === `le ${today}`.toLowerCase() || t.endsWith(` ${today}`);
          });
    if (dateIndex >= 0) mentions = preamble.slice(dateIndex + 1).map((l) => l.trim()).filter((l) => l !== '');
    bodyLines = lines.slice(subjectIndex + 1);
  }
  let body = trimBlankLines(bodyLines);
  let signature: string | undefined;
  const sign = known.signature?.trim();
  if (sign && body.endsWith(sign)) {
    signature = sign;
    body = body.slice(0, body.length - sign.length).replace(/\s+$/, '');
  }
  const parts: LetterParts = { mentions, body };
  if (subject !== undefined) parts.subject = subject;
  if (signature !== undefined) parts.signature = signature;
  return parts;
}

/** A postal-code line: "75002 Paris", "B-1000 Bruxelles", "D-10115 Berlin" → the town. */
const POSTCODE_TOWN = /^(?:[A-Z]{1,2}-)?\d{4,5}\s+(\D.*?)\s*(?:cedex(?:\s+\d+)?)?$/i;

/**
 * The town of a postal address, for the "Paris, le …" line: the town after the postal code on the last line
 * that has one. Undefined when no line reads "postal code + town" (no place rather than a wrong one).
 */
export function placeOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const lines = address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const town = POSTCODE_TOWN.exec(lines[i] as string)?.[1];
    if (town) return town;
  }
  return undefined;
}

/** "Paris, le 23 novembre 2026" / "Paris, 23 November 2026"; just the date when the place is unknown. */
export function placeAndDate(place: string | undefined, date: string, language: Language): string {
  if (language === 'fr') return place ? `${place}, le ${date}` : `Le ${date}`;
  return place ? `${place}, ${date}` : date;
}

// ---------------------------------------------------------------------------------------------
// Late-payment charges over several invoices

/** An unpaid invoice whose statutory charges are computed. */
export interface ChargeableInvoice {
  id: string;
  number: string;
  dueDate: IsoDate;
  amountDue: Money;
  /** French consumer debtors: interest runs from the day after the formal notice. */
  formalNoticeDate?: IsoDate;
}

/** One invoice's charges, or why they could not be computed (missing rate, wrong currency…). */
export type InvoiceCharges =
  | { invoice: ChargeableInvoice; breakdown: LatePaymentBreakdown; error?: undefined }
  | { invoice: ChargeableInvoice; error: Error; breakdown?: undefined };

export interface ChargesContext {
  asOf: IsoDate;
  country: CreditorCountry;
  debtor: DebtorKind;
  rates: RateTables;
}

/**
 * Statutory interest and fixed indemnity of each invoice on its own (its own due date, one indemnity per
 * invoice, as the law counts them). An invoice that cannot be computed carries its error instead.
 */
export function chargesPerInvoice(invoices: readonly ChargeableInvoice[], context: ChargesContext): InvoiceCharges[] {
  return invoices.map((invoice) => {
    try {
      const breakdown = computeLatePaymentCharges(
        {
          principal: invoice.amountDue,
          dueDate: invoice.dueDate,
          asOf: context.asOf,
          country: context.country,
          debtor: context.debtor,
          ...(invoice.formalNoticeDate ? { formalNoticeDate: invoice.formalNoticeDate } : {}),
        },
        context.rates,
      );
      return { invoice, breakdown };
    } catch (error) {
      return { invoice, error: error instanceof Error ? error : new Error(String(error)) };
    }
  });
}

/** Interest and indemnity added up over invoices, for a notice. */
export interface TotalCharges {
  interest: Money;
  indemnity: Money;
  /** Legal reference of the charges in each message language. */
  legalBasis: LegalBasisText;
  /** The warnings of every invoice's computation (e.g. a rate not confirmed), each once. */
  warnings: LatePaymentNote[];
}

/**
 * The sum of every invoice's charges. A notice must never state partial amounts, so any failed invoice fails
 * the whole: its error is thrown, prefixed with the invoice number.
 * @throws Error when there is no invoice, or when one invoice's charges could not be computed.
 */
export function totalCharges(perInvoice: readonly InvoiceCharges[]): TotalCharges {
  const first = perInvoice[0];
  if (first === undefined) throw new Error('invoices: no overdue invoice to compute late-payment charges for');
  let interest: Money | undefined;
  let indemnity: Money | undefined;
  let legalBasis: LegalBasisText = first.breakdown?.legalBasis ?? { fr: '', en: '' };
  const warnings = new Map<string, LatePaymentNote>();
  for (const item of perInvoice) {
    if (item.error) throw new Error(`invoice ${item.invoice.number}: ${item.error.message}`, { cause: item.error });
    const b = item.breakdown;
    interest = { amountMinor: (interest?.amountMinor ?? 0) + b.interest.amountMinor, currency: b.interest.currency };
    indemnity = { amountMinor: (indemnity?.amountMinor ?? 0) + b.indemnity.amountMinor, currency: b.indemnity.currency };
    legalBasis = b.legalBasis;
    for (const note of b.notes) if (note.severity === 'warning') warnings.set(JSON.stringify(note), note);
  }
  return { interest: interest as Money, indemnity: indemnity as Money, legalBasis, warnings: [...warnings.values()] };
}

// ---------------------------------------------------------------------------------------------
// The message itself

/** An open invoice (or open credit note) as a message lists it. */
export interface MessageInvoice extends InvoiceLine {
  id: string;
  dueDate: IsoDate;
}

/** The invoices of a message with the credit notes deducted from them, as the table lists them. */
export interface CreditedInvoices {
  /** The invoices at their own amount due, then one negative line per credit note deducted from them. */
  rows: MessageInvoice[];
  /** What remains owed on each listed invoice once the credit notes are deducted. */
  net: ReadonlyMap<string, Money>;
  /** The listed invoices, without those the credit notes cover in full. */
  invoices: MessageInvoice[];
}

/**
 * Deducts the customer's open credit notes from `selected` (the invoices a message is about), as the policy
 * does: over all the customer's open invoices, earliest due first (see credits.ts). An invoice the credit notes
 * cover in full drops out; each credit note used on the listed invoices becomes one negative line.
 */
export function withCredits(
  selected: readonly MessageInvoice[],
  openInvoices: readonly MessageInvoice[],
  creditNotes: readonly MessageInvoice[] = [],
): CreditedInvoices {
  const asDocument = (line: MessageInvoice, kind: 'invoice' | 'credit-note') => ({
    id: line.id,
    number: line.number,
    dueDate: line.dueDate,
    amountDue: line.amountDue,
    paid: false,
    lifecycle: 'issued' as const,
    kind,
  });
  const allocation = allocateCredits([
    ...openInvoices.map((line) => asDocument(line, 'invoice')),
    ...creditNotes.map((line) => asDocument(line, 'credit-note')),
  ]);
  const net = new Map<string, Money>();
  const invoices = selected.filter((line) => {
    const owed = allocation.netDue.get(line.id) ?? line.amountDue;
    net.set(line.id, owed);
    return owed.amountMinor > 0;
  });
  const listed = new Set(invoices.map((line) => line.id));
  const deducted = new Map<string, number>();
  for (const application of allocation.applications) {
    if (listed.has(application.invoiceId)) {
      deducted.set(application.creditId, (deducted.get(application.creditId) ?? 0) + application.amount.amountMinor);
    }
  }
  const creditRows = creditNotes
    .filter((credit) => deducted.has(credit.id))
    .map((credit): MessageInvoice => ({
      ...credit,
      kind: 'credit-note',
      daysOverdue: 0,
      amountDue: { amountMinor: -(deducted.get(credit.id) ?? 0), currency: credit.amountDue.currency },
    }));
  return { rows: [...invoices, ...creditRows], net, invoices };
}

/** Everything a message is written from. */
export interface PrepareMessageInput {
  situation: Situation;
  language: Language;
  today: IsoDate;
  /** The customer's next best action (its invoices are the suggested message's invoices). */
  action: NextAction;
  customer: { name: string; debtorKind: DebtorKind; postalAddress?: string };
  /** The customer's open invoices (issued, unpaid), with days overdue as of `today`. */
  openInvoices: readonly MessageInvoice[];
  /** The customer's open credit notes (issued, not used up), deducted from the invoices. */
  creditNotes?: readonly MessageInvoice[];
  logState: CustomerLogState;
  creditor: { name: string; address?: string; country: CreditorCountry; paymentDetails?: string; signature?: string };
  senderName?: string;
  rates: RateTables;
  templates?: TemplateOverrides;
  /** Days given to pay in firm messages and notices. */
  deadlineDays: number;
  /** A payment just received, for the thank-you message. */
  paymentAmount?: Money;
}

/** Why a message cannot be shown, one problem per fix the user has to make. */
export type MessageProblem =
  | { kind: 'law'; message: string }
  | { kind: 'template'; issue: TemplateIssue }
  | { kind: 'input'; field: string; message: string }
  | { kind: 'no-invoices' };

export type PreparedMessage =
  | { ok: true; subject: string; body: string; vars: TemplateVars; invoices: MessageInvoice[]; charges?: TotalCharges }
  | { ok: false; problems: MessageProblem[] };

/** Placeholders filled from the late-payment charges: not reported again when the law computation failed. */
const CHARGE_VARIABLES = new Set(['interestAmount', 'indemnityAmount', 'totalWithCharges', 'legalBasis']);

/**
 * The invoices a message is about: the action's own for the suggested message; the disputed ones for a
 * dispute acknowledgement; the not-yet-due ones for a pre-due courtesy; all open ones for a thank-you;
 * otherwise the overdue ones. Disputed invoices are never reminded.
 */
export function invoicesForMessage(input: Pick<PrepareMessageInput, 'situation' | 'action' | 'openInvoices' | 'logState'>): MessageInvoice[] {
  const { situation, action, openInvoices, logState } = input;
  const disputed = new Set(logState.disputedInvoiceIds);
  if (situation === 'dispute-acknowledgement') return openInvoices.filter((i) => disputed.has(i.id));
  if (situation === 'thank-you-payment') return [...openInvoices];
  if (suggestedSituation(action) === situation && action.invoices.length > 0) {
    const ids = new Set(action.invoices.map((i) => i.id));
    const own = openInvoices.filter((i) => ids.has(i.id));
    if (own.length > 0) return own;
  }
  const undisputed = openInvoices.filter((i) => !disputed.has(i.id));
  if (situation === 'pre-due-courtesy') return undisputed.filter((i) => i.daysOverdue <= 0);
  return undisputed.filter((i) => i.daysOverdue > 0);
}

/** The first formal (or final) notice naming the invoice, or naming none, for French consumer debtors. */
function formalNoticeDateFor(logState: CustomerLogState, invoiceId: string): IsoDate | undefined {
  return logState.reminders
    .filter((r) => (r.tone === 'formal-notice' || r.tone === 'final-notice') && (r.invoiceIds.length === 0 || r.invoiceIds.includes(invoiceId)))
    .map((r) => r.at.slice(0, 10))
    .sort()[0];
}

/**
 * Renders the message of `situation` for a customer, or lists every problem that prevents it: a template
 * mistake (unknown placeholder…), a missing fact (company address, customer address…), a late-payment
 * computation that failed (a notice is never shown without its amounts), no invoice to write about.
 */
export function prepareMessage(input: PrepareMessageInput): PreparedMessage {
  const { situation, language, today } = input;
  const credited = withCredits(invoicesForMessage(input), input.openInvoices, input.creditNotes);
  const { invoices } = credited;
  if (invoices.length === 0 && situation !== 'thank-you-payment') return { ok: false, problems: [{ kind: 'no-invoices' }] };

  const problems: MessageProblem[] = [];
  const notice = situation === 'formal-notice' || situation === 'final-notice';
  let charges: TotalCharges | undefined;
  if (notice) {
    try {
      charges = totalCharges(
        chargesPerInvoice(
          invoices.map((i) => {
            const noticeOn = formalNoticeDateFor(input.logState, i.id);
            // Interest runs on what is owed once the credit notes are deducted.
            const amountDue = credited.net.get(i.id) ?? i.amountDue;
            return { id: i.id, number: i.number, dueDate: i.dueDate, amountDue, ...(noticeOn ? { formalNoticeDate: noticeOn } : {}) };
          }),
          { asOf: today, country: input.creditor.country, debtor: input.customer.debtorKind, rates: input.rates },
        ),
      );
    } catch (error) {
      problems.push({ kind: 'law', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const templateInput: TemplateInput = {
    language,
    today,
    customerName: input.customer.name,
    creditor: {
      name: input.creditor.name,
      ...(input.creditor.address ? { address: input.creditor.address } : {}),
      ...(input.creditor.paymentDetails ? { paymentDetails: input.creditor.paymentDetails } : {}),
      ...(input.creditor.signature ? { signature: input.creditor.signature } : {}),
      ...(input.senderName ? { senderName: input.senderName } : {}),
    },
    invoices: credited.rows,
  };
  if (input.customer.postalAddress) templateInput.debtorAddress = input.customer.postalAddress;
  if (charges) templateInput.charges = { interest: charges.interest, indemnity: charges.indemnity, legalBasis: charges.legalBasis[language] };
  if (TONE_OF_SITUATION[situation] !== 'courteous') templateInput.deadlineDays = input.deadlineDays;
  const promise = input.logState.brokenPromise ?? input.logState.pendingPromise ?? input.logState.promises.at(-1);
  if (promise) templateInput.promise = { date: promise.date, amount: promise.amount };
  const plan = input.logState.plans.filter((p) => p.supersededBy === undefined).at(-1);
  const missed = plan?.installments.find((i) => i.state === 'late') ?? plan?.installments.find((i) => i.state === 'due');
  if (missed) templateInput.installment = { dueDate: missed.dueDate, amount: missed.amount };
  const dispute = input.logState.disputes.filter((d) => d.state === 'open').at(-1);
  if (dispute) templateInput.disputeReason = dispute.reason;
  if (input.paymentAmount) templateInput.paymentAmount = input.paymentAmount;

  let vars: TemplateVars;
  try {
    vars = buildTemplateVars(templateInput);
  } catch (error) {
    if (error instanceof TemplateInputError) return { ok: false, problems: [...problems, { kind: 'input', field: error.field, message: error.message }] };
    throw error;
  }
  const template = resolveTemplate(situation, language, input.templates);
  // A template saved before the rule existed, or edited elsewhere, is checked again here.
  const threats = validateTemplate(template, situation).filter((issue) => issue.code === 'legal-threat');
  if (threats.length > 0) return { ok: false, problems: [...problems, ...threats.map((issue) => ({ kind: 'template' as const, issue }))] };
  try {
    const rendered = renderTemplate(template, vars, language);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, subject: rendered.subject, body: rendered.body, vars, invoices, ...(charges ? { charges } : {}) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const lawFailed = problems.some((p) => p.kind === 'law');
    const seen = new Set<string>();
    for (const issue of error.issues) {
      if (lawFailed && issue.code === 'missing-variable' && CHARGE_VARIABLES.has(issue.placeholder)) continue;
      const key = `${issue.code}|${issue.placeholder}`;
      if (seen.has(key)) continue; // one problem per placeholder, even when used in the subject and the body
      seen.add(key);
      problems.push({ kind: 'template', issue });
    }
    return { ok: false, problems };
  }
}

// ---------------------------------------------------------------------------------------------
// The letter handed to the print page

/** The key under which the letter page finds the letter to print (in the extension's session storage). */
export const LETTER_DRAFT_KEY = 'letterDraft';

/** A letter laid out for printing: sender and recipient blocks, place and date, subject, body, signature. */
export const LetterDraftSchema = z.object({
  language: z.enum(['fr', 'en']),
  sender: z.object({ name: z.string(), address: z.string().optional() }),
  recipient: z.object({ name: z.string(), address: z.string().optional() }),
  placeDate: z.string(),
  mentions: z.array(z.string()),
  subject: z.string().optional(),
  body: z.string(),
  signature: z.string().optional(),
});
export type LetterDraft = z.infer<typeof LetterDraftSchema>;

/**
 * The letter to print from the (possibly edited) text of a rendered message. The head is rebuilt from the
 * company and customer records; the subject comes from the text's "Objet :" / "Subject:" line, else from the
 * message's subject.
 */
export function letterDraftOf(input: {
  language: Language;
  text: string;
  subject: string;
  /** The values the message was rendered with (for its date and signature). */
  vars: TemplateVars;
  creditor: { name: string; address?: string };
  customer: { name: string; postalAddress?: string };
}): LetterDraft {
  const { language, vars } = input;
  const parts = splitLetter(input.text, language, {
    ...(vars.today ? { today: vars.today } : {}),
    ...(vars.senderSignature ? { signature: vars.senderSignature } : {}),
  });
  const subject = parts.subject ?? (input.subject.trim() || undefined);
  const draft: LetterDraft = {
    language,
    sender: { name: input.creditor.name, ...(input.creditor.address ? { address: input.creditor.address } : {}) },
    recipient: { name: input.customer.name, ...(input.customer.postalAddress ? { address: input.customer.postalAddress } : {}) },
    placeDate: placeAndDate(placeOf(input.creditor.address), vars.today ?? '', language),
    mentions: parts.mentions,
    body: parts.body,
  };
  if (subject !== undefined) draft.subject = subject;
  if (parts.signature !== undefined) draft.signature = parts.signature;
  return draft;
}
