/** The languages companions speak, as BCP 47 tags. One list for the schema, the UI and the models. */
export const LANGUAGES = ['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT'] as const;

export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_LABELS: Record<Language, string> = {
  'en-US': 'English',
  'es-ES': 'Español',
  'fr-FR': 'Français',
  'de-DE': 'Deutsch',
  'nl-NL': 'Nederlands',
  'it-IT': 'Italiano',
};

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
