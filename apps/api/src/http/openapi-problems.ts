import type { OpenAPIObject } from '@nestjs/swagger';
import { POLICY } from '../auth/policy';

const PROBLEM = '#/components/schemas/Problem';

/** RFC 9457 problem details, as every error of this API is answered (apps/api/src/http/problem.ts). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'urn:helpdesk:problem:<name>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
  additionalProperties: true,
};

/** Public routes whose credential is in the body: a wrong or spent one answers 401. */
const CREDENTIAL_ROUTES = new Set(['POST /auth/login', 'POST /auth/refresh']);

/** What some routes answer beyond the shared layers. */
const ALSO: Record<string, string[]> = {
  // Public, but a bearer sent along is checked (knowledge/knowledge-reader.ts): a bad one is a 401.
  'GET /kb/search': ['401'],
  'GET /kb/articles/:id': ['401'],
  'POST /kb/articles/:id/views': ['401'],
  'POST /kb/suggestions/:sessionId/opened': ['401'],
  'POST /kb/suggestions/:sessionId/deflected': ['401'],
  'POST /kb/suggestions/:sessionId/filed': ['401'],
  // ...and suggestions for a ticket being read are for staff, on a ticket within reach.
  'POST /kb/suggestions': ['401', '403', '404'],
  // The body names a ticket: 404 when none is within reach.
  'POST /kb/articles/from-ticket': ['404'],
};

const WHY: Record<string, string> = {
  '400': 'The request is malformed or fails validation',
  '401': 'Not signed in, or the token or session is no longer valid',
  '403': 'The role may not do this',
  '404': 'No such resource within reach (out-of-reach tickets answer the same)',
  '409': 'A concurrent change won (stale If-Match or expected revision), or the state forbids it',
  '413': 'The body is larger than BODY_LIMIT',
  '431': 'The request line or headers are larger than the server reads',
  '422': 'The domain refuses the command, or an Idempotency-Key was reused with another body',
  '429': 'Rate or sign-in limit reached; see Retry-After',
  '503': 'The read models have not reached consistentWith yet; see Retry-After',
};

/**
 * Adds the error answers the app's shared layers give to every operation that can get them
 * (the access guard, the rate limit, validation, consistentWith, the problem filter), so the
 * document describes every response an operation can answer, each as problem+json.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  const publicRoutes = new Set(Object.values(POLICY).filter((rule) => rule.roles === 'public').map((rule) => rule.route));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'delete', 'put', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const codes = ['400', '429', '431'];
      if (!publicRoutes.has(route)) codes.push('401', '403');
      else if (CREDENTIAL_ROUTES.has(route)) codes.push('401');
      if (path.includes('{')) codes.push('404');
      codes.push(...(ALSO[route] ?? []));
      // Public routes that take consistentWith (the knowledge base's search) wait on the read models too.
      const waits = operation.parameters?.some((p) => 'name' in p && ['consistentWith', 'X-Consistent-With'].includes(p.name));
      if ((method === 'get' && !publicRoutes.has(route)) || waits) codes.push('503');
      if (method !== 'get') codes.push('409', '413', '422');
      for (const code of codes) {
        operation.responses[code] ??= { description: WHY[code], content: { 'application/problem+json': { schema: { $ref: PROBLEM } } } };
      }
    }
  }
  return document;
}
