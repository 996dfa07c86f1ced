import { pageOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { messageJsonSchema, postMessageJsonSchema } from './message-json';
import { postMessageRequest } from './message-schemas';
import { rateReplyRequest } from './rating-schemas';
import { listMessagesQuery } from './schemas';

const MESSAGE_EVENTS =
  "Server-Sent Events shaped like Anthropic's Messages API: `message_start` (with `conversation_id` and `user_message_id`), `content_block_start`, `content_block_delta`s, `content_block_stop`, `message_delta` (stop reason and usage) and `message_stop`; `ping` every 15 s while quiet. A failure is an `error` event, after which nothing follows.";

const MESSAGE_EVENTS_EXAMPLE = `event: message_start
data: {"type":"message_start","message":{"id":"7d1c…","type":"message","role":"assistant","content":[],"model":"google/gemini-2.5-flash","conversation_id":"0b9e…","user_message_id":"5f2a…","stop_reason":null,"usage":{"input_tokens":0,"output_tokens":0}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":412,"output_tokens":38}}

event: message_stop
data: {"type":"message_stop"}
`;

export const messagesApi: ApiGroup = {
  tag: { name: 'Messages', description: "A conversation's messages and the companion's replies." },
  components: [messageJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/conversations/{id}/messages',
      operationId: 'listMessages',
      summary: 'List messages',
      description: 'Oldest first; the first page holds the oldest messages and `next_cursor` continues forward.',
      auth: 'key or session',
      query: listMessagesQuery,
      success: [{ kind: 'json', status: 200, description: 'A page of messages.', schema: pageOf(messageJsonSchema) }],
      errors: [400, 401, 404],
    },
    {
      method: 'post',
      path: '/api/v1/conversations/{id}/messages',
      operationId: 'postMessage',
      summary: 'Send a message and get the reply',
      description:
        "Adds the person's message and, unless `reply` is false, the companion's reply: streamed with `stream: true`, else both messages once the reply is saved. `reply: false` only stores the message (201 `{message}`). `attachments` lists upload ids (POST /api/v1/uploads): up to 4 images, which go to the model as file parts (a model that cannot see is told one was attached), and one voice note, whose transcript is the message when `content` is left out.",
      auth: 'key or session',
      body: { schema: postMessageRequest, example: { content: 'Hello! How was your day?', stream: false } },
      success: [
        {
          kind: 'json',
          status: 201,
          description: 'Without streaming: `{user_message, assistant_message}`; with `reply: false`: `{message}`.',
          schema: postMessageJsonSchema,
        },
        {
          kind: 'events',
          status: 200,
          description: `With \`stream: true\`: ${MESSAGE_EVENTS}`,
          example: MESSAGE_EVENTS_EXAMPLE,
        },
      ],
      errors: [400, 401, 404, 413, 502, 503],
    },
    {
      method: 'post',
      path: '/api/v1/conversations/{id}/stream',
      operationId: 'streamReply',
      summary: 'Stream the reply to the latest message',
      description:
        "Answers the person's latest message that has no reply yet (one sent with `reply: false`). No body. A POST, so that no link or page navigation can start a reply; in a browser, read the events from `fetch`'s response body (EventSource can only GET). 409 when there is nothing to answer.",
      auth: 'key or session',
      success: [{ kind: 'events', status: 200, description: MESSAGE_EVENTS, example: MESSAGE_EVENTS_EXAMPLE }],
      errors: [400, 401, 404, 409, 503],
    },
    {
      method: 'put',
      path: '/api/v1/conversations/{id}/messages/{messageId}/rating',
      operationId: 'rateReply',
      summary: 'Rate a reply',
      description:
        "Thumbs up (`1`) or down (`-1`) on one of the companion's replies in this conversation; setting the same value again changes nothing. The person's own messages and the companion's greeting cannot be rated (400), nor a reply still being written (409). Admins see the counts per companion and model, never who rated what.",
      auth: 'key or session',
      body: { schema: rateReplyRequest, example: { value: 1 } },
      success: [{ kind: 'json', status: 200, description: 'The rated message.', schema: messageJsonSchema }],
      errors: [400, 401, 404, 409],
    },
    {
      method: 'delete',
      path: '/api/v1/conversations/{id}/messages/{messageId}/rating',
      operationId: 'clearReplyRating',
      summary: "Clear a reply's rating",
      description: 'Also 204 when the reply was not rated.',
      auth: 'key or session',
      success: [{ kind: 'empty', status: 204, description: 'Cleared.' }],
      errors: [400, 401, 404, 409],
    },
  ],
};
