/** What each error status means, the same for every operation that can answer it. */
export const ERROR_DESCRIPTIONS = {
  400: 'invalid_request_error: a malformed body, query or id; `param` names the field.',
  401: 'authentication_error: no session and no API key, or a key that is not valid.',
  403: 'permission_error: an API key tried what needs a browser session, a write with the session cookie came from another origin (`code`: `cross_site_request`), or (`code`: `email_not_verified`) the account has not confirmed its email address yet.',
  404: "not_found_error: it does not exist, or it is someone else's.",
  409: 'conflict_error: the request does not fit the current state.',
  410: 'gone_error: it expired (a call an hour after it was made, an upload target two hours after it was handed out).',
  413: 'payload_too_large: the JSON body is over 1 MB, an uploaded file over its cap (images 10 MB, audio 25 MB), or (`code`: `storage_quota`) the file does not fit in what the person may store (STORAGE_QUOTA_MB by role); the message says how much is used of how much.',
  415: 'invalid_request_error: a write with the session cookie sent a body that is not JSON (or multipart/form-data where the operation takes files).',
  429: "rate_limit_error: a rate limit is spent; `code` says which (`requests_per_minute`, per key, user and client address; `messages_per_hour`, messages answered; `sign_ups_per_hour`, new accounts per client address; on the routes that ask for a reply, `daily_budget`, the account's tokens for the UTC day, and `concurrent_streams`, replies being written for the account at once) and Retry-After how many seconds until it reopens.",
  502: 'provider_error: the model failed and no fallback answered.',
  503: "provider_not_configured: the model's provider has no key on this server; or service_unavailable: the database or the file store is out of reach for a moment (retry).",
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;
