import type { ApiGroup } from '@/lib/api/openapi/operation';
import { meJsonSchema, personaJsonSchema } from './me-json';
import { updateMeRequest } from './persona-schemas';

export const profileApi: ApiGroup = {
  tag: { name: 'Profile', description: 'Your account, and who you are to your companions.' },
  components: [personaJsonSchema, meJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/users/me',
      operationId: 'getMe',
      summary: 'Your account and persona',
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The signed-in account.', schema: meJsonSchema }],
      errors: [401],
    },
    {
      method: 'patch',
      path: '/api/v1/users/me',
      operationId: 'updateMe',
      summary: 'Change your persona',
      description:
        'Changes the persona every companion knows: the parts of `persona` you send change, the others stay. An empty string or null clears a part. A companion you gave a persona of its own in the app keeps that one. Control characters other than line breaks and tabs in `about` are refused.',
      auth: 'key or session',
      body: {
        schema: updateMeRequest,
        example: { persona: { name: 'Sam', pronouns: 'they/them', about: 'I teach piano and love long walks.' } },
      },
      success: [{ kind: 'json', status: 200, description: 'The account with its new persona.', schema: meJsonSchema }],
      errors: [400, 401],
    },
  ],
};
