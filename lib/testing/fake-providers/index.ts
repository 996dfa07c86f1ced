// Loopback servers speaking the providers' real wire protocols, for tests and `npm run dev:fake-providers`.
export {
  startOpenAICompatibleServer,
  type ListedModel,
  type OpenAIFlavor,
  type OpenAICompatibleServerOptions,
} from './openai-compatible.ts';
export { startGeminiServer, type GeminiServerOptions } from './gemini.ts';
export type { FakeProviderServer } from './http.ts';
export {
  DEFAULT_INPUT_TOKENS,
  DEFAULT_REPLY,
  markerScenario,
  splitIntoChunks,
  type RecordedRequest,
  type Scenario,
  type ScenarioSource,
} from './scenario.ts';
export { FAKE_TRANSCRIPT, FAKE_TRANSCRIPTS, type ReceivedTranscription } from './transcription.ts';
export { startReplicateServer } from './replicate.ts';
export {
  speechMarker,
  speechPcm,
  speechWav,
  startElevenLabsServer,
  SPEECH_MS_PER_CHAR,
  type ElevenLabsServer,
  type ElevenLabsServerOptions,
} from './speech.ts';
