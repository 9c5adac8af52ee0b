import polyglotI18nProvider from 'ra-i18n-polyglot';

import { zhCNMessages } from './zh-CN';

export const DEFAULT_LOCALE = 'zh-CN';

/**
 * Chinese is bundled and loaded eagerly; English is a separate chunk fetched the first time the
 * user picks it. Offering two locales makes react-admin's app bar show the LocalesMenuButton.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./en').then((module) => module.enMessages) : zhCNMessages),
  DEFAULT_LOCALE,
  [
    { locale: 'zh-CN', name: '简体中文' },
    { locale: 'en', name: 'English' },
  ],
);
