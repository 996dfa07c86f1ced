import { LANGUAGE_LABELS, type Language } from '@/lib/languages';

export function LanguageBadges({ languages, className = '' }: { languages: Language[]; className?: string }) {
  return (
    <ul className={`flex flex-wrap gap-1 ${className}`} aria-label="Languages">
      {languages.map((language) => (
        <li
          key={language}
          title={LANGUAGE_LABELS[language]}
          className="rounded-md border border-line px-1.5 py-0.5 text-[11px] font-medium tracking-wide text-ink-faint"
        >
          <abbr title={LANGUAGE_LABELS[language]} className="no-underline">
            {language.slice(0, 2).toUpperCase()}
          </abbr>
        </li>
      ))}
    </ul>
  );
}
