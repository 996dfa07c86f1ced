import type { LanguageModel } from 'ai';
import type { Env } from '@/lib/ai/providers';
import { resolveModel, type ModelContext, type ResolvedModel } from '@/lib/ai/registry';

/** The routed model ids, ready to stream; a test's model answers as the first. */
export function resolveCandidates(
  ids: string[],
  context: ModelContext,
  env: Env,
  testModel?: LanguageModel,
): ResolvedModel[] {
  const resolved = ids.map((id) => resolveModel(id, context, env));
  if (testModel) resolved[0] = { ...resolved[0]!, model: testModel };
  return resolved;
}
