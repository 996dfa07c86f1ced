import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string; role: 'user' | 'admin'; isGuest: boolean };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: 'user' | 'admin';
    guest?: boolean;
    /** The hearth.sessions row of this session (lib/auth/sessions.ts). */
    sessionId?: string;
    /** The user's session version when the session began (lib/auth/session-version.ts). */
    sessionVersion?: number;
  }
}
