import type { ReplyReservation } from './limiter';

/**
 * Starts a reply under a reservation from takeReplyQuota: the stream slot is freed once the reply
 * is saved (`done`), or at once when it could not start.
 */
export async function holdReservation<T>(
  reservation: ReplyReservation,
  start: () => Promise<T>,
  done: (started: T) => Promise<unknown>,
): Promise<T> {
  let started: T;
  try {
    started = await start();
  } catch (error) {
    reservation.release();
    throw error;
  }
  void done(started)
    .catch(() => {})
    .finally(reservation.release);
  return started;
}
