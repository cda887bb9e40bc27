import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The agent UI: a static build (apps/api/ui, built by `npm run build` into dist/ui) served at `/`, with
 * hashed assets under `/assets`. It uses only the public HTTP API, so it is an ordinary client:
 * the API's routes, guard and policy are untouched. Routing is by URL hash, so `/` is the only page.
 */
export function serveAgentUi(app: NestExpressApplication, dir: string): void {
  if (!dir) return;
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('AgentUi').warn(`No agent UI at ${root}: "npm run build" builds it; until then / answers 404.`);
    return;
  }
  app.use('/assets', serveStatic(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html')) return next();
    // The page names its hashed assets: it must be revalidated, they never need to be.
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
  });
}
