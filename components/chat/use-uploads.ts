'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { AUDIO_TYPES, IMAGE_TYPES, MAX_AUDIO_BYTES, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, megabytes } from '@/lib/uploads/limits';

/** What POST /api/v1/uploads answers. */
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
  uploaded?: UploadedFile;
};

const ACCEPTED_AUDIO = new Set<string>([...AUDIO_TYPES, 'audio/x-wav', 'audio/wave', 'audio/mp3', 'audio/x-m4a', 'audio/aac', 'video/webm']);

/**
 * The files a message will carry: each is uploaded as soon as it is picked, pasted, dropped or
 * recorded (with progress), so sending is instant. The browser's checks are only a quick first
 * answer; the server decides the type from the content and enforces every cap.
 */
export function useUploads() {
  const [items, setItems] = useState<PendingUpload[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  // What add() counts against, kept in step with each change (state updates land later).
  const itemsRef = useRef<PendingUpload[]>([]);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const update = useCallback((key: string, change: Partial<PendingUpload>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const upload = useCallback(
    (key: string, file: File) => {
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      xhr.open('POST', '/api/v1/uploads');
      xhr.responseType = 'json';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) update(key, { progress: event.loaded / event.total });
      };
      xhr.upload.onload = () => update(key, { progress: 1, state: 'processing' });
      xhr.onload = () => {
        requests.current.delete(key);
        const body = xhr.response as (UploadedFile & { error?: { message?: string } }) | null;
        if (xhr.status === 201 && body) return update(key, { state: 'ready', progress: 1, uploaded: body });
        update(key, { state: 'error', error: body?.error?.message ?? `The upload failed (${xhr.status}).` });
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        update(key, { state: 'error', error: 'The upload failed: check your connection and try again.' });
      };
      const form = new FormData();
      form.append('file', file, file.name || 'file');
      xhr.send(form);
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
        const kind = (IMAGE_TYPES as readonly string[]).includes(file.type) ? 'image' : ACCEPTED_AUDIO.has(file.type.split(';')[0]!) ? 'audio' : null;
        if (!kind) {
          setProblem(`“${file.name || 'That file'}” is not an image (PNG, JPEG, WebP, GIF) or a voice note (WebM, Ogg, MP3, WAV, M4A).`);
          continue;
        }
        const cap = kind === 'image' ? MAX_IMAGE_BYTES : MAX_AUDIO_BYTES;
        if (file.size > cap) {
          setProblem(`“${file.name}” is too large: ${kind === 'image' ? 'images' : 'voice notes'} can be at most ${megabytes(cap)}.`);
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
        added.push({ key, name: file.name || (kind === 'image' ? 'Pasted image' : 'Voice note'), kind, previewUrl: URL.createObjectURL(file), progress: 0, state: 'uploading' });
        queueMicrotask(() => upload(key, file));
      }
      if (added.length) {
        itemsRef.current = [...current, ...added];
        setItems((items) => [...items, ...added]);
      }
    },
    [upload],
  );

  const remove = useCallback((key: string) => {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    const gone = itemsRef.current.find((item) => item.key === key);
    if (gone) URL.revokeObjectURL(gone.previewUrl);
    // Taken back before sending: the server forgets it too (best effort; nothing shows it anyway).
    if (gone?.uploaded) void fetch(`/api/v1/uploads/${gone.uploaded.id}`, { method: 'DELETE' }).catch(() => {});
    itemsRef.current = itemsRef.current.filter((item) => item.key !== key);
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  /** After sending: the previews stay alive for the sent message's bubbles until the page goes. */
  const clear = useCallback(() => {
    setItems([]);
    setProblem(null);
  }, []);

  useEffect(() => {
    const pending = requests.current;
    return () => pending.forEach((xhr) => xhr.abort());
  }, []);

  const busy = items.some((item) => item.state === 'uploading' || item.state === 'processing');
  const ready = items.flatMap((item) => (item.state === 'ready' && item.uploaded ? [item.uploaded] : []));
  return { items, ready, busy, problem, setProblem, add, remove, clear };
}
