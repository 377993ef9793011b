import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent, LexV2Event, LexV2Result } from 'aws-lambda';
import { z } from 'zod';
import { DirectoryRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { type FlowResult, readContact, readParameters, toStringMap } from '#shared/connect.ts';
import { env } from '#shared/env.ts';
import { logger } from '#shared/logger.ts';
import { type AssistantAnswer, answerQuestion, cachedFaq, takeMessage, wantsMessage } from './assistant.ts';
import { bedrockGenerator } from './bedrock.ts';

let faq: ReturnType<typeof cachedFaq> | undefined;

function deps() {
  const { doc, tables, bedrock } = clients();
  faq ??= cachedFaq(() => new DirectoryRepository(doc, tables).getFaq());
  return {
    faq,
    generator: bedrockGenerator(bedrock, env().BEDROCK_TIMEOUT_MS),
    log: (message: string, extra?: Record<string, unknown>) => logger.warn(message, extra ?? {}),
  };
}

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

const connectParameters = z.object({ question: z.string().max(2000).default('') });

export const handler = middy<ConnectContactFlowEvent | LexV2Event, FlowResult | LexV2Result>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    if (isLex(event)) {
      try {
        const text = event.inputTranscript ?? '';
        const purpose = event.sessionState?.sessionAttributes?.purpose;
        if (purpose === 'message') {
          const m = await takeMessage(text, deps());
          logger.info('assistant (lex, message)', { result: m.result });
          return lexResponse(event, m, text || ' ');
        }
        const leave = event.sessionState?.intent?.name === 'LeaveMessage' || wantsMessage(text);
        const answered = await answerQuestion(text, deps());
        // Urgent words win over "leave a message": the caller should not have to say it twice.
        const a: AssistantAnswer =
          leave && answered.result !== 'URGENT'
            ? { result: 'LEAVE_MESSAGE', answer: '', faqId: '', score: 0, keyword: '', source: '' }
            : answered;
        logger.info('assistant (lex)', { result: a.result, faqId: a.faqId, score: a.score });
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
          source: '',
        });
      }
    }
    const contact = readContact(event);
    const p = readParameters(connectParameters, contact.parameters);
    const a = await answerQuestion(p.question, deps());
    logger.info('assistant', {
      contactId: contact.contactId,
      result: a.result,
      faqId: a.faqId,
      score: a.score,
    });
    return toStringMap({ ...a });
  });
