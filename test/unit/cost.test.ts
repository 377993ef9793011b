import { describe, expect, it } from 'vitest';
import { alarmCount, assistantShareOf, estimateCost } from '../../lambdas/domain/cost.ts';
import { PRICES, SMS_PER_SEGMENT, TELEPHONY } from '../../lambdas/domain/prices.ts';
import { enConfig, zhConfig } from '../helpers.ts';

const item = (e: ReturnType<typeof estimateCost>, prefix: string) =>
  e.items.find((i) => i.name.startsWith(prefix))!;

describe('estimateCost', () => {
  const en = enConfig();

  it('prices voice, the number and telephony from the table: 1,000 calls × 3 min in the US', () => {
    const e = estimateCost(en, { calls: 1000, minutesPerCall: 3 });
    expect(item(e, 'Connect voice').usd).toBeCloseTo(3000 * PRICES.connectVoicePerMinute.usd, 4);
    expect(item(e, 'Phone number (US DID)').usd).toBeCloseTo(30.4 * TELEPHONY.US!.didPerDay, 4);
    expect(item(e, 'Inbound telephony').usd).toBeCloseTo(3000 * TELEPHONY.US!.didInboundPerMinute, 4);
  });

  it('adds up its items, converts to CNY and divides per call', () => {
    const e = estimateCost(en, { calls: 800 });
    const sum = e.items.reduce((s, i) => s + i.usd, 0);
    expect(e.totalUsd).toBeCloseTo(sum, 2);
    expect(e.totalCny).toBeCloseTo(e.totalUsd * e.usdToCny, 1);
    expect(e.perCallUsd).toBeCloseTo(e.totalUsd / 800, 3);
    expect(e.saas.find((s) => s.fits)?.cnyLow).toBe(800);
  });

  it('grows voice linearly with calls while the fixed items stay put', () => {
    const a = estimateCost(en, { calls: 500 });
    const b = estimateCost(en, { calls: 1000 });
    expect(item(b, 'Connect voice').usd).toBeCloseTo(2 * item(a, 'Connect voice').usd, 4);
    expect(item(b, 'KMS').usd).toBe(item(a, 'KMS').usd);
    expect(item(b, 'CloudWatch').usd).toBe(item(a, 'CloudWatch').usd);
  });

  it('charges SMS per segment: two segments cost twice one', () => {
    const one = item(estimateCost(en, { segmentsPerMessage: 1 }), 'SMS').usd;
    const two = item(estimateCost(en, { segmentsPerMessage: 2 }), 'SMS').usd;
    expect(two).toBeCloseTo(2 * one, 3);
    expect(one).toBeGreaterThan(0);
  });

  it('transcribes what recordings.transcribe says: all minutes for "all", none for "none"', () => {
    const all = estimateCost(
      { ...en, recordings: { ...en.recordings, transcribe: 'all' } },
      { calls: 1000, minutesPerCall: 2 },
    );
    expect(item(all, 'Transcribe').usd).toBeCloseTo(2000 * PRICES.transcribePerMinute.usd, 4);
    const none = estimateCost({ ...en, recordings: { ...en.recordings, transcribe: 'none' } });
    expect(item(none, 'Transcribe').usd).toBe(0);
  });

  it('lists Bedrock only when the assistant uses it', () => {
    expect(estimateCost(en).items.some((i) => i.name === 'Bedrock')).toBe(false);
    const b = estimateCost({
      ...en,
      assistant: { ...en.assistant, provider: 'bedrock', bedrockModelId: 'amazon.nova-lite-v1:0' },
    });
    expect(item(b, 'Bedrock').usd).toBeGreaterThan(0);
  });

  it("sends the Chinese config's SMS to China and rents its number where the instance runs", () => {
    const e = estimateCost(zhConfig(), { calls: 400 });
    expect(e.assumptions).toMatchObject({ smsCountry: 'CN', numberCountry: 'SG' });
    expect(item(e, 'SMS').basis).toContain(String(SMS_PER_SEGMENT.CN));
    expect(e.saas.find((s) => s.fits)?.cnyHigh).toBe(500);
  });

  it('refuses negative volumes', () => {
    expect(() => estimateCost(en, { calls: -1 })).toThrow(RangeError);
  });
});

describe('assumptions from the config', () => {
  it('assistant share: unstaffed hours at 30 % of the staffed rate', () => {
    // Brightline: day 6 × 8 h + evening 5 × 4 h staffed = 68 h; 100 h unstaffed at 0.3 → 30 / 98.
    expect(assistantShareOf(enConfig())).toBeCloseTo(30 / 98, 6);
    expect(assistantShareOf(zhConfig())).toBe(0); // three staffed shifts around the clock
  });

  it('alarms grow with the queues', () => {
    expect(alarmCount({ queues: [{ id: 'a', name: 'A' }] }) + 2).toBe(
      alarmCount({
        queues: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
      }),
    );
  });
});
