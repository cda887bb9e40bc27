import { ApiClient } from './client';
import { ApiProblem } from './problem';

/** A fake API behind `fetch`: records every request and answers from a script. */
type Handler = (req: { method: string; url: string; headers: Record<string, string>; body: unknown }) => { status: number; body?: unknown };

function fakeFetch(handler: Handler) {
  const requests: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }> = [];
  const fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    const req = { method: init.method ?? 'GET', url, headers: (init.headers ?? {}) as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined };
    requests.push(req);
    const { status, body } = handler(req);
    const problem = status >= 400;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json' },
    });
  });
  return { fetch, requests };
}

class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

const user = { id: 'agent-ali', email: 'ali@helpdesk.test', name: 'Ali', role: 'agent', teams: [], piiAccess: false };
const pair = (n: number) => ({ tokenType: 'Bearer', accessToken: `access-${n}`, expiresIn: 900, refreshToken: `refresh-${n}`, user });

describe('ApiClient', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => (globalThis.fetch = realFetch));

  async function signedIn(handler: Handler) {
    const fake = fakeFetch((req) => (req.url === '/auth/login' ? { status: 200, body: pair(1) } : handler(req)));
    globalThis.fetch = fake.fetch as unknown as typeof fetch;
    const storage = new MemoryStorage();
    const api = new ApiClient('', storage);
    await api.signIn('ali@helpdesk.test', 'secret');
    return { api, storage, ...fake };
  }

  it('given a command, when the agent reads next, then the read carries the command’s position (read-your-writes)', async () => {
    const { api, requests } = await signedIn((req) =>
      req.method === 'POST' ? { status: 200, body: { id: 't1', revision: 3, position: '4711' } } : { status: 200, body: { items: [] } },
    );
    await api.query('/queue', { view: 'mine' });
    expect(requests.at(-1)!.url).toBe('/queue?view=mine');

    await api.command('/tickets/t1/acknowledge', {}, { ifMatch: 2 });
    await api.query('/queue', { view: 'mine', status: ['new', 'assigned'] });
    expect(requests.at(-1)!.url).toBe('/queue?view=mine&status=new%2Cassigned&consistentWith=4711');
  });

  it('sends the revision seen as If-Match and a fresh Idempotency-Key with every command', async () => {
    const { api, requests } = await signedIn(() => ({ status: 200, body: { id: 't1', revision: 3, position: '9' } }));
    await api.command('/tickets/t1/start', {}, { ifMatch: 2 });
    await api.command('/tickets/t1/start', {}, { ifMatch: 2 });
    const [a, b] = requests.slice(-2);
    expect(a.headers['If-Match']).toBe('"2"');
    expect(a.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['Idempotency-Key']).not.toBe(b.headers['Idempotency-Key']);
    expect(a.headers.Authorization).toBe('Bearer access-1');
  });

  it('sends a whole next version as PUT, and a calculation as a plain POST that moves no read position', async () => {
    const { api, requests } = await signedIn((req) => (req.url.endsWith('/backtest') ? { status: 200, body: { matchCount: 0 } } : { status: 200, body: { id: 'r1', revision: 2, position: '77' } }));
    await api.command('/automation/rules/r1', { name: 'Refunds' }, { ifMatch: 1, method: 'PUT' });
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', url: '/automation/rules/r1', headers: { 'If-Match': '"1"' }, body: { name: 'Refunds' } });
    expect(await api.calculate('/automation/rules/backtest', { days: 7 })).toEqual({ matchCount: 0 });
    expect(requests.at(-1)).toMatchObject({ method: 'POST', body: { days: 7 } });
    expect(requests.at(-1)!.headers['Idempotency-Key']).toBeUndefined();
    expect(api.consistentWith).toBe('77');
  });

  it('never moves the read position backwards', async () => {
    const positions = ['50', '20'];
    const { api } = await signedIn(() => ({ status: 200, body: { id: 't1', revision: 1, position: positions.shift() } }));
    await api.command('/tickets/t1/start');
    await api.command('/tickets/t2/start');
    expect(api.consistentWith).toBe('50');
  });

  it('given an expired access token, renews it once with the refresh token and retries', async () => {
    let refreshed = 0;
    const { api, requests, storage } = await signedIn((req) => {
      if (req.url === '/auth/refresh') return (refreshed++, { status: 200, body: pair(2) });
      return req.headers.Authorization === 'Bearer access-2' ? { status: 200, body: { ok: true } } : { status: 401, body: { title: 'Unauthorized' } };
    });
    const answers = await Promise.all([api.query('/queue'), api.query('/queue/counts')]);
    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    expect(refreshed).toBe(1);
    expect(requests.find((r) => r.url === '/auth/refresh')!.body).toEqual({ refreshToken: 'refresh-1' });
    expect(JSON.parse(storage.getItem('helpdesk.session')!).refreshToken).toBe('refresh-2');
  });

  it('renews the access token shortly before it expires, without a failed request first', async () => {
    let refreshed = 0;
    const { api, requests } = await signedIn((req) => (req.url === '/auth/refresh' ? (refreshed++, { status: 200, body: pair(2) }) : { status: 200, body: {} }));
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now + 60_000);
      await api.query('/queue');
      expect(refreshed).toBe(0);
      clock.mockReturnValue(now + 880_000); // 20 s before the 900 s token runs out
      await api.query('/queue');
      expect(refreshed).toBe(1);
      expect(requests.filter((r) => r.url === '/queue').map((r) => r.headers.Authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
    } finally {
      clock.mockRestore();
    }
  });

  it('given a refresh token that no longer works, ends the session and says so', async () => {
    const ended = jest.fn();
    const { api, storage } = await signedIn(() => ({ status: 401, body: { title: 'Unauthorized' } }));
    api.onSessionEnded = ended;
    await expect(api.query('/queue')).rejects.toMatchObject({ status: 401, code: 'session-ended' });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(api.signedIn).toBe(false);
    expect(storage.getItem('helpdesk.session')).toBeNull();
  });

  it('retries a read while the read side catches up (503 read-model-behind), then answers', async () => {
    let behind = 2;
    const { api } = await signedIn(() =>
      behind-- > 0 ? { status: 503, body: { type: 'urn:helpdesk:problem:read-model-behind', title: 'Read model not caught up yet' } } : { status: 200, body: { items: [1] } },
    );
    await expect(api.query('/queue')).resolves.toEqual({ items: [1] });
  });

  it('turns a problem+json answer into an ApiProblem that names it', async () => {
    const { api } = await signedIn(() => ({ status: 409, body: { type: 'urn:helpdesk:problem:concurrency-conflict', title: 'Conflict', detail: 'Ticket changed', status: 409 } }));
    const error = await api.command('/tickets/t1/start', {}, { ifMatch: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 409, code: 'concurrency-conflict', detail: 'Ticket changed' });
  });

  it('keeps the session across a reload of the tab (the refresh token in sessionStorage, never the access token)', async () => {
    const { storage } = await signedIn(() => ({ status: 200, body: {} }));
    expect(storage.getItem('helpdesk.session')).not.toContain('access-1');
    const reloaded = new ApiClient('', storage);
    expect(reloaded.user).toEqual(user);
  });

  it('signs out on the server as well, even right after a reload (renewing the access token first)', async () => {
    const { storage, requests } = await signedIn((req) => (req.url === '/auth/refresh' ? { status: 200, body: pair(2) } : { status: 204 }));
    const reloaded = new ApiClient('', storage);
    const ended = jest.fn();
    reloaded.onSessionEnded = ended;
    await reloaded.signOut();
    const logout = requests.find((r) => r.url === '/auth/logout')!;
    expect(logout.headers.Authorization).toBe('Bearer access-2');
    expect(storage.getItem('helpdesk.session')).toBeNull();
    expect(reloaded.signedIn).toBe(false);
    expect(ended).not.toHaveBeenCalled();
  });

  it('reports an unreachable server as a network problem', async () => {
    globalThis.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await new ApiClient('', new MemoryStorage()).signIn('a@b.pk', 'x').catch((e) => e);
    expect(error).toMatchObject({ status: 0, type: 'network' });
  });
});
