import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@/lib/languages';
import { UNHEARD_VOICE_NOTE } from '../voice-note';
import { createOfflineModel } from './model';
import { PICTURE_FAILED, PICTURE_MADE, VOICE_NOTE_UNHEARD } from './phrases';

// The offline model says what really happened: a voice note it could not hear, a picture that failed.
const persona = { name: 'Juniper', greeting: 'Hi!', specialties: ['sleep'], languages: [...LANGUAGES] };
const pictureTool = [{ type: 'function' as const, name: 'generate_image', inputSchema: { type: 'object' as const } }];

async function replyTo(prompt: LanguageModelV4Prompt, language: (typeof LANGUAGES)[number] = 'en-US') {
  const model = createOfflineModel({ persona, language });
  const result = await model.doGenerate({ prompt, tools: pictureTool });
  const [part] = result.content;
  if (part?.type !== 'text') throw new Error(`expected text, got ${part?.type}`);
  return part.text;
}

function afterPicture(output: { type: 'json'; value: null } | { type: 'error-text'; value: string }) {
  return [
    { role: 'user', content: [{ type: 'text', text: 'Draw me a fox, please' }] },
    {
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'generate_image', input: { prompt: 'a fox' } }],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'generate_image', output }] },
  ] satisfies LanguageModelV4Prompt;
}

describe('the offline model says what happened', () => {
  it('answers a voice note it could not hear naturally, in every language, never quoting the note', async () => {
    for (const language of LANGUAGES) {
      const text = await replyTo([{ role: 'user', content: [{ type: 'text', text: UNHEARD_VOICE_NOTE }] }], language);
      expect(text.replace(/\u00a0/g, ' ')).toBe(VOICE_NOTE_UNHEARD[language].replace(/\u00a0/g, ' '));
      expect(text).not.toContain('[');
      expect(text).not.toMatch(/could not be transcribed/);
    }
  });

  it('says a picture is here only when the tool made one, and that it failed when it did not', async () => {
    const made = await replyTo(afterPicture({ type: 'json', value: null }));
    expect(made).toBe(PICTURE_MADE['en-US'].replace('{name}', 'Juniper'));

    const failed = await replyTo(afterPicture({ type: 'error-text', value: 'something went wrong' }));
    expect(failed).toBe(PICTURE_FAILED['en-US']);
    expect(failed).not.toMatch(/here's a little picture/i);
    for (const language of LANGUAGES) {
      expect(await replyTo(afterPicture({ type: 'error-text', value: 'x' }), language)).not.toBe(
        await replyTo(afterPicture({ type: 'json', value: null }), language),
      );
    }
  });
});
