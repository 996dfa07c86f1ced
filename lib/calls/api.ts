import type { ApiGroup } from '@/lib/api/openapi/operation';
import { callJsonSchema, iceConfigurationSchema } from './json';
import { createCallRequest, endCallRequest } from './schemas';

const CALL_TURN_EVENTS =
  'Server-Sent Events, each `event: <type>` with a JSON `data` line: `transcript` {text, language} (voice turns), `text` {delta} as the reply is written, per sentence in order either `audio` {index, text, media_type, data (base64, one playable file)} or, without server speech, `speak` {index, text, language} for the browser to say, then `timing` {turn_id, transcript_ms, first_token_ms, first_audio_ms, total_ms} (ms from the request) and `done` {turn_id, user_message_id, assistant_message_id, status, error}; or an `error` {error: {type, message}} after which nothing follows. `: ping` every 15 s while quiet. Abort the request to interrupt (barge-in): the reply stops and is saved as `aborted`.';

const CALL_TURN_EVENTS_EXAMPLE = `event: transcript
data: {"text":"Hello, my name is Robin and I live in Utrecht.","language":"en"}

event: text
data: {"delta":"Nice to meet you, Robin! "}

event: audio
data: {"index":0,"text":"Nice to meet you, Robin!","media_type":"audio/mpeg","data":"SUQzBAAAAAAA…"}

event: text
data: {"delta":"How is Utrecht today?"}

event: audio
data: {"index":1,"text":"How is Utrecht today?","media_type":"audio/mpeg","data":"SUQzBAAAAAAA…"}

event: timing
data: {"turn_id":"8c1f…","transcript_ms":212,"first_token_ms":431,"first_audio_ms":618,"total_ms":1290}

event: done
data: {"turn_id":"8c1f…","user_message_id":"5f2a…","assistant_message_id":"7d1c…","status":"complete","error":null}
`;

const CALL_EVENTS =
  'Server-Sent Events of a call connected over WebRTC (`POST …/webrtc`), from the moment of the request: `joined` {} when its media connects, `speaking` {} when the server hears the person start (the companion stops if it was speaking), `transcript` {role: `person`, text, language} once a turn is transcribed, `companion_typing` {} as the reply starts, `transcript` {role: `companion`, text} and `turn_completed` {turn_id, status} when the turn is saved, `turn_refused` {error: {type, message}} for a turn that could not be answered (over the quota, nothing heard), and `ended` {} when the media ends; the stream closes after it. An ended call answers `ended` at once. `: ping` every 15 s while quiet. Events are those of the process carrying the call.';

const CALL_EVENTS_EXAMPLE = `event: joined
data: {}

event: speaking
data: {}

event: transcript
data: {"role":"person","text":"Hello, my name is Robin and I live in Utrecht.","language":"en"}

event: companion_typing
data: {}

event: transcript
data: {"role":"companion","text":"Nice to meet you, Robin! How is Utrecht today?"}

event: turn_completed
data: {"turn_id":"8c1f…","status":"complete"}
`;

export const callsApi: ApiGroup = {
  tag: { name: 'Calls', description: 'Live voice calls with a companion: speech in, the reply as text and audio.' },
  components: [callJsonSchema, iceConfigurationSchema],
  operations: [
    {
      method: 'post',
      path: '/api/v1/calls',
      operationId: 'createCall',
      summary: 'Start a call',
      description:
        "A call with a companion (slug or id) in one of the six languages (the companion's first by default), over a new conversation or `conversation`, one of the caller's with that companion. It is `waiting` until its first turn and expires an hour after it is made.",
      auth: 'key or session',
      body: { schema: createCallRequest, example: { companion: 'marcus', language: 'en-US' } },
      success: [{ kind: 'json', status: 201, description: 'The call.', schema: callJsonSchema }],
      errors: [400, 401, 404, 413],
    },
    {
      method: 'get',
      path: '/api/v1/calls/{id}',
      operationId: 'getCall',
      summary: "A call, with its turns' timings",
      description:
        "Its status, duration and cost (model, speech to text, text to speech) and every turn's latency. Reading a call past its expiry ends it as `expired`.",
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The call.', schema: callJsonSchema }],
      errors: [400, 401, 404],
    },
    {
      method: 'post',
      path: '/api/v1/calls/{id}/turns',
      operationId: 'createCallTurn',
      summary: 'Say something in a call and hear the reply',
      description:
        'multipart/form-data: `audio` (the utterance: WAV, WebM/Opus, Ogg, MP3 or M4A; at most 60 s and 3 MB) or `text` (typed in the call), and optionally `image` (a camera frame, JPEG or PNG, 1 MB; it goes to the model as an image), `language` (switches the call\'s language), `speech_ms` (how long the person spoke) and `playback` (JSON `{"turn_id", "playback_ms"}`: when the previous reply started playing, in ms from the end of speech). The whole body stays under 4.5 MB, what a serverless function takes. The audio is transcribed (Groq, OpenAI or Gemini), answered through the companion\'s chat (persona, memories, history) and each sentence is synthesized as soon as it is written (OpenAI, ElevenLabs or Gemini). Empty, silent, unreadable or non-audio input is a 400, too long a 413, and nothing is written; without a transcription provider, audio is a 503 (send `text`). An ended call is a 409, an expired one a 410.',
      auth: 'key or session',
      multipart: {
        type: 'object',
        properties: {
          audio: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The utterance.' },
          text: { type: 'string', description: 'Typed instead of spoken.' },
          image: { type: 'string', contentMediaType: 'application/octet-stream', description: 'A camera frame.' },
          language: { type: 'string', enum: ['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT'] },
          speech_ms: { type: 'integer', minimum: 0 },
          playback: { type: 'string', description: 'JSON: {"turn_id": "<uuid>", "playback_ms": 640}.' },
        },
      },
      success: [{ kind: 'events', status: 200, description: CALL_TURN_EVENTS, example: CALL_TURN_EVENTS_EXAMPLE }],
      errors: [400, 401, 404, 409, 410, 413, 502, 503],
    },
    {
      method: 'get',
      path: '/api/v1/calls/{id}/ice',
      operationId: 'getCallIceServers',
      summary: "The call's STUN and TURN servers",
      description:
        "What a WebRTC client passes to RTCPeerConnection as `iceServers` for this call: the deployment's STUN servers (STUN_URLS) and TURN servers (TURN_URLS) with credentials of the caller's own that last an hour (coturn's shared-secret scheme). An empty list when none are set: host candidates reach a server on the same network. An ended call is a 409, an expired one a 410.",
      auth: 'key or session',
      success: [{ kind: 'json', status: 200, description: 'The ICE servers.', schema: iceConfigurationSchema }],
      errors: [400, 401, 404, 409, 410],
    },
    {
      method: 'post',
      path: '/api/v1/calls/{id}/webrtc',
      operationId: 'connectCallMedia',
      summary: 'Connect the call over WebRTC',
      description:
        "WHIP-style signalling for a live call: POST the browser's SDP offer (with its audio track and its ICE candidates gathered; use the servers from `GET /api/v1/calls/{id}/ice`) and set the answer. The server then hears the person itself (voice activity and end of turn at the server), answers each turn through the companion's chat (as `POST …/turns` does, quota included) and speaks the reply on its audio track; talking over the companion stops it. A new offer replaces the call's connection. On a serverless deployment this is a 503 with code `webrtc_unavailable`: use `POST …/turns` instead. An ended call is a 409, an expired one a 410.",
      auth: 'key or session',
      sdp: 'The SDP offer, with an audio m-line.',
      success: [
        {
          kind: 'binary',
          status: 201,
          description: "The SDP answer; Location names the connection's URL (DELETE hangs up).",
          mediaTypes: ['application/sdp'],
        },
      ],
      errors: [400, 401, 404, 409, 410, 413, 503],
    },
    {
      method: 'get',
      path: '/api/v1/calls/{id}/events',
      operationId: 'streamCallEvents',
      summary: "A live call's events",
      description: CALL_EVENTS,
      auth: 'key or session',
      success: [
        { kind: 'events', status: 200, description: 'The call’s events from now on.', example: CALL_EVENTS_EXAMPLE },
      ],
      errors: [400, 401, 404],
    },
    {
      method: 'delete',
      path: '/api/v1/calls/{id}/webrtc',
      operationId: 'disconnectCallMedia',
      summary: "Hang up the call's WebRTC connection",
      description:
        'Closes the media connection on the server (a reply being spoken stops; one being written is saved as interrupted). The call itself stays open for `POST …/turns` until `POST …/end`. 204 whether or not it was connected.',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Disconnected.' }],
      errors: [400, 401],
    },
    {
      method: 'post',
      path: '/api/v1/calls/{id}/end',
      operationId: 'endCall',
      summary: 'Hang up',
      description:
        'Ends the call, recording its duration and cost; ending it again answers it unchanged. The body is optional: `playback` reports when the last reply started playing.',
      auth: 'key or session',
      body: {
        schema: endCallRequest,
        example: { playback: { turn_id: '8c1f2a4e-5b6d-4e7f-9a0b-1c2d3e4f5a6b', playback_ms: 640 } },
      },
      success: [{ kind: 'json', status: 200, description: 'The ended call.', schema: callJsonSchema }],
      errors: [400, 401, 404, 413],
    },
  ],
};
