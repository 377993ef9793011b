#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx switchboard ...` works on a fresh clone without a build.
import { tsImport } from 'tsx/esm/api';

// Local runs only: the SDK's notice that it will need Node 22 in 2027 is not the caller's business.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The handlers' structured logs would drown the phone; SWITCHBOARD_LOG_LEVEL=INFO shows them. Set before
// the handlers' logger is created: Powertools resets to its construction level on every invocation.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.SWITCHBOARD_LOG_LEVEL ?? 'SILENT';

await tsImport('../local/cli.ts', import.meta.url);
