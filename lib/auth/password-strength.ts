import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { HearthError } from '@/lib/errors';

/**
 * Refuses passwords that are common, breached or easy to guess, as NIST SP 800-63B asks (rather
 * than rules about symbols and digits): zxcvbn-ts with its dictionaries of common and breached
 * passwords, English words and names, keyboard patterns and sequences, all shipped in the npm
 * packages and read on the server only (the forms call server actions): nothing is fetched at run
 * time, and none of it reaches a browser bundle.
 *
 * Score 2 or more is required: zxcvbn's estimate of at least 10^8 guesses, out of reach of an
 * online attack (sign-ins are throttled) and costly offline against argon2id.
 */
export const MIN_PASSWORD_SCORE = 2;

let factory: ZxcvbnFactory | undefined;

function estimator(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment and some memory to index.
  return (factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
  }));
}

/**
 * Why this password would be refused, in a sentence the sign-up or password form shows beside the
 * field, or null when it is fine. `related` are words the person is known by (email, name), which
 * a password must not be built on either.
 */
export function passwordProblem(password: string, related: (string | null | undefined)[] = []): string | null {
  const inputs = related
    .flatMap((value) => (value ? [value, ...value.split(/[@.\s_+-]+/)] : []))
    .filter((part) => part.length >= 3);
  const result = estimator().check(password.slice(0, 100), [...inputs, 'hearth']);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return explanation(result);
}

/** passwordProblem as a 400 naming the field. */
export function assertStrongPassword(
  password: string,
  related: (string | null | undefined)[] = [],
  param = 'password',
): void {
  const problem = passwordProblem(password, related);
  if (problem) throw new HearthError('bad_request', problem, { param });
}

function explanation(result: ZxcvbnResult): string {
  const warning = result.feedback.warning?.replace(/\.$/, '');
  const reason = warning ? `${warning}.` : 'This password would be easy to guess.';
  return `${reason} Choose another: a few unrelated words together are strong and easy to remember.`;
}
