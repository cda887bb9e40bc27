import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { Request, Response } from 'express';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@helpdesk/application';
import { EventStoreUnavailableError } from '@helpdesk/event-store';
import { InvalidCursorError, ReadStoreUnavailableError, UnsupportedFilterError } from '@helpdesk/read-store';
import { AgentError } from '@helpdesk/routing';
import { PolicyError } from '@helpdesk/sla';
import { IdentityError, IdentityErrorCode } from '@helpdesk/identity';
import { TicketError, TicketErrorCode } from '@helpdesk/ticketing';
import { KnowledgeError, KnowledgeErrorCode } from '@helpdesk/knowledge';
import { MacroError, MacroErrorCode, RuleError, RuleErrorCode } from '@helpdesk/automation';
import { ThrottlerException } from '@nestjs/throttler';
import { allowedMethods, isUnroutedNotFound } from './method-not-allowed';
import { Problem, PROBLEM_CONTENT_TYPE, ProblemException, problemType } from './problem';

const DOMAIN_ERROR_STATUS: Record<TicketErrorCode | AgentError['code'], [number, string]> = {
  ticket_not_found: [404, 'Ticket not found'],
  agent_not_found: [404, 'Agent not found'],
  agent_already_exists: [409, 'Agent already exists'],
  ticket_already_exists: [409, 'Ticket already exists'],
  illegal_transition: [409, 'Not possible in the ticket’s current state'],
  not_allowed: [403, 'Not allowed'],
  invalid_command: [400, 'Invalid request'],
};

const KNOWLEDGE_ERROR_STATUS: Record<KnowledgeErrorCode, [number, string]> = {
  article_not_found: [404, 'Not found'],
  article_already_exists: [409, 'Article already exists'],
  illegal_transition: [409, 'Not possible in the article’s current state'],
  not_allowed: [403, 'Not allowed'],
  invalid_command: [400, 'Invalid request'],
};

const MACRO_ERROR_STATUS: Record<MacroErrorCode, [number, string]> = {
  macro_not_found: [404, 'Macro not found'],
  illegal_transition: [409, 'Not possible in the macro’s current state'],
  not_allowed: [403, 'Not allowed'],
  invalid_command: [400, 'Invalid macro'],
};

const RULE_ERROR_STATUS: Record<RuleErrorCode, [number, string]> = {
  rule_not_found: [404, 'Automation rule not found'],
  illegal_transition: [409, 'Not possible in the rule’s current state'],
  not_allowed: [403, 'Not allowed'],
  invalid_command: [400, 'Invalid automation rule'],
};

const IDENTITY_ERROR_STATUS: Record<IdentityErrorCode, [number, string]> = {
  user_not_found: [404, 'Not found'],
  user_already_exists: [409, 'User already exists'],
  email_taken: [409, 'Email already in use'],
  not_allowed: [403, 'Not allowed'],
  illegal_transition: [409, 'Not possible in the account’s current state'],
  invalid_command: [400, 'Invalid request'],
  invalid_credentials: [401, 'Not signed in'],
};

/** Every error leaves as RFC 9457 problem+json; only a real fault is a 5xx, and it is logged. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = this.methodNotAllowed(exception, request) ?? this.toProblem(exception);
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.path}: ${String((exception as Error)?.stack ?? exception)}`);
    if (response.headersSent) return;
    response.status(problem.status).set({ ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE });
    response.send(JSON.stringify({ ...problem, instance: problem.instance ?? request.originalUrl }));
  }

  /** Nest's answer for a request no route took, on a path that has routes for other methods. */
  private methodNotAllowed(exception: unknown, request: Request): { problem: Problem; headers: Record<string, string> } | null {
    if (!(exception instanceof NotFoundException) || !isUnroutedNotFound(exception.message, request)) return null;
    const allowed = allowedMethods(request);
    if (allowed.length === 0 || allowed.includes(request.method)) return null;
    return {
      problem: { type: problemType('method-not-allowed'), title: 'Method not allowed', status: 405, detail: `${request.path} answers ${allowed.join(', ')}, not ${request.method}.`, allowed },
      headers: { Allow: allowed.join(', ') },
    };
  }

  private toProblem(exception: unknown): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof ProblemException) return { problem: exception.problem, headers: exception.headers };
    if (exception instanceof TicketError || exception instanceof AgentError) {
      const [status, title] = DOMAIN_ERROR_STATUS[exception.code];
      return { problem: { type: problemType(exception.code.replace(/_/g, '-')), title, status, detail: exception.message }, headers: {} };
    }
    if (exception instanceof KnowledgeError) {
      const [status, title] = KNOWLEDGE_ERROR_STATUS[exception.code];
      return { problem: { type: problemType(exception.code.replace(/_/g, '-')), title, status, detail: exception.message }, headers: {} };
    }
    if (exception instanceof MacroError) {
      const [status, title] = MACRO_ERROR_STATUS[exception.code];
      return { problem: { type: problemType(exception.code.replace(/_/g, '-')), title, status, detail: exception.message }, headers: {} };
    }
    if (exception instanceof RuleError) {
      const [status, title] = RULE_ERROR_STATUS[exception.code];
      return { problem: { type: problemType(exception.code.replace(/_/g, '-')), title, status, detail: exception.message }, headers: {} };
    }
    if (exception instanceof IdentityError) {
      const [status, title] = IDENTITY_ERROR_STATUS[exception.code];
      const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer realm="helpdesk", error="invalid_token"' } : {};
      return { problem: { type: problemType(exception.code.replace(/_/g, '-')), title, status, detail: exception.message }, headers };
    }
    if (exception instanceof ThrottlerException) {
      // The throttler has already set Retry-After on the response.
      return { problem: { type: problemType('rate-limited'), title: 'Too many requests', status: 429, detail: 'Too many requests from this address; wait as long as Retry-After says.' }, headers: {} };
    }
    if (exception instanceof ConcurrencyConflictError) {
      const current = exception.currentRevision;
      return {
        problem: { type: problemType('concurrency-conflict'), title: 'The ticket has changed', status: 409, detail: exception.message, currentRevision: current },
        headers: typeof current === 'number' ? { ETag: `"${current}"` } : {},
      };
    }
    if (exception instanceof IdempotencyKeyReusedError) {
      return { problem: { type: problemType('idempotency-key-reused'), title: 'Idempotency-Key reused', status: 422, detail: exception.message }, headers: {} };
    }
    if (exception instanceof EventStoreUnavailableError) {
      return {
        problem: { type: problemType('store-unavailable'), title: 'The event store cannot take writes right now', status: 503, detail: exception.message },
        headers: { 'Retry-After': '5' },
      };
    }
    if (exception instanceof PolicyError) {
      return { problem: { type: problemType('invalid-sla-policy'), title: 'Invalid SLA policy', status: 400, detail: exception.message, errors: [...exception.errors] }, headers: {} };
    }
    if (exception instanceof InvalidCursorError) {
      return { problem: { type: problemType('invalid-cursor'), title: 'Invalid cursor', status: 400, detail: exception.message }, headers: {} };
    }
    if (exception instanceof UnsupportedFilterError) {
      return { problem: { type: problemType('unsupported-query'), title: 'Unsupported query', status: 400, detail: exception.message }, headers: {} };
    }
    if (exception instanceof ReadStoreUnavailableError) {
      return {
        problem: { type: problemType('read-store-unavailable'), title: 'The read models are unavailable right now', status: 503, detail: exception.message },
        headers: { 'Retry-After': '5' },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return { problem: { type: problemType(`http-${status}`), title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail }, headers: {} };
    }
    return { problem: { type: problemType('internal-error'), title: 'Internal error', status: 500, detail: 'Something went wrong on our side; it has been logged.' }, headers: {} };
  }
}
