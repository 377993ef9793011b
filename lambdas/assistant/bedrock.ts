import { type BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { Generator } from './assistant.ts';

const NO_ANSWER = 'NO_ANSWER';

/** Bedrock Converse, grounded in the FAQ entries only, with a hard time limit (the caller is waiting). */
export function bedrockGenerator(client: BedrockRuntimeClient, timeoutMs: number): Generator {
  return {
    async answer(question, context, settings) {
      if (!settings.bedrockModelId || context.length === 0) return null;
      const facts = context.map((e, i) => `${i + 1}. Q: ${e.question}\n   A: ${e.answer}`).join('\n');
      const language = settings.locale.startsWith('zh') ? 'Simplified Chinese' : 'English';
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const res = await client.send(
          new ConverseCommand({
            modelId: settings.bedrockModelId,
            system: [
              {
                text:
                  `You answer callers on the phone line of ${settings.businessName}. Reply in ${language}, ` +
                  'in at most two short sentences that sound natural when spoken. Use only the facts below. ' +
                  `If they do not answer the question, reply exactly ${NO_ANSWER}.\n\nFacts:\n${facts}`,
              },
            ],
            messages: [{ role: 'user', content: [{ text: question }] }],
            inferenceConfig: { maxTokens: 200, temperature: 0.2 },
          }),
          { abortSignal: controller.signal },
        );
        const text = (res.output?.message?.content ?? [])
          .map((c) => ('text' in c ? (c.text ?? '') : ''))
          .join(' ')
          .trim();
        if (!text || text.includes(NO_ANSWER)) return null;
        return text;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
