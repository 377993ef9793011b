/**
 * The handlers' notion of "now". In Lambda it is the system clock; the local engine simulates time
 * (a call placed `--at 2026-12-25T21:00`) by setting it here, in the same process.
 */
let override: (() => Date) | undefined;

export function now(): Date {
  return override ? override() : new Date();
}

export function setClock(fn: (() => Date) | undefined): void {
  override = fn;
}
