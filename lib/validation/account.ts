import { z } from 'zod';
import { emailToken } from '@/lib/auth/email-tokens';
import { credentials, signUp } from './chat';

/** A password someone chooses: whatever sign-up accepts, reset and change accept. */
export const newPassword = signUp.shape.password;

export const passwordResetRequest = z.object({ email: credentials.shape.email });

export const passwordReset = z.object({ token: emailToken, password: newPassword });

export const passwordChange = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200, 'Passwords can be at most 200 characters.'),
  newPassword,
});
