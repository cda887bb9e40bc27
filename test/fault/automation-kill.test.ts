import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { buildApps } from '../support/build-once';
import { killHard, signInCast, startApi as startApiProcess } from '../support/api-process';
import { newTicket, tempDataDir } from '../support/test-app';
import { waitUntil } from '../support/wait';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(600_000);


interface StoredEvent {
  type: string;
  revision: number;
  data: Record<string, any>;
  metadata: { automation?: { ruleId: string } };
}

describe('SIGKILL of the API while automation rules fire', () => {
  const dataDir = tempDataDir();
  let child: ChildProcess | undefined;
  let url: string;
  let http: ReturnType<typeof request>;
  /** Starts a life of the API; `url` and `http` then point at it. */
  const startApi = async (env: Record<string, string> = {}) => {
    const api = await startApiProcess(dataDir, { RUN_ROUTING: 'false', ...env });
    url = api.url;
    http = request(url);
    return api.child;
  };

  beforeAll(() => buildApps());
  afterAll(async () => {
    if (child) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves every action of every firing applied exactly once after the restart', async () => {
    // First life: the rule is written and the reactor has a checkpoint with it.
    child = await startApi();
    const { customer, admin } = await signInCast(url);
    const rule = (
      await http
        .post('/automation/rules')
        .set(admin)
        .send({
          name: 'Triage every request',
          enabled: true,
          events: ['TicketSubmitted'],
          conditions: [{ field: 'channel', op: 'is', values: ['web'] }],
          actions: [
            { type: 'set_priority', priority: 'high' },
            { type: 'add_tags', tags: ['triaged'] },
            { type: 'internal_note', text: { en: 'Triaged {{ticket.number}} automatically.', ur: null } },
          ],
        })
        .expect(201)
    ).body as { id: string };
    const events = async (ticketId: string) => (await http.get(`/tickets/${ticketId}/events`).set(admin).expect(200)).body as StoredEvent[];
    const firedOn = async (ticketId: string) => (await events(ticketId)).some((e) => e.type === 'RuleFired');
    const first = (await http.post('/tickets').set(customer).send(newTicket({ subject: 'first' })).expect(201)).body.id as string;
    await waitUntil('the first firing', () => firedOn(first));
    await killHard(child);

    // Second life, automation off: a backlog of requests the rule has not seen.
    child = await startApi({ RUN_AUTOMATION: 'false' });
    const ids = [first];
    for (let i = 0; i < 200; i++) ids.push((await http.post('/tickets').set(customer).send(newTicket({ subject: `backlog ${i}` })).expect(201)).body.id);
    await killHard(child);

    // Third life: killed while the reactor works through the backlog.
    child = await startApi();
    await waitUntil('the reactor to be in the middle of the backlog', () => firedOn(ids[20]), { intervalMs: 5 });
    await killHard(child);
    child = undefined;
    // The kill did come in the middle: some firings are stored, not all.
    const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    const firedAtKill = (db.prepare("SELECT count(*) AS n FROM events WHERE type = 'RuleFired'").get() as { n: number }).n;
    db.close();
    expect(firedAtKill).toBeGreaterThan(20);
    expect(firedAtKill).toBeLessThan(ids.length);

    // Fourth life: the reactor resumes from its checkpoint. Every ticket has the rule's changes once.
    child = await startApi();
    await waitUntil('every ticket to have its firing', () => firedOn(ids[ids.length - 1]), { timeoutMs: 300_000 });
    for (const id of ids) {
      const byRule = (await events(id)).filter((e) => e.metadata.automation?.ruleId === rule.id);
      expect({ id, types: byRule.map((e) => e.type) }).toEqual({ id, types: ['RuleFired', 'TicketPrioritized', 'TicketTagsChanged', 'CommentAdded'] });
      const revisions = byRule.map((e) => e.revision);
      expect(revisions).toEqual([revisions[0], revisions[0] + 1, revisions[0] + 2, revisions[0] + 3]); // one append
    }
    await killHard(child);
    child = undefined;
  });
});
