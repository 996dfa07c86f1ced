/** Limits shared by the server's schemas and the browser's inline checks. */
export const MAX_MESSAGE_CHARS = 16_000;
/** The largest JSON body the API reads. */
export const MAX_API_BODY_BYTES = 1_000_000;
