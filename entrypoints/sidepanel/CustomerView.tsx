import { AgedBalanceTable } from '@/components/AgedBalanceTable';
import { InvoiceTable } from '@/components/InvoiceTable';
import { getDb } from '@/utils/db/db';
import { customerDetail, factsOf, openInvoices } from '@/utils/db/queries';
import { agedBalance } from '@/utils/domain/status';
import type { Language } from '@/utils/i18n/language';
import { MESSAGES } from '@/utils/i18n/messages';
import { today, useGeneralSettings } from '@/utils/ui/settings';
import { useLiveQuery } from '@/utils/ui/use-live-query';
import { CustomerDataActions } from './CustomerDataActions';
import { CustomerLog } from './CustomerLog';
import { NextActionCard } from './NextActionCard';
import { ReminderPreview } from './ReminderPreview';

export function CustomerView({ lang, customerId, onBack }: { lang: Language; customerId: string; onBack: () => void }) {
  const t = MESSAGES[lang];
  const settings = useGeneralSettings();
  const result = useLiveQuery(() => customerDetail(getDb(), customerId), [customerId]);
  const back = (
    <button class="link no-print" onClick={onBack}>
      ← {t.customers.back}
    </button>
  );
  if (result.status === 'error') return <p role="alert">{t.error(result.error.message)}</p>;
  if (result.status === 'loading' || !settings) return <p>{t.loading}</p>;
  const detail = result.value;
  if (!detail) return (<>{back}<p class="empty">{t.customer.notFound}</p></>);
  const day = today();
  const open = openInvoices(detail.invoices, day, settings);
  return (
    <article aria-labelledby="customer-name">
      {back}
      <h1 id="customer-name">{detail.customer.name}</h1>
      <p class="hint">{new URL(detail.customer.site).host}</p>
      <NextActionCard lang={lang} detail={detail} today={day} />
      <ReminderPreview lang={lang} detail={detail} today={day} />
      <h2>{t.customer.openInvoices}</h2>
      <InvoiceTable rows={open} lang={lang} />
      <h2>{t.customer.agedBalance}</h2>
      <AgedBalanceTable balance={agedBalance(detail.invoices.map(factsOf), day, settings)} lang={lang} caption={t.customer.agedBalance} />
      <CustomerLog lang={lang} detail={detail} today={day} settings={settings} />
      <CustomerDataActions lang={lang} detail={detail} onErased={onBack} />
    </article>
  );
}
