import { ApiProblem } from './problem';
import { CommandResult, Profile, TokenPair, VerificationSent, Verified } from './types';

const STORAGE_KEY = 'helpdesk.session';
const RENEW_BEFORE_MS = 30_000;

interface StoredSession {
  refreshToken: string;
  user: Profile;
}

export interface CommandOptions {
  /** The ticket revision the agent saw: a concurrent change answers 409 instead of being overwritten. */
  ifMatch?: number;
  /** PUT for a change that sends the whole next version (a rule); POST otherwise. */
  method?: 'POST' | 'PUT';
}

/**
 * The UI's only way to the helpdesk: the public HTTP API. It keeps the session (the access token
 * in memory, the refresh token in this tab's sessionStorage so a reload keeps you signed in),
 * renews it once on a 401, and makes reads follow writes: every query carries `consistentWith`,
 * the highest position any command of this tab has returned, so the read side answers only once
 * it has applied what this agent just did.
 */
export class ApiClient {
  private accessToken: string | null = null;
  /** When the access token runs out, by this browser's clock (renewed a little before). */
  private accessExpiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private position = 0n;
  user: Profile | null = null;
  onSessionEnded: () => void = () => undefined;

  constructor(
    private readonly base = '',
    private readonly storage: Storage | null = typeof sessionStorage === 'undefined' ? null : sessionStorage,
  ) {
    const stored = this.readStored();
    if (stored) this.user = stored.user;
  }

  get signedIn(): boolean {
    return this.user !== null;
  }

  /** The position reads must have caught up with ("0" before this tab's first command). */
  get consistentWith(): string {
    return this.position.toString();
  }

  async signIn(email: string, password: string): Promise<Profile> {
    const pair = await this.send<TokenPair>('POST', '/auth/login', { email, password }, { auth: false });
    this.keep(pair);
    return pair.user;
  }

  /** Asks for a one-time link and code by email (the same answer for every address). */
  startEmailSignIn(email: string, language: string): Promise<VerificationSent> {
    return this.send<VerificationSent>('POST', '/auth/customer/start', { email, language }, { auth: false });
  }

  /** Proves the address with the link's token or the code: signs in (and files a waiting web-form ticket). */
  async verifyEmail(proof: { token: string } | { email: string; code: string }): Promise<Verified> {
    const verified = await this.send<Verified>('POST', '/auth/customer/verify', proof, { auth: false });
    this.keep(verified);
    if (verified.ticket) this.follow(verified.ticket.position);
    return verified;
  }

  /**
   * A multipart command (a form with files): signed in, or `auth: false` for the public web
   * form. One idempotency key per call.
   */
  async upload<T>(path: string, form: FormData, options: { auth?: boolean } = {}): Promise<T> {
    const result = await this.send<T>('POST', path, form, { auth: options.auth ?? true, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const position = (result as { position?: unknown } | undefined)?.position;
    if (typeof position === 'string') this.follow(position);
    return result;
  }

  /** A file the API serves only to the signed-in (attachments), as a Blob. */
  async download(path: string): Promise<Blob> {
    return this.send<Blob>('GET', path, undefined, { blob: true });
  }

  /** Ends the session on the server too (after a reload that means renewing the access token first). */
  async signOut(): Promise<void> {
    try {
      // A session that cannot be renewed has already ended on the server.
      if (this.user && (this.accessToken || (await this.renew()))) await this.send('POST', '/auth/logout', {});
    } finally {
      this.forget();
    }
  }

  /** A query: waits for this tab's own writes (bounded by the server), retrying while the read side catches up. */
  async query<T>(path: string, params: Record<string, string | string[] | undefined> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      search.set(key, Array.isArray(value) ? value.join(',') : value);
    }
    if (this.position > 0n) search.set('consistentWith', this.consistentWith);
    const url = search.size ? `${path}?${search}` : path;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send<T>('GET', url);
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 503 && e.code === 'read-model-behind' && attempt < 5) {
          await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }

  /** A command: one idempotency key per call, so a retried request cannot apply twice. */
  async command(path: string, body: unknown = {}, options: CommandOptions = {}): Promise<CommandResult> {
    const headers: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID() };
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    const result = await this.send<CommandResult>(options.method ?? 'POST', path, body, { headers });
    if (typeof result?.position === 'string') this.follow(result.position);
    return result;
  }

  /** A POST that only computes an answer and writes nothing (a rule's backtest): no idempotency key, no position. */
  calculate<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  /**
   * A call to a route open to visitors (the help pages): with the session when there is one, so
   * staff see internal articles; without, a visitor's.
   */
  async open<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = method === 'GET' && this.position > 0n ? `${path}${path.includes('?') ? '&' : '?'}consistentWith=${this.consistentWith}` : path;
    const result = await this.send<T>(method, url, body, { auth: this.signedIn });
    const position = (result as { position?: unknown } | undefined)?.position;
    if (typeof position === 'string' && /^\d+$/.test(position)) this.follow(position);
    return result;
  }

  /** Reads after this include `position` (from a command response). */
  follow(position: string): void {
    const p = BigInt(position);
    if (p > this.position) this.position = p;
  }

  private async send<T>(method: string, path: string, body?: unknown, options: { auth?: boolean; headers?: Record<string, string>; blob?: boolean } = {}): Promise<T> {
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    const auth = options.auth ?? true;
    const stale = !this.accessToken || Date.now() > this.accessExpiresAt - RENEW_BEFORE_MS;
    if (auth && stale && !(await this.renew()) && !this.accessToken) throw this.ended();
    const attempt = () =>
      fetch(this.base + path, {
        method,
        headers: {
          Accept: options.blob ? '*/*' : 'application/json',
          ...(body !== undefined && !form ? { 'Content-Type': 'application/json' } : {}),
          ...(auth && this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {}),
          ...options.headers,
        },
        body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
      });
    let response: Response;
    try {
      response = await attempt();
      if (response.status === 401 && auth) {
        if (!(await this.renew())) throw this.ended();
        response = await attempt();
      }
    } catch (e) {
      throw e instanceof ApiProblem ? e : ApiProblem.network(e);
    }
    if (response.status === 401 && auth) throw this.ended();
    if (!response.ok) throw await ApiProblem.from(response);
    if (options.blob) return (await response.blob()) as T;
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** One refresh at a time, however many requests found the access token expired. */
  private renew(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const stored = this.readStored();
      if (!stored) return false;
      try {
        const response = await fetch(this.base + '/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: stored.refreshToken }),
        });
        if (!response.ok) return false;
        this.keep((await response.json()) as TokenPair);
        return true;
      } catch {
        return false;
      }
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private keep(pair: TokenPair): void {
    this.accessToken = pair.accessToken;
    this.accessExpiresAt = Date.now() + pair.expiresIn * 1000;
    this.user = pair.user;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: pair.refreshToken, user: pair.user } satisfies StoredSession));
  }

  private forget(): void {
    this.accessToken = null;
    this.user = null;
    this.storage?.removeItem(STORAGE_KEY);
  }

  private ended(): ApiProblem {
    this.forget();
    this.onSessionEnded();
    return new ApiProblem(401, 'session-ended', 'Signed out', 'Your session has ended.');
  }

  private readStored(): StoredSession | null {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }
}
