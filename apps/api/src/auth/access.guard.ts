import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Settings, SETTINGS } from '../config/settings';
import { Reflector } from '@nestjs/core';
import { problem } from '../http/problem';
import { Authenticator } from './authenticator';
import { AccessRule, Action, POLICY, POLICY_KEY } from './policy';
import { AuthenticatedRequest } from './principal';

/**
 * Authentication and authorization in one place, for every route: the handler's rule from
 * POLICY; public, or a signed-in principal whose role the rule names. Deny by default.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<Action | undefined>(POLICY_KEY, context.getHandler());
    const rule: AccessRule | undefined = action ? POLICY[action] : undefined;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rule) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} has no access rule; refusing everyone`);
      throw problem(403, 'not-allowed', 'Not allowed', 'This endpoint has no access rule, so nobody may call it.');
    }
    if (rule.roles === 'public') return true;
    if (rule.metricsToken && this.isMetricsToken(request.header('authorization'))) return true;
    const principal = await this.authenticator.authenticate(request);
    request.principal = principal;
    if (!rule.roles.includes(principal.role)) {
      throw problem(403, 'not-allowed', 'Not allowed', `${rule.route} is not open to the ${principal.role} role.`);
    }
    if (rule.sessionOnly && principal.credential.kind !== 'session') {
      throw problem(403, 'not-allowed', 'Not allowed', `${rule.route} needs a signed-in session; API tokens cannot manage credentials.`);
    }
    return true;
  }

  /** `Bearer <METRICS_TOKEN>`, compared in constant time; never when the setting is unset. */
  private isMetricsToken(header: string | undefined): boolean {
    const expected = this.settings.METRICS_TOKEN;
    const sent = /^Bearer (\S+)$/i.exec(header?.trim() ?? '')?.[1];
    if (!expected || !sent) return false;
    const digest = (s: string) => createHash('sha256').update(s).digest();
    return timingSafeEqual(digest(sent), digest(expected));
  }
}
