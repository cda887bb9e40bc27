import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { AppModule, AppOptions } from './app.module';
import { Settings } from './config/settings';
import { json } from 'express';
import helmet from 'helmet';
import { bodyParserErrors } from './http/body-parser-errors';
import { answerClientErrorsAsProblems } from './http/client-errors';
import { serveAgentUi } from './http/agent-ui';
import { documentProblems } from './http/openapi-problems';
import { documentValidationLimits } from './http/openapi-validation';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation';
import { Logger } from 'nestjs-pino';
import { HttpLogger } from 'pino-http';
import { REQUEST_LOGGER } from './logging/logging.module';
import { HelpdeskMetrics } from './monitoring/helpdesk-metrics';
import { httpMetrics } from './monitoring/http-metrics';
import { InFlightRequests } from './lifecycle/in-flight-requests';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApp(options: AppOptions & { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    abortOnError: false,
    // The app's own lines go through pino (JSON, LOG_LEVEL) once it is up; `logger: false` mutes them.
    bufferLogs: options.logger !== false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // First of all middleware: every request gets its correlation id and its log line.
  app.use(app.get<HttpLogger>(REQUEST_LOGGER, { strict: false }));
  app.use(httpMetrics(app.get(HelpdeskMetrics)));
  // Counted for a graceful shutdown; refused once it began.
  app.use(app.get(InFlightRequests).middleware);
  const settings = app.get(ConfigService).get<Settings>('settings')!;
  app.set('trust proxy', trustProxy(settings.TRUST_PROXY));
  // helmet's defaults, but no upgrade-insecure-requests: the API docs must load over plain HTTP on the embedded default.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const cors = corsOrigins(settings.CORS_ORIGINS);
  if (cors) {
    app.enableCors({
      origin: cors,
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id', 'X-Consistent-With'],
      exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
  serveAgentUi(app, settings.UI_DIR);
  app.use(json({ limit: settings.BODY_LIMIT, type: ['application/json', 'application/*+json'] }), bodyParserErrors);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  answerClientErrorsAsProblems(app.getHttpServer());
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  const openApi = new DocumentBuilder()
    .setTitle('Helpdesk')
    .setDescription('Event-sourced support ticketing: commands append events; queries read projections.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /auth/login, or an API token (hdk.…)' })
    .build();
  documentValidationLimits();
  SwaggerModule.setup('api/docs', app, () => documentProblems(SwaggerModule.createDocument(app, openApi)), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** CORS_ORIGINS: unset or empty means no cross-origin browser access; "*" any origin; else a list. */
export function corsOrigins(value: string | undefined): string[] | true | null {
  const list = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (list.length === 0) return null;
  return list.includes('*') ? true : list;
}

/** TRUST_PROXY: "false", "true", a hop count, or addresses/subnets as Express takes them. */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
