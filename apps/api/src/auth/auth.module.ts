import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { EVENT_STORE } from '@helpdesk/event-store';
import { Settings, SETTINGS } from '../config/settings';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { Authenticator } from './authenticator';
import { FirstAdmin } from './first-admin';
import { resolveJwtSecret } from './jwt-secret';
import { LoginThrottle } from './login-throttle';
import { SignInService } from './sign-in.service';
import { UsersController } from './users.controller';

/** Sign-in, tokens, account administration, and the guard every route passes. */
@Module({
  imports: [
    JwtModule.registerAsync({
      // After the event store: a DATA_DIR that cannot be written fails there first, with its clear message.
      inject: [SETTINGS, EVENT_STORE],
      // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it
      // as a PEM public key on every verify, which cost more than the rest of the check.
      useFactory: (settings: Settings) => ({ secret: createSecretKey(Buffer.from(resolveJwtSecret(settings))) }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [AccessTokens, Authenticator, LoginThrottle, SignInService, FirstAdmin, AccessGuard],
  exports: [AccessTokens, Authenticator, AccessGuard, SignInService, LoginThrottle],
})
export class AuthModule {}
