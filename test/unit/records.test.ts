import { describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  type ContactSnapshot,
  contactLifecycle,
  contactResult,
  handleSeconds,
  InvalidContactEventError,
  mergeContactEvent,
  monthsBetween,
  readContactEvent,
} from '../../lambdas/domain/records.ts';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/0000';
const answered: ContactSnapshot = {
  contactId: 'c-1',
  instanceArn: INSTANCE,
  initiatedAt: '2026-11-23T15:00:00.000Z',
  enqueuedAt: '2026-11-23T15:00:20.000Z',
  queueArn: `${INSTANCE}/queue/sales`,
  answeredAt: '2026-11-23T15:00:45.000Z',
  agentArn: `${INSTANCE}/agent/a1`,
  disconnectedAt: '2026-11-23T15:03:45.000Z',
  acwStartedAt: '2026-11-23T15:03:45.000Z',
  acwEndedAt: '2026-11-23T15:04:15.000Z',
};

const mergeAll = (events: unknown[]) =>
  events.reduce<ContactRecord | undefined>((r, e) => mergeContactEvent(r, readContactEvent(e)), undefined)!;

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('readContactEvent (the EventBridge shape on the contact events page)', () => {
  it('reads the documented CONNECTED_TO_AGENT sample', () => {
    const facts = readContactEvent({
      version: '0',
      id: 'abcabcab-abca-abca-abca-abcabcabcabc',
      'detail-type': 'Amazon Connect Contact Event',
      source: 'aws.connect',
      time: '2021-08-04T17:43:48Z',
      detail: {
        initiationTimestamp: '2021-08-04T17:17:53.000Z',
        contactId: '11111111-1111-1111-1111-111111111111',
        channel: 'VOICE',
        instanceArn: INSTANCE,
        initiationMethod: 'INBOUND',
        eventType: 'CONNECTED_TO_AGENT',
        agentInfo: { agentArn: `${INSTANCE}/agent/x`, connectedToAgentTimestamp: '2021-08-04T17:29:09.000Z' },
        queueInfo: {
          queueType: 'type',
          queueArn: `${INSTANCE}/queue/q`,
          enqueueTimestamp: '2021-08-04T17:29:04.000Z',
        },
      },
    });
    expect(facts).toMatchObject({
      eventType: 'CONNECTED_TO_AGENT',
      contactId: '11111111-1111-1111-1111-111111111111',
      initiatedAt: '2021-08-04T17:17:53.000Z',
      enqueuedAt: '2021-08-04T17:29:04.000Z',
      answeredAt: '2021-08-04T17:29:09.000Z',
      queueArn: `${INSTANCE}/queue/q`,
    });
  });

  it('reads PascalCase keys and "Voice" the way some documented samples spell them', () => {
    const facts = readContactEvent({
      'detail-type': 'Amazon Connect Contact Event',
      detail: {
        ContactId: 'c-9',
        Channel: 'Voice',
        EventType: 'CONNECTED_TO_AGENT',
        AgentInfo: { AgentArn: 'a', ConnectedToAgentTimestamp: '2021-08-04T17:29:09.000Z' },
      },
    });
    expect(facts).toMatchObject({
      contactId: 'c-9',
      channel: 'VOICE',
      answeredAt: '2021-08-04T17:29:09.000Z',
    });
  });

  it('treats the 1970 placeholder timestamps of CONTACT_DATA_UPDATED as not happened', () => {
    const facts = readContactEvent({
      'detail-type': 'Amazon Connect Contact Event',
      detail: {
        eventType: 'CONTACT_DATA_UPDATED',
        contactId: 'c-2',
        agentInfo: { connectedToAgentTimestamp: '1970-01-01T00:00:00.001Z' },
        connectedToSystemTimestamp: '1970-01-01T00:00:00.001Z',
        initiationTimestamp: '2023-10-24T02:39:15.154Z',
      },
    });
    expect(facts.answeredAt).toBeUndefined();
    expect(facts.initiatedAt).toBe('2023-10-24T02:39:15.154Z');
  });

  it('ignores fields it does not know and keeps working for new event types', () => {
    const facts = readContactEvent({
      'detail-type': 'Amazon Connect Contact Event',
      detail: {
        eventType: 'WEBRTC_API',
        contactId: 'c-3',
        brandNewField: { nested: [1, 2, 3] },
        routingCriteria: { steps: [] },
        initiationTimestamp: '2026-01-01T00:00:00Z',
      },
    });
    expect(facts).toEqual({
      eventType: 'WEBRTC_API',
      contactId: 'c-3',
      initiatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('refuses what is not a contact event', () => {
    expect(() => readContactEvent({ 'detail-type': 'Scheduled Event', detail: {} })).toThrow(
      InvalidContactEventError,
    );
    expect(() =>
      readContactEvent({ 'detail-type': 'Amazon Connect Contact Event', detail: { eventType: 'QUEUED' } }),
    ).toThrow(/no contactId/);
    expect(() => readContactEvent('nonsense')).toThrow(InvalidContactEventError);
  });
});

describe('mergeContactEvent', () => {
  const events = contactLifecycle(answered);

  it('builds one record with every time from a contact life', () => {
    const r = mergeAll(events);
    expect(r).toMatchObject({
      contactId: 'c-1',
      initiatedAt: answered.initiatedAt,
      enqueuedAt: answered.enqueuedAt,
      answeredAt: answered.answeredAt,
      disconnectedAt: answered.disconnectedAt,
      acwSeconds: 30,
      queueArn: answered.queueArn,
      eventTypes: ['COMPLETED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'INITIATED', 'QUEUED'],
    });
    expect(contactResult(r)).toEqual({ kind: 'agent', waitSeconds: 25 });
    expect(handleSeconds(r)).toBe(180 + 30);
  });

  it('gives the same record for every order the five events can arrive in (120 orders)', () => {
    const expected = mergeAll(events);
    for (const order of permutations(events)) expect(mergeAll(order)).toEqual(expected);
  });

  it('is unchanged by duplicates, however many and wherever they come', () => {
    const expected = mergeAll(events);
    expect(mergeAll([...events, ...events])).toEqual(expected);
    expect(
      mergeAll([events[3], events[0], events[3], events[1], events[4], events[2], events[0], events[4]]),
    ).toEqual(expected);
  });

  it('keeps annotation fields the flows wrote', () => {
    const annotated: ContactRecord = {
      contactId: 'c-1',
      version: 3,
      eventTypes: [],
      category: 'sales',
      csat: 5,
    };
    const r = events.reduce<ContactRecord>(
      (acc, e) => mergeContactEvent(acc, readContactEvent(e)),
      annotated,
    );
    expect(r).toMatchObject({ category: 'sales', csat: 5, version: 3, answeredAt: answered.answeredAt });
  });
});

describe('contactResult', () => {
  const base: ContactRecord = {
    contactId: 'x',
    version: 1,
    eventTypes: [],
    initiatedAt: '2026-11-23T15:00:00.000Z',
  };
  it.each([
    [
      'abandoned in queue, after how long',
      { enqueuedAt: '2026-11-23T15:00:10.000Z', disconnectedAt: '2026-11-23T15:01:10.000Z' },
      { kind: 'abandoned', afterSeconds: 60 },
    ],
    [
      'handled by the assistant',
      { mode: 'assistant' as const, disconnectedAt: '2026-11-23T15:02:00.000Z' },
      { kind: 'assistant' },
    ],
    [
      'a queued callback, though the caller was queued',
      {
        disposition: 'callback' as const,
        enqueuedAt: '2026-11-23T15:00:10.000Z',
        disconnectedAt: '2026-11-23T15:00:50.000Z',
      },
      { kind: 'callback' },
    ],
    [
      'transferred to on-call',
      { mode: 'assistant' as const, disposition: 'on-call' as const },
      { kind: 'on-call' },
    ],
    ['disconnected in the IVR', { disconnectedAt: '2026-11-23T15:00:15.000Z' }, { kind: 'ivr' }],
    ['still going', {}, { kind: 'in-progress' }],
  ])('%s', (_name, fields, expected) => {
    expect(contactResult({ ...base, ...fields })).toEqual(expected);
  });
});

describe('monthsBetween', () => {
  it('lists the UTC months an interval touches, end excluded', () => {
    expect(monthsBetween(new Date('2026-11-30T20:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([
      '2026-11',
      '2026-12',
    ]);
    expect(monthsBetween(new Date('2026-11-03T00:00:00Z'), new Date('2026-11-04T00:00:00Z'))).toEqual([
      '2026-11',
    ]);
  });
});
