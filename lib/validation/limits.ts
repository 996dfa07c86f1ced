/** Limits shared by the server's schemas and the browser's inline checks. */
export const MAX_MESSAGE_CHARS = 16_000;
