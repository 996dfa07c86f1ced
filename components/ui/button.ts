/** Shared button looks, as class strings, so links and buttons match. */
const base =
  'inline-flex items-center justify-center gap-2 rounded-full font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50';

export const buttonStyles = {
  primary: `${base} bg-stone-900 px-5 py-2.5 text-sm text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white`,
  accent: `${base} bg-ember-700 px-5 py-2.5 text-sm text-white hover:bg-ember-800`, // ember-600 under white text is 3.8:1, short of AA's 4.5
  danger: `${base} bg-red-600 px-5 py-2.5 text-sm text-white hover:bg-red-700 dark:hover:bg-red-500`,
  secondary: `${base} border border-line bg-raised px-5 py-2.5 text-sm text-ink hover:bg-sunken`,
  ghost: `${base} px-3 py-2 text-sm text-ink-soft hover:bg-sunken hover:text-ink`,
  icon: `${base} size-9 text-ink-soft hover:bg-sunken hover:text-ink`,
} as const;
