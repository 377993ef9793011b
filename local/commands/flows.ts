import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFlows, type FlowRefs, tokenRefs } from '../../contact-flows/index.ts';
import { checkPublishable, formatProblem } from '../../contact-flows/publish-rules.ts';
import { configFrom, UsageError } from './common.ts';

export const FLOWS_HELP = `switchboard flows [--config F] [--out DIR] [--refs FILE]
  Writes the generated flows as Flow Language JSON, one file each, for the Connect flow designer.
  Without --refs they hold %Token% placeholders (%Lambda:route%, %Queue:sales%, ...); with a JSON file
  of real ARNs in the FlowRefs shape they are ready to import.`;

export async function flows(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      out: { type: 'string', default: 'dist/flows' },
      refs: { type: 'string' },
    },
  });
  const config = configFrom(values.config);
  let refs: FlowRefs = tokenRefs(config);
  if (values.refs) {
    try {
      refs = JSON.parse(readFileSync(values.refs, 'utf8')) as FlowRefs;
    } catch (err) {
      throw new UsageError(`--refs ${values.refs}: ${(err as Error).message}`);
    }
  }
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const defs = Object.values(buildFlows(config, refs));
  // Nothing is written unless Connect would publish every flow.
  const problems = defs.flatMap((def) =>
    checkPublishable(def.content, { file: `${def.key}.json`, kind: def.type }),
  );
  if (problems.length > 0) {
    console.error(`Amazon Connect would refuse to publish:\n  ${problems.map(formatProblem).join('\n  ')}`);
    return 1;
  }
  for (const def of defs) {
    const file = join(out, `${def.key}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ ...def.content, Metadata: { name: def.name, description: def.description, type: def.type } }, null, 2)}\n`,
    );
    console.log(`${file}  ${def.type}, ${def.content.Actions.length} actions`);
  }
  return 0;
}
