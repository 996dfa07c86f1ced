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

export const CALL_TURN_EVENTS_EXAMPLE = `event: transcript
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
