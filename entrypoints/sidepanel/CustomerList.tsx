import { useState } from 'preact/hooks';
import { AgedBalanceTable } from '@/components/AgedBalanceTable';
import { getDb } from '@/utils/db/db';
import { customerSummaries } from '@/utils/db/queries';
import { formatMoney } from '@/utils/domain/money';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { MESSAGES } from '@/utils/i18n/messages';
import { today, useGeneralSettings } from '@/utils/ui/settings';
import { useLiveQuery } from '@/utils/ui/use-live-query';

export function CustomerList({ lang, onOpen }: { lang: Language; onOpen: (customerId: string) => void }) {
  const t = MESSAGES[lang];
  const settings = useGeneralSettings();
  const [search, setSearch] = useState('');
  const result = useLiveQuery(
    async () => (settings ? customerSummaries(getDb(), today(), settings, search) : undefined),
    [settings, search],
  );
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t.tabs.customers}</h1>
      <label for="customer-search">{t.customers.search}</label>
      <input
        id="customer-search"
        type="search"
        value={search}
        placeholder={t.customers.searchPlaceholder}
        onInput={(e) => setSearch(e.currentTarget.value)}
      />
      {result.status === 'error' && <p role="alert">{t.error(result.error.message)}</p>}
      {(result.status === 'loading' || (result.status === 'ready' && !result.value)) && <p>{t.loading}</p>}
      {result.status === 'ready' && result.value && (
        <>
          <h2>{t.customers.totalAgedBalance}</h2>
          <AgedBalanceTable balance={result.value.total} lang={lang} caption={t.customers.totalAgedBalance} />
          <h2>{t.tabs.customers}</h2>
          {result.value.customers.length === 0 ? (
            <p class="empty">{search ? t.customers.noMatch(search) : t.customers.none}</p>
          ) : (
            <ul class="plain" aria-label={t.tabs.customers}>
              {result.value.customers.map(({ customer, balance, openCount }) => (
                <li key={customer.id} data-customer={customer.name}>
                  <div class="spread">
                    <button class="link" onClick={() => onOpen(customer.id)}>{customer.name}</button>
                    <span class="num">
                      {balance.byCurrency.map((c) => formatMoney({ amountMinor: c.total, currency: c.currency }, LOCALE_OF[lang])).join(' + ') || '—'}
                    </span>
                  </div>
                  <div class="hint">
                    {t.customers.openInvoices(openCount)} · {new URL(customer.site).host}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
