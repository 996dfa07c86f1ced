import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createReplicate } from '@ai-sdk/replicate';
import type { ImageModel } from 'ai';
import { createOfflineImageModel, OFFLINE_IMAGE_MODEL_ID } from './offline/image-model';
import type { Env } from './providers';

/**
 * The model companions draw pictures with: Gemini's Imagen, OpenAI's image model, Replicate, or
 * the offline sketcher, the first that is configured. Base URLs can be overridden (tests).
 */
export type ResolvedImageModel = { id: string; model: ImageModel };

export function imageModelFor(env: Env): ResolvedImageModel {
  if (env.GOOGLE_GENERATIVE_AI_API_KEY) {
    const name = env.GOOGLE_IMAGE_MODEL || 'imagen-4.0-generate-001';
    return {
      id: `google/${name}`,
      model: createGoogleGenerativeAI({
        apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
        baseURL: env.GOOGLE_BASE_URL || undefined,
      }).image(name),
    };
  }
  if (env.OPENAI_API_KEY) {
    const name = env.OPENAI_IMAGE_MODEL || 'gpt-image-1';
    return {
      id: `openai/${name}`,
      model: createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }).image(name),
    };
  }
  if (env.REPLICATE_API_TOKEN) {
    const name = env.REPLICATE_IMAGE_MODEL || 'black-forest-labs/flux-schnell';
    return {
      id: `replicate/${name}`,
      model: createReplicate({ apiToken: env.REPLICATE_API_TOKEN, baseURL: env.REPLICATE_BASE_URL || undefined }).image(
        name as `${string}/${string}`,
      ),
    };
  }
  return { id: `offline/${OFFLINE_IMAGE_MODEL_ID}`, model: createOfflineImageModel() };
}
