import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register as globalRegistry } from 'prom-client';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { HelpdeskMetrics } from '../../apps/api/src/monitoring/helpdesk-metrics';
import { admin, agent, auditor, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'a-scraper-token-of-at-least-32-characters';

/** One sample's value from the text exposition, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics/prometheus', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { METRICS_TOKEN, RUN_ROUTING: 'false' } })));
  afterAll(async () => t?.destroy());

  const scrape = async () => (await t.http.get('/metrics/prometheus').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200).expect('Content-Type', /^text\/plain/)).text;

  it('counts commands by type and outcome, times them, their appends and the HTTP requests, and reports projection lag and the SLA watch', async () => {
    const submitted = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201)).body;
    await t.http.post(`/tickets/${submitted.id}/comments`).set(t.as(agent())).send({ body: 'Looking', visibility: 'internal' }).expect(200);
    await t.http.post(`/tickets/${submitted.id}/prioritize`).set(t.as(agent())).set('If-Match', '"0"').send({ priority: 'high' }).expect(409); // stale: a conflict
    await t.http.post(`/tickets/${submitted.id}/resolve`).set(t.as(agent())).send({ resolution: 'done' }).expect(409); // not in progress: refused by the decider
    const last = (await t.http.post(`/tickets/${submitted.id}/categorize`).set(t.as(agent())).send({ category: 'question' }).expect(200)).body.position;
    await t.http.get(`/tickets/${submitted.id}`).query({ consistentWith: last }).set(t.as(agent())).expect(200);
    const engine = t.app.get(ProjectionEngine);
    expect(await engine.waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), undefined, 60_000)).toBe(true);

    const text = await scrape();
    expect(sample(text, 'helpdesk_commands_total', { type: 'SubmitTicket', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'helpdesk_commands_total', { type: 'AddComment', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'helpdesk_commands_total', { type: 'PrioritizeTicket', outcome: 'conflict' })).toBe(1);
    expect(sample(text, 'helpdesk_commands_total', { type: 'ResolveTicket', outcome: 'rejected' })).toBe(1);
    expect(sample(text, 'helpdesk_command_duration_seconds_count', { type: 'CategorizeTicket', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'helpdesk_commands_total', { type: 'StartSession', outcome: 'ok' })).toBeGreaterThanOrEqual(8); // the test cast's sessions
    expect(sample(text, 'helpdesk_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'helpdesk_http_request_duration_seconds_count', { method: 'POST', route: '/tickets', status: '201' })).toBe(1);
    expect(sample(text, 'helpdesk_http_request_duration_seconds_count', { method: 'POST', route: '/tickets/:id/prioritize', status: '409' })).toBe(1);
    expect(text).not.toContain(submitted.id); // routes as patterns, never ids

    const head = Number(await t.app.get<EventStore>(EVENT_STORE).headPosition());
    for (const { name } of await engine.status()) {
      expect({ name, behind: sample(text, 'helpdesk_projection_positions_behind', { projection: name }) }).toEqual({ name, behind: 0 });
      expect({ name, seconds: sample(text, 'helpdesk_projection_seconds_behind', { projection: name }) }).toEqual({ name, seconds: 0 });
      expect({ name, dead: sample(text, 'helpdesk_projection_dead_letters', { projection: name }) }).toEqual({ name, dead: 0 });
      expect({ name, at: sample(text, 'helpdesk_projection_checkpoint_position', { projection: name }) }).toEqual({ name, at: head });
    }
    expect(sample(text, 'helpdesk_event_store_head_position')).toBe(head);

    // The open ticket's first deadline is the SLA watch's next.
    const view = (await t.http.get(`/tickets/${submitted.id}`).set(t.as(agent())).expect(200)).body;
    const dueAt = Math.min(...[view.firstResponseDueAt, view.resolutionDueAt].filter(Boolean).map((d: string) => new Date(d).getTime()));
    expect(sample(text, 'helpdesk_sla_watch_next_due_timestamp_seconds')).toBeLessThanOrEqual(dueAt / 1000);
    expect(sample(text, 'helpdesk_sla_watch_next_due_seconds')).toBeGreaterThan(0);
  });

  it('reports the outbox backlog the outbox registers', async () => {
    t.app.get(HelpdeskMetrics).registerOutboxBacklog(async () => 7);
    expect(sample(await scrape(), 'helpdesk_outbox_backlog')).toBe(7);
  });

  it('keeps each app in a registry of its own: a second app starts from zero and the global registry stays empty', async () => {
    const other = await startTestApp({ env: { METRICS_TOKEN } });
    try {
      const text = (await other.http.get('/metrics/prometheus').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
      expect(sample(text, 'helpdesk_commands_total', { type: 'SubmitTicket', outcome: 'ok' })).toBeUndefined();
      expect(sample(await scrape(), 'helpdesk_commands_total', { type: 'SubmitTicket', outcome: 'ok' })).toBe(1);
      expect(await globalRegistry.metrics()).not.toContain('helpdesk_');
    } finally {
      await other.destroy();
    }
  });

  it('serves every series the Grafana dashboard (docker/grafana-dashboard.json) queries', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docker', 'grafana-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/helpdesk_\w+/g) ?? [])).map((m) => m.replace(/_(bucket|count|sum)$/, '')));
    const text = await scrape();
    t.app.get(HelpdeskMetrics).registerOutboxBacklog(async () => 0);
    const served = new Set([...(await scrape()).matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]));
    expect(text).toContain('# TYPE');
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
  });

  it('answers auditors, admins and the METRICS_TOKEN bearer only', async () => {
    await t.http.get('/metrics/prometheus').expect(401);
    await t.http.get('/metrics/prometheus').set('Authorization', `Bearer ${METRICS_TOKEN.replace(/.$/, 'x')}`).expect(401);
    await t.http.get('/metrics/prometheus').set(t.as(agent())).expect(403);
    await t.http.get('/metrics/prometheus').set(t.as(supervisor)).expect(403);
    await t.http.get('/metrics/prometheus').set(t.as(auditor)).expect(200);
    await t.http.get('/metrics/prometheus').set(t.as(admin)).expect(200);
  });
});
