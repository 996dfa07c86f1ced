import type { ReplyReservation } from './limiter';

/**
 * Starts a reply while its reservation from takeReplyQuota is being taken, so the turn's reads
 * overlap the quota's round trip instead of following it. `start` gets `admitted` and must spend
 * nothing (no provider call, no write) before it resolves; when the reservation is refused, that
 * refusal is the error, whatever `start` did meanwhile. The stream slot is freed once the reply
 * is saved (`done`), or at once when it could not start.
 */
export async function holdReservation<T>(
  reservation: Promise<ReplyReservation>,
  start: (admitted: Promise<void>) => Promise<T>,
  done: (started: T) => Promise<unknown>,
): Promise<T> {
  const admitted = reservation.then(() => undefined);
  // Either may fail while the other is awaited; each is awaited or dropped below.
  admitted.catch(() => {});
  const starting = start(admitted);
  starting.catch(() => {});
  const held = await reservation;
  let started: T;
  try {
    started = await starting;
  } catch (error) {
    held.release();
    throw error;
  }
  void done(started)
    .catch(() => {})
    .finally(held.release);
  return started;
}
