import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ManualClock } from '@helpdesk/shared';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  url: string;
  clock: ManualClock;
  dataDir: string;
  /** Closes the app; the data directory stays for a restart. */
  stop(): Promise<void>;
  /** Closes the app and deletes its data. */
  destroy(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'helpdesk-test-'));
}

/** The real HTTP app on a temporary DATA_DIR and a clock the test controls. */
export async function startTestApp(options: { dataDir?: string; clock?: ManualClock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = options.clock ?? new ManualClock('2026-01-05T04:00:00.000Z');
  const app = await createApp({ env: { DATA_DIR: dataDir, ...options.env }, clock, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  let stopped = false;
  const stop = async () => {
    if (!stopped) await app.close();
    stopped = true;
  };
  return {
    app,
    http: request(url.replace('[::1]', '127.0.0.1')),
    url,
    clock,
    dataDir,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const as = (id: string, role: string, email?: string): Record<string, string> => ({ 'X-Actor-Id': id, 'X-Actor-Role': role, ...(email ? { 'X-Actor-Email': email } : {}) });
export const customer = as('cust-ayesha', 'customer', 'ayesha@example.pk');
export const agent = (id = 'agent-ali') => as(id, 'agent');
export const supervisor = as('sup-sana', 'supervisor');

export const newTicket = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Cannot sign in to the portal',
  description: 'The sign-in page rejects my password since this morning.',
  channel: 'web',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
  category: 'incident',
  errorMessages: ['E401: invalid credentials'],
  stepsToReproduce: '1. Open the portal 2. Sign in',
  impact: 'Cannot file visa applications',
  ...overrides,
});
