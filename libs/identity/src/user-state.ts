import { UserRole } from './user-role';

export interface ApiTokenRecord {
  name: string;
  secretHash: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface SessionRecord {
  refreshTokenHash: string;
  startedAt: string;
  expiresAt: string;
}

/** A user account as the decider and the authenticator need it: folded from its events. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  teams: string[];
  active: boolean;
  /** scrypt hash in the versioned format of password-hasher.ts; null: cannot sign in with a password. */
  passwordHash: string | null;
  /** Analysts see customer PII only with this grant. */
  piiAccess: boolean;
  apiTokens: Record<string, ApiTokenRecord>;
  /** Live sign-in sessions (expired ones are dropped as later events are folded). */
  sessions: Record<string, SessionRecord>;
  registeredAt: string;
  /** The person's data was erased: the account is closed for good. */
  erased?: boolean;
}

export type UserState = User | null;
