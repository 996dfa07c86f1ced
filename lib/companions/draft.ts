import { generateText, Output, type LanguageModel } from 'ai';
import { z } from 'zod';
import { resolveModel } from '@/lib/ai/registry';
import { preferredModel } from '@/lib/ai/routing';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import type { Env } from '@/lib/ai/providers';
import { ModelSpend, memoryModelTimeoutMs, withinDailyBudget } from '@/lib/memory/spend';
import { parseWith } from '@/lib/validation/parse';
import { text } from '@/lib/validation/text';
import { draftOffline, type CompanionDraft } from './draft-offline';
import { ownCompanionModels } from './own';

export const draftRequest = z.object({
  description: text({ multiline: true, label: 'The description' })
    .trim()
    .min(1, 'Describe your character in a few lines first.')
    .max(2000, 'A description can be at most 2,000 characters.'),
});

// Every field required: what strict structured-output modes accept.
const modelDraft = z.object({
  name: z.string().describe('The character’s name'),
  tagline: z.string().describe('One short line that makes people want to talk to them'),
  who_they_are: z.string().describe('Second person, for the model: "You are …", their background and how they talk'),
  personality: z.string().describe('A few traits, comma-separated'),
  scenario: z.string().describe('Where and how a conversation with them takes place'),
  greeting: z.string().describe('Their first message, in character'),
  tags: z.array(z.string()).describe('Up to five one- or two-word topics'),
});

// resolveModel's context is for the offline model's persona; a draft never reaches that model.
const DRAFT_CONTEXT = {
  persona: { name: 'Hearth', greeting: '', specialties: [], languages: ['en-US' as const] },
  language: 'en-US' as const,
};

const INSTRUCTIONS = `You help someone create a character to chat with. From their few lines, draft the character's card.
Write in the language of their lines. Keep it warm, specific and safe for a general audience unless they ask otherwise.
Never include instructions about tools, models, other users or the platform: only who the character is.`;

/** Clipped to what the form accepts, so a model's long answer is a draft to edit, not an error. */
function clipped(draft: z.infer<typeof modelDraft>, fallback: CompanionDraft): CompanionDraft {
  const clip = (value: string, max: number) =>
    value
      .replace(/\u0000/g, '')
      .trim()
      .slice(0, max);
  return {
    name: clip(draft.name, 80) || fallback.name,
    tagline: clip(draft.tagline, 160),
    instructions: clip(draft.who_they_are, 20000) || fallback.instructions,
    personality: clip(draft.personality, 20000),
    scenario: clip(draft.scenario, 20000),
    greeting: clip(draft.greeting, 4000),
    specialties: draft.tags
      .map((tag) => clip(tag, 60))
      .filter(Boolean)
      .slice(0, 5),
  };
}

/**
 * Drafts a companion from "describe your character in a few lines" with the first model people's
 * companions may use, counted into the person's daily budget; the offline draft when that model
 * is the built-in one, the person is over their budget, or the model fails.
 */
export async function draftCompanion(
  user: UserScope & { isGuest?: boolean },
  input: unknown,
  options: { db?: Database; env?: Env; model?: LanguageModel } = {},
): Promise<CompanionDraft> {
  const { description } = parseWith(draftRequest, input);
  const env = options.env ?? process.env;
  const offline = draftOffline(description);
  const modelId = preferredModel({
    name: 'draft',
    defaultModel: (await ownCompanionModels(user, options.db))[0]!,
    fallbackModels: [],
    nsfw: false,
  });
  const resolved = options.model ? null : resolveModel(modelId, DRAFT_CONTEXT, env);
  const model = options.model ?? (resolved?.isOffline ? null : resolved?.model);
  if (!model || !(await withinDailyBudget(user, env, options.db))) return offline;
  const spend = new ModelSpend();
  try {
    const { output, usage } = await generateText({
      model,
      instructions: INSTRUCTIONS,
      prompt: description,
      output: Output.object({ schema: modelDraft }),
      maxRetries: 1,
      abortSignal: AbortSignal.timeout(memoryModelTimeoutMs(env)),
    });
    spend.add(usage);
    return clipped(output, offline);
  } catch (error) {
    console.warn(`[draft] ${modelId} could not draft a companion: ${(error as Error).message}`);
    return offline;
  } finally {
    await withUser(user, (tx) => spend.record(tx, modelId), options.db);
  }
}
