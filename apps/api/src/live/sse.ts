/**
 * Server-sent events framing (WHATWG HTML, "Server-sent events"). A field value never holds a
 * line break: data is one line of JSON, ids are positions, event names are ours.
 */
export function sseMessage(event: string, data: unknown, id?: bigint): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by EventSource, it keeps the connection and any proxy on the way awake. */
export const sseComment = (text: string) => `: ${text}\n\n`;

/** How long a plain EventSource (no client of ours) waits before it reconnects by itself. */
export const sseRetry = (ms: number) => `retry: ${ms}\n\n`;
