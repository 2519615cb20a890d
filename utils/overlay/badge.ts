// The <amiable-badge> element. Contract (other tests rely on it): attributes data-invoice, data-status and
// data-days-overdue only; everything from the contact log lives in a CLOSED shadow root the page cannot read.
import type { InvoiceStatus } from '../domain/types';
import type { BadgeAnnotation } from '../messaging/protocol';
import type { Language } from '../i18n/language';

export const BADGE_TAG = 'amiable-badge';

export interface BadgeData {
  invoiceNumber: string;
  status: InvoiceStatus;
  daysOverdue: number;
}

export interface BadgeHandle {
  el: HTMLElement;
  data: BadgeData;
  annotationKey: string;
  render(annotation: BadgeAnnotation | undefined): void;
}

const LABELS: Record<Language, Record<InvoiceStatus, string> & { days: (n: number) => string; dueToday: string; dueIn: string }> = {
  fr: {
    paid: 'Payée',
    'not-due': 'Non échue',
    'due-soon': 'Échéance proche',
    overdue: 'En retard',
    days: (n) => `${n} j`,
    dueToday: "Échéance aujourd'hui",
    dueIn: 'Amiable : ouvrir le client',
  },
  en: {
    paid: 'Paid',
    'not-due': 'Not due',
    'due-soon': 'Due soon',
    overdue: 'Overdue',
    days: (n) => `${n} d`,
    dueToday: 'Due today',
    dueIn: 'Amiable: open the customer',
  },
};

const STYLE = `
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 6px; font: 12px/1.3 system-ui, sans-serif; position: relative; }
button { all: unset; cursor: pointer; display: inline-flex; gap: 4px; align-items: center; padding: 1px 7px; border-radius: 999px; border: 1px solid; white-space: nowrap; }
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.paid { background: #dcfce7; color: #14532d; border-color: #86efac; }
.not-due { background: #f1f5f9; color: #1e293b; border-color: #cbd5e1; }
.due-soon { background: #fef3c7; color: #78350f; border-color: #fcd34d; }
.overdue { background: #fee2e2; color: #7f1d1d; border-color: #fca5a5; }
.flag { font-weight: 600; }
.details { display: none; position: absolute; z-index: 2147483647; top: 100%; inset-inline-start: 0; margin-top: 4px; min-width: 220px; max-width: 360px; white-space: normal;
  background: #fff; color: #0f172a; border: 1px solid #94a3b8; border-radius: 6px; padding: 6px 8px; box-shadow: 0 4px 12px rgb(0 0 0 / .15); }
:host(:hover) .details, :host(:focus-within) .details { display: block; }
.details p { margin: 0 0 2px; }
`;

/** Creates a badge (detached). `onOpen` runs on click or Enter/Space. */
export function createBadge(doc: Document, data: BadgeData, lang: Language, onOpen: () => void): BadgeHandle {
  const el = doc.createElement(BADGE_TAG);
  const shadow = el.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  const label = doc.createElement('span');
  const flags = doc.createElement('span');
  flags.className = 'flag';
  button.append(label, flags);
  const details = doc.createElement('div');
  details.className = 'details';
  details.setAttribute('role', 'tooltip');
  shadow.append(style, button, details);
  // The badge usually sits inside a clickable row or link: keep the click ours.
  el.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onOpen();
  });

  const handle: BadgeHandle = {
    el,
    data,
    annotationKey: '',
    render(annotation) {
      const d = handle.data;
      const words = LABELS[lang];
      el.dataset.invoice = d.invoiceNumber;
      el.dataset.status = d.status;
      el.dataset.daysOverdue = String(d.daysOverdue);
      button.className = d.status;
      label.textContent = d.status === 'overdue' ? `${words.overdue} · ${words.days(d.daysOverdue)}` : words[d.status];
      const flagText = [
        annotation?.dispute === 'open' ? (lang === 'fr' ? 'Litige' : 'Disputed') : '',
        annotation?.promise === 'pending' ? (lang === 'fr' ? 'Promesse' : 'Promised') : '',
        annotation?.promise === 'broken' ? (lang === 'fr' ? 'Promesse non tenue' : 'Broken promise') : '',
        annotation?.plan === 'on-track' || annotation?.plan === 'late' ? (lang === 'fr' ? 'Échéancier' : 'Plan') : '',
      ].filter(Boolean);
      flags.textContent = flagText.length ? `· ${flagText.join(' · ')}` : '';
      const lines = annotation?.lines ?? [];
      details.replaceChildren(
        ...[words.dueIn, ...lines].map((line) => {
          const p = doc.createElement('p');
          p.textContent = line; // page and log text is data, never markup
          return p;
        }),
      );
      button.setAttribute('aria-label', [label.textContent, flags.textContent, ...lines].filter(Boolean).join('. '));
    },
  };
  handle.render(undefined);
  return handle;
}
