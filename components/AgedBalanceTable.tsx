import type { AgedBalance } from '@/utils/domain/status';
import { formatMoney } from '@/utils/domain/money';
import { AGING_BUCKETS } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { MESSAGES } from '@/utils/i18n/messages';

/** Aged balance (balance âgée): one row per currency, one column per aging bucket. */
export function AgedBalanceTable({ balance, lang, caption }: { balance: AgedBalance; lang: Language; caption: string }) {
  const t = MESSAGES[lang];
  const locale = LOCALE_OF[lang];
  if (balance.byCurrency.length === 0) return <p class="empty">{t.customer.noOpenInvoices}</p>;
  // Six money columns are wider than the side panel: the table scrolls instead of spilling out of it.
  return (
    <div style={{ overflowX: 'auto' }}>
    <table aria-label={caption}>
      <thead>
        <tr>
          {AGING_BUCKETS.map((b) => (
            <th class="num" scope="col" key={b}>{t.buckets[b]}</th>
          ))}
          <th class="num" scope="col">{t.customer.total}</th>
        </tr>
      </thead>
      <tbody>
        {balance.byCurrency.map((row) => (
          <tr key={row.currency}>
            {AGING_BUCKETS.map((b) => (
              <td class="num" key={b}>{formatMoney({ amountMinor: row.buckets[b], currency: row.currency }, locale)}</td>
            ))}
            <td class="num"><strong>{formatMoney({ amountMinor: row.total, currency: row.currency }, locale)}</strong></td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
