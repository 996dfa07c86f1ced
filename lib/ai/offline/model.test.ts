import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, type Language } from '@/lib/languages';
import { createOfflineModel, OFFLINE_MODEL_ID, type OfflineModelOptions, type OfflinePersona } from './model';

const persona: OfflinePersona = {
  name: 'Juniper',
  greeting: 'Hey, I am Juniper. What shall we talk about today?',
  specialties: ['mindful journaling', 'sleep routines'],
  languages: ['en-US'],
};

const SYSTEM = 'You are Juniper, a warm companion.';

function model(options: Partial<OfflineModelOptions> = {}) {
  return createOfflineModel({ persona, language: 'en-US', ...options });
}

function prompt(userText?: string): LanguageModelV4Prompt {
  const messages: LanguageModelV4Prompt = [{ role: 'system', content: SYSTEM }];
  if (userText !== undefined) messages.push({ role: 'user', content: [{ type: 'text', text: userText }] });
  return messages;
}

async function reply(userText: string | undefined, options: Partial<OfflineModelOptions> = {}): Promise<string> {
  const result = await model(options).doGenerate({ prompt: prompt(userText) });
  const [part] = result.content;
  if (part?.type !== 'text') throw new Error('expected a text part');
  return part.text;
}

async function collect(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

function deltas(parts: readonly LanguageModelV4StreamPart[]): string[] {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
}

const wordCount = (text: string) => text.split(/[ \t\r\n]+/).filter(Boolean).length;

afterEach(() => {
  vi.useRealTimers();
});

describe('createOfflineModel', () => {
  it('is a LanguageModelV4 from the offline provider', () => {
    const m = model();
    expect(m.specificationVersion).toBe('v4');
    expect(m.provider).toBe('offline');
    expect(m.modelId).toBe(OFFLINE_MODEL_ID);
    expect(m.supportedUrls).toEqual({});
  });

  it('is deterministic, yet varies its replies across messages', async () => {
    const message = 'I went for a long walk by the river this morning.';
    expect(await reply(message)).toBe(await reply(message));

    const messages = [
      'I went for a long walk by the river this morning.',
      'Work has been exhausting this week.',
      'My sister is visiting next month.',
      'I started learning the cello.',
      'I could not sleep last night.',
      'We adopted a kitten called Miso.',
    ];
    const replies = await Promise.all(messages.map((m) => reply(m)));
    expect(new Set(replies.map((r) => r.slice(0, 12))).size).toBeGreaterThan(1);
  });

  it('answers in character and reflects what the user said', async () => {
    const text = await reply('I finally started painting again after years of not touching a brush.');
    expect(text).toContain('Juniper');
    expect(text).toContain('I finally started painting again after…');
    expect(persona.specialties.some((s) => text.includes(s))).toBe(true);
    expect(text).not.toContain('GOOGLE_GENERATIVE_AI_API_KEY');
  });

  it('reacts to a question differently from a statement', async () => {
    const question = await reply('Can you help me sleep better?');
    expect(question).toContain('“Can you help me sleep better?”');

    const statement = await reply('I cannot sleep well lately.');
    expect(statement).toContain('“I cannot sleep well lately”');
    expect(statement).not.toContain('lately?');
  });

  it('greets back on hello without quoting', async () => {
    for (const hello of ['Hello!', 'hi', 'Hey Juniper, good to see you']) {
      const text = await reply(hello);
      expect(text).toMatch(/^(Hi there!|Hello, hello!)/);
      expect(text).toContain('Juniper');
    }
    // A long message that merely starts with "hi" is answered, not greeted.
    expect(await reply('Hi, can you tell me how to build a calmer evening routine for my family?')).toContain(
      'Hi, can you tell me how…',
    );
  });

  it('says it is the offline demo model only when asked what it is', async () => {
    for (const question of ['What model are you?', 'Are you an AI?', 'which model is this', 'are you a bot']) {
      const text = await reply(question);
      expect(text).toContain('offline demo model');
      expect(text).toContain('connected to an AI model');
      expect(text).not.toMatch(/_API_KEY|\.env|environment/);
      expect(text).toContain('Juniper');
    }
    const german = await reply('Welches Modell bist du?', { language: 'de-DE' });
    expect(german).toContain('Offline-Demomodell');
    expect(german).not.toContain('_API_KEY');
    // Talking about models without asking about the companion stays in character.
    for (const message of ['My daughter wants to become a model.', 'What are you up to this weekend?']) {
      expect(await reply(message)).not.toContain('offline demo model');
    }
  });

  it('opens with the persona greeting when there is no user message', async () => {
    expect(await reply(undefined)).toBe(persona.greeting);
    const fallback = await model({ persona: { ...persona, greeting: '  ' } }).doGenerate({ prompt: prompt() });
    expect(fallback.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Juniper') });
  });

  it('answers the last user message of a longer conversation, ignoring assistant and tool messages', async () => {
    const conversation: LanguageModelV4Prompt = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: [{ type: 'text', text: 'Hello!' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi! How are you?' }] },
      { role: 'user', content: [{ type: 'text', text: 'My garden tomatoes are finally ripe.' }] },
    ];
    const result = await model().doGenerate({ prompt: conversation });
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('My garden tomatoes are finally ripe') });
  });

  describe('languages', () => {
    // A few common words that only that language uses (among the six), checked as whole words.
    const MARKERS: Record<Language, string[]> = {
      'en-US': ['the', 'you', 'and', 'with', 'what', 'your'],
      'es-ES': ['que', 'con', 'para', 'una', 'más', 'ahora', 'soy', 'pero'],
      'fr-FR': ['je', 'tu', 'ce', 'avec', 'pour', 'est', 'suis', 'une', 'mais'],
      'de-DE': ['ich', 'du', 'und', 'dir', 'mit', 'bin', 'ist', 'aber', 'wir'],
      'nl-NL': ['ik', 'je', 'het', 'een', 'en', 'maar', 'ben', 'wat', 'we'],
      'it-IT': ['che', 'sono', 'per', 'con', 'una', 'ma', 'il', 'di', 'ti'],
    };
    const MESSAGES: Record<Language, string[]> = {
      'en-US': ['Hello!', 'How do I stay calm before an exam?', 'I had a rough day at work.'],
      'es-ES': [
        '¡Hola!',
        '¿Cómo puedo mantener la calma antes de un examen?',
        'Hoy he tenido un día duro en el trabajo.',
      ],
      'fr-FR': ['Bonjour !', 'Comment rester calme avant un examen ?', "J'ai eu une journée difficile au travail."],
      'de-DE': ['Hallo!', 'Wie bleibe ich vor einer Prüfung ruhig?', 'Ich hatte einen harten Tag bei der Arbeit.'],
      'nl-NL': ['Hoi!', 'Hoe blijf ik rustig voor een examen?', 'Ik had een zware dag op mijn werk.'],
      'it-IT': ['Ciao!', 'Come posso restare calmo prima di un esame?', 'Ho avuto una giornata difficile al lavoro.'],
    };
    const hasWord = (text: string, word: string) => new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'iu').test(text);

    it.each(LANGUAGES)('answers in %s', async (language) => {
      for (const message of [...MESSAGES[language], 'What model are you?']) {
        const text = await reply(message, { language });
        expect(text).toContain('Juniper');
        const own = MARKERS[language].filter((word) => hasWord(text, word));
        expect(own.length, `${language} markers in: ${text}`).toBeGreaterThanOrEqual(2);
        if (language !== 'en-US') {
          expect(
            ['the', 'and', 'your'].filter((word) => hasWord(text, word)),
            text,
          ).toEqual([]);
        }
      }
    });

    it('gives each language its own reply to the same message', async () => {
      const replies = await Promise.all(LANGUAGES.map((language) => reply('I made soup.', { language })));
      expect(new Set(replies).size).toBe(LANGUAGES.length);
    });

    it('keeps French punctuation attached to its word when streaming', async () => {
      const { stream } = await model({ language: 'fr-FR' }).doStream({ prompt: prompt('Comment vas-tu ?') });
      const pieces = deltas(await collect(stream));
      expect(pieces.join('')).toMatch(/\u00a0\?/);
      expect(pieces.filter((piece) => /^[?!:;»«]\s*$/.test(piece))).toEqual([]);
    });

    it('keeps every reply between 25 and 70 words', async () => {
      const long = 'Lately I keep thinking about whether I should move to another city for a new job';
      const samples = ['Hi', 'Hello there!', 'Why?', 'What model are you?', 'I made soup.', `${long}.`, `${long}?`];
      for (let i = 0; i < 12; i++) samples.push(`Message number ${i} about my day`, `Is question ${i} a good one?`);
      const longNamed = { ...persona, name: 'Juniper Rose', specialties: ['gentle evening breathing exercises'] };
      for (const language of LANGUAGES) {
        for (const sample of samples) {
          const text = await reply(sample, { language, persona: longNamed });
          const count = wordCount(text);
          expect(count, `${language} "${sample}": ${text}`).toBeGreaterThanOrEqual(25);
          expect(count, `${language} "${sample}": ${text}`).toBeLessThanOrEqual(70);
        }
      }
    });
  });

  describe('doStream', () => {
    it('streams word by word, in order, joining to the generated text', async () => {
      const message = 'What is a good way to start journaling?';
      const { stream } = await model().doStream({ prompt: prompt(message) });
      const parts = await collect(stream);
      const types = parts.map((part) => part.type);
      const pieces = deltas(parts);

      expect(types.slice(0, 2)).toEqual(['stream-start', 'text-start']);
      expect(types.slice(-2)).toEqual(['text-end', 'finish']);
      expect(types.slice(2, -2).every((type) => type === 'text-delta')).toBe(true);
      expect(pieces.length).toBeGreaterThan(10);
      expect(pieces.every((piece) => /^[^ \t\r\n]+[ \t\r\n]*$/.test(piece))).toBe(true);
      expect(pieces.join('')).toBe(await reply(message));
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } });
    });

    it('reports usage consistent with the prompt and the streamed words', async () => {
      const message = 'Tell me something nice.';
      const { stream } = await model().doStream({ prompt: prompt(message) });
      const parts = await collect(stream);
      const finish = parts.at(-1);
      if (finish?.type !== 'finish') throw new Error('expected a finish part');

      const input = Math.ceil((SYSTEM.length + message.length) / 4);
      const output = deltas(parts).length;
      expect(finish.usage).toEqual({
        inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: output, text: output, reasoning: 0 },
      });
      expect(output).toBe(wordCount(deltas(parts).join('')));

      const generated = await model().doGenerate({ prompt: prompt(message) });
      expect(generated.usage).toEqual(finish.usage);
      expect(generated.finishReason).toEqual(finish.finishReason);
    });

    it('waits firstTokenDelayMs before the first word and wordDelayMs between words', async () => {
      vi.useFakeTimers();
      const { stream } = await model({ firstTokenDelayMs: 1000, wordDelayMs: 100 }).doStream({
        prompt: prompt('I baked bread today.'),
      });
      const parts: LanguageModelV4StreamPart[] = [];
      const done = (async () => {
        for await (const part of stream) parts.push(part);
      })();
      const words = () => deltas(parts).length;

      await vi.advanceTimersByTimeAsync(0);
      expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-start']);
      await vi.advanceTimersByTimeAsync(999);
      expect(words()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(words()).toBe(1);
      await vi.advanceTimersByTimeAsync(99);
      expect(words()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(words()).toBe(2);
      await vi.advanceTimersByTimeAsync(300);
      expect(words()).toBe(5);

      await vi.runAllTimersAsync();
      await done;
      expect(parts.at(-1)?.type).toBe('finish');
      expect(vi.getTimerCount()).toBe(0);
    });

    it('stops promptly on abort, errors with the abort reason and leaves no timers', async () => {
      vi.useFakeTimers();
      const controller = new AbortController();
      const { stream } = await model({ firstTokenDelayMs: 50, wordDelayMs: 50 }).doStream({
        prompt: prompt('I baked bread today.'),
        abortSignal: controller.signal,
      });
      const parts: LanguageModelV4StreamPart[] = [];
      const done = (async () => {
        for await (const part of stream) parts.push(part);
      })();
      const outcome = done.then(
        () => 'closed',
        (error: unknown) => error,
      );

      await vi.advanceTimersByTimeAsync(120);
      expect(deltas(parts)).toHaveLength(2);
      controller.abort();
      const error = await outcome;
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('AbortError');
      expect(vi.getTimerCount()).toBe(0);

      await vi.advanceTimersByTimeAsync(10_000);
      expect(deltas(parts)).toHaveLength(2);
      expect(parts.some((part) => part.type === 'finish')).toBe(false);
    });

    it('passes a custom Error abort reason through unchanged', async () => {
      const controller = new AbortController();
      const reason = new Error('user pressed stop');
      controller.abort(reason);
      const { stream } = await model().doStream({ prompt: prompt('Hi'), abortSignal: controller.signal });
      await expect(collect(stream)).rejects.toBe(reason);
      await expect(model().doGenerate({ prompt: prompt('Hi'), abortSignal: controller.signal })).rejects.toBe(reason);
    });

    it('clears its timers when the consumer cancels the stream', async () => {
      vi.useFakeTimers();
      const { stream } = await model({ firstTokenDelayMs: 10, wordDelayMs: 1000 }).doStream({
        prompt: prompt('I baked bread today.'),
      });
      const reader = stream.getReader();
      let part = await reader.read();
      while (!part.done && part.value.type !== 'text-start') part = await reader.read();
      const first = reader.read();
      await vi.advanceTimersByTimeAsync(10);
      expect((await first).value).toMatchObject({ type: 'text-delta' });
      expect(vi.getTimerCount()).toBe(1);
      await reader.cancel();
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  describe('through the AI SDK', () => {
    it('works with streamText', async () => {
      const message = 'How can I wind down before bed?';
      const result = streamText({
        model: model({ wordDelayMs: 1 }),
        instructions: SYSTEM,
        messages: [{ role: 'user', content: message }],
      });
      const pieces: string[] = [];
      for await (const part of result.stream) if (part.type === 'text-delta') pieces.push(part.text);

      const text = await result.text;
      expect(text).toBe(await reply(message));
      expect(text).toContain('Juniper');
      expect(pieces.length).toBeGreaterThan(10);
      expect(pieces.join('')).toBe(text);

      const usage = await result.usage;
      expect(usage.inputTokens).toBe(Math.ceil((SYSTEM.length + message.length) / 4));
      expect(usage.outputTokens).toBe(pieces.length);
      expect(await result.finishReason).toBe('stop');
    });

    it('works with generateText', async () => {
      const result = await generateText({
        model: model(),
        instructions: SYSTEM,
        prompt: 'I adopted a dog!',
      });
      expect(result.text).toBe(await reply('I adopted a dog!'));
      expect(result.usage.outputTokens).toBe(wordCount(result.text));
    });

    it('surfaces an abort through streamText and stops streaming', async () => {
      const controller = new AbortController();
      const onAbort = vi.fn();
      const result = streamText({
        model: model({ firstTokenDelayMs: 5, wordDelayMs: 20 }),
        instructions: SYSTEM,
        prompt: 'Tell me a long story about the sea.',
        abortSignal: controller.signal,
        onAbort,
      });
      const types: string[] = [];
      const started = Date.now();
      for await (const part of result.stream) {
        types.push(part.type);
        if (types.filter((type) => type === 'text-delta').length === 3) controller.abort();
      }
      expect(types).toContain('abort');
      expect(types).not.toContain('finish');
      expect(types.filter((type) => type === 'text-delta')).toHaveLength(3);
      expect(onAbort).toHaveBeenCalledTimes(1);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
});
