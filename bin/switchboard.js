#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx switchboard ...` works on a fresh clone without a build.
import { tsImport } from 'tsx/esm/api';

await tsImport('../local/cli.ts', import.meta.url);
