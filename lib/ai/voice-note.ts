/**
 * What a model reads for a voice note that has no transcript (no transcription provider, or it
 * failed): an instruction, not words of the person's, so that no model quotes it back as if they
 * had said it. The offline model recognises it and answers with its own line.
 */
export const UNHEARD_VOICE_NOTE =
  '[The person sent a voice note that could not be transcribed, so its words are unknown. Do not guess or quote them: say kindly that you could not hear it, and ask them to type it.]';
