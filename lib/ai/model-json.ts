import { z } from 'zod';
import type { ListedModel } from '@/lib/ai/registry';

export const modelJsonSchema = z
  .object({
    id: z.string().meta({ examples: ['google/gemini-2.5-flash'] }),
    provider: z.string(),
    name: z.string(),
    context_window: z.number().int(),
    capabilities: z.object({ vision: z.boolean(), audio: z.boolean(), tools: z.boolean() }),
    pricing: z.object({ input_per_mtok: z.number(), output_per_mtok: z.number() }).nullable(),
    available: z.boolean(),
    unavailable_reason: z.string().nullable(),
  })
  .meta({ id: 'Model' });

/** A catalogue model as the REST API shows it, with whether this deployment can use it. */
export function modelJson(m: ListedModel): z.output<typeof modelJsonSchema> {
  return {
    id: m.id,
    provider: m.provider,
    name: m.name,
    context_window: m.contextWindow,
    capabilities: { vision: m.capabilities.vision, audio: m.capabilities.audio, tools: m.capabilities.tools },
    pricing: m.pricing && { input_per_mtok: m.pricing.inputPerMtok, output_per_mtok: m.pricing.outputPerMtok },
    available: m.available,
    unavailable_reason: m.unavailableReason,
  };
}
