// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createBadge } from '../../../utils/overlay/badge';

describe('badge clicks', () => {
  it.each([
    ['a plain cell', '<td id="host"></td>'],
    ['a link the page follows on click', '<td><a href="#open" id="host"></a></td>'],
  ])('inside %s: opens the customer, and the page hears nothing', (_label, cell) => {
    document.body.innerHTML = `<table><tr>${cell}</tr></table>`;
    const host = document.getElementById('host')!;
    let heard = 0;
    host.addEventListener('click', () => heard++);
    document.body.addEventListener('click', () => heard++);
    const opened: string[] = [];
    const badges = ['F-1', 'F-2'].map((n) =>
      createBadge(document, { invoiceNumber: n, status: 'overdue', daysOverdue: 3 }, 'en', () => opened.push(n)),
    );
    for (const b of badges) host.append(b.el);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    badges[1]!.el.dispatchEvent(click);
    expect(opened).toEqual(['F-2']);
    expect(heard).toBe(0);
    expect(click.defaultPrevented).toBe(true);
  });

  it('keeps only the public attributes in the light DOM', () => {
    const badge = createBadge(document, { invoiceNumber: 'F-9', status: 'due-soon', daysOverdue: 0 }, 'fr', () => undefined);
    badge.render({ lines: ['Dernier contact : appel'], promise: 'pending' });
    expect(badge.el.getAttributeNames().sort()).toEqual(['data-days-overdue', 'data-invoice', 'data-status']);
    expect(badge.el.textContent).toBe('');
    expect(badge.el.shadowRoot).toBeNull();
  });
});

describe('badge keyboard', () => {
  it.each([['Enter'], [' ']])('opens the customer on %j, as a button does, and the page hears nothing', (key) => {
    document.body.innerHTML = '<table><tr><td id="host"></td></tr></table>';
    const host = document.getElementById('host')!;
    let heard = 0;
    document.body.addEventListener('keydown', () => heard++);
    const opened: string[] = [];
    const badge = createBadge(document, { invoiceNumber: 'F-3', status: 'paid', daysOverdue: 0 }, 'en', () => opened.push('F-3'));
    host.append(badge.el);
    const press = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
    badge.el.dispatchEvent(press);
    expect(opened).toEqual(['F-3']);
    expect(press.defaultPrevented).toBe(true);
    expect(heard).toBe(0);
  });

  it('lets other keys through to the page', () => {
    document.body.innerHTML = '<p id="host"></p>';
    const opened: string[] = [];
    const badge = createBadge(document, { invoiceNumber: 'F-4', status: 'paid', daysOverdue: 0 }, 'en', () => opened.push('F-4'));
    document.getElementById('host')!.append(badge.el);
    const press = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true, composed: true });
    badge.el.dispatchEvent(press);
    expect(opened).toEqual([]);
    expect(press.defaultPrevented).toBe(false);
  });
});

describe('a badge built once its annotation is known', () => {
  it('shows the annotation from the start, as one rendered later does', () => {
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      return attachShadow.call(this, { ...init, mode: 'open' }); // to look inside, in this test only
    };
    try {
      const data = { invoiceNumber: 'F-5', status: 'overdue' as const, daysOverdue: 12 };
      const annotation = { lines: ['Last contact: call on 1 Dec'], promise: 'pending' as const };
      const built = createBadge(document, data, 'en', () => undefined, annotation);
      const later = createBadge(document, data, 'en', () => undefined);
      later.render(annotation);
      const face = (badge: typeof built) => badge.el.shadowRoot!.querySelector('[role=button]')!;
      expect(face(built).textContent).toBe('Overdue · 12 d · Promised');
      expect(face(built).getAttribute('aria-label')).toBe('Overdue · 12 d. Promised. Last contact: call on 1 Dec');
      expect(face(built).outerHTML).toBe(face(later).outerHTML);
      expect(built.el.getAttribute('data-status')).toBe('overdue');
      expect(built.applied).toBe(annotation);
    } finally {
      Element.prototype.attachShadow = attachShadow;
    }
  });
});
