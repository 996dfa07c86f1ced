import 'server-only';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';

/**
 * The hosted and local providers, each switched on by its env vars. Every base URL can be
 * overridden, which is how tests reach loopback servers speaking the provider's wire protocol.
 * Keys are read here, on the server, and never leave it.
 */
export type Env = Record<string, string | undefined>;

export type RemoteProvider = {
  id: 'google' | 'groq' | 'openrouter' | 'openai' | 'local';
  label: string;
  /** The env var that switches the provider on, named in "not configured" messages. */
  requiredEnv: string;
  create: (modelName: string, env: Env) => LanguageModel;
  /** A cheap authenticated call that succeeds only with a valid key (health checks). */
  keyCheck: (env: Env) => { url: string; headers: Record<string, string> };
};

const bearer = (key: string | undefined): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

export const REMOTE_PROVIDERS: readonly RemoteProvider[] = [
  {
    id: 'google',
    label: 'Google Gemini',
    requiredEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    create: (model, env) =>
      createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: env.GOOGLE_BASE_URL || undefined })(
        model,
      ),
    keyCheck: (env) => ({
      url: `${env.GOOGLE_BASE_URL || 'https://generativelanguage.googleapis.com/v1beta'}/models`,
      headers: { 'x-goog-api-key': env.GOOGLE_GENERATIVE_AI_API_KEY ?? '' },
    }),
  },
  {
    id: 'groq',
    label: 'Groq',
    requiredEnv: 'GROQ_API_KEY',
    create: (model, env) => createGroq({ apiKey: env.GROQ_API_KEY, baseURL: env.GROQ_BASE_URL || undefined })(model),
    keyCheck: (env) => ({
      url: `${env.GROQ_BASE_URL || 'https://api.groq.com/openai/v1'}/models`,
      headers: bearer(env.GROQ_API_KEY),
    }),
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    requiredEnv: 'OPENROUTER_API_KEY',
    create: (model, env) =>
      createOpenAI({
        name: 'openrouter',
        apiKey: env.OPENROUTER_API_KEY,
        baseURL: env.OPENROUTER_BASE_URL || 'https://openrouter.ai/api/v1',
        // OpenRouter's attribution headers.
        headers: { 'HTTP-Referer': env.APP_URL || 'http://localhost:3000', 'X-Title': env.APP_TITLE || 'Hearth' },
      }).chat(model),
    // Its model list is public, so the key is checked against /key.
    keyCheck: (env) => ({
      url: `${env.OPENROUTER_BASE_URL || 'https://openrouter.ai/api/v1'}/key`,
      headers: bearer(env.OPENROUTER_API_KEY),
    }),
  },
  {
    id: 'openai',
    label: 'OpenAI',
    requiredEnv: 'OPENAI_API_KEY',
    // .chat(): /chat/completions, the protocol every OpenAI-compatible server speaks too.
    create: (model, env) =>
      createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }).chat(model),
    keyCheck: (env) => ({
      url: `${env.OPENAI_BASE_URL || 'https://api.openai.com/v1'}/models`,
      headers: bearer(env.OPENAI_API_KEY),
    }),
  },
  {
    id: 'local',
    label: 'Local server',
    requiredEnv: 'LOCAL_LLM_BASE_URL',
    create: (model, env) =>
      createOpenAI({
        name: 'local',
        apiKey: env.LOCAL_LLM_API_KEY || 'not-needed',
        baseURL: env.LOCAL_LLM_BASE_URL,
      }).chat(model),
    keyCheck: (env) => ({ url: `${env.LOCAL_LLM_BASE_URL}/models`, headers: bearer(env.LOCAL_LLM_API_KEY) }),
  },
];

export function remoteProvider(id: string): RemoteProvider | undefined {
  return REMOTE_PROVIDERS.find((provider) => provider.id === id);
}
