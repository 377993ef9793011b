import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type FlowDefinition, type FlowDocument, type FlowType, lintFlow } from './model.ts';

/** `%Lambda:route%`, `%Queue:sales%`, `%LexBotAliasArn%`: names, no spaces. */
const TOKEN = /%([A-Za-z][A-Za-z0-9_-]*(?::[A-Za-z0-9_-]+)?)%/g;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Every placeholder a document uses. */
export function tokensIn(doc: unknown): string[] {
  const found = new Set<string>();
  JSON.stringify(doc).replace(TOKEN, (_, name: string) => {
    found.add(name);
    return '';
  });
  return [...found].sort();
}

/**
 * Fills `%Token%` placeholders in every string of a designer-exported flow. Unlike the sample constructs
 * it is modelled on, an unknown token is an error naming the token and the file, never left in silently.
 */
export function fillTemplate(doc: FlowDocument, values: Record<string, string>, file = 'flow'): FlowDocument {
  const unknown = tokensIn(doc).filter((t) => !(t in values));
  if (unknown.length)
    throw new TemplateError(
      `${file}: unknown token${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `%${t}%`).join(', ')}; known tokens: ${Object.keys(
        values,
      )
        .sort()
        .map((t) => `%${t}%`)
        .join(', ')}`,
    );
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(TOKEN, (_, name: string) => values[name]!);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    return v;
  };
  return walk(doc) as FlowDocument;
}

const TYPE_BY_METADATA: Record<string, FlowType> = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  customerHold: 'CUSTOMER_HOLD',
  customerWhisper: 'CUSTOMER_WHISPER',
  agentWhisper: 'AGENT_WHISPER',
  agentHold: 'AGENT_HOLD',
  outboundWhisper: 'OUTBOUND_WHISPER',
  agentTransfer: 'AGENT_TRANSFER',
  queueTransfer: 'QUEUE_TRANSFER',
};

export function parseFlowFile(file: string): FlowDocument {
  let doc: FlowDocument;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as FlowDocument;
  } catch (err) {
    throw new TemplateError(`${file}: not JSON (${(err as Error).message})`);
  }
  return doc;
}

/** The designer exports in `dir` (`*.json`, sorted); none when the folder does not exist. */
export function customFlowFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** Designer exports placed in `dir` (`*.json`), filled and checked; deployed next to the generated flows. */
export function loadCustomFlows(dir: string, values: Record<string, string>): FlowDefinition[] {
  return customFlowFiles(dir).map((f) => {
    const file = join(dir, f);
    const filled = fillTemplate(parseFlowFile(file), values, file);
    const problems = lintFlow(filled);
    if (problems.length) throw new TemplateError(`${file}:\n  ${problems.join('\n  ')}`);
    const meta = (filled.Metadata ?? {}) as { type?: string; name?: string; description?: string };
    const key = `custom-${basename(f, '.json')}`;
    return {
      key,
      name: meta.name ?? key,
      description: meta.description ?? `Designer flow from contact-flows/custom/${f}`,
      type: TYPE_BY_METADATA[meta.type ?? 'contactFlow'] ?? 'CONTACT_FLOW',
      content: filled,
    };
  });
}
