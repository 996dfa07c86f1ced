'use client';

/**
 * Plays the companion's voice in a call: synthesized sentences through Web Audio, queued and
 * gapless (each starts where the one before ends), or, without server TTS, the browser's own
 * speechSynthesis. Reports when speech starts and goes idle and, every frame while it speaks,
 * the voice's level (0..1) for the talking portrait.
 *
 * Audio:  source -> analyser (level) -> gain (speaker toggle) -> speakers.
 * The level is measured before the gain, so a muted companion still moves its lips.
 */
export type SpeechPlayerEvents = {
  onStart?(): void;
  onIdle?(): void;
  onLevel?(level: number): void;
};

/** Without a voice to speak it (headless Chromium has none), text "plays" for about this long a character. */
const SILENT_MS_PER_CHAR = 55;
const SILENT_MIN_MS = 600;
/** speechSynthesis that has not started within this long is taken as unable to speak. */
const SYNTHESIS_START_TIMEOUT_MS = 1500;

export class SpeechPlayer {
  private context: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private gain: GainNode | null = null;
  private samples: Float32Array<ArrayBuffer> | null = null;
  private readonly sources = new Set<AudioBufferSourceNode>();
  /** Sentences received whose audio has not started yet (decoding, or waiting their turn). */
  private waiting = 0;
  /** Text utterances not yet finished. */
  private utterances = 0;
  /** Each stop() starts a new generation; work from an older one is dropped. */
  private generation = 0;
  /** Decoding runs in parallel; scheduling follows this chain so sentences keep their order. */
  private order: Promise<void> = Promise.resolve();
  private nextStartAt = 0;
  private muted = false;
  private isSpeaking = false;
  private firstStart: number | null = null;
  private frame: number | null = null;
  private level = 0;
  /** Level pulses from speechSynthesis boundary events (or a gentle made-up rhythm without a voice). */
  private textPulse = 0;
  /** Set once speechSynthesis has spoken here; until then, one that never starts means it cannot. */
  private synthesisWorks = false;
  private silentSpeech = false;
  /** Our utterances speechSynthesis is speaking now, and those it has not started. */
  private voicing = 0;
  private readonly unstarted = new Set<() => void>();
  /** When the silent stand-in's queue ends (performance.now()). */
  private silentUntil = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  private readonly events: SpeechPlayerEvents;

  constructor(events: SpeechPlayerEvents = {}) {
    this.events = events;
  }

  get speaking(): boolean {
    return this.isSpeaking;
  }

  /** Playback start time of the current turn's first sentence (performance.now()), for latency. */
  get firstPlaybackAt(): number | null {
    return this.firstStart;
  }

  /**
   * Creates (or resumes) the audio context. Browsers only allow sound after a gesture: call this
   * from the click that starts the call; enqueue() calls it too.
   */
  resume(): void {
    if (this.closed || typeof AudioContext === 'undefined') return;
    if (!this.context) {
      this.context = new AudioContext({ latencyHint: 'interactive' });
      this.analyser = this.context.createAnalyser();
      this.analyser.fftSize = 1024;
      this.samples = new Float32Array(this.analyser.fftSize);
      this.gain = this.context.createGain();
      this.gain.gain.value = this.muted ? 0 : 1;
      this.analyser.connect(this.gain).connect(this.context.destination);
    }
    if (this.context.state === 'suspended') void this.context.resume().catch(() => {});
  }

  /** Queue one synthesized sentence (plays after the ones before it). */
  enqueue(audio: ArrayBuffer, mediaType: string): void {
    this.resume();
    const context = this.context;
    if (!context) return;
    const generation = this.generation;
    this.waiting++;
    // decodeAudioData detaches its buffer: decode a copy so the caller may keep the original.
    const decoded = context.decodeAudioData(audio.slice(0)).catch((error: unknown) => {
      console.warn(`[speech] could not decode ${mediaType} audio:`, error);
      return null;
    });
    this.order = this.order.then(async () => {
      const buffer = await decoded;
      if (generation !== this.generation) return;
      this.waiting--;
      if (buffer) this.schedule(context, buffer);
      else this.settle();
    });
  }

  private schedule(context: AudioContext, buffer: AudioBuffer) {
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.analyser!);
    const startAt = Math.max(context.currentTime, this.nextStartAt);
    source.start(startAt);
    this.nextStartAt = startAt + buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      source.disconnect();
      this.settle();
    };
    this.started(performance.now() + (startAt - context.currentTime) * 1000);
  }

  /** No server TTS: speak with the browser's speechSynthesis in this BCP-47 language. */
  speakText(text: string, language: string): void {
    if (this.closed || !text.trim()) return;
    const generation = this.generation;
    this.utterances++;
    const synthesis = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    if (!synthesis || this.silentSpeech) {
      this.speakSilently(text, generation);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language;
    utterance.volume = this.muted ? 0 : 1;
    const voice = pickVoice(synthesis.getVoices(), language);
    if (voice) utterance.voice = voice;
    let began = false;
    let done = false;
    const finish = () => {
      if (done || generation !== this.generation) return;
      done = true;
      this.unstarted.delete(goSilent);
      this.utterances--;
      this.settle();
    };
    // Hands the utterance to the silent stand-in, which settles its count.
    const goSilent = () => {
      if (began || done || generation !== this.generation) return;
      done = true;
      this.unstarted.delete(goSilent);
      this.speakSilently(text, generation);
    };
    this.unstarted.add(goSilent);
    utterance.onstart = () => {
      if (generation !== this.generation) return;
      began = true;
      this.unstarted.delete(goSilent);
      this.synthesisWorks = true;
      this.voicing++;
      this.started(performance.now());
    };
    utterance.onboundary = () => {
      this.textPulse = 1;
    };
    utterance.onend = () => {
      if (began && generation === this.generation) this.voicing--;
      finish();
    };
    utterance.onerror = () => {
      if (began) {
        if (generation === this.generation) this.voicing--;
        return finish();
      }
      // Refused before a word (no voice for it, synthesis failed): spoken by the stand-in.
      goSilent();
    };
    synthesis.speak(utterance);
    // No voices (headless Chromium, some Linux desktops): speechSynthesis neither starts nor ends.
    // An utterance that has not started while none of ours is speaking ahead of it never will:
    // the turn goes on as if this one and those queued after it had been spoken.
    const check = () => {
      if (began || done || generation !== this.generation) return;
      if (this.voicing > 0) return this.after(SYNTHESIS_START_TIMEOUT_MS, check);
      if (!this.synthesisWorks) this.silentSpeech = true;
      for (const silent of [...this.unstarted]) silent();
      synthesis.cancel();
    };
    this.after(SYNTHESIS_START_TIMEOUT_MS, check);
  }

  /** Text "played" for its estimated length, after the silent text before it, with a made-up rhythm for the portrait. */
  private speakSilently(text: string, generation: number) {
    const duration = Math.max(SILENT_MIN_MS, text.length * SILENT_MS_PER_CHAR);
    const now = performance.now();
    const startAt = Math.max(now, this.silentUntil);
    this.silentUntil = startAt + duration;
    this.after(startAt - now, () => {
      if (generation !== this.generation) return;
      this.started(performance.now());
      for (let at = 0; at < duration; at += 180) {
        this.after(at, () => {
          if (generation === this.generation) this.textPulse = 0.6 + Math.random() * 0.4;
        });
      }
    });
    this.after(startAt - now + duration, () => {
      if (generation !== this.generation) return;
      this.utterances--;
      this.settle();
    });
  }

  /** Barge-in: silence at once and drop the queue. */
  stop(): void {
    this.generation++;
    this.order = Promise.resolve();
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // never started
      }
      source.disconnect();
    }
    this.sources.clear();
    this.waiting = 0;
    this.utterances = 0;
    this.voicing = 0;
    this.unstarted.clear();
    this.silentUntil = 0;
    this.nextStartAt = 0;
    this.textPulse = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    this.settle();
  }

  /** The speaker toggle: muted speech goes on (and the portrait keeps moving), unheard. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.gain && this.context) this.gain.gain.setTargetAtTime(muted ? 0 : 1, this.context.currentTime, 0.015);
  }

  /** A new turn starts: firstPlaybackAt = null. */
  resetTurn(): void {
    this.firstStart = null;
  }

  close(): void {
    this.stop();
    this.closed = true;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private started(at: number) {
    if (this.firstStart === null) this.firstStart = at;
    if (this.isSpeaking) return;
    this.isSpeaking = true;
    this.events.onStart?.();
    this.watchLevel();
  }

  /** Goes idle when nothing plays and nothing waits. */
  private settle() {
    if (this.sources.size > 0 || this.waiting > 0 || this.utterances > 0) return;
    this.nextStartAt = 0;
    if (!this.isSpeaking) return;
    this.isSpeaking = false;
    this.level = 0;
    this.events.onLevel?.(0);
    this.events.onIdle?.();
  }

  private after(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private watchLevel() {
    if (this.frame !== null || typeof requestAnimationFrame === 'undefined') return;
    const tick = () => {
      this.frame = null;
      if (!this.isSpeaking || this.closed) return;
      // Fast attack, slow release: the mouth opens with a syllable and closes gently.
      const target = Math.max(this.audioLevel(), this.textPulse);
      this.level = target > this.level ? this.level + (target - this.level) * 0.6 : this.level * 0.85;
      this.textPulse *= 0.82;
      this.events.onLevel?.(this.level);
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** The playing audio's loudness: RMS of the waveform, scaled so speech spans most of 0..1. */
  private audioLevel(): number {
    if (!this.analyser || !this.samples || this.sources.size === 0) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    return Math.min(1, Math.sqrt(sum / this.samples.length) * 4);
  }
}

/** A voice for the language: an exact match ("fr-FR"), else the same language ("fr-CA"), else the default. */
function pickVoice(voices: SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | undefined {
  const lower = language.toLowerCase();
  const base = lower.slice(0, 2);
  return (
    voices.find((voice) => voice.lang.toLowerCase().replace('_', '-') === lower) ??
    voices.find((voice) => voice.lang.toLowerCase().startsWith(base))
  );
}
