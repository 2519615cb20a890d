import { launch } from '../../e2e/harness';
const rows: string[] = [];
for (let i = 0; i < 10000; i++) rows.push(`<tr><td>F-${100000 + i}</td><td>Client ${i % 500}</td><td>01/02/2026</td><td>01/03/2026</td><td>${(i % 997) + 10},00 €</td><td>${(i % 997) + 10},00 €</td><td>À régler</td></tr>`);
const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>F</title></head><body><table id="t"><thead><tr><th>N°</th><th>Client</th><th>Date</th><th>Échéance</th><th>Montant</th><th>Reste</th><th>Statut</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
const s = await launch();
await s.serve('https://bench.example.test/**', html);
const results: Record<string, number[]> = {};
for (let run = 0; run < 3; run++) for (const variant of ['span', 'shadow-adopted', 'shadow-style', 'light-inline', 'shadow-adopted-nobutton', 'shadow-span']) {
  const page = await s.context.newPage();
  await page.goto('https://bench.example.test/?' + variant + run);
  const r = await page.evaluate((variant) => {
    const css = `:host{all:initial;display:inline-block;vertical-align:middle;margin-inline-start:6px;font:12px/1.3 system-ui,sans-serif;position:relative}button,span{all:unset;cursor:pointer;display:inline-block;padding:1px 7px;border-radius:999px;border:1px solid;white-space:nowrap}.overdue{background:#fee2e2;color:#7f1d1d;border-color:#fca5a5}`;
    const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
    const table = document.getElementById('t')!;
    void table.offsetHeight;
    const hosts = [...document.querySelectorAll('#t tbody tr td:first-child')];
    const t0 = performance.now();
    const els: Element[] = [];
    for (const h of hosts) {
      let el: HTMLElement;
      if (variant === 'span') { el = document.createElement('span'); el.textContent = 'En retard · 12 j'; }
      else if (variant === 'light-inline') { el = document.createElement('amiable-badge'); el.setAttribute('style', 'display:inline-block;margin-inline-start:6px;font:12px/1.3 system-ui,sans-serif;padding:1px 7px;border-radius:999px;border:1px solid #fca5a5;background:#fee2e2;color:#7f1d1d;white-space:nowrap'); el.textContent = 'En retard · 12 j'; }
      else { el = document.createElement('amiable-badge'); const sh = el.attachShadow({ mode: 'closed' });
        if (variant === 'shadow-style') { const st = document.createElement('style'); st.textContent = css; sh.append(st); } else sh.adoptedStyleSheets = [sheet];
        if (variant === 'shadow-adopted-nobutton') sh.append('En retard · 12 j');
        else { const b = document.createElement(variant === 'shadow-span' ? 'span' : 'button'); b.className = 'overdue'; b.textContent = 'En retard · 12 j'; sh.append(b); } }
      els.push(el);
    }
    const t1 = performance.now();
    hosts.forEach((h, i) => h.append(els[i]!));
    const t2 = performance.now();
    void table.offsetHeight;
    const t3 = performance.now();
    return { build: t1 - t0, insert: t2 - t1, layout: t3 - t2 };
  }, variant);
  for (const [k, v] of Object.entries(r)) (results[`${variant} ${k}`] ??= []).push(v);
  await page.close();
}
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(36), v.map((x) => x.toFixed(0).padStart(6)).join(''), '  median', [...v].sort((a, b) => a - b)[1]!.toFixed(0));
await s.close();
