import { getDb } from '@/utils/db/db';
import { loadAllCases, readCollectionSettings, type CustomerWithAddress } from '@/utils/db/collection';
import { formatDate } from '@/utils/domain/dates';
import { formatMoney, sumByCurrency } from '@/utils/domain/money';
import { explainAction, nextBestAction, todoToday, type TodoItem } from '@/utils/domain/next-action';
import type { PolicyCustomer } from '@/utils/domain/policy';
import type { IsoDate } from '@/utils/domain/types';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { REMINDER_MESSAGES } from '@/utils/i18n/reminder-messages';
import { today as localToday } from '@/utils/ui/settings';
import { useLiveQuery } from '@/utils/ui/use-live-query';

interface TodayList {
  items: Array<TodoItem & { customer: CustomerWithAddress }>;
  failures: Array<{ customer: CustomerWithAddress; error: Error }>;
  customerCount: number;
}

/**
 * Every customer's action due today or earlier, highest priority first. A customer whose data cannot be read
 * by the policy is listed as a failure rather than emptying the whole list.
 */
async function loadToday(day: IsoDate): Promise<TodayList> {
  const db = getDb();
  const settings = await readCollectionSettings(db);
  const { cases, failures } = await loadAllCases(db, day, settings.general);
  const customerCount = cases.length + failures.length;
  const valid: PolicyCustomer[] = [];
  const byId = new Map<string, CustomerWithAddress>();
  for (const c of cases) {
    try {
      nextBestAction(c.policyCustomer, day, settings.policy);
      valid.push(c.policyCustomer);
      byId.set(c.customer.id, c.customer);
    } catch (error) {
      failures.push({ customer: c.customer, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  const items = todoToday(valid, day, settings.policy).map((item) => ({ ...item, customer: byId.get(item.customerId) as CustomerWithAddress }));
  return { items, failures, customerCount };
}

/** "To do today": what to send, call or escalate today across all customers, with a real empty state. */
export function TodayTab({ lang, onOpen }: { lang: Language; onOpen: (customerId: string) => void }) {
  const t = REMINDER_MESSAGES[lang];
  const locale = LOCALE_OF[lang];
  const day = localToday();
  const result = useLiveQuery(() => loadToday(day), [day]);
  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">{t.today.title}</h1>
      <p class="hint">{t.today.intro}</p>
      {result.status === 'error' && <p role="alert">{t.error(result.error.message)}</p>}
      {result.status === 'loading' && <p>{t.loading}</p>}
      {result.status === 'ready' && (
        <>
          {result.value.failures.length > 0 && (
            <ul role="alert" class="field-error">
              {result.value.failures.map((f) => (
                <li key={f.customer.id}>{t.today.failed(f.customer.name, f.error.message)}</li>
              ))}
            </ul>
          )}
          {result.value.items.length === 0 ? (
            <p class="empty" data-testid="today-empty">
              {result.value.customerCount === 0 ? t.today.noCustomers : t.today.empty}
            </p>
          ) : (
            <ol aria-label={t.today.title} style={{ paddingInlineStart: '1.5em' }}>
              {result.value.items.map(({ customer, action }) => {
                let sentence: string;
                try {
                  sentence = explainAction(action, lang);
                } catch (error) {
                  sentence = t.next.failed(error instanceof Error ? error.message : String(error));
                }
                const amount = sumByCurrency(action.invoices.map((i) => i.amountDue))
                  .map((m) => formatMoney(m, locale))
                  .join(' + ');
                return (
                  <li key={customer.id} style={{ marginBottom: '8px' }} data-customer={customer.name} data-kind={action.kind} data-tone={action.tone ?? ''}>
                    <div class="spread">
                      <button class="link" onClick={() => onOpen(customer.id)}>{customer.name}</button>
                      <span class="num" aria-label={`${t.today.amount}: ${amount || '—'}`}>{amount || '—'}</span>
                    </div>
                    <p style={{ margin: '2px 0' }}>{sentence}</p>
                    <div class="hint">
                      {action.dueOn < day ? t.next.since(formatDate(action.dueOn, locale, 'long')) : t.today.dueToday}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
