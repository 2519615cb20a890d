import { formatDate } from '@/utils/domain/dates';
import type { CustomerDetail } from '@/utils/db/queries';
import type { GeneralSettings } from '@/utils/db/settings';
import { currentView } from '@/utils/domain/contact-log';
import { LOCALE_OF, type Language } from '@/utils/i18n/language';
import { MESSAGES } from '@/utils/i18n/messages';

/** The customer's contact timeline, newest first, with a real empty state. */
export function CustomerLog({ lang, detail }: { lang: Language; detail: CustomerDetail; today: string; settings: GeneralSettings }) {
  const t = MESSAGES[lang];
  const entries = currentView(detail.events);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t.customer.timeline}</h2>
      {entries.length === 0 ? (
        <p class="empty">{t.customer.emptyTimeline}</p>
      ) : (
        <ol class="plain">
          {entries.map((e) => (
            <li key={e.id}>
              <strong>{formatDate(e.at.slice(0, 10), LOCALE_OF[lang])}</strong> · {e.channel} · {e.outcome.type}
              {e.notes && <p>{e.notes}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
