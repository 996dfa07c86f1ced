/**
 * How a companion can sound, whatever the speech provider: the persona studio offers these, and
 * lib/voice/speech.ts maps each to a voice of the configured provider.
 */
export const VOICE_STYLES = ['warm', 'bright', 'calm', 'deep', 'playful'] as const;
export type VoiceStyle = (typeof VOICE_STYLES)[number];

export function isVoiceStyle(value: string): value is VoiceStyle {
  return (VOICE_STYLES as readonly string[]).includes(value);
}
