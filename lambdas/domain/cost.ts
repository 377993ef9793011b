/**
 * Monthly cost estimate of one Switchboard deployment, itemised, from the dated price table in
 * `prices.ts`. Pure arithmetic over the config and a few volume assumptions, each a named parameter with
 * its default stated, so the estimate can be argued with line by line.
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import { weeklyIntervals } from '../../config/schema.ts';
import {
  PRICES,
  PRICES_DATED,
  SAAS_TIERS,
  SMS_PER_SEGMENT,
  SMS_SOURCE,
  TELEPHONY,
  TELEPHONY_SOURCE,
  USD_TO_CNY,
} from './prices.ts';

export interface CostAssumptions {
  /** Calls a month (default 1,000). */
  calls: number;
  /** Average minutes a caller is on the line, IVR and queue included (default 3). */
  minutesPerCall: number;
  /**
   * Share of calls the assistant takes (default: the unstaffed share of the week's hours, with night
   * calls at 30 % of the day rate, the service practice the roster follows).
   */
  assistantShare?: number;
  /** Caller turns per assistant call, one Lex speech request each (default 4). */
  turnsPerAssistantCall: number;
  /** Share of assistant calls that leave a ticket, with an SMS confirmation when enabled (default 0.5). */
  ticketShare: number;
  /** SMS segments per message (default 1; a long or Chinese message takes more, see sms.ts). */
  segmentsPerMessage: number;
  /** Days in the month (default 30.4). */
  days: number;
  /** Flows in contact-flows/custom, deployed with their own alarm (default 0; the CLI counts them). */
  customFlows: number;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  calls: 1000,
  minutesPerCall: 3,
  turnsPerAssistantCall: 4,
  ticketShare: 0.5,
  segmentsPerMessage: 1,
  days: 30.4,
  customFlows: 0,
};

export interface CostItem {
  name: string;
  usd: number;
  /** How the figure is made: quantity × unit price. */
  basis: string;
  source: string;
}

export interface CostEstimate {
  totalUsd: number;
  totalCny: number;
  perCallUsd: number;
  items: CostItem[];
  pricesDated: string;
  usdToCny: number;
  assumptions: CostAssumptions & { assistantShare: number; numberCountry: string; smsCountry: string };
  saas: Array<{ name: string; cnyLow: number; cnyHigh: number; fits: boolean }>;
}

const CALLING_CODES: Array<[string, string]> = [
  ['+86', 'CN'],
  ['+65', 'SG'],
  ['+61', 'AU'],
  ['+44', 'GB'],
  ['+1', 'US'],
];
const REGION_COUNTRY: Record<string, string> = {
  'us-east-1': 'US',
  'us-west-2': 'US',
  'us-gov-west-1': 'US',
  'ca-central-1': 'CA',
  'eu-west-2': 'GB',
  'eu-central-1': 'DE',
  'af-south-1': 'ZA',
  'ap-southeast-1': 'SG',
  'ap-southeast-2': 'AU',
  'ap-northeast-1': 'JP',
  'ap-northeast-2': 'KR',
};

/** Country of an E.164 number by its calling code, for the few the table prices. */
export function countryOfPhone(phone: string | undefined): string | undefined {
  return phone ? CALLING_CODES.find(([code]) => phone.startsWith(code))?.[1] : undefined;
}

/**
 * Share of calls the assistant takes: unstaffed hours of the week (no shift, or a shift with 0 agents)
 * weighted at 30 % of the staffed hours' call rate.
 */
export function assistantShareOf(config: Pick<SwitchboardConfig, 'shifts'>): number {
  const week = 7 * 1440;
  let staffed = 0;
  for (const s of config.shifts) if (s.agents > 0) for (const [a, b] of weeklyIntervals(s)) staffed += b - a;
  staffed = Math.min(staffed, week);
  const unstaffed = week - staffed;
  const weight = unstaffed * 0.3;
  return weight + staffed > 0 ? weight / (weight + staffed) : 1;
}

/**
 * What the stack puts an alarm on (infra/alarms.ts, and a dead-letter queue alarm per infra/dead-letters.ts
 * use): kept in step with the synthesized stack by test/infra/alarm-count.test.ts.
 */
export const ALARMED = {
  /** One fatal-error alarm per flow: the five built-in flows, plus the custom ones. */
  builtInFlows: 5,
  /** Misconfigured numbers, throttled calls, over and near the concurrency quota, recording upload, missed calls. */
  connectMetrics: 6,
  /** Queue full and longest wait. */
  perQueue: 2,
  /** route, ticket, assistant, survey, escalate, transcribe, handover, health-check, seed. */
  functions: 9,
  /** Errors, throttles, slow. */
  perFunction: 3,
  /** Throttles and system errors of each table. */
  tables: 2,
  perTable: 2,
  /** SMS delivery failures and SMS spend near the limit. */
  sns: 2,
  /** The phone line's health metric. */
  health: 1,
  /** Schedules, operations (contact events) and escalation. */
  deadLetterQueues: 3,
} as const;

/**
 * Alarms the stack creates for this config and `customFlows` flows of contact-flows/custom (see
 * ALARMED).
 */
export function alarmCount(config: Pick<SwitchboardConfig, 'queues'>, customFlows = 0): number {
  const a = ALARMED;
  return (
    a.builtInFlows +
    customFlows +
    a.connectMetrics +
    a.perQueue * config.queues.length +
    a.perFunction * a.functions +
    a.perTable * a.tables +
    a.sns +
    a.health +
    a.deadLetterQueues
  );
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The monthly estimate for `config` under `assumptions`.
 * @throws RangeError for a negative or non-finite volume.
 */
export function estimateCost(
  config: SwitchboardConfig,
  partial: Partial<CostAssumptions> = {},
): CostEstimate {
  const a: CostAssumptions = { ...DEFAULT_ASSUMPTIONS, ...partial };
  for (const [k, v] of Object.entries(a))
    if (typeof v === 'number' && (!Number.isFinite(v) || v < 0))
      throw new RangeError(`${k} must be a number ≥ 0`);
  const calls = a.calls;
  const minutes = calls * a.minutesPerCall;
  const assistantShare = a.assistantShare ?? assistantShareOf(config);
  const assistantCalls = calls * assistantShare;
  const numberCountry =
    config.deployment.phoneNumber?.countryCode ?? REGION_COUNTRY[config.deployment.region] ?? 'US';
  const tel = TELEPHONY[numberCountry] ?? TELEPHONY.US!;
  const tollFree = config.deployment.phoneNumber?.type === 'TOLL_FREE';
  const smsCountry = countryOfPhone(config.onCall[0]?.phone ?? config.alerts.sms[0]) ?? numberCountry;
  const smsPrice = SMS_PER_SEGMENT[smsCountry] ?? SMS_PER_SEGMENT.US!;
  const items: CostItem[] = [];
  const item = (name: string, usd: number, basis: string, source: string) =>
    items.push({ name, usd: round(usd, 4), basis, source });
  const p = PRICES;

  item(
    'Connect voice',
    minutes * p.connectVoicePerMinute.usd,
    `${minutes} min × $${p.connectVoicePerMinute.usd}`,
    p.connectVoicePerMinute.source,
  );
  const perDay = tollFree ? (tel.tollFreePerDay ?? tel.didPerDay) : tel.didPerDay;
  item(
    `Phone number (${numberCountry} ${tollFree ? 'toll-free' : 'DID'})`,
    perDay * a.days,
    `${a.days} days × $${perDay}`,
    TELEPHONY_SOURCE,
  );
  const inbound = tollFree
    ? (tel.tollFreeInboundPerMinute ?? tel.didInboundPerMinute)
    : tel.didInboundPerMinute;
  item('Inbound telephony', minutes * inbound, `${minutes} min × $${inbound}`, TELEPHONY_SOURCE);
  const speech = assistantCalls * a.turnsPerAssistantCall;
  item(
    'Lex speech requests',
    speech * p.lexSpeechRequest.usd,
    `${round(speech, 0)} requests × $${p.lexSpeechRequest.usd}`,
    p.lexSpeechRequest.source,
  );
  const transcribed =
    config.recordings.transcribe === 'all'
      ? minutes
      : config.recordings.transcribe === 'afterHours'
        ? assistantCalls * a.minutesPerCall
        : 0;
  item(
    `Transcribe (${config.recordings.transcribe})`,
    transcribed * p.transcribePerMinute.usd,
    `${round(transcribed, 0)} min × $${p.transcribePerMinute.usd}`,
    p.transcribePerMinute.source,
  );
  const tickets = assistantCalls * a.ticketShare;
  const messages =
    (config.tickets.smsConfirmation ? tickets : 0) + tickets * 0.05 * Math.max(1, config.alerts.sms.length);
  const segments = messages * a.segmentsPerMessage;
  item(
    `SMS (${smsCountry}, ${a.segmentsPerMessage} segment${a.segmentsPerMessage === 1 ? '' : 's'} each)`,
    segments * smsPrice,
    `${round(segments, 0)} segments × $${smsPrice}`,
    SMS_SOURCE,
  );
  item(
    'KMS keys',
    2 * p.kmsKeyMonth.usd,
    `2 keys (alerts, recordings) × $${p.kmsKeyMonth.usd}`,
    p.kmsKeyMonth.source,
  );
  const alarms = alarmCount(config, a.customFlows);
  item(
    'CloudWatch alarms and health metric',
    alarms * p.alarmMonth.usd + p.customMetricMonth.usd,
    `${alarms} alarms × $${p.alarmMonth.usd} + 1 metric × $${p.customMetricMonth.usd}`,
    p.alarmMonth.source,
  );
  // Per call: route, survey, ~6 contact events, the assistant per turn, a ticket; plus the health check every 5 min.
  const invocations = calls * 8 + speech + tickets + (a.days * 24 * 60) / 5;
  const gbSeconds = invocations * 0.5 * 0.2;
  item(
    'Lambda',
    invocations * p.lambdaRequest.usd + gbSeconds * p.lambdaGbSecondArm.usd,
    `${round(invocations, 0)} requests, ${round(gbSeconds, 0)} GB-s (512 MB, 200 ms)`,
    p.lambdaRequest.source,
  );
  const writes = calls * 12;
  const reads = calls * 15;
  item(
    'DynamoDB',
    writes * p.dynamoWriteRequest.usd + reads * p.dynamoReadRequest.usd + 0.1 * p.dynamoStorageGbMonth.usd,
    `${writes} writes, ${reads} reads, 0.1 GB`,
    p.dynamoWriteRequest.source,
  );
  // Connect records 8 kHz 16-bit stereo WAV: about 1.92 MB a minute, kept `retentionDays`.
  const storedGb = (minutes * 1.92 * Math.min(config.recordings.retentionDays, 3650)) / a.days / 1024;
  item(
    'S3 recordings',
    storedGb * p.s3StorageGbMonth.usd,
    `${round(storedGb, 1)} GB kept (${config.recordings.retentionDays} days) × $${p.s3StorageGbMonth.usd}`,
    p.s3StorageGbMonth.source,
  );
  item('Console hosting', p.consoleHostingMonth.usd, 'flat', p.consoleHostingMonth.source);
  if (config.assistant.provider === 'bedrock') {
    // The reranker: four candidates and the instructions in (about 1,000 tokens), a JSON choice out.
    const usd = speech * (1.0 * p.bedrockInputPer1k.usd + 0.02 * p.bedrockOutputPer1k.usd);
    item(
      'Bedrock',
      usd,
      `${round(speech, 0)} turns × (1,000 in + 20 out tokens)`,
      p.bedrockInputPer1k.source,
    );
  }

  const totalUsd = round(items.reduce((s, i) => s + i.usd, 0));
  return {
    totalUsd,
    totalCny: round(totalUsd * USD_TO_CNY),
    perCallUsd: calls > 0 ? round(totalUsd / calls, 4) : 0,
    items,
    pricesDated: PRICES_DATED,
    usdToCny: USD_TO_CNY,
    assumptions: { ...a, assistantShare: round(assistantShare, 3), numberCountry, smsCountry },
    saas: SAAS_TIERS.map((t, i) => ({
      name: t.name,
      cnyLow: t.cnyLow,
      cnyHigh: t.cnyHigh,
      fits: calls <= t.maxCalls && (i === 0 || calls > SAAS_TIERS[i - 1]!.maxCalls),
    })),
  };
}
