/** What the REST API's two event streams look like on the wire, for the OpenAPI document. */
export const MESSAGE_EVENTS_EXAMPLE = `event: message_start
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

export const COMPLETION_CHUNKS_EXAMPLE = `data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-…","object":"chat.completion.chunk","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":412,"completion_tokens":38,"total_tokens":450}}

data: [DONE]
`;
