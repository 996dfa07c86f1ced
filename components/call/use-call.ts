'use client';

import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState } from 'react';
import type { Language } from '@/lib/languages';
import { callReducer, initialCallState } from './call-state';
import { applyTurnEvent, saidLine, turnForm, type Said } from './call-turn';
import { PlaybackLatency, type PlaybackReport } from './playback-latency';
import type { SpeechPlayer } from './speech-player';
import { base64ToArrayBuffer, errorMessage, readTurnEvents } from './turn-events';
import { useCallClock } from './use-call-clock';
import { useCamera } from './use-camera';
import { useHandsFree } from './use-hands-free';
import { useSpeechPlayer } from './use-speech-player';
import { encodeWav } from './wav';

export type LiveCall = { id: string; conversationId: string; language: Language; createdAt: string; expiresAt: string };

const YOU_ENDED = 'You ended the call.';

/**
 * A live call: hands-free turns (voice activity detection sends each utterance; speaking over the
 * companion stops it at once), typed turns, the companion's voice, an optional camera, and the
 * call's end: hung up, refused by the server, run out of time, or the page left.
 */
export function useCall(call: LiveCall, canTranscribe: boolean) {
  const [state, dispatch] = useReducer(callReducer, canTranscribe, initialCallState);
  const [language, setLanguage] = useState<Language>(call.language);
  const [speakerOff, setSpeakerOff] = useState(false);
  const camera = useCamera();
  const { stop: stopCamera, frame: cameraFrame } = camera;
  const [latency] = useState(() => new PlaybackLatency());
  const levelRef = useRef(0);
  const player = useRef<SpeechPlayer | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const languageRef = useRef(language);
  const endedRef = useRef(false);

  useEffect(() => {
    languageRef.current = language;
  }, [language]);

  const notePlayback = useCallback(() => {
    const report = latency.measure(player.current?.firstPlaybackAt);
    if (report) dispatch({ type: 'playback-measured', turnId: report.turn_id, playbackMs: report.playback_ms });
  }, [latency]);

  useSpeechPlayer(player, {
    onStart: () => {
      dispatch({ type: 'playback-started' });
      notePlayback();
    },
    onIdle: () => dispatch({ type: 'playback-idle', turnInFlight: inFlight.current !== null }),
    onLevel: (level) => {
      levelRef.current = level;
    },
  });

  const finish = useCallback(
    (reason: string, durationMs: number | null) => {
      endedRef.current = true;
      inFlight.current?.abort();
      player.current?.stop();
      stopCamera();
      dispatch({ type: 'ended', reason, durationMs });
    },
    [stopCamera],
  );

  const hangUp = useCallback(async () => {
    if (endedRef.current) return;
    finish(YOU_ENDED, null);
    const response = await fetch(`/api/v1/calls/${call.id}/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endBody(latency.unsent),
    }).catch(() => null);
    if (response?.ok) {
      const ended = (await response.json()) as { duration_ms: number | null };
      dispatch({ type: 'end-confirmed', durationMs: ended.duration_ms });
    }
  }, [call.id, finish, latency]);

  /** One turn: what was said (or typed) goes up, the reply streams back as text and voice. */
  const sendTurn = useCallback(
    async (said: Said, endOfSpeech: number) => {
      if (endedRef.current) return;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      player.current?.resetTurn();
      const playback = latency.take();
      const form = turnForm(said, languageRef.current, playback, await cameraFrame());
      const lines = { user: crypto.randomUUID(), reply: crypto.randomUUID() };
      dispatch({ type: 'turn-started', line: saidLine(lines.user, said) });
      latency.turnSent(endOfSpeech);
      try {
        const response = await fetch(`/api/v1/calls/${call.id}/turns`, {
          method: 'POST',
          body: form,
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          const message = await errorMessage(response);
          const over = response.status === 409 || response.status === 410;
          dispatch({ type: 'turn-refused', lineId: lines.user, error: over ? null : message });
          if (over) finish(message, null);
          return;
        }
        for await (const event of readTurnEvents(response.body)) {
          applyTurnEvent(event, lines, {
            dispatch,
            voice: (sentence) => {
              if (controller.signal.aborted) return;
              if (sentence.type === 'audio')
                player.current?.enqueue(base64ToArrayBuffer(sentence.data), sentence.media_type);
              else player.current?.speakText(sentence.text, sentence.language);
            },
            named: (turnId) => {
              latency.turnNamed(turnId);
              notePlayback();
            },
          });
        }
      } catch {
        // Aborted: a barge-in, a newer turn or hanging up; the server keeps what was said so far as interrupted.
        if (controller.signal.aborted)
          dispatch({ type: 'turn-cut-off', userLineId: lines.user, replyLineId: lines.reply });
        else dispatch({ type: 'failed', error: 'The connection dropped. Say it again, or type it.' });
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          if (!endedRef.current) dispatch({ type: 'turn-settled', playerSpeaking: player.current?.speaking ?? false });
        }
      }
    },
    [call.id, cameraFrame, finish, latency, notePlayback],
  );

  const { setMuted: muteMic } = useHandsFree(canTranscribe && state.stage.name !== 'ended', {
    ready: () => dispatch({ type: 'mic-ready' }),
    failed: (problem) => dispatch({ type: 'mic-failed', problem }),
    speech: () => {
      // Barge-in: the person talks over the companion, which stops at once.
      if (!player.current?.speaking) return;
      player.current.stop();
      inFlight.current?.abort();
      dispatch({ type: 'barged-in' });
    },
    utterance: (samples) => {
      if (!endedRef.current)
        void sendTurn({ audio: encodeWav(samples), speechMs: (samples.length / 16_000) * 1000 }, performance.now());
    },
  });

  const elapsed = useCallClock(call.createdAt, call.expiresAt, (durationMs) => {
    if (!endedRef.current) finish('Calls last an hour. Start a new one to keep talking.', durationMs);
  });

  // Leaving the screen (another page, closing the tab) hangs up, so the call's duration is true.
  // The hang-up waits a tick: React's development double mount must not end the call.
  const leave = useEffectEvent(() => {
    if (endedRef.current) return;
    endedRef.current = true;
    navigator.sendBeacon(
      `/api/v1/calls/${call.id}/end`,
      new Blob([endBody(latency.unsent)], { type: 'application/json' }),
    );
  });
  const leaving = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (leaving.current) clearTimeout(leaving.current);
    const onPageHide = () => leave();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      leaving.current = setTimeout(onPageHide, 0);
    };
  }, []);

  const micMuted = state.mic.status === 'on' && state.mic.muted;
  return {
    state,
    language,
    setLanguage,
    elapsed,
    camera,
    levelRef,
    speakerOff,
    toggleMic() {
      dispatch({ type: 'mic-muted', muted: !micMuted });
      muteMic(!micMuted);
    },
    toggleSpeaker() {
      setSpeakerOff(!speakerOff);
      player.current?.setMuted(!speakerOff);
    },
    /** A typed turn, which stops the companion mid-sentence. */
    say(text: string) {
      if (player.current?.speaking) player.current.stop();
      void sendTurn({ text }, performance.now());
    },
    hangUp,
  };
}

/** The hang-up's body: the last reply's playback latency, if the server has not had it yet. */
function endBody(playback: PlaybackReport | null): string {
  return JSON.stringify(playback ? { playback } : {});
}
