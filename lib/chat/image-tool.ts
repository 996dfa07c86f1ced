import { generateImage, tool } from 'ai';
import { z } from 'zod';
import { redactedMessage } from '@/lib/ai/errors';
import { imageModelFor } from '@/lib/ai/image-models';
import type { Env } from '@/lib/ai/providers';
import type { Database } from '@/lib/db/client';
import type { FilePart } from '@/lib/conversations/messages';
import type { UserScope } from '@/lib/db/scope';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { IMAGE_TYPES, type ImageType } from '@/lib/uploads/limits';
import { imageDimensions } from '@/lib/uploads/dimensions';
import { contentPath, storeUpload } from '@/lib/uploads/service';
import { sniffMediaType } from '@/lib/uploads/sniff';

export const IMAGE_TOOL = 'generate_image';

/**
 * What the person (under "The picture could not be made: …") and the model read when drawing
 * fails. The provider's own error, which can name keys and endpoints, goes to the log only.
 */
export const PICTURE_FAILED = 'something went wrong while drawing it. Try again in a moment.';

export type ImageToolContext = {
  user: UserScope;
  conversationId: string;
  /** The reply the picture belongs to; its row exists once `committed` settles. */
  assistantMessageId: string;
  committed: Promise<void>;
  env: Env;
  store?: BlobStore;
  db?: Database;
  /** Collects the pictures made during the turn; they are saved as file parts of the reply. */
  pictures: FilePart[];
};

/**
 * The picture-making tool offered to models that can call tools: it draws with the configured
 * image model (lib/ai/image-models.ts; the offline sketcher without keys), keeps the picture in
 * storage as the reply's file, and tells the model where it is.
 */
export function imageTools(context: ImageToolContext) {
  return {
    [IMAGE_TOOL]: tool({
      description:
        'Make a picture for the person when they ask for one (a drawing, photo, illustration, image). The picture is shown to them in the chat; afterwards, say a sentence about it. Write the prompt in English, describing the scene in detail.',
      inputSchema: z.object({
        prompt: z.string().min(1).max(2000).describe('What the picture shows: subject, setting, style, mood.'),
      }),
      execute: async ({ prompt }, { abortSignal }) => {
        const { id: model, model: imageModel } = imageModelFor(context.env);
        const bytes = await draw(imageModel, prompt, abortSignal).catch((error: unknown) => {
          if (abortSignal?.aborted) throw error;
          console.warn(`[pictures] ${model} failed: ${redactedMessage(error)}`);
          throw new Error(PICTURE_FAILED);
        });
        const mediaType = sniffMediaType(bytes)!;
        const size = imageDimensions(bytes, mediaType as ImageType);
        await context.committed;
        const upload = await storeUpload(
          context.user,
          {
            bytes,
            mediaType,
            kind: 'image',
            source: 'generated',
            filename: null,
            width: size?.width ?? null,
            height: size?.height ?? null,
            conversationId: context.conversationId,
            messageId: context.assistantMessageId,
          },
          context.store ?? getBlobStore(),
          context.db,
        );
        // The prompt names the picture: the chat's alt text and its download's file name.
        const filename = `${prompt
          .replace(/[\\/:*?"<>|\s]+/g, ' ')
          .trim()
          .slice(0, 80)}.${mediaType.split('/')[1]}`;
        const part: FilePart = { type: 'file', mediaType, url: contentPath(upload.id), filename };
        context.pictures.push(part);
        return { shown: true, url: part.url, media_type: mediaType, model };
      },
    }),
  };
}

/** The picture's bytes: an image in one of the types Hearth keeps, or an error. */
export async function draw(
  model: ReturnType<typeof imageModelFor>['model'],
  prompt: string,
  abortSignal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const { image } = await generateImage({ model, prompt, n: 1, abortSignal, maxRetries: 1 });
  const mediaType = sniffMediaType(image.uint8Array);
  if (!mediaType || !(IMAGE_TYPES as readonly string[]).includes(mediaType))
    throw new Error('The image model did not answer with an image.');
  return image.uint8Array;
}
