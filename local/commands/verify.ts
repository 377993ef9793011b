import { parseArgs } from 'node:util';
import { LocalSwitchboard } from '../switchboard.ts';
import { verify as explore, formatVerify } from '../verify.ts';
import { configFrom } from './common.ts';

export const VERIFY_HELP = `switchboard verify [--config F] [--json]
  Explores every flow under open / closed / holiday / nobody on shift, each menu key, an invalid key and
  silence, and each Lambda succeeding, failing and timing out; exits 1 on any path that ends in silence,
  an undefined target, or a loop with no way out.`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const config = configFrom(values.config);
  const sb = await LocalSwitchboard.start(config);
  try {
    const report = await explore(sb);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatVerify(report));
    return report.violations.length === 0 ? 0 : 1;
  } finally {
    await sb.stop();
  }
}
