import { z } from 'zod';
import type { SignUpAnswer } from '@/lib/auth/users';

/** What sign-up answers, the same whether the address was free or taken. */
export const signUpAnswerJsonSchema = z
  .object({
    email: z.email(),
    message: z.string().meta({ description: 'What happens next, in a sentence for a person.' }),
  })
  .meta({ id: 'SignUpAnswer' });

export function signUpAnswerJson(answer: SignUpAnswer): z.output<typeof signUpAnswerJsonSchema> {
  return {
    email: answer.email,
    message:
      answer.mail === 'sent'
        ? 'If this address was free, the account is ready and a link to confirm the address is on its way. Sign in with the password you chose.'
        : 'If this address was free, the account is ready. Sign in with the password you chose.',
  };
}
