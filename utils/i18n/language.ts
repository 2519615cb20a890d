export type Language = 'fr' | 'en';

/** French for any French browser locale (fr, fr-FR, fr-CA, ...), English otherwise. */
export function pickLanguage(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The BCP 47 locale used for Intl formatting in each UI language. */
export const LOCALE_OF: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
