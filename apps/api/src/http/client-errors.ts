import type { Server } from 'node:http';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemType } from './problem';

/**
 * Requests Node's HTTP parser refuses before the app sees them (a request line and headers over
 * --max-http-header-size, a malformed request, a request that timed out) are answered as every
 * other error is, problem+json that names the problem, not Node's bare status line.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, name, detail] = refusal(error.code);
    const body = JSON.stringify({ type: problemType(name), title: STATUS_CODES[status], status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function refusal(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'headers-too-large', `The request line and headers are larger than this server reads (${Math.round(maxHeaderSize / 1024)} KiB): send long filters in fewer, shorter parameters.`];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'request-timeout', 'The request was not received in time.'];
  return [400, 'malformed-request', 'The request is not well-formed HTTP.'];
}
