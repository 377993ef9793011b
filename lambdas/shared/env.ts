import { z } from 'zod';
import { ConfigurationError } from './errors.ts';

const schema = z.object({
  DIRECTORY_TABLE: z.string().min(1),
  RECORDS_TABLE: z.string().min(1),
  HANDOVER_TOPIC_ARN: z.string().optional(),
  RECORDINGS_BUCKET: z.string().optional(),
  /** Local runs point the SDK at the embedded DynamoDB. */
  SWITCHBOARD_DYNAMODB_ENDPOINT: z.url().optional(),
  BEDROCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(7000).default(2500),
});
export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Environment, validated once per cold start. */
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success)
      throw new ConfigurationError(
        `environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    cached = parsed.data;
  }
  return cached;
}

/** For the local engine and tests, which start a new embedded database. */
export function resetEnv(): void {
  cached = undefined;
}
