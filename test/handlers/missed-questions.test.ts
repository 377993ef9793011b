import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/assistant/handler.ts';
import { MissedQuestionRepository } from '../../lambdas/domain/missed-questions.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, ROOT, seededDynamo, testDeps } from '../helpers.ts';

let db: EmbeddedDynamo;
let repo: MissedQuestionRepository;
beforeAll(async () => {
  db = await seededDynamo();
  repo = new MissedQuestionRepository(db.doc, db.tables);
});
afterAll(async () => db.close());

const lexEvent = (contactId: string, text: string, attributes: Record<string, string> = {}) => ({
  messageVersion: '1.0',
  invocationSource: 'FulfillmentCodeHook',
  inputMode: 'Speech',
  responseContentType: 'text/plain; charset=utf-8',
  sessionId: contactId,
  inputTranscript: text,
  bot: { id: 'B', name: 'switchboard', aliasId: 'A', aliasName: 'live', localeId: 'en_US', version: '1' },
  interpretations: [],
  proposedNextState: null,
  requestAttributes: {},
  sessionState: {
    sessionAttributes: { purpose: 'question', ...attributes },
    activeContexts: [],
    intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' },
  },
  transcriptions: [],
});

const forContact = async (contactId: string) => (await repo.list()).filter((m) => m.contactId === contactId);

describe('missed-question repository', () => {
  it('keeps questions under their contact, lists them across months oldest first, and a retry once', async () => {
    const m = {
      contactId: 'repo-1',
      question: 'do you sell gift cards',
      locale: 'en-US',
      reason: 'no-match' as const,
      candidates: [
        { faqId: 'payment', score: 0.21 },
        { faqId: 'returns', score: 0.1 },
      ],
    };
    await repo.add({ ...m, at: '2026-12-01T03:00:00.000Z' });
    await repo.add({ ...m, at: '2026-11-30T23:00:00.000Z' });
    await repo.add({ ...m, at: '2026-11-30T23:00:00.000Z' }); // the same turn, retried
    const mine = await forContact('repo-1');
    expect(mine.map((x) => x.at)).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-01T03:00:00.000Z']);
    expect(mine[0]).toMatchObject({
      question: 'do you sell gift cards',
      reason: 'no-match',
      locale: 'en-US',
    });
    expect(mine[0]!.candidates[0]).toEqual({ faqId: 'payment', score: 0.21 });
    const december = await repo.list({ from: new Date('2026-12-01T00:00:00Z') });
    expect(december.filter((x) => x.contactId === 'repo-1')).toHaveLength(1);
  });
});

describe('the assistant keeps what it missed', () => {
  const handler = () => createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });

  it('keeps a NO_MATCH question with its contact, locale, time and top candidates', async () => {
    at('2026-11-24T05:30:00Z');
    const out = await invoke(handler(), lexEvent('c-miss', 'can I book a flight to Denver'));
    expect(
      (out as unknown as { sessionState: { sessionAttributes: Record<string, string> } }).sessionState
        .sessionAttributes.assistantResult,
    ).toBe('NO_MATCH');
    const [m, ...rest] = await forContact('c-miss');
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      question: 'can I book a flight to Denver',
      locale: 'en-US',
      at: '2026-11-24T05:30:00.000Z',
      reason: 'no-match',
    });
    expect(m!.candidates.length).toBeGreaterThan(0);
    expect(m!.candidates.length).toBeLessThanOrEqual(3);
  });

  it('keeps an answer the caller moved on from (2 or 3 after it) as "did not help", with the question asked', async () => {
    at('2026-11-24T05:40:00Z');
    const h = handler();
    const answered = {
      assistantResult: 'ANSWERED',
      faqId: 'delivery-time',
      question: 'how long will delivery take',
    };
    // 2: ask something else; the next question is answered, the earlier answer did not help.
    await invoke(h, lexEvent('c-help', 'how much is delivery', answered));
    // 3: leave a message.
    at('2026-11-24T05:41:00Z');
    await invoke(h, lexEvent('c-help3', 'my name is Ann', { ...answered, purpose: 'message' }));
    const [two] = await forContact('c-help');
    expect(two).toMatchObject({
      question: 'how long will delivery take',
      reason: 'not-helped',
      answeredFaqId: 'delivery-time',
    });
    expect(two!.candidates[0]?.faqId).toBe('delivery-time');
    expect(await forContact('c-help3')).toMatchObject([
      { reason: 'not-helped', at: '2026-11-24T05:41:00.000Z' },
    ]);
  });

  it('keeps nothing for an answer, a message request, or a turn after no answer', async () => {
    const h = handler();
    await invoke(h, lexEvent('c-none', 'how long will delivery take'));
    await invoke(h, lexEvent('c-none', 'I want to leave a message'));
    await invoke(
      h,
      lexEvent('c-none', 'Ann here', { assistantResult: 'NO_MATCH', faqId: '', purpose: 'message' }),
    );
    expect(await forContact('c-none')).toEqual([]);
  });

  it('still answers NO_MATCH when the missed question cannot be kept', async () => {
    const failing = createHandler({
      ...awsDeps(),
      ...storeDeps(db),
      ...testDeps,
      missed: { add: async () => Promise.reject(new Error('throttled')) },
    });
    expect(await invoke(failing, connectEvent({ question: 'who won the election' }))).toMatchObject({
      result: 'NO_MATCH',
    });
  });
});

describe('switchboard missed, end to end on scripted calls', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-missed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const switchboard = (...args: string[]) =>
    spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('lists a no-match and a did-not-help question, grouped, with an alternates snippet', () => {
    const night = '2026-11-23T23:30:00-06:00';
    let r = switchboard(
      'call',
      '--data',
      dir,
      '--at',
      night,
      '--input',
      'say:do you sell gift cards for christmas',
    );
    expect(r.status, r.stderr).toBe(0);
    r = switchboard(
      'call',
      '--data',
      dir,
      '--at',
      '2026-11-23T23:45:00-06:00',
      '--input',
      'say:how long will delivery take',
      '--input',
      '3',
      '--input',
      'say:my name is Ann',
    );
    expect(r.status, r.stderr).toBe(0);
    r = switchboard('missed', '--data', dir, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      questions: number;
      groups: Array<{
        wordings: string[];
        faqId: string | null;
        yaml: string;
        questions: Array<{ reason: string }>;
      }>;
    };
    expect(out.questions).toBe(2);
    const gift = out.groups.find((g) => g.wordings.includes('do you sell gift cards for christmas'));
    expect(gift?.questions[0]?.reason).toBe('no-match');
    expect(gift?.yaml).toMatch(/alternates:\n(.*\n)*\s+- do you sell gift cards for christmas/);
    const delivery = out.groups.find((g) => g.wordings.includes('how long will delivery take'));
    expect(delivery).toMatchObject({ faqId: 'delivery-time', questions: [{ reason: 'not-helped' }] });
    r = switchboard('missed', '--data', dir);
    expect(r.stdout).toMatch(/2 missed question\(s\)/);
    expect(r.stdout).toMatch(/did not help \(delivery-time\)/);
  });
});
