// The <amiable-badge> element. Contract (other tests rely on it): attributes data-invoice, data-status and
// data-days-overdue only; everything from the contact log lives in a CLOSED shadow root the page cannot read.
// Badges are kept light (one shared stylesheet, two nodes, details built on demand): a list may have
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
  /** The annotation object last shown (so the same object is not compared again). */
  applied?: BadgeAnnotation;
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

// Compact on purpose: the content script has a size budget, and a template string is not minified.
// The host is the pill, one inline-block holding one span (a nested inline-block doubles the layout cost), and
// its line box never grows its row: the line height is in pixels (a unitless one, or vertical-align, costs the
// table a measure per row) and negative block margins take back the padding and border; it is positioned (for
// its details) only while hovered or focused, as every positioned box costs the page a paint layer. A badge that made
// rows taller would send a long table through a second layout of every cell: about 1 s on 10,000 rows here.
const CSS = `:host{all:initial;display:inline-block;margin:-3px 0 -3px 6px;padding:1px 7px;border:1px solid;border-radius:999px;font:12px/14px system-ui,sans-serif;white-space:nowrap;cursor:pointer}
:host([data-status=paid]){background:#dcfce7;color:#14532d;border-color:#86efac}
:host([data-status=not-due]){background:#f1f5f9;color:#1e293b;border-color:#cbd5e1}
:host([data-status=due-soon]){background:#fef3c7;color:#78350f;border-color:#fcd34d}
:host([data-status=overdue]){background:#fee2e2;color:#7f1d1d;border-color:#fca5a5}
span{outline:none}
:host(:focus-within){outline:2px solid #1d4ed8;outline-offset:2px}
:host(:hover),:host(:focus-within){position:relative}
b{font-weight:600}
div{position:absolute;z-index:2147483647;top:100%;inset-inline-start:0;margin-top:4px;min-width:220px;max-width:360px;white-space:normal;background:#fff;color:#0f172a;border:1px solid #94a3b8;border-radius:6px;padding:6px 8px;box-shadow:0 4px 12px rgb(0 0 0 / .15);cursor:auto}
p{margin:0 0 2px}`;

let sharedSheet: CSSStyleSheet | undefined;
/** One constructed stylesheet adopted by every badge (every browser the extension supports has them). */
function sheet(): CSSStyleSheet {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(CSS);
  }
  return sharedSheet;
}

/** What a badge's delegated listeners need: its words, annotation, details (built on demand) and open action. */
interface BadgeState {
  shadow: ShadowRoot;
  words: (typeof LABELS)[Language];
  annotation: BadgeAnnotation | undefined;
  details: HTMLDivElement | null;
  onOpen: () => void;
}

const states = new WeakMap<Element, BadgeState>();
const delegated = new WeakSet<Document>();

// Details (last contact, promise, next action) are built only when someone looks: hover or keyboard focus.
function showDetails(state: BadgeState): void {
  const doc = state.shadow.ownerDocument;
  state.details ??= doc.createElement('div');
  state.details.setAttribute('role', 'tooltip');
  state.details.replaceChildren(
    ...[state.words.open, ...(state.annotation?.lines ?? [])].map((line) => {
      const p = doc.createElement('p');
      p.textContent = line; // page and log text is data, never markup
      return p;
    }),
  );
  if (!state.details.isConnected) state.shadow.append(state.details);
}

/**
 * One set of listeners per document for every badge (a list may have thousands: four listeners each cost more
 * than the badges' own rendering). Capture phase, so a badge inside a clickable row or link keeps its click.
 */
function delegateEvents(doc: Document): void {
  if (delegated.has(doc)) return;
  delegated.add(doc);
  const on = (type: string, listener: (state: BadgeState, event: Event) => void) =>
    doc.addEventListener(
      type,
      (event) => {
        // Events from inside a closed shadow root reach the document retargeted to its host, the badge.
        const state = states.get(event.target as Element);
        if (state) listener(state, event);
      },
      true,
    );
  const hideDetails = (state: BadgeState) => state.details?.remove();
  on('mouseenter', showDetails);
  on('focusin', showDetails);
  on('mouseleave', hideDetails);
  on('focusout', hideDetails);
  on('click', (state, event) => {
    event.preventDefault();
    event.stopPropagation();
    state.onOpen();
  });
  // The label is a span with the button role (a real <button> is one more inline-block per badge): it opens on
  // Enter and Space as a button does.
  on('keydown', (state, event) => {
    const key = (event as KeyboardEvent).key;
    if (key !== 'Enter' && key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    state.onOpen();
  });
}

const faceTemplates = new WeakMap<Document, HTMLSpanElement>();
/** The badge's label, a span with the button role: cloned for each badge (fewer DOM calls than building it). */
function faceTemplate(doc: Document): HTMLSpanElement {
  let face = faceTemplates.get(doc);
  if (!face) {
    face = doc.createElement('span');
    face.setAttribute('role', 'button');
    face.setAttribute('tabindex', '0');
    faceTemplates.set(doc, face);
  }
  return face;
}

/**
 * Creates a badge (detached), showing `annotation` when there is one already. `onOpen` runs when the user clicks
 * it or presses Enter or Space on it.
 */
export function createBadge(
  doc: Document,
  data: BadgeData,
  lang: Language,
  onOpen: () => void,
  annotation?: BadgeAnnotation,
): BadgeHandle {
  delegateEvents(doc);
  const words = LABELS[lang];
  const el = doc.createElement(BADGE_TAG);
  const shadow = el.attachShadow({ mode: 'closed' });
  shadow.adoptedStyleSheets = [sheet()];
  const face = faceTemplate(doc).cloneNode() as HTMLSpanElement;
  shadow.appendChild(face);
  const state: BadgeState = { shadow, words, annotation: undefined, details: null, onOpen };
  let labelled = false;
  states.set(el, state);
  // What was last written, so that an annotation arriving rewrites only what it changes.
  let shown: BadgeData | undefined;
  let shownFace = '';

  const handle: BadgeHandle = {
    el,
    data,
    annotationKey: '',
    render(next) {
      state.annotation = next;
      const d = handle.data;
      if (!shown || shown.invoiceNumber !== d.invoiceNumber || shown.status !== d.status || shown.daysOverdue !== d.daysOverdue) {
        // setAttribute rather than dataset: a list may build thousands, and the dataset proxy costs more.
        el.setAttribute('data-invoice', d.invoiceNumber);
        el.setAttribute('data-status', d.status);
        el.setAttribute('data-days-overdue', String(d.daysOverdue));
        shown = { ...d };
      }
      const label = d.status === 'overdue' ? `${words.overdue} · ${words.days(d.daysOverdue)}` : words[d.status];
      const flags = [
        next?.dispute === 'open' ? words.disputed : '',
        next?.promise === 'pending' ? words.promised : '',
        next?.promise === 'broken' ? words.broken : '',
        next?.plan === 'on-track' || next?.plan === 'late' ? words.plan : '',
      ].filter(Boolean);
      const flagText = flags.join(' · ');
      const faceText = flags.length ? `${label}\n${flagText}` : label;
      if (faceText !== shownFace) {
        if (flags.length) {
          const b = doc.createElement('b');
          b.textContent = ` · ${flagText}`;
          face.replaceChildren(label, b);
        } else {
          face.textContent = label;
        }
        shownFace = faceText;
      }
      // With an annotation, the accessible name carries the details for screen readers (it lives in the closed
      // shadow root); without, the label is the name.
      if (next) face.setAttribute('aria-label', [label, ...flags, ...next.lines].join('. '));
      else if (labelled) face.removeAttribute('aria-label');
      labelled = next !== undefined;
      if (state.details?.isConnected) showDetails(state);
    },
  };
  if (annotation) {
    handle.annotationKey = JSON.stringify(annotation);
    handle.applied = annotation;
  }
  handle.render(annotation);
  return handle;
}
