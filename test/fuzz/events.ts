/**
 * Malformed events for every handler: a hand-written corpus of known nasty ones and fast-check
 * arbitraries that mutate a valid event at random paths. Used by test/fuzz/handlers.test.ts.
 */
import fc from 'fast-check';

export const MB = 1024 * 1024;
export const HUGE = 'x'.repeat(MB);

/** Values that have broken handlers before: nulls, numbers for strings, 1 MB strings, bad escapes, deep nesting. */
export const NASTY_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  Number.NaN,
  true,
  '',
  ' ',
  HUGE,
  '%',
  '%E0%A4%A',
  '%ZZ',
  '\u0000',
  '\uD800',
  'not-a-date',
  '2026-02-30T25:61:00Z',
  '9999-99-99T99:99:99.999Z',
  '+19005550123',
  '__proto__',
  [],
  [null],
  {},
  { toString: 'x' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  deep(2000),
];

/** An object nested `n` levels deep ({ a: { a: ... } }). */
export function deep(n: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

type Path = Array<string | number>;

/** Every path into a JSON-like value (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    const p = [...prefix, Array.isArray(value) ? Number(k) : k];
    out.push(p);
    pathsOf(v, p, out);
  }
  return out;
}

/** A deep copy of `base` with `value` at `path` (`undefined` deletes the key). */
export function setAt(base: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const leafValue = fc.oneof(
  fc.constantFrom(...NASTY_VALUES),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Events that are `base` with one to three fields replaced by nasty values (or removed). */
export function mutants(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), leafValue), { minLength: 1, maxLength: 3 })
    .map((edits) => edits.reduce((event, [path, value]) => setAt(event, path, value), base as unknown));
}

/** Anything at all, shaped like an event or not. */
export const anyEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(...NASTY_VALUES),
);

/**
 * Whether a throw is a handled refusal: an Error with a name of its own ending in `Error`
 * (InvalidEventError, NotSeededError, UnknownShiftError, ...). Built-in errors (TypeError, URIError,
 * RangeError, SyntaxError, ...) and service exceptions (a DynamoDB ValidationException) are bugs.
 */
const BUILT_IN = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'URIError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'AggregateError',
]);
export function isHandledRefusal(err: unknown): boolean {
  return (
    err instanceof Error && /Error$/.test(err.name) && !BUILT_IN.has(err.name) && !err.name.startsWith('$')
  );
}
