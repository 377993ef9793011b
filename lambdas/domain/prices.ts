/**
 * The dated price table `switchboard cost` estimates from. USD, on-demand list prices, us-east-1 unless
 * a row says otherwise; no free tier counted (it ends after 12 months). Each row names the page the
 * figure is from and whether we read the figure on that page when the table was dated (`seen`) or it is
 * carried from the page's published rate card without a fresh reading here (`listed`). Prices change:
 * check the pages before budgeting, and update `PRICES_DATED` with the rows.
 */
export const PRICES_DATED = '2026-05-01';

/** Exchange rate used for CNY figures (approximate 2025-2026 level of the PBOC central parity). */
export const USD_TO_CNY = 7.2;

export interface PriceRow {
  usd: number;
  unit: string;
  source: string;
  /** 'seen': the figure was read on the cited page when dated; 'listed': from the service's rate card. */
  evidence: 'seen' | 'listed';
  note?: string;
}

const CONNECT = 'https://aws.amazon.com/connect/pricing/';

export const PRICES = {
  connectVoicePerMinute: {
    usd: 0.018,
    unit: 'per minute of a call (Connect service usage, inbound voice)',
    source: `${CONNECT}; per-second billing after the first 10 s: https://blog.serverworks.co.jp/tech/2020/03/10/connect_per_second_billing/`,
    evidence: 'seen',
  },
  lexSpeechRequest: {
    usd: 0.004,
    unit: 'per speech request (one caller turn)',
    source:
      'https://aws.amazon.com/lex/pricing/; rates quoted at https://www.cloudzero.com/blog/amazon-lex-pricing',
    evidence: 'seen',
  },
  transcribePerMinute: {
    usd: 0.024,
    unit: 'per audio minute (batch, tier 1)',
    source: 'https://aws.amazon.com/transcribe/pricing/',
    evidence: 'listed',
  },
  kmsKeyMonth: {
    usd: 1,
    unit: 'per customer-managed key per month',
    source: 'https://aws.amazon.com/kms/pricing/',
    evidence: 'listed',
  },
  alarmMonth: {
    usd: 0.1,
    unit: 'per standard-resolution alarm metric per month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    evidence: 'listed',
  },
  customMetricMonth: {
    usd: 0.3,
    unit: 'per custom metric per month (the health metric)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    evidence: 'listed',
  },
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    unit: 'per request',
    source: 'https://aws.amazon.com/lambda/pricing/',
    evidence: 'listed',
  },
  lambdaGbSecondArm: {
    usd: 0.0000133334,
    unit: 'per GB-second on Arm',
    source: 'https://aws.amazon.com/lambda/pricing/',
    evidence: 'listed',
  },
  dynamoWriteRequest: {
    usd: 0.625 / 1_000_000,
    unit: 'per on-demand write request unit (after the November 2024 price cut)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    evidence: 'listed',
  },
  dynamoReadRequest: {
    usd: 0.125 / 1_000_000,
    unit: 'per on-demand read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    evidence: 'listed',
  },
  dynamoStorageGbMonth: {
    usd: 0.25,
    unit: 'per GB-month',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    evidence: 'listed',
  },
  s3StorageGbMonth: {
    usd: 0.023,
    unit: 'per GB-month (S3 Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
    evidence: 'listed',
  },
  consoleHostingMonth: {
    usd: 0.5,
    unit: 'per month: CloudFront, HTTP API and Cognito for a handful of managers and agents',
    source: 'https://aws.amazon.com/cloudfront/pricing/, https://aws.amazon.com/api-gateway/pricing/',
    evidence: 'listed',
    note: 'a few thousand requests a month; well inside the first price tiers',
  },
  bedrockInputPer1k: {
    usd: 0.00006,
    unit: 'per 1,000 input tokens (Amazon Nova Lite)',
    source: 'https://aws.amazon.com/bedrock/pricing/',
    evidence: 'listed',
  },
  bedrockOutputPer1k: {
    usd: 0.00024,
    unit: 'per 1,000 output tokens (Amazon Nova Lite)',
    source: 'https://aws.amazon.com/bedrock/pricing/',
    evidence: 'listed',
  },
} satisfies Record<string, PriceRow>;

/** Phone number rent and inbound telephony, by the number's country and type. */
export const TELEPHONY: Record<
  string,
  {
    didPerDay: number;
    didInboundPerMinute: number;
    tollFreePerDay?: number;
    tollFreeInboundPerMinute?: number;
  }
> = {
  US: { didPerDay: 0.03, didInboundPerMinute: 0.0022, tollFreePerDay: 0.06, tollFreeInboundPerMinute: 0.06 },
  GB: { didPerDay: 0.04, didInboundPerMinute: 0.0036, tollFreePerDay: 0.3, tollFreeInboundPerMinute: 0.096 },
  AU: { didPerDay: 0.07, didInboundPerMinute: 0.0048, tollFreePerDay: 0.12, tollFreeInboundPerMinute: 0.116 },
  SG: { didPerDay: 0.25, didInboundPerMinute: 0.005 },
};
export const TELEPHONY_SOURCE = `${CONNECT} (telephony rates by country; listed)`;

/** SMS price per message part (segment) including carrier fees, by destination country. */
export const SMS_PER_SEGMENT: Record<string, number> = {
  US: 0.00883,
  CA: 0.00735,
  GB: 0.0353,
  AU: 0.0395,
  SG: 0.0391,
  CN: 0.0239,
};
export const SMS_SOURCE =
  'https://aws.amazon.com/end-user-messaging/pricing/ (listed); a message longer than one part is billed per part: https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html (seen)';

/** Small-business hosted contact-centre plans the estimate is compared with (CNY per month). */
export const SAAS_TIERS = [
  { name: 'SaaS entry plan (< 500 calls a month)', maxCalls: 500, cnyLow: 200, cnyHigh: 500 },
  { name: 'SaaS standard plan (500-2,000 calls a month)', maxCalls: 2000, cnyLow: 800, cnyHigh: 1500 },
] as const;
