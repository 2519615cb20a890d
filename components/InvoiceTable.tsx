import type { OpenInvoice } from '@/utils/db/queries';
import { formatDate } from '@/utils/domain/dates';
import { formatMoney } from '@/utils/domain/money';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { MESSAGES } from '@/utils/i18n/messages';

/** A customer's open invoices (and credit notes), with status and days late. */
export function InvoiceTable({ rows, lang }: { rows: OpenInvoice[]; lang: Language }) {
  const t = MESSAGES[lang];
  const locale = LOCALE_OF[lang];
  if (rows.length === 0) return <p class="empty">{t.customer.noOpenInvoices}</p>;
  return (
    <table aria-label={t.customer.openInvoices}>
      <thead>
        <tr>
          <th scope="col">{t.customer.number}</th>
          <th scope="col">{t.customer.dueDate}</th>
          <th scope="col">{t.customer.state}</th>
          <th class="num" scope="col">{t.customer.daysOverdue}</th>
          <th class="num" scope="col">{t.customer.amountDue}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ invoice, status, daysOverdue }) => {
          const shown = invoice.amountDue ?? invoice.total;
          // A credit note reduces what is owed: always shown negative, whatever sign the page used.
          const amount = shown && status === 'credit-note' ? { ...shown, amountMinor: -Math.abs(shown.amountMinor) } : shown;
          return (
            <tr key={invoice.id} data-invoice={invoice.number}>
              <td>{invoice.number}</td>
              <td>{invoice.dueDate ? formatDate(invoice.dueDate, locale) : '—'}</td>
              <td class={`status-${status}`}>{status === 'credit-note' ? t.customer.creditNote : t.status[status]}</td>
              <td class="num">{status === 'overdue' ? daysOverdue : ''}</td>
              <td class="num">{amount ? formatMoney(amount, locale) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
