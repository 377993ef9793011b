import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent, LexV2Event, LexV2Result } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  annotateBestEffort,
  type ContactAnnotation,
  type ContactAnnotations,
  ContactAnnotator,
} from '#domain/annotations.ts';
import { toCandidates } from '#domain/faq.ts';
import { MissedQuestionRepository, type StoredMissedQuestion } from '#domain/missed-questions.ts';
import { DirectoryRepository } from '#domain/repositories.ts';
import { FLOW_FUNCTIONS } from '#flows/contracts.ts';
import { type FlowResult, readContact, readParameters, toStringMap } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { onFirstUse, readEnv } from '#shared/env.ts';
import { logger } from '#shared/logger.ts';
import {
  type AssistantAnswer,
  type AssistantDeps,
  answerQuestion,
  cachedFaq,
  type Reranker,
  takeMessage,
  wantsMessage,
} from './assistant.ts';
import { bedrockReranker } from './bedrock.ts';

export interface AssistantHandlerDeps extends BaseDeps {
  /** The FAQ index and assistant settings (cached per container). */
  faq: AssistantDeps['faq'];
  /** Bedrock in AWS (used with `assistant.provider: bedrock`); any failure or time-out keeps the offline answer. */
  reranker?: Reranker;
  /** issue 10: where missed questions are kept (the records table); none: they are not kept. */
  missed?: { add(m: StoredMissedQuestion): Promise<void> };
  /** records: how the assistant ended goes on the contact's record (best effort). */
  records?: ContactAnnotations;
}

/** The FAQ from the directory table, cached for a minute (it changes only on deploy). */
export function storeDeps(store: Store): Pick<AssistantHandlerDeps, 'faq' | 'missed' | 'records'> {
  const directory = new DirectoryRepository(store.doc, store.tables);
  return {
    faq: cachedFaq(() => directory.getFaq()),
    missed: new MissedQuestionRepository(store.doc, store.tables),
    records: new ContactAnnotator(store.doc, store.tables), // records
  };
}

/**
 * issue 10 (missed questions): the use case's `missed` dep for one contact (NO_MATCH), and the record of
 * an answer that did not help. The flow's follow-up after an answer goes on to another Lex turn only when
 * the caller presses 2 (ask something else) or 3 (leave a message); that turn's session attributes still
 * hold the answered `faqId` and its `question` (Connect keeps them in the Lex session; the flow also passes
 * them), so a turn that starts with `assistantResult` ANSWERED means the answer did not help.
 */
function missedFor(deps: AssistantHandlerDeps, contactId: string) {
  const keep = async (m: Omit<StoredMissedQuestion, 'contactId' | 'locale' | 'at'>) => {
    if (!deps.missed || !contactId) return;
    const { settings } = await deps.faq();
    await deps.missed.add({ ...m, contactId, locale: settings.locale, at: deps.clock().toISOString() });
  };
  return {
    noMatch: (m: { question: string; candidates: StoredMissedQuestion['candidates'] }) =>
      keep({ ...m, reason: 'no-match' }),
    async afterAnswer(attributes: Record<string, string> | undefined): Promise<void> {
      const a = attributes ?? {};
      if (a.assistantResult !== 'ANSWERED' || !a.faqId || !a.question?.trim()) return;
      try {
        const { index } = await deps.faq();
        const candidates = toCandidates(index.search(a.question, 3));
        await keep({ question: a.question, candidates, reason: 'not-helped', answeredFaqId: a.faqId });
      } catch (err) {
        deps.logger.warn('missed question not kept', {
          error: err instanceof Error ? err.name : String(err),
        });
      }
    },
  };
}

// records (begin): the assistant's outcome as the record names it; the last turn of the call wins
const OUTCOMES: Record<AssistantAnswer['result'], string> = {
  ANSWERED: 'answered',
  NO_MATCH: 'no-match',
  URGENT: 'urgent',
  ERROR: 'error',
  MESSAGE: 'message',
  LEAVE_MESSAGE: 'message',
};
const outcomeOf = (a: AssistantAnswer): ContactAnnotation => ({ assistantOutcome: OUTCOMES[a.result] });
// records (end)

function isLex(event: unknown): event is LexV2Event {
  const e = event as { sessionState?: unknown; inputTranscript?: unknown } | null;
  return !!e && typeof e === 'object' && 'sessionState' in e && typeof e.inputTranscript === 'string';
}

/** Lex V2 code hook: close the turn and hand the outcome to the flow in session attributes. */
export function lexResponse(event: LexV2Event, a: AssistantAnswer, message = ''): LexV2Result {
  const intentName = event.sessionState?.intent?.name ?? 'FallbackIntent';
  return {
    sessionState: {
      sessionAttributes: {
        ...(event.sessionState?.sessionAttributes ?? {}),
        ...toStringMap({
          assistantResult: a.result,
          answer: a.answer,
          faqId: a.faqId,
          score: a.score,
          keyword: a.keyword,
          urgentGroup: a.urgentGroup,
          // A message turn keeps the words as the message and leaves the earlier question in place.
          ...(message
            ? { message }
            : { question: a.result === 'LEAVE_MESSAGE' ? '' : event.inputTranscript }),
        }),
      },
      dialogAction: { type: 'Close' },
      intent: { name: intentName, state: 'Fulfilled', confirmationState: 'None' },
    },
    // The flow speaks the answer (so Connect and the local engine behave alike); Lex stays silent.
    messages: [],
  } as unknown as LexV2Result;
}

/**
 * `assistant`: the Lex V2 code hook of the after-hours bot (answers, messages, urgent words) and, for a
 * flow that invokes it directly, a Connect function with the contract's `question` parameter.
 */
export function createHandler(deps: AssistantHandlerDeps) {
  const useCase = {
    faq: deps.faq,
    ...(deps.reranker ? { reranker: deps.reranker } : {}),
    log: (message: string, extra?: Record<string, unknown>) => deps.logger.warn(message, extra ?? {}),
  };
  const logger = deps.logger;
  // records: Connect's Lex session id is the ContactId.
  const annotate = (contactId: string | undefined, a: AssistantAnswer) =>
    annotateBestEffort(deps.records, contactId ?? '', outcomeOf(a), (m, x) => logger.warn(m, x));
  return middy<ConnectContactFlowEvent | LexV2Event, FlowResult | LexV2Result>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event) => {
      if (isLex(event)) {
        try {
          const text = event.inputTranscript ?? '';
          const purpose = event.sessionState?.sessionAttributes?.purpose;
          // issue 10: a turn after an answer (the caller pressed 2 or 3) says the answer did not help.
          const missed = missedFor(deps, event.sessionId ?? '');
          await missed.afterAnswer(event.sessionState?.sessionAttributes);
          if (purpose === 'message') {
            const m = await takeMessage(text, useCase);
            logger.info('assistant (lex, message)', { result: m.result });
            await annotate(event.sessionId, m); // records
            return lexResponse(event, m, text || ' ');
          }
          const leave = event.sessionState?.intent?.name === 'LeaveMessage' || wantsMessage(text);
          const answered = await answerQuestion(
            text,
            leave ? useCase : { ...useCase, missed: missed.noMatch }, // issue 10
          );
          // Urgent words win over "leave a message": the caller should not have to say it twice.
          const a: AssistantAnswer =
            leave && answered.result !== 'URGENT'
              ? {
                  result: 'LEAVE_MESSAGE',
                  answer: '',
                  faqId: '',
                  score: 0,
                  keyword: '',
                  urgentGroup: '',
                  source: '',
                }
              : answered;
          logger.info('assistant (lex)', { result: a.result, faqId: a.faqId, score: a.score });
          await annotate(event.sessionId, a); // records
          return lexResponse(event, a);
        } catch (err) {
          // Inside a Lex conversation an error would end the turn in silence; the flow's ERROR path
          // takes a message instead.
          logger.error('assistant failed', {
            error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
          });
          return lexResponse(event, {
            result: 'ERROR',
            answer: '',
            faqId: '',
            score: 0,
            keyword: '',
            urgentGroup: '',
            source: '',
          });
        }
      }
      const contact = readContact(event);
      const p = readParameters(FLOW_FUNCTIONS.assistant.parameters, contact.parameters);
      const a = await answerQuestion(p.question, {
        ...useCase,
        missed: missedFor(deps, contact.contactId).noMatch, // issue 10
      });
      logger.info('assistant', {
        contactId: contact.contactId,
        result: a.result,
        faqId: a.faqId,
        score: a.score,
      });
      await annotate(contact.contactId, a); // records
      return toStringMap({ ...a });
    });
}

/**
 * The reranker's time box (ms): the caller is waiting, and a Connect flow gives the function 3 s
 * (contracts.ts `flowTimeLimitSeconds`), the FAQ and DynamoDB included.
 */
const bedrockEnv = z.object({
  BEDROCK_TIMEOUT_MS: z._default(
    z.pipe(z.string(), z.transform(Number)).check(z.int(), z.gte(100), z.lte(2500)),
    1500,
  ),
});

/** In AWS: DynamoDB, and Bedrock (used only with `assistant.provider: bedrock`, imported on first use). */
export function awsDeps(): AssistantHandlerDeps {
  const { BEDROCK_TIMEOUT_MS } = readEnv(bedrockEnv, 'assistant');
  return {
    ...storeDeps(awsStore()),
    reranker: bedrockReranker(
      onFirstUse(async () => new (await import('@aws-sdk/client-bedrock-runtime')).BedrockRuntimeClient({})),
      BEDROCK_TIMEOUT_MS,
    ),
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
