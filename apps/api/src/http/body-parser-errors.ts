import { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

const KNOWN: Record<string, [string, string]> = {
  'entity.parse.failed': ['malformed-json', 'Malformed JSON'],
  'entity.too.large': ['body-too-large', 'Request body too large'],
  'encoding.unsupported': ['unsupported-encoding', 'Unsupported content encoding'],
  'charset.unsupported': ['unsupported-charset', 'Unsupported charset'],
};

/** Express error middleware right after the JSON parser: its refusals become problem+json. */
export function bodyParserErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string };
  const known = e?.type ? KNOWN[e.type] : undefined;
  if (!known || typeof e.status !== 'number') return next(error);
  response.status(e.status).type(PROBLEM_CONTENT_TYPE).send(
    JSON.stringify({ type: problemType(known[0]), title: known[1], status: e.status, detail: e.message, instance: request.originalUrl }),
  );
}
