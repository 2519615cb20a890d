import { uiLanguage } from '@/utils/i18n/messages';
import { OPTIONS_MESSAGES } from '@/utils/i18n/options-messages';
import { CreditorSection } from './CreditorSection';
import { GeneralSection } from './GeneralSection';
import { PolicySection } from './PolicySection';
import { RatesSection } from './RatesSection';
import { SitesSection } from './SitesSection';
import { TemplatesSection } from './TemplatesSection';

export function App() {
  const lang = uiLanguage();
  const t = OPTIONS_MESSAGES[lang];
  return (
    <main style={{ maxWidth: '860px', margin: '0 auto' }}>
      <h1>{t.title}</h1>
      <SitesSection lang={lang} />
      <GeneralSection lang={lang} />
      <CreditorSection lang={lang} />
      <PolicySection lang={lang} />
      <RatesSection lang={lang} />
      <TemplatesSection lang={lang} />
    </main>
  );
}
