import type { ApiGroup } from '@/lib/api/openapi/operation';
import { signUp } from './schemas';
import { signUpAnswerJsonSchema } from './sign-up-json';

export const usersApi: ApiGroup = {
  tag: { name: 'Users', description: 'Accounts.' },
  components: [signUpAnswerJsonSchema],
  operations: [
    {
      method: 'post',
      path: '/api/v1/users',
      operationId: 'createUser',
      summary: 'Create an account',
      description:
        'Exactly as the sign-up page does; refused when registration is closed. The answer is the same whether the address was free or already has an account, so it tells nobody who is registered: a new account gets an email with a link to confirm its address, and the owner of a taken address gets an email saying someone tried. An account may sign in at once; it can create API keys once its address is confirmed.',
      auth: 'public',
      body: { schema: signUp, example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } },
      success: [
        {
          kind: 'json',
          status: 202,
          description: 'Accepted: the account exists if the address was free.',
          schema: signUpAnswerJsonSchema,
        },
      ],
      errors: [400, 403, 429],
    },
    {
      method: 'delete',
      path: '/api/v1/users/me',
      operationId: 'deleteAccount',
      summary: 'Delete your account',
      description:
        'Deletes the signed-in account with its conversations, messages, API keys, usage and uploaded files. Needs a browser session: an API key cannot delete its own account.',
      auth: 'session only',
      success: [{ kind: 'empty', status: 204, description: 'Deleted.' }],
      errors: [401, 403],
    },
  ],
};
