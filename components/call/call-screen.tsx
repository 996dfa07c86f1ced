'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { SpeechPlayer } from '@/components/call/speech-player';
import { TalkingPortrait, type PortraitState } from '@/components/call/talking-portrait';
import { CameraIcon, GaugeIcon, HangUpIcon, MicIcon, MicOffIcon, SendIcon, SpeakerIcon, SpeakerOffIcon } from '@/components/ui/icons';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '@/lib/languages';
import { CallTimings, type TurnTiming } from './call-timings';
import { CallTranscript, type TranscriptLine } from './call-transcript';
import { useCamera } from './use-camera';
import { base64ToArrayBuffer, errorMessage, readTurnEvents } from './turn-events';
import { startVoiceDetection, type VoiceDetection } from './voice-detection';
import { encodeWav } from './wav';

export type CallScreenProps = {
  call: { id: string; conversationId: string; language: Language; createdAt: string; expiresAt: string };
  companion: { name: string; slug: string; avatarUrl: string; accentColor: string };
  /** Whether the server can transcribe speech; without it the call is typed. */
  canTranscribe: boolean;
  /** Per language, whether the server has a voice for the companion; without one the browser speaks. */
  serverVoices: Record<Language, boolean>;
};

type MicState = 'starting' | 'on' | 'denied' | 'missing' | 'failed' | 'unavailable';
type Ended = { reason: string; durationMs: number | null };

const MIC_NOTES: Partial<Record<MicState, string>> = {
  denied: 'Microphone access was denied. Allow it in your browser to talk, or type below.',
  missing: 'No microphone was found. You can still type below.',
  failed: 'Listening could not start in this browser. You can still type below.',
  unavailable: 'Speech to text needs a key: set GROQ_API_KEY, OPENAI_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY on the server. Until then, type below.',
};

/**
 * A live call: the companion's portrait moving with its voice, hands-free turns (voice activity
 * detection in the browser sends each utterance; speaking over the companion stops it at once),
 * typed turns, an optional camera, the transcript of both sides and each turn's latency.
 */
export function CallScreen({ call, companion, canTranscribe, serverVoices }: CallScreenProps) {
  // Without transcription there is nothing to connect: the call is typed from the start.
  const [state, setState] = useState<PortraitState>(canTranscribe ? 'connecting' : 'listening');
  const [lines, setLines] = useState<TranscriptLine[]>([]);
  const [language, setLanguage] = useState<Language>(call.language);
  const [mic, setMic] = useState<MicState>(canTranscribe ? 'starting' : 'unavailable');
  const [micMuted, setMicMuted] = useState(false);
  const [speakerOff, setSpeakerOff] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [bargeIns, setBargeIns] = useState(0);
  const [timings, setTimings] = useState<TurnTiming[]>([]);
  const [showTimings, setShowTimings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState<Ended | null>(null);
  const [online, setOnline] = useState(true);
  const [draft, setDraft] = useState('');
  const [elapsed, setElapsed] = useState(0);
  const { on: cameraOn, note: cameraNote, toggle: toggleCamera, stop: stopCamera, frame: cameraFrame, preview: cameraPreview } = useCamera();

  const levelRef = useRef(0);
  const player = useRef<SpeechPlayer | null>(null);
  const detection = useRef<VoiceDetection | null>(null);
  const micStream = useRef<MediaStream | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const languageRef = useRef(language);
  const endedRef = useRef(false);
  /** The turn whose playback start is not yet known, and when its speech ended (performance.now()). */
  const awaiting = useRef<{ turnId: string | null; since: number } | null>(null);
  /** When the last reply started playing, for the server: sent with the next turn or the hang-up. */
  const playbackReport = useRef<{ turn_id: string; playback_ms: number } | null>(null);

  useEffect(() => {
    languageRef.current = language;
  }, [language]);

  const notePlayback = useCallback(() => {
    const pending = awaiting.current;
    const startedAt = player.current?.firstPlaybackAt;
    if (!pending?.turnId || startedAt == null) return;
    const playbackMs = Math.max(0, Math.round(startedAt - pending.since));
    playbackReport.current = { turn_id: pending.turnId, playback_ms: playbackMs };
    setTimings((all) => all.map((t) => (t.turnId === pending.turnId ? { ...t, playbackMs } : t)));
    awaiting.current = null;
  }, []);

  // The player lives as long as the screen.
  useEffect(() => {
    const speech = new SpeechPlayer({
      onStart: () => {
        setSpeaking(true);
        setState('speaking');
        notePlayback();
      },
      onIdle: () => {
        setSpeaking(false);
        setState((now) => (now === 'speaking' ? (inFlight.current ? 'thinking' : 'listening') : now));
      },
      onLevel: (level) => {
        levelRef.current = level;
      },
    });
    player.current = speech;
    speech.resume();
    // Browsers allow sound only after a gesture: any tap or key on the screen unlocks it.
    const unlock = () => speech.resume();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      speech.close();
      player.current = null;
    };
  }, [notePlayback]);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  const patchLine = useCallback((id: string, change: (line: TranscriptLine) => TranscriptLine) => {
    setLines((all) => all.map((line) => (line.id === id ? change(line) : line)));
  }, []);

  const finish = useCallback((next: Ended) => {
    endedRef.current = true;
    inFlight.current?.abort();
    player.current?.stop();
    void detection.current?.destroy();
    detection.current = null;
    micStream.current?.getTracks().forEach((track) => track.stop());
    stopCamera();
    setEnded(next);
    setState('ended');
  }, [stopCamera]);

  const hangUp = useCallback(async () => {
    if (endedRef.current) return;
    finish({ reason: 'You ended the call.', durationMs: null });
    const response = await fetch(`/api/v1/calls/${call.id}/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(playbackReport.current ? { playback: playbackReport.current } : {}),
    }).catch(() => null);
    if (response?.ok) {
      const ended = (await response.json()) as { duration_ms: number | null };
      setEnded({ reason: 'You ended the call.', durationMs: ended.duration_ms });
    }
  }, [call.id, finish]);

  /** One turn: what was said (or typed) goes up, the reply streams back as text and voice. */
  const sendTurn = useCallback(
    async (said: { audio: Blob; speechMs: number } | { text: string }, endOfSpeech: number) => {
      if (endedRef.current) return;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      player.current?.resetTurn();
      setError(null);
      setState('thinking');

      const form = new FormData();
      if ('audio' in said) {
        form.append('audio', said.audio, 'utterance.wav');
        form.append('speech_ms', String(Math.round(said.speechMs)));
      } else {
        form.append('text', said.text);
      }
      form.append('language', languageRef.current);
      if (playbackReport.current) form.append('playback', JSON.stringify(playbackReport.current));
      playbackReport.current = null;
      const frame = await cameraFrame();
      if (frame) form.append('image', frame, 'camera.jpg');

      const userLine = crypto.randomUUID();
      const replyLine = crypto.randomUUID();
      setLines((all) => [...all, { id: userLine, role: 'user', text: 'text' in said ? said.text : '', pending: 'audio' in said, typed: 'text' in said }]);
      awaiting.current = { turnId: null, since: endOfSpeech };

      let replied = false;
      try {
        const response = await fetch(`/api/v1/calls/${call.id}/turns`, { method: 'POST', body: form, signal: controller.signal });
        if (!response.ok || !response.body) {
          const message = await errorMessage(response);
          setLines((all) => all.filter((line) => line.id !== userLine));
          if (response.status === 409 || response.status === 410) return finish({ reason: message, durationMs: null });
          setError(message);
          return;
        }
        for await (const event of readTurnEvents(response.body)) {
          switch (event.type) {
            case 'transcript':
              patchLine(userLine, (line) => ({ ...line, text: event.text, pending: false }));
              break;
            case 'text':
              if (!replied) setLines((all) => [...all, { id: replyLine, role: 'companion', text: '' }]);
              replied = true;
              patchLine(replyLine, (line) => ({ ...line, text: line.text + event.delta }));
              break;
            case 'audio':
              if (!controller.signal.aborted) player.current?.enqueue(base64ToArrayBuffer(event.data), event.media_type);
              break;
            case 'speak':
              if (!controller.signal.aborted) player.current?.speakText(event.text, event.language);
              break;
            case 'timing':
              setTimings((all) => [
                ...all,
                { turnId: event.turn_id, transcriptMs: event.transcript_ms, firstTokenMs: event.first_token_ms, firstAudioMs: event.first_audio_ms, totalMs: event.total_ms, playbackMs: null },
              ]);
              if (awaiting.current) awaiting.current.turnId = event.turn_id;
              notePlayback();
              break;
            case 'done':
              if (event.status === 'aborted') patchLine(replyLine, (line) => ({ ...line, interrupted: true }));
              if (event.status === 'error') setError(event.error ?? 'The reply broke off.');
              break;
            case 'error':
              setError(event.error.message);
              break;
          }
        }
      } catch {
        if (controller.signal.aborted) {
          // Barge-in, a newer turn or hanging up: the server saves what was said so far as interrupted.
          patchLine(replyLine, (line) => ({ ...line, interrupted: true }));
          setLines((all) => all.filter((line) => !(line.id === userLine && line.pending)));
        } else {
          setError('The connection dropped. Say it again, or type it.');
        }
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          if (!endedRef.current && !player.current?.speaking) setState('listening');
        }
      }
    },
    [call.id, cameraFrame, finish, notePlayback, patchLine],
  );

  const sendTurnRef = useRef(sendTurn);
  useEffect(() => {
    sendTurnRef.current = sendTurn;
  }, [sendTurn]);

  // Hands-free: the microphone, listened to by voice activity detection.
  useEffect(() => {
    if (!canTranscribe) return;
    let cancelled = false;
    void (async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
        if (cancelled) return stream.getTracks().forEach((track) => track.stop());
        micStream.current = stream;
        const vad = await startVoiceDetection(stream, {
          onSpeech: () => {
            // Barge-in: the person talks over the companion, which stops at once.
            if (player.current?.speaking) {
              player.current.stop();
              inFlight.current?.abort();
              setBargeIns((n) => n + 1);
            }
          },
          onUtterance: (samples) => {
            if (endedRef.current) return;
            void sendTurnRef.current({ audio: encodeWav(samples), speechMs: (samples.length / 16_000) * 1000 }, performance.now());
          },
        });
        if (cancelled) return void vad.destroy();
        detection.current = vad;
        setMic('on');
        setState((now) => (now === 'connecting' ? 'listening' : now));
      } catch (caught) {
        if (cancelled) return;
        const name = (caught as { name?: string } | null)?.name;
        console.warn('[call] listening could not start:', caught);
        setMic(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'failed');
        setState((now) => (now === 'connecting' ? 'listening' : now));
      }
    })();
    return () => {
      cancelled = true;
      void detection.current?.destroy();
      detection.current = null;
      micStream.current?.getTracks().forEach((track) => track.stop());
    };
  }, [canTranscribe]);

  // Leaving the screen (another page, closing the tab) hangs up, so the call's duration is true.
  // The hang-up waits a tick: React's development double mount must not end the call.
  const leaving = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (leaving.current) clearTimeout(leaving.current);
    const leave = () => {
      if (endedRef.current) return;
      endedRef.current = true;
      const body = new Blob([JSON.stringify(playbackReport.current ? { playback: playbackReport.current } : {})], { type: 'application/json' });
      navigator.sendBeacon(`/api/v1/calls/${call.id}/end`, body);
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leaving.current = setTimeout(leave, 0);
    };
  }, [call.id]);

  // The call's clock, and its end when it runs out.
  useEffect(() => {
    const created = Date.parse(call.createdAt);
    const expires = Date.parse(call.expiresAt);
    const tick = () => {
      setElapsed(Date.now() - created);
      if (Date.now() >= expires && !endedRef.current) finish({ reason: 'Calls last an hour. Start a new one to keep talking.', durationMs: expires - created });
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [call.createdAt, call.expiresAt, finish]);

  function toggleMic() {
    const muted = !micMuted;
    setMicMuted(muted);
    micStream.current?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    void (muted ? detection.current?.pause() : detection.current?.start());
  }

  function toggleSpeaker() {
    setSpeakerOff(!speakerOff);
    player.current?.setMuted(!speakerOff);
  }

  function submitTyped(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    if (player.current?.speaking) player.current.stop();
    void sendTurn({ text }, performance.now());
  }

  const last = timings.at(-1);
  const latency = last ? (last.firstAudioMs ?? last.firstTokenMs) : null;
  const quality = !online ? 'offline' : latency === null ? 'idle' : latency < 1200 ? 'good' : latency < 2500 ? 'fair' : 'slow';
  const micNote = MIC_NOTES[mic];

  return (
    <div
      className="fixed inset-0 z-50 flex flex-col bg-stone-950 text-stone-100"
      style={{ backgroundImage: `radial-gradient(ellipse at 50% 20%, ${companion.accentColor}26, transparent 60%)` }}
      data-call-state={state}
      data-speaking={speaking ? 'true' : 'false'}
      data-barge-ins={bargeIns}
      data-turns={timings.length}
      data-mic={mic}
    >
      <header className="flex items-center justify-between gap-2 px-4 pt-3 pb-2 sm:px-6">
        <Link href={`/chat/${call.conversationId}`} className="rounded-full px-3 py-1.5 text-sm text-stone-300 hover:bg-white/10 hover:text-white">
          ← Chat
        </Link>
        <span className="font-mono text-sm tabular-nums text-stone-300" aria-label="Call length">
          {clock(ended?.durationMs ?? elapsed)}
        </span>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => setShowTimings(!showTimings)}
            aria-pressed={showTimings}
            aria-label={`Connection ${quality}${latency !== null ? `, ${latency} ms to the last reply's first ${last?.firstAudioMs != null ? 'audio' : 'word'}` : ''}: show each turn's timings`}
            className="flex items-center gap-1.5 rounded-full bg-white/5 px-3 py-1.5 text-xs text-stone-300 ring-1 ring-white/10 hover:bg-white/10"
          >
            <span aria-hidden className={`size-2 rounded-full ${QUALITY_COLOURS[quality]}`} />
            <GaugeIcon className="size-4" />
            <span className="tabular-nums">{!online ? 'Offline' : latency !== null ? `${latency} ms` : 'Ready'}</span>
          </button>
          <label className="sr-only" htmlFor="call-language">Call language</label>
          <select
            id="call-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
            disabled={state === 'ended'}
            className="rounded-full bg-white/5 px-3 py-1.5 text-xs text-stone-200 ring-1 ring-white/10"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} className="bg-stone-900">{LANGUAGE_LABELS[l]}</option>
            ))}
          </select>
        </div>
      </header>

      {showTimings && <CallTimings timings={timings} onClose={() => setShowTimings(false)} />}

      <main className="flex min-h-0 flex-1 flex-col items-center gap-4 overflow-hidden px-4">
        <TalkingPortrait src={companion.avatarUrl} name={companion.name} accentColor={companion.accentColor} state={state} level={0} levelRef={levelRef} className="mt-2 shrink-0 scale-[0.8] sm:scale-100" />
        {cameraPreview}
        <div className="w-full max-w-xl space-y-2 text-center text-sm">
          {micNote && <p className="rounded-xl bg-white/5 px-4 py-2 text-stone-300">{micNote}</p>}
          {!serverVoices[language] && state !== 'ended' && (
            <p className="text-xs text-stone-400">
              {companion.name} speaks with your browser&apos;s voice. An OpenAI, ElevenLabs or Gemini key on the server gives {companion.name} a voice of their own.
            </p>
          )}
          {cameraNote && <p className="text-stone-300">{cameraNote}</p>}
          {error && (
            <p role="alert" className="rounded-xl bg-red-500/15 px-4 py-2 text-red-200">
              {error}
            </p>
          )}
        </div>
        {ended ? (
          <section className="flex flex-col items-center gap-4 py-6 text-center" aria-labelledby="call-ended">
            <h2 id="call-ended" className="text-lg font-semibold">Call ended</h2>
            <p className="text-sm text-stone-300">{ended.reason}</p>
            <div className="flex flex-wrap justify-center gap-3">
              <Link href={`/chat/${call.conversationId}`} className="rounded-full bg-white px-5 py-2.5 text-sm font-medium text-stone-900 hover:bg-stone-200">
                See the transcript
              </Link>
              <Link href={`/companions/${companion.slug}`} className="rounded-full px-5 py-2.5 text-sm text-stone-200 ring-1 ring-white/20 hover:bg-white/10">
                Back to {companion.name}
              </Link>
            </div>
          </section>
        ) : (
          <CallTranscript lines={lines} companionName={companion.name} accentColor={companion.accentColor} />
        )}
      </main>

      {!ended && (
        <footer className="flex flex-col items-center gap-3 px-4 pt-2 pb-[max(1rem,env(safe-area-inset-bottom))]">
          <form onSubmit={submitTyped} className="flex w-full max-w-xl items-center gap-2 rounded-full bg-white/5 p-1.5 pl-4 ring-1 ring-white/10 focus-within:ring-white/30">
            <label htmlFor="call-message" className="sr-only">Message {companion.name}</label>
            <input
              id="call-message"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder={`Type to ${companion.name}…`}
              maxLength={4000}
              autoComplete="off"
              className="min-w-0 flex-1 bg-transparent text-sm text-stone-100 placeholder:text-stone-500 focus:outline-none"
            />
            <button type="submit" disabled={!draft.trim()} aria-label="Send" className="grid size-9 place-items-center rounded-full bg-white text-stone-900 disabled:opacity-30">
              <SendIcon className="size-4" />
            </button>
          </form>
          <div className="flex items-center gap-3 sm:gap-4">
            <ControlButton label="Mute microphone" pressed={micMuted} onClick={toggleMic} disabled={mic !== 'on'}>
              {micMuted ? <MicOffIcon /> : <MicIcon />}
            </ControlButton>
            <ControlButton label="Mute speaker" pressed={speakerOff} onClick={toggleSpeaker}>
              {speakerOff ? <SpeakerOffIcon /> : <SpeakerIcon />}
            </ControlButton>
            <ControlButton label={`Let ${companion.name} see`} pressed={cameraOn} onClick={() => void toggleCamera()}>
              <CameraIcon />
            </ControlButton>
            <button
              type="button"
              onClick={() => void hangUp()}
              className="grid size-14 place-items-center rounded-full bg-red-600 text-white shadow-lg shadow-red-900/40 hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
              aria-label="End call"
            >
              <HangUpIcon className="size-6" />
            </button>
          </div>
        </footer>
      )}
    </div>
  );
}

const QUALITY_COLOURS = { good: 'bg-emerald-400', fair: 'bg-amber-400', slow: 'bg-red-400', offline: 'bg-red-500', idle: 'bg-stone-400' } as const;

function ControlButton({ label, pressed, onClick, disabled, children }: { label: string; pressed: boolean; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
      aria-label={label}
      title={label}
      className={`grid size-12 place-items-center rounded-full ring-1 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:opacity-40 ${
        pressed ? 'bg-white text-stone-900 ring-white' : 'bg-white/5 text-stone-100 ring-white/15 hover:bg-white/10'
      }`}
    >
      {children}
    </button>
  );
}

function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
