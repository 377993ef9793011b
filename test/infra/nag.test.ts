import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { enConfig, zhConfig } from '../helpers.ts';
import { CDK_CONTEXT } from './helpers.ts';

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['en-US', enConfig],
    ['zh-CN', zhConfig],
  ])('leaves no finding unacknowledged in the %s stack (synth throws on any)', (_l, config) => {
    const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    buildApp(config(), { app, code: lambda.Code.fromInline('export const handler = async () => ({});') });
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synth when a finding is not acknowledged', async () => {
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    const { stack } = buildApp(enConfig(), {
      app,
      code: lambda.Code.fromInline('export const handler = async () => ({});'),
    });
    new Bucket(stack, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/The S3 Bucket has server access logs disabled/);
  });

  it('every acknowledgement names its rule and gives a reason', () => {
    const text = readFileSync(join(import.meta.dirname, '../../infra/nag.ts'), 'utf8');
    const acks = [...text.matchAll(/ack\(\s*[^,]+,\s*([^,]+),\s*('[^']+'|`[^`]+`|\w+)/g)];
    expect(acks.length).toBeGreaterThanOrEqual(8);
    for (const a of acks) expect(a[1]!).toMatch(/AwsSolutions-|BASIC_EXECUTION/);
  });
});

describe('synth with real esbuild bundling (what cdk deploy uploads)', () => {
  it('bundles every handler into an ES module that loads and exports handler', async () => {
    const app = new App({ context: { ...CDK_CONTEXT } });
    buildApp(enConfig(), { app });
    const assembly = app.synth();
    const dir = assembly.directory;
    const bundles = readdirSync(dir)
      .filter((d) => d.startsWith('asset.') && existsSync(join(dir, d, 'index.mjs')))
      .map((d) => join(dir, d, 'index.mjs'));
    // 8 functions + escalate, contact-events, weekly-report and the console API.
    expect(bundles.length).toBe(12);
    for (const b of bundles) {
      const size = readFileSync(b).length;
      expect(size).toBeLessThan(3_000_000);
      expect(readFileSync(b, 'utf8')).not.toMatch(/from ?["']#(domain|shared)\//);
    }
  }, 120_000);
});
