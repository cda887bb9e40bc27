import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildApps, cliEntry } from '../support/build-once';
import { agent, customer, newTicket, startTestApp, supervisor } from '../support/test-app';

jest.setTimeout(60_000);

const cli = (dataDir: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

describe('auditor CLI: replay and verify', () => {
  beforeAll(() => buildApps());

  it('replays a ticket by number, verifies every chain, and names a tampered event', async () => {
    const t = await startTestApp();
    try {
      const ticket = (await t.http.post('/tickets').set(customer).send(newTicket()).expect(201)).body;
      await t.http.post(`/tickets/${ticket.id}/assign`).set(supervisor).send({ agentId: 'agent-ali' }).expect(200);
      const done = (await t.http.post(`/tickets/${ticket.id}/acknowledge`).set(agent('agent-ali')).send({}).expect(200)).body;
      await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(agent()).expect(200);
      await t.stop();

      const replay = cli(t.dataDir, 'replay', 'HD-000001');
      expect(replay.status).toBe(0);
      expect(replay.out).toContain('#1  2026-01-05T04:00:00.000Z');
      expect(replay.out).toContain('Supervisor sup-sana assigned the ticket to agent-ali.');
      expect(replay.out).toContain('→ status assigned, priority medium, category incident, assignee agent-ali');
      expect(cli(t.dataDir, 'replay', ticket.id, '--lang', 'ur').out).toContain('نے تفویض کی تصدیق کی');

      const clean = cli(t.dataDir, 'verify', '--all');
      expect(clean.out).toMatch(/OK: 2 stream\(s\), 4 event\(s\) checked, 0 broken/);
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
});
