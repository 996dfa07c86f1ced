'use client';

import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { CloseIcon, StopIcon } from '@/components/ui/icons';
import { MAX_RECORDING_MS } from '@/lib/uploads/limits';

type Props = {
  /** The finished note, as a file ready to upload. */
  onRecorded: (file: File) => void;
  onCancel: () => void;
  /** Why recording could not start (no microphone, permission refused). */
  onFailed: (message: string) => void;
};

// Containers the server accepts, in the order browsers support them best.
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/ogg', 'audio/mp4'];

/**
 * Records a voice note with MediaRecorder: a live level meter, a timer, and a stop at two minutes.
 * Stop keeps the note; Cancel (or Esc) throws it away.
 */
export function VoiceRecorder({ onRecorded, onCancel, onFailed }: Props) {
  const [elapsed, setElapsed] = useState(0);
  const [level, setLevel] = useState(0);
  const [starting, setStarting] = useState(true);
  const recorder = useRef<MediaRecorder | null>(null);
  const keep = useRef(false);
  const callbacks = useRef({ onRecorded, onCancel, onFailed });
  useEffect(() => {
    callbacks.current = { onRecorded, onCancel, onFailed };
  }, [onRecorded, onCancel, onFailed]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let audio: AudioContext | null = null;
    let frame = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    let cancelled = false;

    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
          throw new Error('This browser cannot record audio. Attach an audio file instead.');
        }
        stream = await navigator.mediaDevices.getUserMedia({
          audio: { echoCancellation: true, noiseSuppression: true },
        });
        if (cancelled) return stream.getTracks().forEach((t) => t.stop());
        const mimeType = MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
        const media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
        const chunks: Blob[] = [];
        media.ondataavailable = (event) => event.data.size && chunks.push(event.data);
        media.onstop = () => {
          if (!keep.current) return;
          const type = (media.mimeType || mimeType || 'audio/webm').split(';')[0]!;
          const extension = type === 'audio/ogg' ? 'ogg' : type === 'audio/mp4' ? 'm4a' : 'webm';
          callbacks.current.onRecorded(new File(chunks, `voice-note.${extension}`, { type }));
        };
        media.start(250);
        recorder.current = media;
        setStarting(false);

        // The level meter: loudness of the microphone, smoothed, 0..1.
        audio = new AudioContext();
        const analyser = audio.createAnalyser();
        analyser.fftSize = 512;
        audio.createMediaStreamSource(stream).connect(analyser);
        const samples = new Uint8Array(analyser.fftSize);
        const tick = () => {
          analyser.getByteTimeDomainData(samples);
          let sum = 0;
          for (const s of samples) sum += ((s - 128) / 128) ** 2;
          setLevel((previous) => previous * 0.6 + Math.min(1, Math.sqrt(sum / samples.length) * 4) * 0.4);
          frame = requestAnimationFrame(tick);
        };
        tick();

        const started = performance.now();
        timer = setInterval(() => {
          const ms = performance.now() - started;
          setElapsed(ms);
          if (ms >= MAX_RECORDING_MS && media.state === 'recording') {
            keep.current = true;
            media.stop();
          }
        }, 200);
      } catch (error) {
        const name = (error as { name?: string }).name;
        callbacks.current.onFailed(
          name === 'NotAllowedError'
            ? 'Microphone access was refused. Allow it in the browser, or attach an audio file instead.'
            : name === 'NotFoundError'
              ? 'No microphone was found. Attach an audio file instead.'
              : (error as Error).message || 'Recording could not start.',
        );
      }
    })();

    return () => {
      cancelled = true;
      clearInterval(timer);
      cancelAnimationFrame(frame);
      if (recorder.current?.state === 'recording') recorder.current.stop();
      stream?.getTracks().forEach((t) => t.stop());
      void audio?.close();
    };
  }, []);

  const finish = () => {
    keep.current = true;
    if (recorder.current?.state === 'recording') recorder.current.stop();
  };
  const cancel = () => {
    keep.current = false;
    if (recorder.current?.state === 'recording') recorder.current.stop();
    callbacks.current.onCancel();
  };

  const seconds = Math.floor(elapsed / 1000);
  const left = Math.max(0, Math.ceil((MAX_RECORDING_MS - elapsed) / 1000));
  const bars = 24;
  return (
    <div
      role="group"
      aria-label="Recording a voice note"
      className="flex flex-1 items-center gap-3 py-1"
      onKeyDown={(event) => event.key === 'Escape' && cancel()}
    >
      <button
        type="button"
        onClick={cancel}
        aria-label="Discard recording"
        title="Discard (Esc)"
        className={`${buttonStyles.icon} size-10`}
      >
        <CloseIcon className="size-4" />
      </button>
      <span className="flex items-center gap-2 text-sm tabular-nums text-ink" aria-live="off">
        <span
          className={`size-2.5 rounded-full bg-red-500 ${starting ? 'opacity-40' : 'motion-safe:animate-pulse'}`}
          aria-hidden
        />
        <span data-testid="recording-timer">
          {starting ? 'Starting…' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}
        </span>
      </span>
      <div
        className="flex h-8 flex-1 items-center gap-[3px] overflow-hidden"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
      >
        {Array.from({ length: bars }, (_, i) => {
          const shape = 0.35 + 0.65 * Math.sin(((i + 1) / (bars + 1)) * Math.PI);
          return (
            <span
              key={i}
              className="w-1 rounded-full bg-ember-500/80 transition-[height] duration-75"
              style={{ height: `${Math.max(8, level * shape * 100)}%` }}
            />
          );
        })}
      </div>
      {left <= 15 && !starting && <span className="text-xs text-ink-faint">{left}s left</span>}
      <button
        type="button"
        onClick={finish}
        disabled={starting}
        aria-label="Stop and attach voice note"
        title="Stop"
        className={`${buttonStyles.icon} size-10 bg-red-600 text-white hover:bg-red-700 hover:text-white`}
      >
        <StopIcon className="size-4" />
      </button>
    </div>
  );
}
