// The <amiable-badge> element. Contract (other tests rely on it): attributes data-invoice, data-status and
// data-days-overdue only; everything from the contact log lives in a CLOSED shadow root the page cannot read.
// Badges are kept light (one shared stylesheet, three nodes, details built on demand): a list may have
// thousands, and every node counts in the table's relayout.
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

const LABELS: Record<Language, Record<InvoiceStatus, string> & { days: (n: number) => string; open: string; disputed: string; promised: string; broken: string; plan: string }> = {
  fr: {
    paid: 'Payée',
    'not-due': 'Non échue',
    'due-soon': 'Échéance proche',
    overdue: 'En retard',
    days: (n) => `${n} j`,
    open: 'Amiable : ouvrir le client',
    disputed: 'Litige',
    promised: 'Promesse',
    broken: 'Promesse non tenue',
    plan: 'Échéancier',
  },
  en: {
    paid: 'Paid',
    'not-due': 'Not due',
    'due-soon': 'Due soon',
    overdue: 'Overdue',
    days: (n) => `${n} d`,
    open: 'Amiable: open the customer',
    disputed: 'Disputed',
    promised: 'Promised',
    broken: 'Broken promise',
    plan: 'Plan',
  },
};

const CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 6px; font: 12px/1.3 system-ui, sans-serif; position: relative; }
button { all: unset; cursor: pointer; display: inline-block; padding: 1px 7px; border-radius: 999px; border: 1px solid; white-space: nowrap; }
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.paid { background: #dcfce7; color: #14532d; border-color: #86efac; }
.not-due { background: #f1f5f9; color: #1e293b; border-color: #cbd5e1; }
.due-soon { background: #fef3c7; color: #78350f; border-color: #fcd34d; }
.overdue { background: #fee2e2; color: #7f1d1d; border-color: #fca5a5; }
b { font-weight: 600; }
div { position: absolute; z-index: 2147483647; top: 100%; inset-inline-start: 0; margin-top: 4px; min-width: 220px; max-width: 360px; white-space: normal;
  background: #fff; color: #0f172a; border: 1px solid #94a3b8; border-radius: 6px; padding: 6px 8px; box-shadow: 0 4px 12px rgb(0 0 0 / .15); }
p { margin: 0 0 2px; }
`;

let sharedSheet: CSSStyleSheet | null | undefined;
/** One constructed stylesheet adopted by every badge (falls back to a <style> per badge where unsupported). */
function sheetFor(): CSSStyleSheet | null {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS);
    } catch {
      sharedSheet = null;
    }
  }
  return sharedSheet;
}

/** Creates a badge (detached). `onOpen` runs on click or Enter/Space. */
export function createBadge(doc: Document, data: BadgeData, lang: Language, onOpen: () => void): BadgeHandle {
  const words = LABELS[lang];
  const el = doc.createElement(BADGE_TAG);
  const shadow = el.attachShadow({ mode: 'closed' });
  const sheet = sheetFor();
  if (sheet) shadow.adoptedStyleSheets = [sheet];
  else {
    const style = doc.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  shadow.append(button);
  let annotation: BadgeAnnotation | undefined;
  let details: HTMLDivElement | null = null;

  // Details (last contact, promise, next action) are built only when someone looks: hover or keyboard focus.
  const showDetails = () => {
    details ??= doc.createElement('div');
    details.setAttribute('role', 'tooltip');
    details.replaceChildren(
      ...[words.open, ...(annotation?.lines ?? [])].map((line) => {
        const p = doc.createElement('p');
        p.textContent = line; // page and log text is data, never markup
        return p;
      }),
    );
    if (!details.isConnected) shadow.append(details);
  };
  const hideDetails = () => details?.remove();
  el.addEventListener('mouseenter', showDetails);
  el.addEventListener('mouseleave', hideDetails);
  button.addEventListener('focus', showDetails);
  button.addEventListener('blur', hideDetails);
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
    render(next) {
      annotation = next;
      const d = handle.data;
      el.dataset.invoice = d.invoiceNumber;
      el.dataset.status = d.status;
      el.dataset.daysOverdue = String(d.daysOverdue);
      button.className = d.status;
      const label = d.status === 'overdue' ? `${words.overdue} · ${words.days(d.daysOverdue)}` : words[d.status];
      const flags = [
        next?.dispute === 'open' ? words.disputed : '',
        next?.promise === 'pending' ? words.promised : '',
        next?.promise === 'broken' ? words.broken : '',
        next?.plan === 'on-track' || next?.plan === 'late' ? words.plan : '',
      ].filter(Boolean);
      if (flags.length) {
        const b = doc.createElement('b');
        b.textContent = ` · ${flags.join(' · ')}`;
        button.replaceChildren(label, b);
      } else {
        button.textContent = label;
      }
      // The accessible name carries the details for screen readers (it lives in the closed shadow root).
      button.setAttribute('aria-label', [label, ...flags, ...(next?.lines ?? [])].join('. '));
      if (details?.isConnected) showDetails();
    },
  };
  handle.render(undefined);
  return handle;
}
