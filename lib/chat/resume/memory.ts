import type { RecordedReply, ReplyStreams } from './types';

type Listener = { push: (chunk: string) => void; end: () => void };

type Recording = {
  /** Everything sent so far, for readers that join late; null once it outgrew the cap. */
  chunks: string[] | null;
  /** UTF-16 code units held in `chunks`. */
  size: number;
  listeners: Set<Listener>;
};

export type MemoryReplyStreamsOptions = {
  /** The most a reply may hold for replay, in characters; a longer one stops being resumable. */
  maxChars?: number;
};

export type MemoryReplyStreams = ReplyStreams & {
  /** What is held right now, to check that memory is freed. */
  stats(): { replies: number; bufferedChars: number };
};

/**
 * Reply streams held in this process (the single-process default): per conversation, the latest
 * reply's chunks and the readers following it. A reply's buffer is bounded by `maxChars` and freed
 * as soon as it ends (its readers are told at once, and the database has it from then on).
 */
export function memoryReplyStreams({ maxChars = 2_000_000 }: MemoryReplyStreamsOptions = {}): MemoryReplyStreams {
  const recordings = new Map<string, Recording>();

  async function record({ conversationId }: RecordedReply, sse: ReadableStream<string>): Promise<void> {
    const recording: Recording = { chunks: [], size: 0, listeners: new Set() };
    recordings.set(conversationId, recording);
    const reader = sse.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const chunk = read.value;
        if (recording.chunks) {
          recording.chunks.push(chunk);
          recording.size += chunk.length;
          if (recording.size > maxChars) {
            // Readers already following keep receiving; nobody new can start from the beginning.
            recording.chunks = null;
            recording.size = 0;
          }
        }
        for (const listener of recording.listeners) listener.push(chunk);
      }
    } catch (error) {
      console.warn(`[resume] the reply stream of ${conversationId} failed: ${(error as Error).message}`);
    } finally {
      if (recordings.get(conversationId) === recording) recordings.delete(conversationId);
      for (const listener of recording.listeners) listener.end();
      recording.listeners.clear();
    }
  }

  async function resume(conversationId: string): Promise<ReadableStream<string> | null> {
    const recording = recordings.get(conversationId);
    if (!recording?.chunks) return null;
    let listener: Listener | undefined;
    return new ReadableStream<string>({
      // Runs at once, so the replay and the live tail meet without a gap or an overlap.
      start(controller) {
        for (const chunk of recording.chunks ?? []) controller.enqueue(chunk);
        // A reader whose stream can take no more is dropped, never allowed to break the recording.
        const reader: Listener = {
          push: (chunk) => {
            try {
              controller.enqueue(chunk);
            } catch {
              recording.listeners.delete(reader);
            }
          },
          end: () => {
            try {
              controller.close();
            } catch {
              // already closed or cancelled
            }
          },
        };
        listener = reader;
        recording.listeners.add(reader);
      },
      cancel() {
        if (listener) recording.listeners.delete(listener);
      },
    });
  }

  return {
    record,
    resume,
    stats() {
      let bufferedChars = 0;
      for (const recording of recordings.values()) bufferedChars += recording.size;
      return { replies: recordings.size, bufferedChars };
    },
  };
}
