import type { LanguageModel } from 'ai';
import { personaInstructions } from '@/lib/ai/persona';
import type { Env } from '@/lib/ai/providers';
import { modelUnavailableReason, type ModelContext } from '@/lib/ai/registry';
import { modelCandidates } from '@/lib/ai/routing';
import { getPersonaFor } from '@/lib/profile/persona-queries';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import { recordApiUsage } from '@/lib/usage/api-usage';
import type { Database } from '@/lib/db/client';
import { findCompanion as findCompanionRow, type Companion } from '@/lib/companions/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { CompletionRequest } from '@/lib/chat/completion-schemas';
import { resolveCandidates } from './candidates';
import { generationTimeouts, startGeneration, type Generation } from './generation';
import { outputCeiling } from './output-cap';
import { promptFor } from './history';

export type Completion = Pick<Generation, 'parts' | 'pipe' | 'saved' | 'model'> & { id: string; created: number };

export type CompletionOptions = {
  db?: Database;
  env?: Env;
  /** Tests pass a model here; it answers as the first candidate. */
  model?: LanguageModel;
  /** The persona studio's preview: speak as this unsaved persona and record nothing, not even usage. */
  draft?: Companion;
};

const COMPANION_PREFIX = 'companion/';

// Who the offline model plays when no companion is named.
const PLAIN_PERSONA: ModelContext['persona'] = {
  name: 'Hearth',
  greeting: 'Hello!',
  specialties: ['conversation'],
  languages: ['en-US'],
};

/**
 * A stateless completion (the OpenAI-compatible endpoint): the conversation comes with the request
 * and nothing of it is stored. `companion/<slug>` speaks with that companion's persona and model
 * routing (default, then fallbacks); a model id uses that model alone. The usage is recorded
 * against the caller.
 */
export async function startCompletion(
  user: UserScope,
  request: CompletionRequest,
  options: CompletionOptions = {},
): Promise<Completion> {
  const startedAt = performance.now();
  const env = options.env ?? process.env;
  // The studio's preview speaks as a draft to its admin, who is not the person it is written for.
  const { companion, person } = options.draft
    ? { companion: options.draft, person: null }
    : request.model.startsWith(COMPANION_PREFIX)
      ? await findCompanion(user, request.model, options.db)
      : { companion: null, person: null };
  const modelIds = companion
    ? modelCandidates({ conversationModel: companion.defaultModel, companion }, env)
    : [usableModel(request.model, env)];
  const language = companion?.languages[0] ?? 'en-US';
  const candidates = resolveCandidates(modelIds, { persona: companion ?? PLAIN_PERSONA, language }, env, options.model);

  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content);
  const instructions = [...(companion ? [personaInstructions(companion, language, person)] : []), ...system].join(
    '\n\n',
  );
  const conversation = request.messages.flatMap((m) =>
    m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, text: m.content }] : [],
  );

  const id = `chatcmpl-${crypto.randomUUID()}`;
  const generation = startGeneration({
    conversationId: id,
    candidates,
    instructions,
    messagesFor: promptFor(conversation, instructions),
    temperature: request.temperature ?? companion?.temperature,
    // A request for more than the caps allow is clamped to them, not refused (documented in the OpenAPI).
    outputLimits: {
      persona: companion?.maxOutputTokens,
      requested: request.max_completion_tokens ?? request.max_tokens,
      ceiling: outputCeiling(env),
    },
    timeouts: generationTimeouts(env),
    startedAt,
    committed: Promise.resolve(),
    save: options.draft
      ? async () => undefined
      : (reply) =>
          withUser(user, (tx) => recordApiUsage(tx, { reply, companionId: companion?.id ?? null }), options.db),
  });
  return {
    id,
    created: Math.floor(Date.now() / 1000),
    get parts() {
      return generation.parts;
    },
    pipe: generation.pipe,
    saved: generation.saved,
    get model() {
      return generation.model;
    },
  };
}

/** The companion `model` names, and what it knows of the person, read in one transaction. */
async function findCompanion(
  user: UserScope,
  model: string,
  db?: Database,
): Promise<{ companion: Companion; person: UserPersona | null }> {
  return withUser(
    user,
    async (tx) => {
      const companion = await findCompanionRow(tx, model.slice(COMPANION_PREFIX.length));
      if (!companion) throw new HearthError('not_found', `There is no companion "${model}".`, { param: 'model' });
      return { companion, person: await getPersonaFor(tx, companion.id) };
    },
    db,
  );
}

function usableModel(id: string, env: Env): string {
  const refusal = modelUnavailableReason(id, env);
  if (refusal) throw new HearthError('provider_not_configured', refusal, { param: 'model' });
  return id;
}
