import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { enConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

type Resource = { Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

/** Every IAM statement of the template that names a Bedrock action, with its resources. */
function bedrockStatements(t: Template): Statement[] {
  return (Object.values(t.findResources('AWS::IAM::Policy')) as Resource[])
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => [s.Action].flat().some((a) => a.startsWith('bedrock:')));
}

/** The environment of the assistant function (the one whose environment sets BEDROCK_TIMEOUT_MS). */
function assistantEnvironment(t: Template): Record<string, unknown> {
  const fns = Object.values(t.findResources('AWS::Lambda::Function')) as Resource[];
  const vars = fns
    .map((f) => (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables)
    .filter((v) => v?.BEDROCK_TIMEOUT_MS !== undefined);
  expect(vars).toHaveLength(1);
  return vars[0]!;
}

describe('assistant with provider: bedrock', () => {
  let faqOnly: Template;
  let withBedrock: Template;
  beforeAll(() => {
    faqOnly = synthStack(enConfig()).template;
    const c = enConfig();
    c.assistant = { ...c.assistant, provider: 'bedrock', bedrockModelId: 'amazon.nova-lite-v1:0' };
    withBedrock = synthStack(c).template;
  });

  it('grants bedrock:InvokeModel on the configured foundation model only, and nothing without Bedrock', () => {
    expect(bedrockStatements(faqOnly)).toEqual([]);
    const statements = bedrockStatements(withBedrock);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe('bedrock:InvokeModel');
    const resource = JSON.stringify(statements[0]!.Resource);
    expect(resource).toContain(':foundation-model/amazon.nova-lite-v1:0');
    expect(resource).not.toContain('*');
  });

  it('time-boxes the model at 1.5 s, well inside the flow time limit of the assistant (3 s)', () => {
    expect(assistantEnvironment(withBedrock).BEDROCK_TIMEOUT_MS).toBe('1500');
  });
});
