import { loadConfig } from '../config/load.ts';
import { LocalSwitchboard } from '../local/switchboard.ts';
import { populate } from '../test/ops/fixtures.ts';

const cfgFile = process.argv[2]!;
const dir = process.argv[3]!;
const config = loadConfig(cfgFile);
const sb = await LocalSwitchboard.start(config, { dataDir: dir });
const t = Date.now();
console.log(
  await populate(sb.db.doc, sb.db.tables, config, {
    start: process.argv[4] ?? '2026-11-02',
    days: Number(process.argv[5] ?? 28),
    callsPerDay: Number(process.argv[6] ?? 70),
  }),
  Date.now() - t,
  'ms',
);
await sb.stop();
