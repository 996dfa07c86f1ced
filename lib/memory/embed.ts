import { memoryEmbedder } from '@/lib/ai/embeddings';
import type { Env } from '@/lib/ai/providers';
import type { Database } from '@/lib/db/client';
import { memoriesToEmbed, setMemoryEmbeddings } from '@/lib/memory/queries';
import { withUser, type UserScope } from '@/lib/db/scope';

// What the person said is embedded on the way to the first token: past this, the reply goes on
// with word matches alone.
const QUERY_TIMEOUT_MS = 1_500;
const BATCH = 32;

/** An embedding of what the person said, or null without an embedding model or when it fails or is slow. */
export async function embedWhatWasSaid(text: string, env: Env): Promise<number[] | null> {
  const embedder = memoryEmbedder(env);
  if (!embedder) return null;
  try {
    const [vector] = await embedder.embed([text], AbortSignal.timeout(QUERY_TIMEOUT_MS));
    return vector ?? null;
  } catch (error) {
    console.warn(`[memory] embedding what was said failed; recalling by words only: ${(error as Error).message}`);
    return null;
  }
}

/** Embeds the companion's memories that have no embedding yet (after a reply, off its path). */
export async function embedNewMemories(user: UserScope, companionId: string, env: Env, db?: Database): Promise<number> {
  const embedder = memoryEmbedder(env);
  if (!embedder) return 0;
  const pending = await withUser(user, (tx) => memoriesToEmbed(tx, companionId, BATCH), db);
  if (pending.length === 0) return 0;
  const vectors = await embedder.embed(pending.map((m) => m.content));
  await withUser(
    user,
    (tx) =>
      setMemoryEmbeddings(
        tx,
        pending.map((m, i) => ({ id: m.id, embedding: vectors[i]! })),
      ),
    db,
  );
  return pending.length;
}
