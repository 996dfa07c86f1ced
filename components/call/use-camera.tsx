'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

const FRAME_WIDTH = 512;

/**
 * The optional camera: a small mirrored preview while on, and one JPEG frame per turn for the
 * companion to see.
 */
export function useCamera() {
  const [on, setOn] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setOn(false);
  }, []);

  const toggle = useCallback(async () => {
    if (stream.current) return stop();
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, facingMode: 'user' },
      });
      setNote(null);
      setOn(true);
    } catch (caught) {
      const name = (caught as { name?: string } | null)?.name;
      setNote(
        name === 'NotAllowedError'
          ? 'Camera access was denied; the call goes on without it.'
          : 'No camera could be opened; the call goes on without it.',
      );
    }
  }, [stop]);

  useEffect(() => {
    if (on && video.current && stream.current) video.current.srcObject = stream.current;
  }, [on]);
  useEffect(() => stop, [stop]);

  /** The camera's current picture as a JPEG, or null when it is off. */
  const frame = useCallback(async (): Promise<Blob | null> => {
    const source = video.current;
    if (!stream.current || !source || !source.videoWidth) return null;
    const canvas = document.createElement('canvas');
    canvas.width = FRAME_WIDTH;
    canvas.height = Math.round((source.videoHeight / source.videoWidth) * FRAME_WIDTH);
    canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.75));
  }, []);

  const preview = useMemo(
    () =>
      on ? (
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          aria-label="Your camera"
          className="h-24 w-32 shrink-0 -scale-x-100 rounded-xl object-cover ring-1 ring-white/20"
        />
      ) : null,
    [on],
  );

  return useMemo(() => ({ on, note, toggle, stop, frame, preview }), [on, note, toggle, stop, frame, preview]);
}
