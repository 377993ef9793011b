import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LocalSwitchboard } from '../switchboard.ts';
import {
  verify as explore,
  formatVerify,
  type KnownViolation,
  knownReason,
  verifyPassed,
} from '../verify.ts';
import { configFrom, UsageError } from './common.ts';

export const VERIFY_HELP = `switchboard verify [--config F] [--flow FILE] [--json]
  Checks every flow against Connect's publish rules (action allowed in the flow type, parameters and
  ranges, transitions, references), then explores every flow under open / closed / holiday / nobody on
  shift, each menu key, an invalid key and silence, each Lambda succeeding, failing and timing out, and
  each outcome of the world the engine stands in for (percentage splits, customer profiles, other
  teams' Lambdas); exits 1 on a flow Connect would refuse or any path that ends in silence, an
  undefined target, or a loop with no way out. --flow explores a Flow Language file instead.
  --known FILE: broken promises that are known and tracked (JSON: [{ entry, rule, fault, reason }],
  fault "any" for any injected fault) are printed with their reason and do not fail verify; an
  action that is reachable but not reached always fails it.`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      flow: { type: 'string' },
      json: { type: 'boolean', default: false },
      known: { type: 'string' },
    },
  });
  let known: KnownViolation[] = [];
  if (values.known) {
    try {
      known = JSON.parse(readFileSync(values.known, 'utf8')) as KnownViolation[];
    } catch (err) {
      throw new UsageError(`--known ${values.known}: ${(err as Error).message}`);
    }
  }
  const config = configFrom(values.config);
  const sb = await LocalSwitchboard.start(config);
  try {
    const entries = values.flow ? [sb.loadFlowFile(values.flow).key] : undefined;
    const report = await explore(sb, entries ? { entries } : {});
    console.log(values.json ? JSON.stringify(report, null, 2) : formatVerify(report));
    if (!values.json && known.length) {
      const accepted = report.violations.filter((v) => knownReason(v, known) !== undefined);
      const reasons = new Map<string, number>();
      for (const v of accepted) {
        const r = knownReason(v, known)!;
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      for (const [r, n] of reasons) console.log(`KNOWN (${values.known}): ${n} path(s): ${r}`);
      const left = report.violations.length - accepted.length;
      const missed = report.coverage.reduce((a, c) => a + c.missed.length, 0);
      console.log(
        left === 0 && missed === 0
          ? `OK with known issues: every reachable action was reached; every broken promise found is a known one listed in ${values.known}.`
          : `FAILED: ${left} broken promise(s) not in ${values.known}, ${missed} reachable action(s) not reached.`,
      );
    }
    return verifyPassed(report, known) ? 0 : 1;
  } finally {
    await sb.stop();
  }
}
