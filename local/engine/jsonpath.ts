/**
 * Connect's dynamic references: `$.Attributes.x`, `$.External.x`, `$.Lex.SessionAttributes.x`,
 * `$.Attributes.['key with spaces']`, ... A path ends at the first character that cannot continue it, so
 * prose can follow ("$.External.ticketId. Goodbye", "在$.External.due之前").
 */
const PATH = /\$(?:\.[A-Za-z0-9_-]+|\.?\['[^']+'\])+/g;
const SINGLE = /^\$(?:\.[A-Za-z0-9_-]+|\.?\['[^']+'\])+$/;

export function isSinglePath(value: string): boolean {
  return SINGLE.test(value.trim());
}

export function segments(path: string): string[] {
  const out: string[] = [];
  for (const m of path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\.?\['([^']+)'\]/g)) out.push(m[1] ?? m[2]!);
  return out;
}

export type Lookup = (path: string[]) => unknown;

/** Resolves one reference; a missing value is "" (and reported through `onMissing`). */
export function resolvePath(path: string, lookup: Lookup, onMissing?: (path: string) => void): string {
  const v = lookup(segments(path));
  if (v === undefined || v === null) {
    onMissing?.(path);
    return '';
  }
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Replaces every reference inside a text. */
export function interpolate(text: string, lookup: Lookup, onMissing?: (path: string) => void): string {
  return text.replace(PATH, (p) => resolvePath(p, lookup, onMissing));
}

/** Walks a view object by path segments (case-sensitive, as Connect is). */
export function walk(root: unknown, path: string[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
