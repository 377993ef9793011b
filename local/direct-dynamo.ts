import * as ddb from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DocClient } from '#domain/doc-client.ts';
import type { InProcessRequestHandler } from './in-process.ts';

/**
 * What dynalite checks of a request's signature: a well-formed SigV4 `Authorization` header and an
 * `X-Amz-Date`, never the signature itself (it has no secret to check it with).
 */
export const LOCAL_AUTH = {
  'x-amz-date': '20260101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, ' +
    'SignedHeaders=host;x-amz-date, Signature=0',
} as const;

/** The DynamoDB operation (`X-Amz-Target`) of each document command the repositories send. */
const OPERATIONS = new Map<unknown, string>([
  [GetCommand, 'GetItem'],
  [PutCommand, 'PutItem'],
  [UpdateCommand, 'UpdateItem'],
  [DeleteCommand, 'DeleteItem'],
  [QueryCommand, 'Query'],
  [ScanCommand, 'Scan'],
  [BatchGetCommand, 'BatchGetItem'],
  [BatchWriteCommand, 'BatchWriteItem'],
]);

/**
 * Where a document command's attribute values are, as lib-dynamodb describes them on each command
 * (`inputKeyNodes`, `outputKeyNodes`): `null` is the value itself, `{}` or `[]` every value of a map or
 * list, `{ '*': nodes }` every entry one level down, `{ key: nodes }` the named keys.
 */
type KeyNodes = null | undefined | unknown[] | { [key: string]: KeyNodes };

// Function-valued members are dropped at every level the traversal visits, as lib-dynamodb does.
const isFn = (v: unknown) => typeof v === 'function';

function each(obj: unknown, f: (v: unknown) => unknown): unknown {
  if (Array.isArray(obj)) return obj.filter((v) => !isFn(v)).map(f);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (isFn(v)) continue;
    const r = f(v);
    if (r !== undefined && !isFn(r)) out[k] = r;
  }
  return out;
}

/** Applies `f` at every place `nodes` names (lib-dynamodb's own traversal rules). */
export function atKeyNodes(obj: unknown, nodes: KeyNodes, f: (v: unknown) => unknown): unknown {
  if (obj === undefined) return undefined;
  if (nodes == null) return f(obj);
  const keys = Object.keys(nodes);
  if (keys.length === 0) return each(obj, (v) => atKeyNodes(v, null, f));
  const named = nodes as Record<string, KeyNodes>;
  if (keys.length === 1 && keys[0] === '*') return each(obj, (v) => atKeyNodes(v, named['*'], f));
  const src = obj as Record<string, unknown>;
  const out = (
    Array.isArray(src)
      ? src.filter((v) => !isFn(v))
      : Object.fromEntries(Object.entries(src).filter(([, v]) => !isFn(v)))
  ) as Record<string, unknown>;
  for (const k of keys) {
    if (isFn(src[k])) continue;
    const r = atKeyNodes(src[k], named[k], f);
    if (r !== undefined && !isFn(r)) out[k] = r;
  }
  return out;
}

// The document client's options (lambdas/shared/dynamo.ts `documentClient`), with the defaults
// lib-dynamodb adds for values converted one at a time.
const MARSHALL = { removeUndefinedValues: true, convertTopLevelContainer: true } as const;
const UNMARSHALL = { convertWithoutMapWrapper: true } as const;
const toWire = (v: unknown) => marshall(v as never, MARSHALL);
const fromWire = (v: unknown) => unmarshall(v as never, UNMARSHALL);
const metadata = (httpStatusCode: number, requestId: string | undefined) => ({
  httpStatusCode,
  ...(requestId ? { requestId } : {}),
  attempts: 1,
  totalRetryDelay: 0,
});

/**
 * Binary attributes travel as base64 in DynamoDB's JSON protocol, as the SDK sends and reads them. The
 * holder's own value is read (`this[key]`): JSON.stringify has already turned a Buffer into
 * `{ type: 'Buffer', data }` by the time the replacer sees `v`.
 */
function replacer(this: Record<string, unknown>, key: string, v: unknown): unknown {
  const raw = this[key];
  return raw instanceof Uint8Array
    ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')
    : v;
}
const reviver = (key: string, v: unknown) =>
  key === 'B' && typeof v === 'string'
    ? new Uint8Array(Buffer.from(v, 'base64'))
    : key === 'BS' && Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? v.map((x: string) => new Uint8Array(Buffer.from(x, 'base64')))
      : v;

/** A DynamoDB error as the SDK throws it: the modelled exception class when there is one. */
function sdkError(
  status: number,
  requestId: string | undefined,
  body: { __type?: string; message?: string; Message?: string },
): Error {
  const name = (body.__type ?? 'UnknownError').split('#').pop()!;
  const message = body.message ?? body.Message ?? name;
  const $metadata = metadata(status, requestId);
  const Modelled = (ddb as unknown as Record<string, unknown>)[name];
  if (typeof Modelled === 'function' && Modelled.prototype instanceof ddb.DynamoDBServiceException) {
    const Ctor = Modelled as new (o: { message: string; $metadata: typeof $metadata }) => Error;
    return new Ctor({ message, $metadata });
  }
  return new ddb.DynamoDBServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    message,
    $metadata,
  });
}

/**
 * The engine's document client: the repositories' commands go straight to the embedded dynalite in
 * this process, as the same DynamoDB JSON requests the SDK would send (marshalled by the SDK's own
 * `@aws-sdk/util-dynamodb` with the deployed document client's options, at the places lib-dynamodb's
 * commands name), and dynalite's errors come back as the SDK's exception classes. What it leaves out is
 * the SDK's per-request middleware (endpoint rules, retries, signing, user agent, logging filters),
 * which measured about 85 % of each request's cost in the engine (`scripts/bench.ts`, throughput
 * profile; 460 µs per GetItem through the SDK, 75 µs direct on this machine). The deployed functions
 * and the handler tests (`startDynamo({ client: 'sdk' })`) use the SDK;
 * test/integration/direct-dynamo.test.ts checks that both give the same results and errors.
 * @throws Error for a command the repositories do not use (so a new one cannot pass unnoticed)
 */
export class DirectDocumentClient {
  constructor(private readonly handler: Pick<InProcessRequestHandler, 'handle'>) {}

  readonly send = (async (
    command: { input: object; inputKeyNodes?: KeyNodes; outputKeyNodes?: KeyNodes },
    ...rest: unknown[]
  ): Promise<unknown> => {
    // The repositories await promises; the SDK's callback form would never be called here.
    if (rest.some((r) => typeof r === 'function'))
      throw new Error('DirectDocumentClient: send(command, callback) is not supported; await the promise');
    const op = OPERATIONS.get(command.constructor);
    if (!op)
      throw new Error(
        `DirectDocumentClient: ${command.constructor.name} is not supported; add it to OPERATIONS in local/direct-dynamo.ts`,
      );
    const body = JSON.stringify(atKeyNodes(command.input, command.inputKeyNodes, toWire), replacer);
    const { response } = (await this.handler.handle({
      method: 'POST',
      path: '/',
      headers: {
        host: 'localhost',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        ...LOCAL_AUTH,
      },
      body,
    })) as { response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } };
    const requestId = response.headers['x-amzn-requestid'];
    const text = Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength);
    const parsed = text.length ? JSON.parse(text.toString('utf8'), reviver) : {};
    if (response.statusCode >= 300) throw sdkError(response.statusCode, requestId, parsed);
    return {
      ...(atKeyNodes(parsed, command.outputKeyNodes, fromWire) as object),
      $metadata: metadata(response.statusCode, requestId),
    };
  }) as DocClient['send'];

  destroy(): void {}
}
