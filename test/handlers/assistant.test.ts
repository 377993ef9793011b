import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerQuestion, cachedFaq } from '../../lambdas/assistant/assistant.ts';
import { bedrockReranker, MalformedRerankError, parseChoice } from '../../lambdas/assistant/bedrock.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/assistant/handler.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';
import { assistantSettingsFromConfig } from '../../lambdas/domain/seed.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { connectEvent, enConfig, invoke, seededDynamo, testDeps } from '../helpers.ts';

const bedrock = mockClient(BedrockRuntimeClient);
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => bedrock.reset());

const call = (event: unknown) => invoke(handler, event);

const lexEvent = (inputTranscript: string) => ({
  messageVersion: '1.0',
  invocationSource: 'FulfillmentCodeHook',
  inputMode: 'Speech',
  responseContentType: 'text/plain; charset=utf-8',
  sessionId: 'session-1',
  inputTranscript,
  bot: {
    id: 'BOTID12345',
    name: 'switchboard',
    aliasId: 'TSTALIASID',
    aliasName: 'live',
    localeId: 'en_US',
    version: '1',
  },
  interpretations: [],
  proposedNextState: null,
  requestAttributes: {},
  sessionState: {
    sessionAttributes: { contactId: 'c-1' },
    activeContexts: [],
    intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' },
  },
  transcriptions: [],
});

describe('assistant handler', () => {
  it('answers a Connect event from the FAQ with a score', async () => {
    const out = await call(connectEvent({ question: 'is delivery free for big orders' }));
    expect(out).toMatchObject({ result: 'ANSWERED', faqId: 'delivery-fee', source: 'faq' });
    expect(Number(out.score)).toBeGreaterThanOrEqual(enConfig().assistant.threshold);
    expect(out.answer).toMatch(/free on orders over 499 dollars/);
  });

  it('says NO_MATCH rather than guessing, and URGENT for urgent words', async () => {
    expect(await call(connectEvent({ question: 'who won the election' }))).toMatchObject({
      result: 'NO_MATCH',
      answer: '',
    });
    expect(await call(connectEvent({ question: 'there are sparks coming out of the dryer' }))).toMatchObject({
      result: 'URGENT',
      keyword: 'sparks',
    });
    expect(await call(connectEvent({}))).toMatchObject({ result: 'NO_MATCH' });
  });

  it('answers a Lex V2 code hook in Lex shape, with the outcome in session attributes', async () => {
    const out = (await call(lexEvent('how long will delivery take'))) as unknown as {
      sessionState: {
        sessionAttributes: Record<string, string>;
        dialogAction: { type: string };
        intent: { state: string };
      };
      messages: unknown[];
    };
    expect(out.sessionState.dialogAction.type).toBe('Close');
    expect(out.sessionState.intent.state).toBe('Fulfilled');
    expect(out.sessionState.sessionAttributes).toMatchObject({
      contactId: 'c-1',
      assistantResult: 'ANSWERED',
      faqId: 'delivery-time',
      question: 'how long will delivery take',
    });
    expect(out.messages).toEqual([]);
  });

  it('rejects an event that is neither Connect nor Lex with a clear error', async () => {
    await expect(call({ hello: 'world' })).rejects.toThrow(/not an Amazon Connect contact flow event/);
  });
});

describe('assistant with Bedrock', () => {
  const config = enConfig();
  const settings = {
    ...assistantSettingsFromConfig(config),
    provider: 'bedrock' as const,
    bedrockModelId: 'amazon.nova-lite-v1:0',
  };
  const faq = async () => ({ settings, index: new FaqIndex(config.faq, 'en-US') });
  const log = () => {};

  const index = new FaqIndex(config.faq, 'en-US');
  const reply = (text: string) =>
    ({ output: { message: { role: 'assistant', content: [{ text }] } } }) as never;
  /** The use case with a Bedrock reranker (time box 1500 ms) and a record of kept missed questions. */
  const ask = (question: string) => {
    const missed: string[] = [];
    const out = answerQuestion(question, {
      faq,
      reranker: bedrockReranker(new BedrockRuntimeClient({}), 1500),
      missed: async (m) => void missed.push(m.question),
      log,
    });
    return { out, missed };
  };

  it('lets the model choose among the offline candidates: it picks candidate 2, the caller hears its FAQ answer', async () => {
    // Offline, "when will my order arrive" is a NO_MATCH: order status and delivery time are as close.
    const offline = index.search('when will my order arrive', 4);
    expect(offline[0]!.score).toBeLessThan(settings.threshold);
    const second = offline[1]!.entry;
    bedrock.on(ConverseCommand).resolves(reply(`{"choice": "${second.id}"}`));

    const a = await ask('when will my order arrive').out;

    expect(a).toMatchObject({
      result: 'ANSWERED',
      source: 'bedrock',
      faqId: second.id,
      answer: second.answer,
    });
    const input = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input;
    expect(input.modelId).toBe('amazon.nova-lite-v1:0');
    const system = input.system?.[0] && 'text' in input.system[0] ? input.system[0].text : '';
    for (const m of offline.filter((x) => x.grounded)) expect(system).toContain(`"id":"${m.entry.id}"`);
    expect(input.messages?.[0]?.content?.[0]).toEqual({ text: 'when will my order arrive' });
  });

  it('keeps the offline answer when the model does not reply within the time box, and aborts the request', async () => {
    vi.useFakeTimers();
    try {
      bedrock.on(ConverseCommand).callsFake(() => new Promise(() => {})); // never answers
      const pending = ask('is delivery free').out;
      const signal = () =>
        (bedrock.commandCalls(ConverseCommand)[0]?.args as unknown[] | undefined)?.[1] as
          | { abortSignal?: AbortSignal }
          | undefined;
      await vi.advanceTimersByTimeAsync(1499);
      expect(signal()?.abortSignal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({
        result: 'ANSWERED',
        source: 'faq',
        faqId: 'delivery-fee',
        answer: expect.stringMatching(/flat 59 dollars/),
      });
      expect(signal()?.abortSignal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['prose', 'The caller wants delivery-fee.'],
    ['an id that was not offered', '{"choice": "returns"}'],
    ['free text in the choice', '{"choice": "Delivery is free, enjoy!"}'],
    ['no choice', '{"answer": "delivery-fee"}'],
    ['an empty reply', ''],
  ])('keeps the offline answer on a malformed reply (%s)', async (_name, text) => {
    bedrock.on(ConverseCommand).resolves(reply(text));
    expect(await ask('is delivery free').out).toMatchObject({
      result: 'ANSWERED',
      source: 'faq',
      faqId: 'delivery-fee',
      answer: expect.stringMatching(/flat 59 dollars/),
    });
  });

  it('keeps the offline answer when Bedrock refuses', async () => {
    bedrock
      .on(ConverseCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect(await ask('is delivery free').out).toMatchObject({
      result: 'ANSWERED',
      source: 'faq',
      faqId: 'delivery-fee',
    });
  });

  it('says NO_MATCH when the model says none of the candidates answers, and keeps the missed question', async () => {
    bedrock.on(ConverseCommand).resolves(reply('```json\n{"choice": "none"}\n```'));
    const { out, missed } = ask('is delivery free');
    expect(await out).toMatchObject({ result: 'NO_MATCH', answer: '', faqId: '' });
    expect(missed).toEqual(['is delivery free']);
  });

  it('does not ask the model when no entry shares a content word with the question', async () => {
    bedrock.on(ConverseCommand).resolves(reply('{"choice": "delivery-fee"}'));
    for (const q of ['3', 'press 1', 'who won the election'])
      expect(await ask(q).out, q).toMatchObject({ result: 'NO_MATCH' });
    expect(bedrock.commandCalls(ConverseCommand)).toHaveLength(0);
  });

  it('keeps the offline answer when any reranker returns an id it was not given', async () => {
    const logged: string[] = [];
    const reranker = { choose: async () => 'made-up-id' };
    const a = await answerQuestion('is delivery free', { faq, reranker, log: (m) => void logged.push(m) });
    expect(a).toMatchObject({ result: 'ANSWERED', source: 'faq', faqId: 'delivery-fee' });
    expect(logged).toEqual(['bedrock failed, keeping the offline answer']);
  });

  it('reads the choice strictly: a candidate id or none, in one JSON object', () => {
    expect(parseChoice('{"choice":"b"}', ['a', 'b'])).toBe('b');
    expect(parseChoice('```json\n{"choice": "NONE"}\n```', ['a'])).toBeNull();
    expect(() => parseChoice('{"choice":"c"}', ['a', 'b'])).toThrow(MalformedRerankError);
    expect(() => parseChoice('b', ['a', 'b'])).toThrow(MalformedRerankError);
  });

  it('wires the reranker into the handler in AWS (awsDeps): a Connect event answered through the model', async () => {
    bedrock.on(ConverseCommand).resolves(reply('{"choice": "delivery-time"}'));
    const withBedrock = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps, faq });
    const out = await invoke(withBedrock, connectEvent({ question: 'when will my order arrive' }));
    expect(out).toMatchObject({ result: 'ANSWERED', faqId: 'delivery-time', source: 'bedrock' });
  });

  it('caches the FAQ index for a minute', async () => {
    let loads = 0;
    let clock = 0;
    const load = async () => {
      loads++;
      return { settings, entries: config.faq };
    };
    const get = cachedFaq(load, 60_000, () => clock);
    await get();
    clock = 59_000;
    await get();
    clock = 61_000;
    await get();
    expect(loads).toBe(2);
  });
});
