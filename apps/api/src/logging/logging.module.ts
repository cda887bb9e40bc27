import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { Settings } from '../config/settings';
import { requestLogOptions } from './request-log';

/** The pino-http middleware; createApp installs it before every other, so no request goes unlogged. */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * Structured logs (nestjs-pino): a JSON line per request (413s and 429s included), and the app's
 * own log lines as JSON, carrying the request's correlation id when they happen inside one.
 * LOG_LEVEL chooses how much; `stream` replaces standard output (tests capture the lines).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { stream?: DestinationStream } = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          providers: [
            {
              provide: REQUEST_LOGGER,
              inject: [ConfigService],
              useFactory: (config: ConfigService) => pinoHttp(requestLogOptions(config.get<Settings>('settings')!.LOG_LEVEL, options.stream)),
            },
          ],
          inject: [REQUEST_LOGGER],
          useFactory: (http: HttpLogger) => ({ pinoHttp: { logger: http.logger }, useExisting: true }),
        }),
      ],
    };
  }
}
