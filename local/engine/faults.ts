/**
 * Faults the local instance can inject, one registry for `--fail` and `verify`: every flow-invoked
 * function of the contract registry, the AWS services the handlers use, and failures of Connect itself.
 * Each target names the modes it accepts; `verify` explores every (target, mode) pair as a fault plan.
 *
 * Where each fault is applied:
 * - a flow function: in the local instance's `invoke` (error: throws before the handler runs, on every
 *   invocation: the function is down; timeout: exceeds the flow's time limit, on every invocation;
 *   after-write: the first invocation of the function in a call does its work, then fails, as a Lambda that
 *   times out after writing or whose response is lost does; a partial failure is a fault of that one
 *   invocation, so a retry in the same call runs normally and finds what the first one wrote);
 * - `sns`, `dynamodb`, `bedrock`: in the handlers' collaborators (an outbox notifier that refuses or is
 *   slow, a document client that throttles, a reranker that fails or times out), never in SDK middleware;
 * - Connect faults: in the engine's action handlers (actions.ts), which take the documented error branch.
 */

/** How a target fails. */
export type FaultMode = 'error' | 'timeout' | 'after-write';

export interface FaultTarget {
  readonly name: string;
  readonly kind: 'function' | 'service' | 'connect';
  readonly modes: readonly FaultMode[];
  /** What each mode does, for `--help` and verify's table. */
  readonly describe: (mode: FaultMode) => string;
}

/** AWS services behind the handlers (the name is what `--fail` takes). */
export const SERVICE_FAULTS: readonly FaultTarget[] = [
  {
    name: 'sns',
    kind: 'service',
    modes: ['error', 'timeout'],
    describe: (m) =>
      m === 'timeout'
        ? 'SNS is slow: each SMS or e-mail takes 5 s (the send succeeds late)'
        : 'SNS refuses every SMS and e-mail',
  },
  {
    name: 'dynamodb',
    kind: 'service',
    modes: ['error'],
    describe: () => 'DynamoDB throttles every request (ProvisionedThroughputExceededException)',
  },
  {
    name: 'bedrock',
    kind: 'service',
    modes: ['error', 'timeout'],
    describe: (m) =>
      m === 'timeout'
        ? 'Bedrock does not answer within its time limit'
        : 'Bedrock refuses (ThrottlingException)',
  },
];

/**
 * Failures of Connect itself, each the documented error branch of one block (Connect admin guide:
 * transfer-to-queue.html QueueAtCapacity and Error, transfer-to-phone-number.html, create-callback).
 */
export const CONNECT_FAULTS: readonly FaultTarget[] = [
  {
    name: 'queue-full',
    kind: 'connect',
    modes: ['error'],
    describe: () => 'every queue is at capacity (Transfer to queue takes QueueAtCapacity)',
  },
  {
    name: 'queue-transfer',
    kind: 'connect',
    modes: ['error'],
    describe: () => 'Connect cannot put the contact in a queue (Transfer to queue takes Error)',
  },
  {
    name: 'transfer-failed',
    kind: 'connect',
    modes: ['error'],
    describe: () => 'a transfer to a phone number fails (CallFailed, or Error)',
  },
  {
    name: 'callback-failed',
    kind: 'connect',
    modes: ['error'],
    describe: () => 'a callback contact cannot be created (Error)',
  },
];

const FUNCTION_MODES: readonly FaultMode[] = ['error', 'timeout', 'after-write'];

/** Every fault target: the given flow functions first, then services and Connect. */
export function faultTargets(functionNames: readonly string[]): FaultTarget[] {
  return [
    ...functionNames.map(
      (name): FaultTarget => ({
        name,
        kind: 'function',
        modes: FUNCTION_MODES,
        describe: (m) =>
          m === 'timeout'
            ? `${name} exceeds the flow's time limit`
            : m === 'after-write'
              ? `${name}'s first invocation in a call does its work (writes, pages), then fails; a retry runs normally`
              : `${name} fails`,
      }),
    ),
    ...SERVICE_FAULTS,
    ...CONNECT_FAULTS,
  ];
}

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

/**
 * Parses `NAME[:MODE]` (`route`, `route:timeout`, `ticket:after-write`, `sns`, `queue-full`); the mode
 * defaults to `error`. Throws FaultSpecError naming the accepted names or modes.
 */
export function parseFaultSpec(spec: string, functionNames: readonly string[]): [string, FaultMode] {
  const i = spec.indexOf(':');
  const name = (i < 0 ? spec : spec.slice(0, i)).trim();
  const mode = (i < 0 ? 'error' : spec.slice(i + 1).trim()) as FaultMode;
  const targets = faultTargets(functionNames);
  const target = targets.find((t) => t.name === name);
  if (!target)
    throw new FaultSpecError(
      `--fail "${spec}": the function must be one of ${functionNames.join(', ')}, or a service or Connect fault: ${[...SERVICE_FAULTS, ...CONNECT_FAULTS].map((t) => t.name).join(', ')}`,
    );
  if (!target.modes.includes(mode))
    throw new FaultSpecError(`--fail "${spec}": ${name} fails as ${target.modes.join(' or ')}`);
  return [name, mode];
}

/** The documented error a throttled DynamoDB request throws (as the AWS SDK v3 shapes it). */
export function throttlingError(): Error {
  const err = new Error('Rate of requests exceeds the allowed throughput (--fail dynamodb)');
  err.name = 'ProvisionedThroughputExceededException';
  Object.assign(err, {
    $fault: 'client',
    $retryable: { throttling: true },
    $metadata: { httpStatusCode: 400, attempts: 1 },
  });
  return err;
}
