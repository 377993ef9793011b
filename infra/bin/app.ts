#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load.ts';
import { buildApp } from '../app.ts';

// `npx cdk deploy` uses switchboard.yaml; `-c config=FILE` (or SWITCHBOARD_CONFIG) picks another.
const app = new App();
const file =
  (app.node.tryGetContext('config') as string | undefined) ??
  process.env.SWITCHBOARD_CONFIG ??
  DEFAULT_CONFIG_FILE;
try {
  buildApp(loadConfig(file), { app });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
