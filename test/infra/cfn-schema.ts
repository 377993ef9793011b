import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Validates CloudFormation resource properties against the registry schemas in ../shared/cfn-schemas
 * (JSON Schema draft-07 plus CloudFormation keywords). A value that is an intrinsic function
 * (Ref, Fn::*) is accepted wherever a value stands, as cfn-lint does.
 */
export type Schema = Record<string, unknown>;

export interface SchemaProblem {
  resource: string;
  type: string;
  path: string;
  message: string;
}

export function schemaFile(dir: string, type: string): string {
  return join(dir, `${type.toLowerCase().replace(/::/g, '-')}.json`);
}

export function loadSchema(dir: string, type: string): Schema | undefined {
  const f = schemaFile(dir, type);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Schema) : undefined;
}

const isIntrinsic = (v: unknown): boolean =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  /^(Ref|Fn::\w+|Condition)$/.test(Object.keys(v)[0]!);

const typeOf = (v: unknown): string =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v;

function typeMatches(expected: string, v: unknown): boolean {
  const t = typeOf(v);
  if (expected === 'number')
    return (
      t === 'number' ||
      t === 'integer' ||
      (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
    );
  if (expected === 'integer') return t === 'integer' || (typeof v === 'string' && /^-?\d+$/.test(v));
  if (expected === 'boolean') return t === 'boolean' || v === 'true' || v === 'false';
  if (expected === 'string') return t === 'string' || t === 'number' || t === 'integer' || t === 'boolean';
  return t === expected;
}

const regexCache = new Map<string, RegExp | null>();
function regex(raw: string): RegExp | null {
  // The registry schemas use Python's string anchors \A and \Z, which JavaScript spells ^ and $.
  const pattern = raw.replace(/\\A/g, '^').replace(/\\Z/g, '$');
  if (!regexCache.has(raw)) {
    try {
      regexCache.set(raw, new RegExp(pattern, 'u'));
    } catch {
      try {
        regexCache.set(raw, new RegExp(pattern));
      } catch {
        regexCache.set(raw, null);
      }
    }
  }
  return regexCache.get(raw)!;
}

export function validate(schema: Schema, root: Schema, value: unknown, path: string, out: string[]): void {
  if (isIntrinsic(value)) return;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/definitions/', '');
    const def = (root.definitions as Record<string, Schema> | undefined)?.[name];
    if (!def) out.push(`${path}: unresolved $ref ${schema.$ref}`);
    else validate(def, root, value, path, out);
    return;
  }
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) validate(sub, root, value, path, out);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const subs = schema[key] as Schema[] | undefined;
    if (subs) {
      const ok = subs.some((s) => {
        const o: string[] = [];
        validate(s, root, value, path, o);
        return o.length === 0;
      });
      if (!ok) out.push(`${path}: matches none of the ${key} alternatives`);
    }
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, value)))
      return void out.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value || String(e) === String(value)))
    out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      out.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      out.push(`${path}: longer than ${schema.maxLength}`);
    // CDK tokens inside a string (Fn::Join parts) cannot be checked; plain strings can.
    if (typeof schema.pattern === 'string') {
      const re = regex(schema.pattern);
      if (re && !re.test(value))
        out.push(`${path}: ${JSON.stringify(value.slice(0, 80))} does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      out.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      out.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      out.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      out.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === 'object')
      for (const [i, v] of value.entries()) validate(schema.items as Schema, root, v, `${path}[${i}]`, out);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const r of (schema.required as string[] | undefined) ?? [])
      if (!(r in obj)) out.push(`${path}: missing required property ${r}`);
    const patternProps = Object.entries(
      (schema.patternProperties as Record<string, Schema> | undefined) ?? {},
    );
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) {
        validate(props[k]!, root, v, `${path}.${k}`, out);
        continue;
      }
      const pp = patternProps.find(([p]) => regex(p)?.test(k));
      if (pp) validate(pp[1], root, v, `${path}.${k}`, out);
      else if (schema.additionalProperties === false) out.push(`${path}: unknown property ${k}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        validate(schema.additionalProperties as Schema, root, v, `${path}.${k}`, out);
    }
  }
}

/** Problems of every resource in a template whose type has a schema; `unchecked` lists the types without one. */
export function validateTemplate(
  template: { Resources: Record<string, { Type: string; Properties?: unknown }> },
  dir: string,
) {
  const problems: SchemaProblem[] = [];
  const unchecked = new Set<string>();
  let checked = 0;
  for (const [id, res] of Object.entries(template.Resources)) {
    const schema = loadSchema(dir, res.Type);
    if (!schema) {
      unchecked.add(res.Type);
      continue;
    }
    checked++;
    const out: string[] = [];
    validate(schema, schema, res.Properties ?? {}, 'Properties', out);
    const readOnly = ((schema.readOnlyProperties as string[] | undefined) ?? []).map((p) =>
      p.replace('/properties/', ''),
    );
    for (const p of readOnly)
      if (!p.includes('/') && p in ((res.Properties as Record<string, unknown>) ?? {}))
        out.push(`Properties.${p}: read-only property set`);
    for (const message of out)
      problems.push({ resource: id, type: res.Type, path: message.split(':')[0]!, message });
  }
  return { problems, unchecked: [...unchecked].sort(), checked };
}
