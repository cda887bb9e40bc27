import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, START } from '@helpdesk/event-store';
import { buildApps, cliEntry } from '../support/build-once';
import { admin, agent, auditor, customer, newTicket, startTestApp, supervisor } from '../support/test-app';
import { mongoEnv } from '../support/mongo-env';

jest.setTimeout(180_000);

const cli = (dataDir: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: { ...process.env, DATA_DIR: dataDir, ...mongoEnv(dataDir) }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

// No notification outbox: its events would land in the feed after the commands and change the counts checked here.
const withoutOutbox = { env: { RUN_NOTIFICATIONS: 'false' } };

describe('auditor CLI: replay and verify', () => {
  beforeAll(() => buildApps());

  it('replays a ticket by number, verifies every chain, and names a tampered event', async () => {
    const t = await startTestApp(withoutOutbox);
    try {
      // The test cast's accounts are already in the feed: their events and streams count too.
      const accounts = await t.app.get<EventStore>(EVENT_STORE).readAll(START, 10_000);
      const accountStreams = new Set(accounts.map((e) => e.streamId)).size;
      const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
      await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      const done = (await t.http.post(`/tickets/${ticket.id}/acknowledge`).set(t.as(agent('agent-ali'))).send({}).expect(200)).body;
      await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(t.as(agent())).expect(200);
      await t.http.post('/audit/checkpoints').set(t.as(agent())).expect(403);
      const signed = (await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200)).body.checkpoint;
      expect(signed).toMatchObject({ position: done.position, events: accounts.length + 4 });
      expect((await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200)).body.checkpoint).toBeNull();
      const listed = (await t.http.get('/audit/checkpoints').set(t.as(auditor)).expect(200)).body;
      expect(listed.publicKey).toMatch(/BEGIN PUBLIC KEY/);
      expect(listed.items[0]).toMatchObject({ feedHash: signed.feedHash, signature: signed.signature });
      await t.stop();

      const replay = cli(t.dataDir, 'replay', 'HD-000001');
      expect(replay.status).toBe(0);
      expect(replay.out).toContain('#1  2026-01-05T04:00:00.000Z');
      expect(replay.out).toContain('Supervisor sup-sana assigned the ticket to agent-ali.');
      expect(replay.out).toContain('→ status assigned, priority medium, category incident, assignee agent-ali');
      expect(cli(t.dataDir, 'replay', ticket.id, '--lang', 'ur').out).toContain('نے تفویض کی تصدیق کی');

      const clean = cli(t.dataDir, 'verify', '--all');
      expect(clean.out).toContain(`OK: ${accountStreams + 3} stream(s), ${accounts.length + 5} event(s), 1 signed checkpoint(s) checked, 0 broken`);
      expect(clean.status).toBe(0);

      const db = new Database(join(t.dataDir, 'events.db'));
      db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = ? AND revision = 2`).run(`ticket-${ticket.id}`);
      db.close();
      const tampered = cli(t.dataDir, 'verify', '--all');
      expect(tampered.status).toBe(1);
      expect(tampered.out).toContain(`BROKEN ticket-${ticket.id} at revision 2`);
      expect(cli(t.dataDir, 'verify', ticket.id).status).toBe(1);
    } finally {
      await t.destroy();
    }
  });

  it('notices, through the signed checkpoint, a deletion no stream chain can see', async () => {
    const t = await startTestApp(withoutOutbox);
    try {
      const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
      await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
      await t.stop();

      // Removing a stream's last event leaves every chain intact.
      const db = new Database(join(t.dataDir, 'events.db'));
      db.prepare(`DELETE FROM events WHERE stream_id = ? AND revision = 1`).run(`ticket-${ticket.id}`);
      db.close();
      expect(cli(t.dataDir, 'verify', ticket.id).status).toBe(0);
      const all = cli(t.dataDir, 'verify', '--all');
      expect(all.status).toBe(1);
      expect(all.out).toMatch(/BROKEN checkpoint at position \d+ \(covering up to \d+\): position \d+ is no longer in the feed/);
    } finally {
      await t.destroy();
    }
  });
});
