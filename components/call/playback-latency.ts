/** How long a turn's reply took to play, as the server records it (sent with the next turn or the hang-up). */
export type PlaybackReport = { turn_id: string; playback_ms: number };

/**
 * From the end of the person's speech to the reply playing: only the browser knows when the voice
 * started. A turn's id comes with its timings and its first playback from the player, in either
 * order; the measurement is made once both are known.
 */
export class PlaybackLatency {
  private awaiting: { turnId: string | null; since: number } | null = null;
  private report: PlaybackReport | null = null;

  /** A turn went up; the person stopped speaking at `since` (performance.now()). */
  turnSent(since: number): void {
    this.awaiting = { turnId: null, since };
  }

  /** The server named the turn being waited for. */
  turnNamed(turnId: string): void {
    if (this.awaiting) this.awaiting.turnId = turnId;
  }

  /** The measurement, once the turn is named and the player has started it (`startedAt`, performance.now()). */
  measure(startedAt: number | null | undefined): PlaybackReport | null {
    const pending = this.awaiting;
    if (!pending?.turnId || startedAt == null) return null;
    this.report = { turn_id: pending.turnId, playback_ms: Math.max(0, Math.round(startedAt - pending.since)) };
    this.awaiting = null;
    return this.report;
  }

  /** The last measurement not yet sent with a turn (the hang-up sends it without using it up). */
  get unsent(): PlaybackReport | null {
    return this.report;
  }

  /** The last measurement, handed to the next turn once. */
  take(): PlaybackReport | null {
    const report = this.report;
    this.report = null;
    return report;
  }
}
