import { modelsApi } from '@/lib/ai/api';
import { apiKeysApi } from '@/lib/api-keys/api';
import { usersApi } from '@/lib/auth/api';
import { callsApi } from '@/lib/calls/api';
import { chatCompletionsApi } from '@/lib/chat/api';
import { companionsApi } from '@/lib/companions/api';
import { conversationsApi } from '@/lib/conversations/api';
import { exportApi } from '@/lib/export/api';
import { messagesApi } from '@/lib/conversations/message-api';
import { memoryApi } from '@/lib/memory/api';
import { profileApi } from '@/lib/profile/api';
import { sharingApi } from '@/lib/sharing/api';
import { uploadsApi } from '@/lib/uploads/api';
import { usageApi } from '@/lib/usage/api';
import { referenceApi } from './api';
import type { OpenApiDocument } from './document-types';
import { operationObject } from './operation-object';
import { responseJsonSchemas } from './json-schema';
import { errorEnvelope } from './shapes';

/** Every feature's operations, in the order their tags are listed; the test holds it to the route files. */
const GROUPS = [
  modelsApi,
  companionsApi,
  memoryApi,
  conversationsApi,
  messagesApi,
  exportApi,
  sharingApi,
  chatCompletionsApi,
  usageApi,
  apiKeysApi,
  uploadsApi,
  callsApi,
  usersApi,
  profileApi,
  referenceApi,
];

const INTRODUCTION =
  'Talk to Hearth\'s companions from scripts and apps. Authenticate with `Authorization: Bearer hk_…` (Settings > API keys) or, from the browser, the session cookie. Every error is `{"error": {"type", "message", "param"?}}`.';

const SECURITY_SCHEMES = {
  apiKey: { type: 'http', scheme: 'bearer', description: 'An API key, `hk_…`, made in Settings > API keys.' },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'next-auth.session-token',
    description:
      "The browser session (`__Secure-next-auth.session-token` over HTTPS). Writes with it must come from this site's own pages: an `Origin` of this server (or `Sec-Fetch-Site: same-origin`) and a JSON body (multipart/form-data where the operation takes files); otherwise 403 or 415.",
  },
};

function buildDocument(): OpenApiDocument {
  const operations = GROUPS.flatMap((group) =>
    group.operations.map((operation) => ({ tag: group.tag.name, operation })),
  );
  const responseSchemas = operations.flatMap(({ operation }) =>
    operation.success.flatMap((success) => ('schema' in success ? [success.schema] : [])),
  );
  const converted = responseJsonSchemas(
    [errorEnvelope, ...GROUPS.flatMap((group) => group.components)],
    responseSchemas,
  );
  const paths: OpenApiDocument['paths'] = {};
  for (const { tag, operation } of operations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(tag, operation, converted.response);
  }
  return {
    openapi: '3.1.1',
    info: { title: 'Hearth REST API', version: '1', description: INTRODUCTION },
    servers: [{ url: '/' }],
    tags: GROUPS.map((group) => group.tag),
    paths,
    components: { schemas: converted.components, securitySchemes: SECURITY_SCHEMES },
  };
}

let cached: OpenApiDocument | undefined;

/** The REST API's OpenAPI 3.1 document; request schemas are the zod schemas the routes validate with. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildDocument());
}
