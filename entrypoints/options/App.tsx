import { uiLanguage } from '@/utils/i18n/messages';
import { OPTIONS_MESSAGES } from '@/utils/i18n/options-messages';
import { GeneralSection } from './GeneralSection';
import { SitesSection } from './SitesSection';

export function App() {
  const lang = uiLanguage();
  const t = OPTIONS_MESSAGES[lang];
  return (
    <main style={{ maxWidth: '860px', margin: '0 auto' }}>
      <h1>{t.title}</h1>
      <SitesSection lang={lang} />
      <GeneralSection lang={lang} />
    </main>
  );
}
