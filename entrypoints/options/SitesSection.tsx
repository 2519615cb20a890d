import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { getDb } from '@/utils/db/db';
import { readSettings, writeSettings } from '@/utils/db/settings';
import type { DateOrder } from '@/utils/domain/dates';
import type { Language } from '@/utils/i18n/language';
import { OPTIONS_MESSAGES } from '@/utils/i18n/options-messages';
import type { PageRequest } from '@/utils/messaging/protocol';
import { ACCOUNTING_MATCHES } from '@/utils/sites/hosts';
import { matchPatternFor, normalizeOrigin } from '@/utils/sites/registration';
import { useLiveQuery } from '@/utils/ui/use-live-query';

const notify = (request: PageRequest) => browser.runtime.sendMessage(request).catch(() => undefined);

export function SitesSection({ lang }: { lang: Language }) {
  const t = OPTIONS_MESSAGES[lang].sites;
  const db = getDb();
  const sites = useLiveQuery(() => db.sites.orderBy('origin').toArray(), []);
  const general = useLiveQuery(() => readSettings(db, 'general'), []);
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function add(event: Event) {
    event.preventDefault();
    let origin: string;
    try {
      origin = normalizeOrigin(address);
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
      return;
    }
    // Must be the first await: the browser only shows its permission prompt during the click.
    const granted = await browser.permissions.request({ origins: [matchPatternFor(origin)] });
    if (!granted) {
      setMessage({ text: t.denied, error: true });
      return;
    }
    await db.sites.put({ origin, addedAt: new Date().toISOString() });
    await notify({ type: 'sites-changed' });
    setAddress('');
    setMessage({ text: t.added(origin), error: false });
  }

  async function remove(origin: string) {
    await db.sites.delete(origin);
    await browser.permissions.remove({ origins: [matchPatternFor(origin)] }).catch(() => false);
    await notify({ type: 'sites-changed' });
    setMessage({ text: t.removed(origin), error: false });
  }

  async function setDateOrder(origin: string, order: DateOrder | '') {
    const settings = await readSettings(db, 'general');
    const dateOrders = { ...settings.dateOrders };
    if (order) dateOrders[origin] = order;
    else delete dateOrders[origin];
    await writeSettings(db, 'general', { ...settings, dateOrders });
    await notify({ type: 'data-changed' });
  }

  const orders = general.status === 'ready' ? general.value.dateOrders : {};
  const dateOrderSelect = (origin: string) => (
    <select
      aria-label={`${t.dateOrder} – ${origin}`}
      value={orders[origin] ?? ''}
      onChange={(e) => void setDateOrder(origin, e.currentTarget.value as DateOrder | '')}
    >
      <option value="">{t.dateOrderAuto}</option>
      <option value="dmy">{t.dmy}</option>
      <option value="mdy">{t.mdy}</option>
      <option value="ymd">{t.ymd}</option>
    </select>
  );

  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">{t.title}</h2>
      <p>{t.builtIn}</p>
      <ul>
        {ACCOUNTING_MATCHES.map((m) => (
          <li key={m}><code>{m.replace(/\/\*$/, '')}</code></li>
        ))}
      </ul>
      <h3>{t.selfHosted}</h3>
      <p class="hint">{t.selfHostedHelp}</p>
      <form onSubmit={(e) => void add(e)} class="row">
        <label for="site-address" class="visually-hidden">{t.address}</label>
        <input id="site-address" type="url" inputMode="url" placeholder="https://erp.example.com" value={address}
          onInput={(e) => setAddress(e.currentTarget.value)} required />
        <button class="primary" type="submit">{t.add}</button>
      </form>
      {message && <p role={message.error ? 'alert' : 'status'} class={message.error ? 'field-error' : 'hint'}>{message.text}</p>}
      {sites.status === 'ready' && sites.value.length === 0 && <p class="empty">{t.none}</p>}
      {sites.status === 'ready' && sites.value.length > 0 && (
        <table aria-label={t.selfHosted}>
          <tbody>
            {sites.value.map((site) => (
              <tr key={site.origin} data-site={site.origin}>
                <td><code>{site.origin}</code></td>
                <td>{dateOrderSelect(site.origin)}</td>
                <td><button class="danger" onClick={() => void remove(site.origin)}>{t.remove(site.origin)}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{t.dateOrderHelp}</p>
    </section>
  );
}
