/** RFC 9457 problem details. `type` names the kind of problem; extensions carry specifics. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string) => `urn:helpdesk:problem:${code}`;

/** Thrown by our own HTTP code when a request is wrong in a way a problem body should explain. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem, readonly headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
  }
}

export function problem(status: number, code: string, title: string, detail?: string, extensions: Record<string, unknown> = {}): ProblemException {
  return new ProblemException({ type: problemType(code), title, status, ...(detail ? { detail } : {}), ...extensions });
}
