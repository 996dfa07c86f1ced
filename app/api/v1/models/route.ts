import { listModels } from '@/lib/ai/registry';
import { preflight, publicApiRoute } from '@/lib/api/route';

/** The model catalogue and what this deployment can use. Public: it holds no secrets. */
export const GET = publicApiRoute(async () =>
  Response.json({
    data: (await listModels()).map((m) => ({
      id: m.id,
      provider: m.provider,
      name: m.name,
      context_window: m.contextWindow,
      capabilities: { vision: m.capabilities.vision, audio: m.capabilities.audio, tools: m.capabilities.tools },
      pricing: m.pricing && { input_per_mtok: m.pricing.inputPerMtok, output_per_mtok: m.pricing.outputPerMtok },
      available: m.available,
      unavailable_reason: m.unavailableReason,
    })),
  }),
);

export const OPTIONS = preflight;
