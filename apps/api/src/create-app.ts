import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { AppModule, AppOptions } from './app.module';
import { Settings } from './config/settings';
import { json } from 'express';
import { bodyParserErrors } from './http/body-parser-errors';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApp(options: AppOptions & { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    abortOnError: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  const settings = app.get(ConfigService).get<Settings>('settings')!;
  app.use(json({ limit: settings.BODY_LIMIT, type: ['application/json', 'application/*+json'] }), bodyParserErrors);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  const openApi = new DocumentBuilder()
    .setTitle('Helpdesk')
    .setDescription('Event-sourced support ticketing: commands append events; queries read projections.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /auth/login, or an API token (hdk.…)' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
