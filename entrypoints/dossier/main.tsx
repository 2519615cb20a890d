import { render } from 'preact';
import { uiLanguage } from '@/utils/i18n/messages';
import { App } from './App';

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
