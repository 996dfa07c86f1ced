'use client';

import { useState, useTransition } from 'react';
import { themeAction } from '@/app/(app)/settings/actions';
import { themeClass, type Theme } from '@/lib/profile/theme';

const CHOICES: { value: Theme; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'Follows your device' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

/** Shows the theme on <html> at once, as the server will render it from the cookie the action sets. */
function applyTheme(theme: Theme) {
  const root = document.documentElement;
  root.classList.remove('light', 'dark');
  const name = themeClass(theme);
  if (name) root.classList.add(name);
}

/** System, Light or Dark: applied at once, saved on the account and in this browser. */
export function ThemePicker({ theme: initial }: { theme: Theme }) {
  const [theme, setTheme] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const choose = (next: Theme) => {
    const before = theme;
    setTheme(next);
    setError(null);
    applyTheme(next);
    startTransition(async () => {
      const result = await themeAction(next);
      if (result.ok) return;
      setTheme(before);
      applyTheme(before);
      setError(result.error);
    });
  };

  return (
    <fieldset>
      <legend className="sr-only">Theme</legend>
      <div className="grid grid-cols-3 gap-2 sm:gap-3">
        {CHOICES.map((choice) => (
          <label
            key={choice.value}
            className="flex cursor-pointer flex-col gap-2 rounded-xl border border-line p-2 transition-colors has-checked:border-ember-600 has-checked:ring-1 has-checked:ring-ember-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ember-500 sm:p-3"
          >
            <input
              type="radio"
              name="theme"
              value={choice.value}
              checked={theme === choice.value}
              onChange={() => choose(choice.value)}
              className="sr-only"
            />
            <ThemeSwatch theme={choice.value} />
            <span className="text-sm font-medium">{choice.label}</span>
            <span className="-mt-1.5 hidden text-xs text-ink-faint sm:block">{choice.hint}</span>
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A small drawing of the app in that theme; System is half of each. */
function ThemeSwatch({ theme }: { theme: Theme }) {
  const light = 'bg-[#fbfaf8]';
  const dark = 'bg-[#151311]';
  return (
    <span aria-hidden="true" className="relative block h-12 overflow-hidden rounded-lg border border-line sm:h-16">
      {theme === 'system' ? (
        <>
          <span className={`absolute inset-y-0 left-0 w-1/2 ${light}`} />
          <span className={`absolute inset-y-0 right-0 w-1/2 ${dark}`} />
        </>
      ) : (
        <span className={`absolute inset-0 ${theme === 'dark' ? dark : light}`} />
      )}
      <span className="absolute top-2 left-2 h-1.5 w-8 rounded-full bg-ember-500" />
      <span className="absolute top-5 left-2 h-1.5 w-12 rounded-full bg-stone-400/70" />
    </span>
  );
}
