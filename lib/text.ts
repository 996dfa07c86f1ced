/** The text of a message: its text parts joined (AI SDK UI parts, as stored and as streamed). */
export function textOf(message: { parts: readonly ({ type: 'text'; text: string } | { type: string })[] }): string {
  return message.parts.map((part) => ('text' in part && part.type === 'text' ? part.text : '')).join('');
}

/** Rough token estimate (about four characters a token); good enough to budget a context window. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
