'use client';

export type TurnTiming = {
  turnId: string;
  transcriptMs: number | null;
  firstTokenMs: number | null;
  firstAudioMs: number | null;
  totalMs: number;
  /** From the end of speech to the reply playing, measured here. */
  playbackMs: number | null;
};

const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);

/** Each turn's latency: transcript, first word, first audio (server, from the request) and playback (here, from the end of speech). */
export function CallTimings({ timings, onClose }: { timings: TurnTiming[]; onClose: () => void }) {
  return (
    <section
      aria-labelledby="call-timings"
      className="max-h-[60dvh] overflow-y-auto rounded-2xl bg-stone-900/95 p-4 text-xs text-stone-300 shadow-2xl shadow-black/60 ring-1 ring-white/10 backdrop-blur"
    >
      <div className="flex items-center justify-between">
        <h2 id="call-timings" className="text-sm font-semibold text-stone-100">
          Latency per turn
        </h2>
        <button type="button" onClick={onClose} className="rounded-full px-2 py-1 hover:bg-white/10">
          Close
        </button>
      </div>
      {timings.length === 0 ? (
        <p className="mt-2 text-stone-400">No turns yet. Each turn&apos;s timings appear here.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left tabular-nums">
            <thead className="text-stone-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Turn
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Transcript
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  First word
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  First audio
                </th>
                <th scope="col" className="py-1 font-medium">
                  Playing
                </th>
              </tr>
            </thead>
            <tbody>
              {timings.map((t, index) => (
                <tr key={t.turnId} className="border-t border-white/5">
                  <td className="py-1 pr-3">{index + 1}</td>
                  <td className="py-1 pr-3">{ms(t.transcriptMs)}</td>
                  <td className="py-1 pr-3">{ms(t.firstTokenMs)}</td>
                  <td className="py-1 pr-3">{ms(t.firstAudioMs)}</td>
                  <td className="py-1">{ms(t.playbackMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-stone-500">
            Server times run from the request; “Playing” from the end of your speech to the voice.
          </p>
        </div>
      )}
    </section>
  );
}
