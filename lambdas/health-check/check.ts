/** What the health check looks at, and a reason for every failure (logged, and shown in the alarm's log). */
export interface HealthTarget {
  instanceId: string;
  phoneNumberArn?: string;
  inboundFlowArn: string;
  queueArns: string[];
  flowArns: string[];
  lambdaArns: string[];
}

export interface ConnectReader {
  instanceStatus(): Promise<string | undefined>;
  /** Flow ARN or id that the phone number is associated with, if any. */
  phoneNumberFlow(
    phoneNumberArn: string,
  ): Promise<{ status: string | undefined; flowId: string | undefined }>;
  queueStatus(queueArn: string): Promise<string | undefined>;
  flowState(flowArn: string): Promise<{ state: string | undefined; status: string | undefined }>;
  associatedLambdas(): Promise<string[]>;
}

export interface HealthReport {
  healthy: boolean;
  problems: string[];
  checks: number;
}

const idOf = (arn: string) => arn.split('/').pop() ?? arn;

/** Checks the instance, the number and its flow, the queues, the flows and the Lambda associations. */
export async function checkHealth(target: HealthTarget, connect: ConnectReader): Promise<HealthReport> {
  const problems: string[] = [];
  let checks = 0;
  const check = async (name: string, fn: () => Promise<string | null>) => {
    checks++;
    try {
      const problem = await fn();
      if (problem) problems.push(problem);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).name}: ${(err as Error).message}`);
    }
  };
  await check('instance', async () => {
    const status = await connect.instanceStatus();
    return status === 'ACTIVE' ? null : `instance ${target.instanceId} is ${status ?? 'missing'}, not ACTIVE`;
  });
  if (target.phoneNumberArn) {
    const arn = target.phoneNumberArn;
    await check('phone number', async () => {
      const { status, flowId } = await connect.phoneNumberFlow(arn);
      if (status !== 'CLAIMED') return `phone number ${idOf(arn)} is ${status ?? 'missing'}, not CLAIMED`;
      if (!flowId || idOf(flowId) !== idOf(target.inboundFlowArn))
        return `phone number ${idOf(arn)} is not associated with the inbound flow`;
      return null;
    });
  }
  for (const q of target.queueArns)
    await check(`queue ${idOf(q)}`, async () => {
      const status = await connect.queueStatus(q);
      return status === 'ENABLED' ? null : `queue ${idOf(q)} is ${status ?? 'missing'}, not ENABLED`;
    });
  for (const f of target.flowArns)
    await check(`flow ${idOf(f)}`, async () => {
      const { state, status } = await connect.flowState(f);
      return state === 'ACTIVE' && status === 'PUBLISHED'
        ? null
        : `flow ${idOf(f)} is ${state ?? 'missing'}/${status ?? 'missing'}, not ACTIVE/PUBLISHED`;
    });
  await check('lambda associations', async () => {
    const associated = new Set(await connect.associatedLambdas());
    const missing = target.lambdaArns.filter((a) => !associated.has(a));
    return missing.length
      ? `functions not associated with the instance: ${missing.map((a) => a.split(':').pop()).join(', ')}`
      : null;
  });
  return { healthy: problems.length === 0, problems, checks };
}
