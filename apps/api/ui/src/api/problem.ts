/** An RFC 9457 problem the API answered, or a network failure (status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }

  get code(): string {
    return this.type.split(':').pop() ?? this.type;
  }

  static async from(response: Response): Promise<ApiProblem> {
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // not JSON: keep the status line
    }
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    return new ApiProblem(response.status, text('type') || `http:${response.status}`, text('title') || response.statusText, text('detail'), body);
  }

  /** Whatever a call threw, as a problem: the API's own, or a failure to reach it. */
  static of(error: unknown): ApiProblem {
    return error instanceof ApiProblem ? error : ApiProblem.network(error);
  }

  static network(cause: unknown): ApiProblem {
    return new ApiProblem(0, 'network', 'Network error', cause instanceof Error ? cause.message : String(cause));
  }
}
