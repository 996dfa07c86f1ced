import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { THEMES } from './theme';

export const displayName = text({ label: 'Your name', error: 'A name must be text.' })
  .trim()
  .min(1, 'Enter the name you’d like to be called.')
  .max(100, 'Names can be at most 100 characters.');

export const themeChoice = z.enum(THEMES, { error: 'Pick System, Light or Dark.' });

/** A picture of oneself: small, because the browser scales it down before sending it. */
export const MAX_AVATAR_BYTES = 1024 * 1024;
/** The longest side the browser makes a picture before sending it, and the most the server accepts. */
export const AVATAR_SIDE = 256;
export const MAX_AVATAR_SIDE = 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** The word that confirms deleting an account; an account with an email may type that instead. */
export const DELETE_WORD = 'DELETE';

export function confirmsDeletion(typed: string, email: string | null): boolean {
  const answer = typed.trim();
  return answer === DELETE_WORD || (!!email && answer.toLowerCase() === email.toLowerCase());
}
