import { IncomingHttpHeaders, request } from 'node:http';
import { waitUntil } from './wait';

export interface SseMessage {
  event: string;
  id?: string;
  data: any;
}

/** An event stream as a test reads it: every message and comment, parsed as EventSource would. */
export interface SseClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refused request (problem+json), parsed. */
  body: any;
  messages: SseMessage[];
  /** Comment lines received (heartbeats). */
  comments: number;
  /** True once the server ended the stream or the client closed it. */
  closed: boolean;
  /** Waits for the first message (at or after `from`) that `match` accepts. */
  next(what: string, match: (m: SseMessage) => boolean, from?: number): Promise<SseMessage>;
  /** Waits for the server to end the stream. */
  ended(): Promise<void>;
  close(): void;
}

/**
 * Opens `url` as an event stream (GET, `Accept: text/event-stream`) and answers once the response
 * headers are in; a refused request is read whole and its body parsed.
 */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      let fields: Partial<SseMessage> & { dataLines?: string[] } = {};
      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: undefined,
        messages: [],
        comments: 0,
        closed: false,
        next: (what, match, from = 0) => waitUntil(what, () => client.messages.slice(from).find(match) ?? (client.closed ? failClosed(what) : undefined)),
        ended: () => waitUntil('the stream to end', () => client.closed).then(() => undefined),
        close: () => {
          client.closed = true;
          req.destroy();
        },
      };
      res.setEncoding('utf8');
      if (client.status !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            client.body = JSON.parse(text);
          } catch {
            client.body = text;
          }
          client.closed = true;
          resolve(client);
        });
        return;
      }
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (fields.dataLines) {
              const text = fields.dataLines.join('\n');
              let data: unknown = text;
              try {
                data = JSON.parse(text);
              } catch {
                // not JSON: kept as text
              }
              client.messages.push({ event: fields.event ?? 'message', ...(fields.id !== undefined ? { id: fields.id } : {}), data });
            }
            fields = {};
          } else if (line.startsWith(':')) {
            client.comments++;
          } else {
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'data') (fields.dataLines ??= []).push(value);
            else if (name === 'event') fields.event = value;
            else if (name === 'id') fields.id = value;
          }
        }
      });
      const done = () => (client.closed = true);
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
      resolve(client);
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
    req.end();
  });
}

function failClosed(what: string): never {
  throw new Error(`the stream ended before ${what}`);
}
