// Words for the contact log (channels, outcomes, states), in English and French.
import type { Channel, Direction, OutcomeType } from '../domain/schemas';
import type { Language } from './language';

export const CHANNEL_LABEL: Record<Language, Record<Channel, string>> = {
  en: { email: 'Email', phone: 'Phone call', sms: 'SMS', letter: 'Letter', 'registered-letter': 'Registered letter', visit: 'Visit', meeting: 'Meeting', other: 'Other' },
  fr: { email: 'E-mail', phone: 'Appel', sms: 'SMS', letter: 'Courrier', 'registered-letter': 'Lettre recommandée', visit: 'Visite', meeting: 'Rendez-vous', other: 'Autre' },
};

export const DIRECTION_LABEL: Record<Language, Record<Direction, string>> = {
  en: { outgoing: 'Outgoing', incoming: 'Incoming' },
  fr: { outgoing: 'Sortant', incoming: 'Entrant' },
};

export const OUTCOME_LABEL: Record<Language, Record<OutcomeType, string>> = {
  en: {
    'no-answer': 'No answer',
    voicemail: 'Voicemail left',
    reached: 'Reached',
    'promise-to-pay': 'Promise to pay',
    dispute: 'Dispute',
    'dispute-resolved': 'Dispute resolved',
    'payment-plan': 'Payment plan',
    'partial-payment-announced': 'Partial payment announced',
    paid: 'Paid',
    refused: 'Refused',
    'wrong-contact': 'Wrong contact',
    note: 'Note',
  },
  fr: {
    'no-answer': 'Pas de réponse',
    voicemail: 'Message laissé',
    reached: 'Joint',
    'promise-to-pay': 'Promesse de paiement',
    dispute: 'Litige',
    'dispute-resolved': 'Litige résolu',
    'payment-plan': 'Échéancier',
    'partial-payment-announced': 'Paiement partiel annoncé',
    paid: 'Payé',
    refused: 'Refus',
    'wrong-contact': 'Mauvais interlocuteur',
    note: 'Note',
  },
};

export const PROMISE_STATE_LABEL: Record<Language, Record<'pending' | 'kept' | 'broken' | 'superseded', string>> = {
  en: { pending: 'pending', kept: 'kept', broken: 'broken', superseded: 'replaced' },
  fr: { pending: 'en attente', kept: 'tenue', broken: 'non tenue', superseded: 'remplacée' },
};

export const PLAN_STATE_LABEL: Record<Language, Record<'on-track' | 'late' | 'completed', string>> = {
  en: { 'on-track': 'on track', late: 'late', completed: 'completed' },
  fr: { 'on-track': 'respecté', late: 'en retard', completed: 'soldé' },
};
