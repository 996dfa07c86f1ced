import type { z } from 'zod';
import type { ErrorStatus } from './errors';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Auth = 'public' | 'key or session' | 'session only';

/** A JSON Schema object, for the few request shapes zod does not describe (multipart forms). */
export type JsonSchema = Record<string, unknown>;

type Answer = { status: number; description: string };

/**
 * One success answer. A JSON body is the zod schema its serializer is typed by; an event stream
 * is described in prose with an example; a file's bytes by media type; a redirect by its Location.
 */
export type Success =
  | (Answer & { kind: 'json'; schema: z.ZodType })
  | (Answer & { kind: 'events'; example: string })
  /** JSON by default, Server-Sent Events when the request asks to stream. */
  | (Answer & { kind: 'json or events'; schema: z.ZodType; example: string })
  | (Answer & { kind: 'binary'; mediaTypes: string[] })
  | (Answer & { kind: 'redirect'; location: string })
  | (Answer & { kind: 'empty' });

/** One operation of the REST API, as its feature describes it; the document is assembled from these. */
export type ApiOperation = {
  method: Method;
  path: `/api/v1/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  auth: Auth;
  query?: z.ZodType;
  body?: { schema: z.ZodType; example: unknown };
  /** A multipart/form-data body (file uploads), as JSON Schema; beside `body` when a route takes either. */
  multipart?: JsonSchema;
  /** A raw body: a file's bytes, described in prose. */
  binary?: string;
  /** An SDP offer as the body (WebRTC signalling), described in prose. */
  sdp?: string;
  success: Success[];
  errors: ErrorStatus[];
};

/**
 * A feature's operations under its tag, with the response schemas they name as components
 * (each carries `.meta({ id })`, the component's name; nested ones too, so they become refs).
 */
export type ApiGroup = {
  tag: { name: string; description: string };
  components: z.ZodType[];
  operations: ApiOperation[];
};
