'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  AUDIO_TYPES,
  IMAGE_TYPES,
  kindOf,
  MAX_AUDIO_BYTES,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_MESSAGE,
  maxBytesFor,
  megabytes,
  sizeCapMessage,
  UNSUPPORTED_TYPE_MESSAGE,
} from '@/lib/uploads/limits';
import { SNIFF_BYTES, sniffMediaType } from '@/lib/uploads/sniff';

/** What POST /api/v1/uploads/{id}/confirm answers. */
export type UploadedFile = {
  id: string;
  kind: 'image' | 'audio';
  media_type: string;
  size: number;
  url: string;
  filename: string | null;
  transcript: string | null;
  transcript_language: string | null;
  transcript_error: string | null;
};

export type PendingUpload = {
  key: string;
  name: string;
  kind: 'image' | 'audio';
  /** A local preview (object URL) until and after the upload. */
  previewUrl: string;
  /** 0..1 of the bytes sent; the server then checks (and, for voice notes, transcribes). */
  progress: number;
  state: 'uploading' | 'processing' | 'ready' | 'error';
  error?: string;
  /** Whether trying again may help: the connection failed or the server was busy, not the file. */
  retryable?: boolean;
  uploaded?: UploadedFile;
};

/** What POST /api/v1/uploads answers to JSON: where to send the bytes. */
type UploadTarget = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  send_credentials: boolean;
  confirm_url: string;
};

/** One upload: how to stop it, and the target the server handed out for it (to take back). */
type Job = { abort: AbortController; targetId: string | null };

const ACCEPTED_AUDIO = new Set<string>([
  ...AUDIO_TYPES,
  'audio/x-wav',
  'audio/wave',
  'audio/mp3',
  'audio/x-m4a',
  'audio/aac',
  'video/webm',
]);
const NETWORK_PROBLEM = 'The upload failed: check your connection and try again.';

class UploadFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * The files a message will carry: each is uploaded as soon as it is picked, pasted, dropped or
 * recorded, so sending is instant. In two steps, whatever the server's storage: ask for a target,
 * send the bytes there (straight to Supabase Storage, or to the app's own route with local disk)
 * with progress, then confirm. The browser's checks (type from the first bytes, size) are a quick
 * first answer; the server's confirmation decides.
 */
export function useUploads() {
  const [items, setItems] = useState<PendingUpload[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const jobs = useRef(new Map<string, Job>());
  // Each item's file, kept for a retry until the item goes.
  const pickedFiles = useRef(new Map<string, File>());
  // What add() counts against, kept in step with each change (state updates land later).
  const itemsRef = useRef<PendingUpload[]>([]);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const update = useCallback((key: string, change: Partial<PendingUpload>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const upload = useCallback(
    async (key: string, file: File) => {
      const job: Job = { abort: new AbortController(), targetId: null };
      jobs.current.set(key, job);
      update(key, { state: 'uploading', progress: 0, error: undefined, retryable: undefined });
      try {
        const mediaType = sniffMediaType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
        if (!mediaType) throw new UploadFailure(UNSUPPORTED_TYPE_MESSAGE, false);
        const kind = kindOf(mediaType);
        if (file.size > maxBytesFor(kind)) throw new UploadFailure(sizeCapMessage(kind), false);
        if (file.size === 0) throw new UploadFailure('The file is empty.', false);

        const target = await postJson<UploadTarget>(
          '/api/v1/uploads',
          { kind, media_type: mediaType, size: file.size, filename: file.name || null },
          job.abort.signal,
        );
        job.targetId = target.id;
        await sendBytes(target, file, kind, job.abort.signal, (fraction) => update(key, { progress: fraction }));
        update(key, { progress: 1, state: 'processing' });
        const uploaded = await postJson<UploadedFile>(target.confirm_url, undefined, job.abort.signal);
        if (jobs.current.get(key) === job) jobs.current.delete(key);
        update(key, { state: 'ready', uploaded });
      } catch (error) {
        if (job.abort.signal.aborted) return; // taken back: the item is gone
        // The job stays, with its target, until the item is removed or retried.
        const failure = error instanceof UploadFailure ? error : new UploadFailure(NETWORK_PROBLEM, true);
        update(key, { state: 'error', error: failure.message, retryable: failure.retryable });
      }
    },
    [update],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      setProblem(null);
      const current = itemsRef.current;
      let images = current.filter((i) => i.kind === 'image').length;
      let audio = current.filter((i) => i.kind === 'audio').length;
      const added: PendingUpload[] = [];
      for (const file of files) {
        const kind = (IMAGE_TYPES as readonly string[]).includes(file.type)
          ? 'image'
          : ACCEPTED_AUDIO.has(file.type.split(';')[0]!)
            ? 'audio'
            : null;
        if (!kind) {
          setProblem(
            `“${file.name || 'That file'}” is not an image (PNG, JPEG, WebP, GIF) or a voice note (WebM, Ogg, MP3, WAV, M4A).`,
          );
          continue;
        }
        const cap = kind === 'image' ? MAX_IMAGE_BYTES : MAX_AUDIO_BYTES;
        if (file.size > cap) {
          setProblem(
            `“${file.name}” is too large: ${kind === 'image' ? 'images' : 'voice notes'} can be at most ${megabytes(cap)}.`,
          );
          continue;
        }
        if (kind === 'image' && images >= MAX_IMAGES_PER_MESSAGE) {
          setProblem(`A message can carry at most ${MAX_IMAGES_PER_MESSAGE} images.`);
          continue;
        }
        if (kind === 'audio' && audio >= 1) {
          setProblem('A message can carry one voice note.');
          continue;
        }
        if (kind === 'image') images++;
        else audio++;
        const key = crypto.getRandomValues(new Uint32Array(2)).join('-');
        added.push({
          key,
          name: file.name || (kind === 'image' ? 'Pasted image' : 'Voice note'),
          kind,
          previewUrl: URL.createObjectURL(file),
          progress: 0,
          state: 'uploading',
        });
        pickedFiles.current.set(key, file);
        queueMicrotask(() => void upload(key, file));
      }
      if (added.length) {
        itemsRef.current = [...current, ...added];
        setItems((items) => [...items, ...added]);
      }
    },
    [upload],
  );

  /** Stops an upload in flight; the server forgets what it was told of it (best effort: unconfirmed uploads expire anyway). */
  const forget = useCallback((key: string, uploadedId?: string) => {
    const job = jobs.current.get(key);
    jobs.current.delete(key);
    job?.abort.abort();
    const id = uploadedId ?? job?.targetId;
    if (id) void fetch(`/api/v1/uploads/${id}`, { method: 'DELETE' }).catch(() => {});
  }, []);

  const remove = useCallback(
    (key: string) => {
      const gone = itemsRef.current.find((item) => item.key === key);
      forget(key, gone?.uploaded?.id);
      pickedFiles.current.delete(key);
      if (gone) URL.revokeObjectURL(gone.previewUrl);
      itemsRef.current = itemsRef.current.filter((item) => item.key !== key);
      setItems((current) => current.filter((item) => item.key !== key));
    },
    [forget],
  );

  /** Starts a failed upload again from the first step, taking back the target it had. */
  const retry = useCallback(
    (key: string) => {
      const file = pickedFiles.current.get(key);
      if (!file) return;
      forget(key);
      void upload(key, file);
    },
    [forget, upload],
  );

  /** After sending: the previews stay alive for the sent message's bubbles until the page goes. */
  const clear = useCallback(() => {
    pickedFiles.current.clear();
    setItems([]);
    setProblem(null);
  }, []);

  useEffect(() => {
    const pending = jobs.current;
    return () => pending.forEach((job) => job.abort.abort());
  }, []);

  const busy = items.some((item) => item.state === 'uploading' || item.state === 'processing');
  const ready = items.flatMap((item) => (item.state === 'ready' && item.uploaded ? [item.uploaded] : []));
  return { items, ready, busy, problem, setProblem, add, remove, retry, clear };
}

/** A JSON POST to the app; a refusal becomes its envelope's message. */
async function postJson<T>(url: string, body: unknown, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    signal,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (response.ok && answer) return answer;
  throw new UploadFailure(
    answer?.error?.message ?? `The upload failed (${response.status}).`,
    response.status >= 500 || response.status === 429,
  );
}

/** Sends the bytes where the target says, reporting progress; an XMLHttpRequest, since fetch reports none for uploads. */
function sendBytes(
  target: UploadTarget,
  file: File,
  kind: 'image' | 'audio',
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    // The app's own route is same-origin (the session cookie goes along); a signed URL needs nothing.
    xhr.withCredentials = false;
    for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      reject(new UploadFailure(storeRefusal(xhr, kind), xhr.status >= 500 || xhr.status === 429));
    };
    xhr.onerror = () => reject(new UploadFailure(NETWORK_PROBLEM, true));
    xhr.onabort = () => reject(new UploadFailure('The upload was cancelled.', false));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** What the store said, in the composer's words: the app's envelope, or Supabase Storage's own error. */
function storeRefusal(xhr: XMLHttpRequest, kind: 'image' | 'audio'): string {
  if (xhr.status === 413) return sizeCapMessage(kind);
  if (xhr.status === 415) return UNSUPPORTED_TYPE_MESSAGE;
  type Refusal = { error?: { message?: string } | string; message?: string };
  let body: Refusal | null = null;
  try {
    body = JSON.parse(xhr.responseText) as Refusal;
  } catch {
    // not JSON: fall through to the status
  }
  const message = typeof body?.error === 'object' ? body.error.message : body?.message;
  return message ?? `The upload failed (${xhr.status}).`;
}
