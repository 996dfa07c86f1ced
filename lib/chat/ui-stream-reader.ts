import type { UIMessage, UIMessageChunk } from 'ai';

/**
 * The browser's reader of the AI SDK's UI message stream (what /api/chat and its reconnect route
 * send): server-sent events of JSON chunks, folded into the reply message as `@ai-sdk/react`
 * folds them. Written here rather than imported so that the chat page does not load the SDK's
 * runtime and zod, which its own reader validates every chunk with: the stream comes from our own
 * server, and ui-stream-reader.test.ts checks that both readers build the same message from it.
 */

/** The chunks of an SSE body, in order, until `[DONE]` or the body's end. */
export async function* uiMessageChunks(body: ReadableStream<Uint8Array<ArrayBuffer>>): AsyncGenerator<UIMessageChunk> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += read.value;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
        else if (line === '' && data.length) {
          const event = data.join('\n');
          data = [];
          if (event === '[DONE]') return;
          yield parseChunk(event);
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function parseChunk(event: string): UIMessageChunk {
  try {
    const chunk = JSON.parse(event) as UIMessageChunk;
    if (typeof chunk?.type === 'string') return chunk;
  } catch {
    // answered below
  }
  throw new Error('The reply could not be read.');
}

type Part = UIMessage['parts'][number];
type ToolPart = Extract<Part, { toolCallId: string }>;

/**
 * A reply message being built from its chunks. Each change makes new objects for what changed,
 * so React sees it; an `error` chunk throws its text, as the SDK's reader does.
 */
export class ReplyBuilder<M extends UIMessage> {
  message: M;
  finishReason: string | undefined;
  private activeText = new Map<string, number>();
  private activeReasoning = new Map<string, number>();
  private startsSeen = 0;

  /** `replay`: the stream starts over from the reply's beginning (a reconnect), so its first `start` clears what was built. */
  constructor(
    id: string,
    private readonly replay = false,
  ) {
    this.message = { id, role: 'assistant', parts: [] } as unknown as M;
  }

  /** Folds one chunk in; returns whether the message changed (and, if so, whether it is reply content rather than its start). */
  apply(chunk: UIMessageChunk): 'start' | 'content' | null {
    switch (chunk.type) {
      case 'start': {
        if (this.replay && this.startsSeen === 0) this.reset(chunk.messageId ?? this.message.id);
        this.startsSeen++;
        if (chunk.messageId != null) this.message = { ...this.message, id: chunk.messageId };
        this.mergeMetadata(chunk.messageMetadata);
        return 'start';
      }
      case 'text-start':
      case 'reasoning-start': {
        const active = chunk.type === 'text-start' ? this.activeText : this.activeReasoning;
        active.set(chunk.id, this.message.parts.length);
        const start = { text: '', state: 'streaming', providerMetadata: chunk.providerMetadata } as const;
        return this.push(
          chunk.type === 'text-start' ? { type: 'text', ...start } : { type: 'reasoning', id: chunk.id, ...start },
        );
      }
      case 'text-delta':
      case 'reasoning-delta':
      case 'text-end':
      case 'reasoning-end': {
        const active = chunk.type.startsWith('text') ? this.activeText : this.activeReasoning;
        const index = active.get(chunk.id);
        if (index === undefined) throw new Error(`The reply's ${chunk.type} names no open part.`);
        const part = this.message.parts[index] as Extract<Part, { type: 'text' }>;
        if (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta')
          return this.replace(index, { ...part, text: part.text + chunk.delta });
        active.delete(chunk.id);
        return this.replace(index, { ...part, state: 'done' });
      }
      case 'file':
        return this.push({ type: 'file', mediaType: chunk.mediaType, url: chunk.url });
      case 'source-url':
      case 'source-document': {
        const { type, ...source } = chunk;
        return this.push({ type, ...source } as Part);
      }
      case 'start-step':
        // Shown with the step's first content, as the SDK does.
        this.message = { ...this.message, parts: [...this.message.parts, { type: 'step-start' }] };
        return null;
      case 'tool-input-start':
      case 'tool-input-available':
      case 'tool-input-error': {
        const state =
          chunk.type === 'tool-input-start'
            ? 'input-streaming'
            : chunk.type === 'tool-input-available'
              ? 'input-available'
              : 'output-error';
        const tool = {
          type: chunk.dynamic ? 'dynamic-tool' : `tool-${chunk.toolName}`,
          ...(chunk.dynamic ? { toolName: chunk.toolName } : {}),
          toolCallId: chunk.toolCallId,
          state,
          input: 'input' in chunk ? chunk.input : undefined,
          ...('errorText' in chunk ? { errorText: chunk.errorText } : {}),
          providerExecuted: chunk.providerExecuted,
        } as unknown as Part;
        const index = this.toolIndex(chunk.toolCallId);
        return index === -1 ? this.push(tool) : this.replace(index, { ...this.message.parts[index], ...tool } as Part);
      }
      case 'tool-output-available':
      case 'tool-output-error': {
        const index = this.toolIndex(chunk.toolCallId);
        if (index === -1) throw new Error(`The reply's ${chunk.type} names no tool call.`);
        const tool = this.message.parts[index] as ToolPart;
        return this.replace(
          index,
          (chunk.type === 'tool-output-available'
            ? { ...tool, state: 'output-available', output: chunk.output, errorText: undefined }
            : { ...tool, state: 'output-error', output: undefined, errorText: chunk.errorText }) as Part,
        );
      }
      case 'message-metadata':
      case 'finish':
        if (chunk.type === 'finish' && chunk.finishReason != null) this.finishReason = chunk.finishReason;
        return chunk.messageMetadata != null ? (this.mergeMetadata(chunk.messageMetadata), 'content') : null;
      case 'error':
        throw new Error(chunk.errorText);
      default:
        if (chunk.type.startsWith('data-') && !('transient' in chunk && chunk.transient)) {
          const data = chunk as Extract<UIMessageChunk, { type: `data-${string}` }>;
          const index =
            data.id == null
              ? -1
              : this.message.parts.findIndex((p) => p.type === data.type && 'id' in p && p.id === data.id);
          return index === -1
            ? this.push(data as Part)
            : this.replace(index, { ...this.message.parts[index], ...data } as Part);
        }
        return null; // finish-step, abort and what this page does not show
    }
  }

  private reset(id: string) {
    this.message = { id, role: 'assistant', parts: [] } as unknown as M;
    this.activeText.clear();
    this.activeReasoning.clear();
    this.finishReason = undefined;
  }

  private mergeMetadata(metadata: unknown) {
    if (metadata == null) return;
    const merged = { ...(this.message.metadata as object | undefined), ...(metadata as object) };
    this.message = { ...this.message, metadata: merged };
  }

  private toolIndex(toolCallId: string): number {
    return this.message.parts.findLastIndex((part) => 'toolCallId' in part && part.toolCallId === toolCallId);
  }

  private push(part: Part): 'content' {
    this.message = { ...this.message, parts: [...this.message.parts, part] };
    return 'content';
  }

  private replace(index: number, part: Part): 'content' {
    const parts = this.message.parts.slice();
    parts[index] = part;
    this.message = { ...this.message, parts };
    return 'content';
  }
}
