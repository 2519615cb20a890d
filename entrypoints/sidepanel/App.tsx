import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { MESSAGES, uiLanguage } from '@/utils/i18n/messages';
import { CalculatorTab } from './CalculatorTab';
import { CustomerList } from './CustomerList';
import { CustomerView } from './CustomerView';
import { DataTab } from './DataTab';
import { TodayTab } from './TodayTab';

export type Route = { view: 'customers' } | { view: 'customer'; customerId: string } | { view: 'data' } | { view: 'today' } | { view: 'calculator' };

/** The key the background writes when a badge is clicked (storage.session: not readable by content scripts). */
export const FOCUS_KEY = 'focusCustomerId';

export function App() {
  const lang = uiLanguage();
  const t = MESSAGES[lang];
  const [route, setRoute] = useState<Route>(() => routeFromUrl());

  useEffect(() => {
    const apply = (id: unknown) => {
      if (typeof id === 'string' && id) setRoute({ view: 'customer', customerId: id });
    };
    void browser.storage.session.get(FOCUS_KEY).then((v) => apply(v[FOCUS_KEY]));
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'session' && changes[FOCUS_KEY]) apply(changes[FOCUS_KEY].newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const tab = route.view === 'customer' ? 'customers' : route.view;
  return (
    <>
      <nav class="tabs" role="tablist" aria-label={t.appName}>
        <button role="tab" aria-selected={tab === 'customers'} onClick={() => setRoute({ view: 'customers' })}>
          {t.tabs.customers}
        </button>
        <button role="tab" aria-selected={tab === 'today'} onClick={() => setRoute({ view: 'today' })}>
          {t.tabs.today}
        </button>
        <button role="tab" aria-selected={tab === 'calculator'} onClick={() => setRoute({ view: 'calculator' })}>
          {t.tabs.calculator}
        </button>
        <button role="tab" aria-selected={tab === 'data'} onClick={() => setRoute({ view: 'data' })}>
          {t.tabs.data}
        </button>
      </nav>
      <main>
        {route.view === 'customers' && (
          <CustomerList lang={lang} onOpen={(customerId) => setRoute({ view: 'customer', customerId })} />
        )}
        {route.view === 'customer' && (
          <CustomerView lang={lang} customerId={route.customerId} onBack={() => setRoute({ view: 'customers' })} />
        )}
        {route.view === 'data' && <DataTab lang={lang} />}
        {route.view === 'calculator' && <CalculatorTab lang={lang} />}
        {route.view === 'today' && (
          <TodayTab lang={lang} onOpen={(customerId) => setRoute({ view: 'customer', customerId })} />
        )}
      </main>
    </>
  );
}

/** `sidepanel.html?customer=<id>` opens straight on a customer (used by links and tests). */
function routeFromUrl(): Route {
  const id = new URLSearchParams(location.search).get('customer');
  return id ? { view: 'customer', customerId: id } : { view: 'customers' };
}
