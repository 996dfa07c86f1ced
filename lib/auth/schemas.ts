import { z } from 'zod';
import { emailToken } from '@/lib/auth/email-tokens';
import { text } from '@/lib/validation/text';

export const credentials = z.object({
  email: z
    .email({ error: 'Enter a valid email address.' })
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: z
    .string()
    .min(8, 'Passwords need at least 8 characters.')
    .max(200, 'Passwords can be at most 200 characters.'),
});

export const signUp = credentials.extend({
  name: text({ label: 'The name', error: 'A name must be text.' })
    .trim()
    .max(100, 'Names can be at most 100 characters.')
    .optional()
    .transform((name) => name || undefined),
});

/** A password someone chooses: whatever sign-up accepts, reset and change accept. */
export const newPassword = signUp.shape.password;

export const passwordResetRequest = z.object({ email: credentials.shape.email });

export const passwordReset = z.object({ token: emailToken, password: newPassword });

export const passwordChange = z.object({
  currentPassword: z
    .string({ error: 'Enter your current password.' })
    .min(1, 'Enter your current password.')
    .max(200, 'Passwords can be at most 200 characters.'),
  newPassword,
});
