/**
 * Something wrong with how Hearth is configured, said so that a person can act on it. A refusal
 * stops the start; a warning is printed once and makes /api/health report "degraded".
 */
export type Problem = {
  level: 'refusal' | 'warning';
  /** Stable, for tests and monitors: e.g. database_missing, invalid_value. */
  code: string;
  /** The variable to look at (the first one the message names). */
  setting: string;
  /** One sentence or two, naming what to set; never a secret's value. */
  message: string;
};
