import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { Language } from '@/lib/languages';
import { UNHEARD_VOICE_NOTE } from '../voice-note';
import {
  IMAGE_NOTES,
  PICTURE_FAILED,
  PICTURE_MADE,
  TEMPLATES,
  TYPOGRAPHY,
  VOICE_NOTE_UNHEARD,
  type Intent,
} from './phrases';
import { codeReply } from './code-sample';
import { recallReply } from './recall';

/**
 * Hearth's built-in offline model: a deterministic, template-based LanguageModelV4 that needs no key
 * and no network. It answers the last user message in character, in the conversation's language, and
 * streams word by word so the chat UI, aborts and usage accounting can be exercised offline.
 */

export const OFFLINE_MODEL_ID = 'hearth-demo';

export type OfflinePersona = { name: string; greeting: string; specialties: string[]; languages: Language[] };

export type OfflineModelOptions = {
  persona: OfflinePersona;
  /** The conversation's language; every reply is written in it. */
  language: Language;
  /** Wait before the first text-delta, in ms. Default 0. */
  firstTokenDelayMs?: number;
  /** Wait between text-deltas, in ms. Default 0. */
  wordDelayMs?: number;
};

/** Matches any of the alternatives as whole words, for any script (`\b` only knows ASCII). */
function wholeWords(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
}

const GREETING = new RegExp(
  `^(?:${[
    'hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)',
    'hola|buenas|buenos días|buenas (?:tardes|noches)',
    'bonjour|bonsoir|salut|coucou',
    'hallo|guten (?:morgen|tag|abend)|servus|moin',
    'hoi|goedemorgen|goedemiddag|goedenavond',
    'ciao|salve|buongiorno|buonasera',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);
const MODEL_WORD = wholeWords('model|modelo|modèle|modell|modello|llm');
const ASKS_WHAT_IT_IS = wholeWords(
  [
    'are you (?:an? )?(?:ai|bot|robot|real)|(?:what|which) (?:ai|model|llm)|who (?:made|built|created) you',
    '(?:qué|que|cuál) modelo|eres (?:una? )?(?:ia|bot|robot)',
    'quel modèle|es-tu (?:une? )?(?:ia|bot|robot)|êtes-vous (?:une? )?(?:ia|bot|robot)',
    'welches modell|bist du (?:eine? )?(?:ki|bot|roboter)',
    'welk model|ben (?:je|jij) (?:een )?(?:ai|bot|robot)',
    "(?:quale|che) modello|sei (?:un'|una? )?(?:ia|ai|bot|robot)",
  ].join('|'),
);
const GREETING_MAX_WORDS = 6;
const QUOTE_WORDS = 6;
const TEXT_ID = 'text-0';

function classify(text: string): Intent {
  const question = /[?¿]/.test(text);
  if ((question && MODEL_WORD.test(text)) || ASKS_WHAT_IT_IS.test(text)) return 'identity';
  if (text === '' || (GREETING.test(text) && splitWords(text).length <= GREETING_MAX_WORDS)) return 'greeting';
  return question ? 'question' : 'statement';
}

/** The first few words of the user's message, cleaned so they sit safely inside quotes and markdown. */
function quote(text: string): string {
  const all = text
    .replace(/[*_`~#>"“”„‘’«»¿¡]/g, '')
    .trim()
    .split(/\s+/);
  const head = all
    .slice(0, QUOTE_WORDS)
    .join(' ')
    .replace(/[\s.,;:!?…-]+$/u, '');
  return all.length > QUOTE_WORDS ? `${head}…` : head;
}

/** FNV-1a: a small, stable string hash to vary replies without randomness. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function pick<T>(items: readonly T[], seed: number): T | undefined {
  return items[seed % items.length];
}

function systemText(prompt: LanguageModelV4Prompt): string {
  return prompt.map((m) => (m.role === 'system' ? m.content : '')).join('\n');
}

function lastUserText(prompt: LanguageModelV4Prompt): string | undefined {
  const message = prompt.findLast((m) => m.role === 'user');
  if (!message || message.role !== 'user') return undefined;
  return message.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many images the person's last message carries. */
function lastUserImages(prompt: LanguageModelV4Prompt): number {
  const message = prompt.findLast((m) => m.role === 'user');
  if (!message || message.role !== 'user') return 0;
  return message.content.filter((part) => part.type === 'file' && part.mediaType.startsWith('image')).length;
}

// Asking for a picture, in each supported language (whole words: "imagine" is not "image").
const WANTS_PICTURE = wholeWords(
  [
    'picture|pictures|image|images|photo|photos|drawing|draw|paint|painting|sketch|illustration|illustrate',
    'imagen|imágenes|foto|fotos|dibujo|dibuja|dibújame|pinta|ilustración',
    'dessin|dessine|dessine-moi|illustration',
    'bild|bilder|zeichne|zeichnung|male|gemälde',
    'tekening|teken|plaatje|afbeelding',
    'immagine|immagini|disegno|disegna|disegnami|dipingi',
  ].join('|'),
);
const PICTURE_TOOL = 'generate_image';

/**
 * With the picture tool on offer, a request for a picture is answered with a call to it (the
 * prompt is what the person said); once its result is back, with a line about the picture.
 */
function pictureTurn(
  options: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools'>,
  { persona, language }: OfflineModelOptions,
): { call: string } | { text: string } | null {
  const offered = options.tools?.some((t) => t.type === 'function' && t.name === PICTURE_TOOL);
  if (!offered) return null;
  const last = options.prompt.at(-1);
  if (last?.role === 'tool') {
    // A failed call comes back as an error output: no picture came, so none is promised.
    const failed = last.content.some((part) => part.type === 'tool-result' && part.output.type.startsWith('error'));
    const said = (failed ? PICTURE_FAILED : PICTURE_MADE)[language].replace('{name}', persona.name);
    return { text: TYPOGRAPHY[language]?.(said) ?? said };
  }
  const said = lastUserText(options.prompt);
  // Someone sharing their own picture ("a photo of my cat") is not asking for one.
  if (last?.role !== 'user' || !said || !WANTS_PICTURE.test(said) || lastUserImages(options.prompt) > 0) return null;
  return { call: JSON.stringify({ prompt: said }) };
}

function toolCallStream(
  input: string,
  finalUsage: LanguageModelV4Usage,
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      if (signal?.aborted) return controller.error(abortError(signal));
      controller.enqueue({ type: 'stream-start', warnings: [] });
      controller.enqueue({
        type: 'tool-call',
        toolCallId: `call-${hash(input).toString(16)}`,
        toolName: PICTURE_TOOL,
        input,
      });
      controller.enqueue({
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: finalUsage,
      });
      controller.close();
    },
  });
}

function reply(prompt: LanguageModelV4Prompt, options: OfflineModelOptions): string {
  const images = lastUserImages(prompt);
  const text = textReply(prompt, options);
  if (!images) return text;
  const note = IMAGE_NOTES[options.language](images);
  return `${TYPOGRAPHY[options.language]?.(note) ?? note}\n\n${text}`;
}

function textReply(prompt: LanguageModelV4Prompt, { persona, language }: OfflineModelOptions): string {
  const userText = lastUserText(prompt);
  const templates = TEMPLATES[language];
  const greeting = persona.greeting.trim();
  if (userText === undefined && greeting) return greeting;

  if (userText?.includes(UNHEARD_VOICE_NOTE)) {
    const unheard = VOICE_NOTE_UNHEARD[language];
    return (TYPOGRAPHY[language]?.(unheard) ?? unheard).trim();
  }

  const seed = hash(userText ?? '');
  const intent = userText === undefined ? 'greeting' : classify(userText);
  const code = userText && intent !== 'identity' ? codeReply(userText, language, persona.name) : null;
  if (code) return code;
  const remembered = intent === 'question' && recallReply(userText!, systemText(prompt), language, persona.name);
  if (remembered) return (TYPOGRAPHY[language]?.(remembered) ?? remembered).trim();
  const template = intent === 'identity' ? templates.identity : pick(templates[intent], seed)!;
  const values: Record<string, string> = {
    name: persona.name,
    // Shifted so the specialty does not move in lockstep with the template choice.
    specialty: pick(persona.specialties, seed >>> 8) ?? templates.fallbackSpecialty,
    quote: quote(userText ?? ''),
  };
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  return (TYPOGRAPHY[language]?.(text) ?? text).trim();
}

/** Words with their trailing whitespace, so the pieces join back to the exact text. */
function splitWords(text: string): string[] {
  // Only breaking whitespace splits; a no-break space keeps "va ?" together.
  return text.match(/[^ \t\r\n]+[ \t\r\n]*/g) ?? [];
}

function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function promptChars(prompt: LanguageModelV4Prompt): number {
  let chars = 0;
  for (const message of prompt) {
    if (message.role === 'system') {
      chars += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') chars += part.text.length;
      else if (part.type === 'tool-call') chars += (JSON.stringify(part.input) ?? '').length;
      else if (part.type === 'tool-result') chars += (JSON.stringify(part.output) ?? '').length;
    }
  }
  return chars;
}

/** Output tokens are counted as streamed words (one text-delta each), not estimated from characters. */
function usage(prompt: LanguageModelV4Prompt, outputWords: number): LanguageModelV4Usage {
  const input = estimateTokens(promptChars(prompt));
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputWords, text: outputWords, reasoning: 0 },
  };
}

/** The abort reason as an error the SDK recognises; non-Error reasons become an AbortError. */
function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === 'string' ? reason : 'The operation was aborted.', 'AbortError');
}

function streamWords(
  pieces: string[],
  finalUsage: LanguageModelV4Usage,
  delays: { first: number; between: number },
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let onAbort = (): void => {};

  // Idempotent: clears the pending timer and wakes the loop so nothing outlives an abort or cancel.
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    wake?.();
    signal?.removeEventListener('abort', onAbort);
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || stopped) return resolve();
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      onAbort = () => {
        if (stopped) return;
        stop();
        controller.error(abortError(signal!));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });

      void (async () => {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'text-start', id: TEXT_ID });
        for (const [index, delta] of pieces.entries()) {
          await sleep(index === 0 ? delays.first : delays.between);
          if (stopped) return;
          controller.enqueue({ type: 'text-delta', id: TEXT_ID, delta });
        }
        controller.enqueue({ type: 'text-end', id: TEXT_ID });
        controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: finalUsage });
        stop();
        controller.close();
      })();
    },
    cancel: stop,
  });
}

export function createOfflineModel(options: OfflineModelOptions): LanguageModelV4 {
  const delays = { first: options.firstTokenDelayMs ?? 0, between: options.wordDelayMs ?? 0 };
  return {
    specificationVersion: 'v4',
    provider: 'offline',
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate({ prompt, tools, abortSignal }) {
      if (abortSignal?.aborted) throw abortError(abortSignal);
      const picture = pictureTurn({ prompt, tools }, options);
      if (picture && 'call' in picture) {
        return {
          content: [
            {
              type: 'tool-call',
              toolCallId: `call-${hash(picture.call).toString(16)}`,
              toolName: PICTURE_TOOL,
              input: picture.call,
            },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          usage: usage(prompt, 1),
          warnings: [],
        };
      }
      const text = picture?.text ?? reply(prompt, options);
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage(prompt, splitWords(text).length),
        warnings: [],
      };
    },
    async doStream({ prompt, tools, abortSignal }) {
      const picture = pictureTurn({ prompt, tools }, options);
      if (picture && 'call' in picture) return { stream: toolCallStream(picture.call, usage(prompt, 1), abortSignal) };
      const pieces = splitWords(picture?.text ?? reply(prompt, options));
      return { stream: streamWords(pieces, usage(prompt, pieces.length), delays, abortSignal) };
    },
  };
}
