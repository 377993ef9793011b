/**
 * The embedded DynamoDB without a socket: an SDK request handler (the client's documented
 * `requestHandler` option, not a middleware) that hands each request straight to dynalite's HTTP request
 * listener in the same process. The SDK still signs, serialises and checks each response as it would
 * over the network; only the loopback TCP connection, the HTTP parser and the stream plumbing go. The
 * month simulation makes about a dozen requests a call, so this is a fifth of its CPU time.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** A request handler for `new DynamoDBClient({ requestHandler })` that calls `listener` directly. */
export function inProcessHandler(listener: RequestListener) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(
      request: SdkRequest,
    ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Buffer } }> {
      // The SDK's JSON body is a Uint8Array that also answers string methods: take its bytes as they are.
      const b = request.body;
      const body =
        b instanceof Uint8Array
          ? Buffer.from(b.buffer, b.byteOffset, b.byteLength)
          : Buffer.from(b === undefined ? '' : String(b));
      const req = new EventEmitter() as EventEmitter & Partial<IncomingMessage>;
      req.method = request.method;
      req.url = request.path || '/';
      req.headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return new Promise((resolve) => {
        const headers: Record<string, string> = {};
        const res = {
          statusCode: 200,
          setHeader(name: string, value: unknown) {
            headers[name.toLowerCase()] = String(value);
          },
          end(chunk?: string | Buffer) {
            resolve({
              response: {
                statusCode: res.statusCode,
                headers,
                body: chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk),
              },
            });
          },
        };
        listener(req as IncomingMessage, res as unknown as ServerResponse);
        req.emit('data', body);
        req.emit('end');
      });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
