export type Usage = { inputTokens?: number; outputTokens?: number };

/**
 * Token counts for a reply whose provider reported none (some local servers, a stream cut before
 * its usage chunk), counted with the o200k tokenizer. Other models tokenize differently, so the
 * figures are estimates and are stored as such. The tokenizer's tables are loaded on first use.
 */
export async function estimateUsage(prompt: string[], reply: string): Promise<Required<Usage>> {
  const { countTokens } = await import('gpt-tokenizer');
  return {
    inputTokens: prompt.reduce((sum, text) => sum + countTokens(text), 0),
    outputTokens: countTokens(reply),
  };
}

export function isUsageComplete(usage: Usage): usage is Required<Usage> {
  return usage.inputTokens !== undefined && usage.outputTokens !== undefined;
}
