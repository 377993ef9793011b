/** Waits `ms` milliseconds. Injected so tests of retry loops do not wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a bounded retry loop backs off between attempts. */
export interface Backoff {
  /** Attempts in all, the first included (>= 1). */
  maxAttempts: number;
  /** Ceiling of the first wait, in ms; doubles with each retry. */
  baseMs: number;
  /** No wait is longer than this, in ms. */
  capMs: number;
  sleep: Sleep;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  random: () => number;
}

/**
 * The wait before retry number `retry` (1 for the first retry), in ms: "full jitter", a uniform draw
 * in [0, min(cap, base × 2^(retry-1))]. Source: AWS Architecture Blog, "Exponential Backoff And
 * Jitter" (2015), which the AWS SDKs follow; jitter keeps contending writers from retrying in step.
 */
export function backoffDelay(retry: number, b: Pick<Backoff, 'baseMs' | 'capMs' | 'random'>): number {
  const ceiling = Math.min(b.capMs, b.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(b.random() * ceiling);
}

export function backoff(
  overrides: Partial<Backoff> = {},
  defaults: Omit<Backoff, 'sleep' | 'random'>,
): Backoff {
  return { ...defaults, sleep: realSleep, random: Math.random, ...overrides };
}
