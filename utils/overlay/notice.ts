// One discreet notice when a list could not be read without guessing (e.g. ambiguous dd/mm vs mm/dd dates).
import type { Language } from '../i18n/language';
import type { ExtractProblem } from '../sites/types';

const NOTICE_TAG = 'amiable-notice';
const shadows = new WeakMap<Element, ShadowRoot>();

const TEXT: Record<Language, { title: string; fix: string; close: string }> = {
  fr: {
    title: 'Amiable ne peut pas lire cette liste sans deviner :',
    fix: "Choisissez le format des dates de ce site dans les options d'Amiable.",
    close: 'Fermer',
  },
  en: {
    title: 'Amiable cannot read this list without guessing:',
    fix: "Choose this site's date format in Amiable's options.",
    close: 'Close',
  },
};

export function showProblems(doc: Document, problems: ExtractProblem[], lang: Language): void {
  const existing = doc.querySelector(NOTICE_TAG);
  if (problems.length === 0) {
    existing?.remove();
    return;
  }
  const host = existing ?? doc.createElement(NOTICE_TAG);
  let shadow = shadows.get(host);
  if (!shadow) {
    shadow = host.attachShadow({ mode: 'closed' });
    shadows.set(host, shadow);
  }
  const words = TEXT[lang];
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial;position:fixed;z-index:2147483647;bottom:16px;right:16px;max-width:380px;font:13px/1.4 system-ui,sans-serif}
div{background:#fffbeb;color:#451a03;border:1px solid #d97706;border-radius:8px;padding:10px 12px;box-shadow:0 4px 12px rgb(0 0 0/.2)}
p{margin:0 0 4px}button{font:inherit;margin-top:4px}`;
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  const lines = [words.title, ...problems.map((p) => p.message), words.fix];
  for (const line of lines) {
    const p = doc.createElement('p');
    p.textContent = line;
    box.append(p);
  }
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = words.close;
  close.addEventListener('click', () => host.remove());
  box.append(close);
  shadow.replaceChildren(style, box);
  if (!existing) doc.body.append(host);
}
