/**
 * What the sign-in page says for the `?error=` next-auth (or Hearth's own OAuth checks) sends it
 * back with. Unknown codes get the generic line: the parameter is anyone's to write.
 */
const MESSAGES: Record<string, string> = {
  OAuthAccountNotLinked:
    'An account already uses this email address. Sign in with its password first, then confirm your address in Settings › Security: after that, this button signs you in too.',
  OAuthEmailUnverified: 'That account hasn’t verified its email address. Verify it there first, then try again.',
  RegistrationClosed: 'New accounts can’t be created on this server. If you already have one, sign in with it.',
  AccountDisabled: 'This account has been disabled.',
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : 'Sign-in failed. Try again.';
}
