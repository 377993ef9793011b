import { parseArgs } from 'node:util';
import { LocalSwitchboard } from '../switchboard.ts';
import { verify as explore, formatVerify, verifyPassed } from '../verify.ts';
import { configFrom } from './common.ts';

export const VERIFY_HELP = `switchboard verify [--config F] [--flow FILE] [--json]
  Checks every flow against Connect's publish rules (action allowed in the flow type, parameters and
  ranges, transitions, references), then explores every flow under open / closed / holiday / nobody on
  shift, each menu key, an invalid key and silence, each Lambda succeeding, failing and timing out, and
  each outcome of the world the engine stands in for (percentage splits, customer profiles, other
  teams' Lambdas); exits 1 on a flow Connect would refuse or any path that ends in silence, an
  undefined target, or a loop with no way out. --flow explores a Flow Language file instead.`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      flow: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const sb = await LocalSwitchboard.start(config);
  try {
    const entries = values.flow ? [sb.loadFlowFile(values.flow).key] : undefined;
    const report = await explore(sb, entries ? { entries } : {});
    console.log(values.json ? JSON.stringify(report, null, 2) : formatVerify(report));
    return verifyPassed(report) ? 0 : 1;
  } finally {
    await sb.stop();
  }
}
