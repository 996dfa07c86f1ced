import { pageOf } from '@/lib/api/openapi/shapes';
import type { ApiGroup } from '@/lib/api/openapi/operation';
import { z } from 'zod';
import { messageJsonSchema, postMessageJsonSchema, treeMessageJsonSchema } from './message-json';
import { chooseBranchRequest, editReplyRequest, messageTreeQuery, postMessageRequest } from './message-schemas';
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
  components: [messageJsonSchema, treeMessageJsonSchema],
  operations: [
    {
      method: 'get',
      path: '/api/v1/conversations/{id}/messages',
      operationId: 'listMessages',
      summary: 'List messages',
      description:
        'The conversation as it reads now (its active branch), oldest first; the first page holds the oldest messages and `next_cursor` continues forward. Each message names the one it follows (`parent_id`) and its `alternatives`; GET …/tree lists every branch.',
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
        "Adds the person's message (or, with `edit_of`, a new version of an earlier one, from which the conversation branches) and, unless `reply` is false, the companion's reply: streamed with `stream: true`, else both messages once the reply is saved. `reply: false` only stores the message (201 `{message}`). `attachments` lists upload ids (POST /api/v1/uploads): up to 4 images, which go to the model as file parts (a model that cannot see is told one was attached), and one voice note, whose transcript is the message when `content` is left out.",
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
      method: 'patch',
      path: '/api/v1/conversations/{id}/messages/{messageId}',
      operationId: 'editReply',
      summary: "Edit a companion's reply",
      description:
        "Saves your version of one of the companion's replies on the branch shown, as a new branch: the conversation goes on from the edit, and the reply as written stays among its `alternatives`. No model is called. 409 while a reply is being written.",
      auth: 'key or session',
      body: { schema: editReplyRequest, example: { content: 'A kinder way to say it.' } },
      success: [
        {
          kind: 'json',
          status: 201,
          description: '`{message}`: the edited reply.',
          schema: z.object({ message: messageJsonSchema }),
        },
      ],
      errors: [400, 401, 404, 409],
    },
    {
      method: 'post',
      path: '/api/v1/conversations/{id}/branch',
      operationId: 'chooseBranch',
      summary: 'Move to another branch',
      description:
        "Makes the branch through `message_id` (any message of the conversation, such as one of a message's `alternatives`) the one the conversation reads along; below it, the branch goes on as it last did. 409 while a reply is being written.",
      auth: 'key or session',
      body: { schema: chooseBranchRequest, example: { message_id: '5f2a9c1e-4b7d-4e8a-9c3f-2d1e0b9a8c7d' } },
      success: [
        {
          kind: 'json',
          status: 200,
          description: "`{data}`: the branch's newest messages, oldest first.",
          schema: z.object({ data: z.array(messageJsonSchema) }),
        },
      ],
      errors: [400, 401, 404, 409],
    },
    {
      method: 'get',
      path: '/api/v1/conversations/{id}/tree',
      operationId: 'listMessageTree',
      summary: 'List every branch',
      description:
        'Every message on every branch, in the order written (each after the one it follows), with `parent_id` and `active` (on the branch the message list reads along).',
      auth: 'key or session',
      query: messageTreeQuery,
      success: [
        { kind: 'json', status: 200, description: 'A page of the tree.', schema: pageOf(treeMessageJsonSchema) },
      ],
      errors: [400, 401, 404],
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
