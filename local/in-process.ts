import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** The part of the SDK's HttpRequest the handler reads. */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * An SDK request handler that hands each request to an HTTP request listener in the same process (the
 * embedded DynamoDB's), without a socket: the same requests and responses as over loopback, minus the
 * TCP and HTTP parsing on both sides. Implements the `requestHandler` contract of the AWS SDK
 * v3 clients (`handle(request) → { response }`). The listener reads the body as `data`/`end` events (all a
 * Node request listener may rely on, and what dynalite reads); the response body goes back as bytes,
 * which the SDK's deserializers take as they are (no stream to drain).
 */
export class InProcessRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(private readonly listener: RequestListener) {}

  async handle(request: SdkRequest): Promise<{ response: unknown }> {
    const raw = request.body;
    const body =
      raw instanceof Uint8Array
        ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
        : typeof raw === 'string'
          ? Buffer.from(raw, 'utf8')
          : Buffer.alloc(0);
    const headers: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const req = Object.assign(new EventEmitter(), {
      method: request.method,
      url: request.path || '/',
      headers,
    }) as unknown as IncomingMessage;
    // After the listener has attached its handlers (it does so synchronously).
    process.nextTick(() => {
      if (body.length) req.emit('data', body);
      req.emit('end');
    });
    return new Promise((resolve, reject) => {
      const out: Record<string, string> = {};
      const res = {
        statusCode: 200,
        setHeader(name: string, value: unknown) {
          out[name.toLowerCase()] = String(value);
        },
        end(data?: string | Buffer) {
          const buf = data === undefined ? Buffer.alloc(0) : Buffer.from(data);
          resolve({
            response: {
              statusCode: res.statusCode,
              reason: undefined,
              headers: out,
              body: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
            },
          });
        },
      } as unknown as ServerResponse & { statusCode: number };
      try {
        this.listener(req, res);
      } catch (err) {
        reject(err);
      }
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
