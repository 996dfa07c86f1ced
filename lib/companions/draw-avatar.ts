import { z } from 'zod';
import { imageModelFor } from '@/lib/ai/image-models';
import type { Env } from '@/lib/ai/providers';
import { draw } from '@/lib/chat/image-tool';
import { HearthError } from '@/lib/errors';
import { sniffMediaType } from '@/lib/uploads/sniff';
import { parseWith } from '@/lib/validation/parse';
import { ownCompanionFields } from './own-schemas';

const portraitRequest = ownCompanionFields.pick({ name: true, tagline: true, description: true });

const DRAW_TIMEOUT_MS = 60_000;

/** What the picture model is asked for: a portrait that fits a round avatar. */
export function portraitPrompt({ name, tagline, description }: z.infer<typeof portraitRequest>): string {
  const about = [tagline, description]
    .map((text) => text.trim())
    .filter(Boolean)
    .join('. ');
  return `A warm, friendly head-and-shoulders portrait of a character called ${name}${about ? `: ${about}` : ''}. Centred face, soft plain background, illustration.`.slice(
    0,
    1000,
  );
}

/**
 * A portrait for a companion being made, from the picture model companions draw with (the offline
 * sketcher when none is configured). The form sends it back as the avatar, through the upload's checks.
 */
export async function drawAvatar(
  input: unknown,
  env: Env = process.env,
): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const prompt = portraitPrompt(parseWith(portraitRequest, input));
  const { id, model } = imageModelFor(env);
  try {
    const bytes = await draw(model, prompt, AbortSignal.timeout(DRAW_TIMEOUT_MS));
    return { bytes, mediaType: sniffMediaType(bytes)! };
  } catch (error) {
    console.warn(`[pictures] ${id} could not draw a portrait: ${(error as Error).message}`);
    throw new HearthError(
      'provider_failed',
      'The portrait could not be drawn just now. Try again, or upload a picture.',
      {
        param: 'avatar',
      },
    );
  }
}
