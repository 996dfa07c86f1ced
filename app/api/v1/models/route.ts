import { modelJson } from '@/lib/ai/model-json';
import { listModels } from '@/lib/ai/registry';
import { preflight, publicApiRoute } from '@/lib/api/route';

/** The model catalogue and what this deployment can use. Public: it holds no secrets. */
export const GET = publicApiRoute(async () => Response.json({ data: (await listModels()).map(modelJson) }));

export const OPTIONS = preflight;
