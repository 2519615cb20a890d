// The built-in reminder texts, as data. Placeholders are documented in TEMPLATE_VARIABLE_DESCRIPTIONS
// (templates.ts). Rules these texts keep, enforced by tests over every template:
// - below the formal notice, never a word about courts, bailiffs or legal action;
// - courteous messages never mention interest or the recovery indemnity;
// - firm messages may recall that charges are due by law, without amounts and without threat;
// - formal and final notices state interest, indemnity, legal basis, a deadline and the consequences; a charge
//   the law does not give (no indemnity for a consumer debtor) leaves its line out rather than printing zero;
// - French texts use the typographic apostrophe; the renderer adds the no-break spaces before : ; ! ? itself.

import type { Language, MessageTemplate, Situation } from './templates';

// Shared blocks keep wording identical across messages. A block tag alone on its line takes the
// line with it, so optional sections leave no gap when the value is missing.
const PAYMENT_FR = `{{#if paymentDetails}}
Nos coordonnées de paiement :
{{paymentDetails}}

{{/if}}
`;

const PAYMENT_EN = `{{#if paymentDetails}}
Our payment details:
{{paymentDetails}}

{{/if}}
`;

const CHARGES_DUE_BY_LAW_FR = `{{#if legalBasis}}
Nous vous rappelons que la loi ({{legalBasis}}) prévoit de plein droit, en cas de retard de paiement, des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement.

{{/if}}
`;

const CHARGES_DUE_BY_LAW_EN = `{{#if legalBasis}}
Please note that, under {{legalBasis}}, late payment automatically gives rise to late-payment interest and a fixed indemnity for recovery costs.

{{/if}}
`;

// The statutory charges of a notice. Each line appears only when the law gives an amount: no indemnity for a
// consumer debtor, no interest yet on the day a French consumer receives the formal notice.
const CHARGES_FR = `{{#if legalBasis}}
En application de la loi ({{legalBasis}}), ces sommes sont majorées de plein droit :
{{#if interestAmount}}
- intérêts de retard au taux prévu par la loi, arrêtés au {{today}} : {{interestAmount}}
{{/if}}
{{#if indemnityAmount}}
- indemnité forfaitaire pour frais de recouvrement, due pour chaque facture payée en retard : {{indemnityAmount}}
{{/if}}

Montant total dû à ce jour : {{totalWithCharges}}

{{/if}}
`;

const CHARGES_EN = `{{#if legalBasis}}
Under {{legalBasis}}, the following are added to these sums by law:
{{#if interestAmount}}
- late-payment interest at the statutory rate, to {{today}}: {{interestAmount}}
{{/if}}
{{#if indemnityAmount}}
- fixed compensation for recovery costs, due on each invoice paid late: {{indemnityAmount}}
{{/if}}

Total amount due as at {{today}}: {{totalWithCharges}}

{{/if}}
`;

const LETTER_HEAD_FR = `{{creditorName}}
{{creditorAddress}}

{{customerName}}
{{debtorAddress}}
{{#if contactName}}
À l’attention de {{contactName}}
{{/if}}

Le {{today}}
`;

const LETTER_HEAD_EN = `{{creditorName}}
{{creditorAddress}}

{{customerName}}
{{debtorAddress}}
{{#if contactName}}
For the attention of {{contactName}}
{{/if}}

{{today}}
`;

const CLOSING_LETTER_FR = `Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.

{{senderSignature}}`;

const CLOSING_LETTER_EN = `Yours faithfully,

{{senderSignature}}`;

/** Built-in templates by situation and language. */
export const DEFAULT_TEMPLATES: Readonly<Record<Situation, Readonly<Record<Language, MessageTemplate>>>> = {
  'pre-due-courtesy': {
    fr: {
      subject: 'Prochaine échéance de paiement – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Nous nous permettons de vous signaler que la ou les factures ci-dessous arrivent prochainement à échéance :

{{invoiceTable}}

Montant total : {{totalDue}}

Si le paiement est déjà programmé, merci de ne pas tenir compte de ce message. Dans le cas contraire, nous vous serions reconnaissants de bien vouloir prendre les dispositions nécessaires pour un règlement à la date prévue.

${PAYMENT_FR}Nous restons à votre disposition pour toute question ou pour vous adresser une copie de facture.

Bien cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Upcoming payment due – {{creditorName}}',
      body: `Dear {{contactName}},

This is a friendly note to let you know that the following invoice(s) will shortly fall due:

{{invoiceTable}}

Total amount: {{totalDue}}

If payment has already been scheduled, please disregard this message. Otherwise, we would be grateful if you could arrange for payment by the due date.

${PAYMENT_EN}Please do not hesitate to contact us if you have any questions or would like a copy of an invoice.

Kind regards,

{{senderSignature}}`,
    },
  },

  'first-reminder': {
    fr: {
      subject: 'Rappel : facture(s) en attente de règlement – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Sauf erreur ou omission de notre part, nous n’avons pas encore reçu le règlement de la ou des factures suivantes, arrivées à échéance :

{{invoiceTable}}

Montant restant dû : {{totalDue}}

Il s’agit très probablement d’un simple oubli. Nous vous serions reconnaissants de bien vouloir procéder au règlement dans les meilleurs délais. Si celui-ci a été effectué entre-temps, merci de ne pas tenir compte de ce message.

${PAYMENT_FR}Si l’une de ces factures appelle une question de votre part, n’hésitez pas à nous en faire part : nous vous apporterons volontiers toute précision utile.

Bien cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Reminder: invoice(s) awaiting payment – {{creditorName}}',
      body: `Dear {{contactName}},

According to our records, we have not yet received payment for the following invoice(s), which are now past due:

{{invoiceTable}}

Amount outstanding: {{totalDue}}

This is most likely a simple oversight. We would be grateful if you could arrange payment at your earliest convenience. If payment has been made in the meantime, please disregard this reminder.

${PAYMENT_EN}If you have any query about these invoices, please let us know and we will be happy to help.

Kind regards,

{{senderSignature}}`,
    },
  },

  'firm-reminder': {
    fr: {
      subject: 'Relance : factures échues impayées – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Malgré notre précédent rappel, la ou les factures ci-dessous restent impayées à ce jour ; la plus ancienne est échue depuis {{oldestDaysOverdue}}.

{{invoiceTable}}

Montant restant dû : {{totalDue}}

Nous vous demandons de bien vouloir régler cette somme sans plus attendre{{#if deadlineDate}}, et au plus tard le {{deadlineDate}}{{/if}}.

Si vous rencontrez une difficulté, ou si l’une de ces factures appelle une réserve de votre part, nous vous invitons à nous contacter rapidement afin que nous trouvions ensemble une solution, par exemple un échéancier.

${CHARGES_DUE_BY_LAW_FR}${PAYMENT_FR}Si le règlement a été effectué entre-temps, merci de ne pas tenir compte de ce message.

Cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Overdue invoice(s): payment now required – {{creditorName}}',
      body: `Dear {{contactName}},

Despite our previous reminder, the invoice(s) below remain unpaid; the oldest is now {{oldestDaysOverdue}} overdue.

{{invoiceTable}}

Amount outstanding: {{totalDue}}

We ask that you settle this amount without further delay{{#if deadlineDate}}, and no later than {{deadlineDate}}{{/if}}.

If you are experiencing any difficulty, or if you have a concern about any of these invoices, please contact us promptly so that we can find a solution together, such as a payment plan.

${CHARGES_DUE_BY_LAW_EN}${PAYMENT_EN}If payment has been made in the meantime, please disregard this message.

Kind regards,

{{senderSignature}}`,
    },
  },

  'broken-promise': {
    fr: {
      subject: 'Règlement annoncé pour le {{promiseDate}} – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Lors de notre dernier échange, un règlement de {{promiseAmount}} nous avait été annoncé pour le {{promiseDate}}. Sauf erreur de notre part, nous ne l’avons pas reçu à ce jour.

Pour mémoire, voici les factures concernées :

{{invoiceTable}}

Montant restant dû : {{totalDue}}

Nous vous remercions de bien vouloir procéder à ce règlement sans délai{{#if deadlineDate}}, et au plus tard le {{deadlineDate}}{{/if}}, ou de nous indiquer rapidement ce qui a pu l’empêcher, afin de convenir ensemble d’une nouvelle date.

${CHARGES_DUE_BY_LAW_FR}${PAYMENT_FR}Si le règlement a été effectué entre-temps, merci de ne pas tenir compte de ce message.

Cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Payment promised for {{promiseDate}} – {{creditorName}}',
      body: `Dear {{contactName}},

When we were last in touch, we were told that a payment of {{promiseAmount}} would be made by {{promiseDate}}. According to our records, we have not yet received it.

For reference, the invoices concerned are:

{{invoiceTable}}

Amount outstanding: {{totalDue}}

We would ask you to make this payment without delay{{#if deadlineDate}}, and no later than {{deadlineDate}}{{/if}}, or to let us know promptly what has prevented it, so that we can agree on a new date together.

${CHARGES_DUE_BY_LAW_EN}${PAYMENT_EN}If payment has been made in the meantime, please disregard this message.

Kind regards,

{{senderSignature}}`,
    },
  },

  'missed-installment': {
    fr: {
      subject: 'Échéancier : versement du {{installmentDate}} non reçu – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Dans le cadre de l’échéancier convenu ensemble, un versement de {{installmentAmount}} était attendu le {{installmentDate}}. Sauf erreur de notre part, ce versement ne nous est pas parvenu.

Nous vous remercions de bien vouloir le régulariser dans les meilleurs délais{{#if deadlineDate}}, et au plus tard le {{deadlineDate}}{{/if}}. Nous vous rappelons que le respect de chaque échéance conditionne le maintien de l’échéancier accordé.

Pour mémoire, le solde restant dû s’élève à {{totalDue}} :

{{invoiceTable}}

Si vous rencontrez une difficulté ponctuelle, contactez-nous sans attendre : nous préférons toujours trouver une solution ensemble.

${CHARGES_DUE_BY_LAW_FR}${PAYMENT_FR}Si le versement a été effectué entre-temps, merci de ne pas tenir compte de ce message.

Cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Payment plan: instalment due {{installmentDate}} not received – {{creditorName}}',
      body: `Dear {{contactName}},

Under the payment plan we agreed together, an instalment of {{installmentAmount}} was due on {{installmentDate}}. According to our records, we have not received it.

We would be grateful if you could make this payment as soon as possible{{#if deadlineDate}}, and no later than {{deadlineDate}}{{/if}}. Please bear in mind that the payment plan can only be maintained if each instalment is paid on time.

For reference, the balance outstanding is {{totalDue}}:

{{invoiceTable}}

If you are facing a temporary difficulty, please contact us without delay: we would always rather find a solution together.

${CHARGES_DUE_BY_LAW_EN}${PAYMENT_EN}If payment has been made in the meantime, please disregard this message.

Kind regards,

{{senderSignature}}`,
    },
  },

  'formal-notice': {
    fr: {
      subject: 'Mise en demeure de payer – {{creditorName}}',
      body: `${LETTER_HEAD_FR}
Lettre recommandée avec accusé de réception

Objet : Mise en demeure de payer

Madame, Monsieur,

Malgré nos précédentes relances, restées sans effet, les factures suivantes, adressées par {{creditorName}} à {{customerName}}, demeurent impayées à ce jour :

{{invoiceTable}}

Montant principal restant dû : {{totalDue}}

${CHARGES_FR}Par la présente, nous vous mettons en demeure de nous régler la somme de {{totalWithCharges}} au plus tard le {{deadlineDate}}.

À défaut de règlement dans ce délai, les intérêts de retard courront jusqu’à complet paiement, et nous nous réservons le droit d’engager sans autre avis toute procédure judiciaire utile au recouvrement de notre créance.

${PAYMENT_FR}Si ce règlement a été effectué entre-temps, nous vous remercions de ne pas tenir compte de la présente. Nous restons par ailleurs disposés à examiner toute proposition de règlement amiable que vous nous adresseriez avant cette date.

${CLOSING_LETTER_FR}`,
    },
    en: {
      subject: 'Formal notice to pay – {{creditorName}}',
      body: `${LETTER_HEAD_EN}
Sent by recorded delivery with acknowledgement of receipt

Subject: Formal notice to pay

Dear Sir or Madam,

Despite our previous reminders, which have gone unanswered, the following invoices issued by {{creditorName}} to {{customerName}} remain unpaid:

{{invoiceTable}}

Principal amount outstanding: {{totalDue}}

${CHARGES_EN}We hereby give you formal notice to pay the sum of {{totalWithCharges}} no later than {{deadlineDate}}.

Should payment not be received by that date, late-payment interest will accrue until payment in full, and we reserve the right to bring legal proceedings, without further notice, to recover the amounts owed.

${PAYMENT_EN}If payment has been made in the meantime, please disregard this letter. We also remain open to any proposal for an amicable settlement that you may wish to make before that date.

${CLOSING_LETTER_EN}`,
    },
  },

  'final-notice': {
    fr: {
      subject: 'Dernier avis avant transmission de votre dossier – {{creditorName}}',
      body: `${LETTER_HEAD_FR}
Lettre recommandée avec accusé de réception

Objet : Dernier avis avant transmission du dossier

Madame, Monsieur,

Notre mise en demeure est restée sans effet : les factures ci-dessous demeurent impayées, la plus ancienne depuis {{oldestDaysOverdue}}.

{{invoiceTable}}

Montant principal restant dû : {{totalDue}}
{{#if interestAmount}}
Intérêts de retard au taux prévu par la loi, arrêtés au {{today}} : {{interestAmount}}
{{/if}}
{{#if indemnityAmount}}
Indemnité forfaitaire pour frais de recouvrement : {{indemnityAmount}}
{{/if}}
Montant total dû : {{totalWithCharges}}

{{#if legalBasis}}
Ces sommes sont dues en application de la loi ({{legalBasis}}).

{{/if}}
Ce courrier constitue notre dernière démarche amiable. Faute de règlement intégral au plus tard le {{deadlineDate}}, le dossier sera transmis sans nouvel avis à une société de recouvrement ou à notre avocat, en vue d’une procédure judiciaire.

Si vous rencontrez des difficultés, il est encore temps de nous contacter avant cette date pour convenir d’un règlement amiable, y compris d’un échéancier.

${PAYMENT_FR}Si le règlement a été effectué entre-temps, nous vous remercions de ne pas tenir compte de ce courrier.

${CLOSING_LETTER_FR}`,
    },
    en: {
      subject: 'Final notice before referral of your account – {{creditorName}}',
      body: `${LETTER_HEAD_EN}
Sent by recorded delivery with acknowledgement of receipt

Subject: Final notice before referral of your account

Dear Sir or Madam,

Our formal notice has gone unanswered: the invoices below are still unpaid, the oldest for {{oldestDaysOverdue}}.

{{invoiceTable}}

Principal amount outstanding: {{totalDue}}
{{#if interestAmount}}
Late-payment interest at the statutory rate, to {{today}}: {{interestAmount}}
{{/if}}
{{#if indemnityAmount}}
Fixed compensation for recovery costs: {{indemnityAmount}}
{{/if}}
Total amount due: {{totalWithCharges}}

{{#if legalBasis}}
These charges are due under {{legalBasis}}.

{{/if}}
This letter is our final step towards an amicable settlement. Unless full payment is received by {{deadlineDate}}, the matter will be referred, without further notice, to a debt collection agency or to our lawyers with a view to legal proceedings.

If you are experiencing difficulties, there is still time to contact us before that date to agree an amicable settlement, including a payment plan.

${PAYMENT_EN}If payment has been made in the meantime, please disregard this letter.

${CLOSING_LETTER_EN}`,
    },
  },

  'thank-you-payment': {
    fr: {
      subject: 'Merci pour votre règlement – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Nous accusons bonne réception de votre règlement de {{paymentAmount}} et vous en remercions.

{{#if totalDue}}
Après imputation de ce paiement, le solde restant dû s’élève à {{totalDue}}, détaillé ci-dessous :

{{invoiceTable}}

{{/if}}
Nous vous remercions de votre confiance et restons à votre disposition pour toute question.

Bien cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Thank you for your payment – {{creditorName}}',
      body: `Dear {{contactName}},

We are pleased to confirm receipt of your payment of {{paymentAmount}}. Thank you.

{{#if totalDue}}
After allocation of this payment, the remaining balance is {{totalDue}}, as detailed below:

{{invoiceTable}}

{{/if}}
Thank you for your business. Please do not hesitate to contact us if you have any questions.

Kind regards,

{{senderSignature}}`,
    },
  },

  'dispute-acknowledgement': {
    fr: {
      subject: 'Votre réclamation sur nos factures – {{creditorName}}',
      body: `Bonjour{{#if contactName}} {{contactName}}{{/if}},

Nous accusons réception de votre message concernant la ou les factures ci-dessous, et vous remercions de nous avoir fait part de votre réclamation :

{{invoiceTable}}

Motif indiqué : {{disputeReason}}

Nous examinons votre demande avec attention et reviendrons vers vous dans les meilleurs délais. Dans l’intervalle, nos relances concernant ces factures sont suspendues.

N’hésitez pas à nous transmettre tout document utile (bon de livraison, échanges de courriels, etc.) afin de faciliter le traitement de votre demande.

Bien cordialement,

{{senderSignature}}`,
    },
    en: {
      subject: 'Your query about our invoices – {{creditorName}}',
      body: `Dear {{contactName}},

Thank you for your message about the invoice(s) below, and for letting us know about your concern:

{{invoiceTable}}

Reason given: {{disputeReason}}

We are looking into this carefully and will come back to you as soon as possible. In the meantime, our reminders for these invoices are on hold.

Please feel free to send us any relevant documents (delivery notes, email exchanges, etc.) to help us resolve this quickly.

Kind regards,

{{senderSignature}}`,
    },
  },
};
