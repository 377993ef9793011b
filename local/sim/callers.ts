/**
 * The month simulation's callers: each answers the prompts of the real flows as a person would, following
 * a plan drawn when they call (what they call about, whether they take a callback, how they rate the call).
 * The caller does not know whether the line is open: route decides, and the caller answers whatever the
 * flow asks (the menu, the callback offer, the assistant, the survey).
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import type { Caller, CallerInput, InputRequest } from '../engine/types.ts';

/** What a caller to the assistant wants (the mix of after-hours callers). */
export type AssistantIntent = 'faq' | 'off-topic' | 'urgent' | 'message';

/** Shares of after-hours intents, in the order tried (FAQ questions, off-topic, urgent, messages). */
export const ASSISTANT_MIX: ReadonlyArray<readonly [AssistantIntent, number]> = [
  ['faq', 0.55],
  ['off-topic', 0.15],
  ['urgent', 0.08],
  ['message', 0.22],
];

/** CSAT answers (1-5) and their shares among callers who answer the survey (most callers are content). */
export const CSAT_MIX: ReadonlyArray<readonly [number, number]> = [
  [5, 0.5],
  [4, 0.28],
  [3, 0.1],
  [2, 0.05],
  [1, 0.07],
];

export interface CallerPlan {
  intent: AssistantIntent;
  /** Seconds they would hold before hanging up. */
  patienceSeconds: number;
  /** Whether they take the queued callback when it is offered. */
  takesCallback: boolean;
  /** Their survey key, or undefined when they hang up instead of answering. */
  csat: number | undefined;
  /** Handle time if an agent serves them: talk and after-contact work, in seconds. */
  talkSeconds: number;
  acwSeconds: number;
}

const TEXTS = {
  en: {
    offTopic: [
      'What is the weather like tomorrow?',
      'Can you recommend a good restaurant nearby?',
      'Who won the game last night?',
      'Do you sell car insurance?',
      'Tell me a joke',
    ],
    urgent: (k: string) => `There is a ${k} near my washing machine, please help`,
    leave: 'I would like to leave a message',
    message: [
      'Please call me back about my order',
      'My dryer stopped working, please call me back',
      'I need to change my delivery date',
      'Call me back about the repair you did last week',
    ],
  },
  zh: {
    offTopic: ['明天天气怎么样？', '附近有什么好吃的餐厅？', '你们卖车险吗？', '给我讲个笑话'],
    urgent: (k: string) => `家里${k}了，请马上帮忙`,
    leave: '我想留言',
    message: ['请回电话给我，关于我的订单', '我家的冰箱坏了，请回电', '我想改一下送货时间'],
  },
};

type Random = () => number;

/** Draws from a list of (value, share). */
export function draw<T>(random: Random, mix: ReadonlyArray<readonly [T, number]>): T {
  const total = mix.reduce((a, [, w]) => a + w, 0);
  let x = random() * total;
  for (const [v, w] of mix) {
    x -= w;
    if (x < 0) return v;
  }
  return mix[mix.length - 1]![0];
}

/** An exponential draw with this mean (the usual model of handle times and patience). */
export const exponential = (random: Random, mean: number) => -mean * Math.log(1 - random());

export class SimulatedCaller implements Caller {
  private readonly texts: (typeof TEXTS)['en'];
  private asked = 0;

  constructor(
    readonly plan: CallerPlan,
    private readonly config: SwitchboardConfig,
    private readonly random: Random,
  ) {
    this.texts = config.business.locale.startsWith('zh') ? TEXTS.zh : TEXTS.en;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  private faqQuestion(): string {
    const entry = this.pick(this.config.faq);
    return this.pick([entry.question, ...entry.alternates]);
  }

  private question(): string {
    switch (this.plan.intent) {
      case 'faq':
        return this.faqQuestion();
      case 'off-topic':
        return this.pick(this.texts.offTopic);
      case 'urgent':
        return this.texts.urgent(
          this.pick(
            this.config.assistant.urgentKeywords.length ? this.config.assistant.urgentKeywords : ['fire'],
          ),
        );
      case 'message':
        return this.texts.leave;
    }
  }

  async next(request: InputRequest): Promise<CallerInput> {
    const keys = (value: string): CallerInput => ({ type: 'keys', value });
    const say = (value: string): CallerInput => ({ type: 'speech', value });
    switch (`${request.flow}/${request.action}`) {
      case 'customer-queue/offer':
        return keys(this.plan.takesCallback ? '1' : '2');
      case 'customer-queue/ask-number':
        return keys(`${this.config.business.locale.startsWith('zh') ? '13812345678' : '3125550199'}#`);
      case 'disconnect/ask':
        return this.plan.csat === undefined ? { type: 'hangup' } : keys(String(this.plan.csat));
      case 'assistant/ask':
        return say(this.question());
      case 'assistant/ask-again':
        // A second question after an answer: another FAQ question.
        return say(this.faqQuestion());
      case 'assistant/follow-up':
        return keys(
          draw(this.random, [
            ['1', 0.8],
            ['2', 0.1],
            ['3', 0.1],
          ] as const),
        );
      case 'assistant/leave-message':
        return say(this.pick(this.texts.message));
      case 'assistant/urgent-offer':
        return keys(this.random() < 0.5 ? '1' : '2');
    }
    // A menu (any level): one of the keys it offers; a caller who keeps not choosing ends up with a person.
    if (request.kind === 'dtmf' && request.options.length > 0 && this.asked++ < 10)
      return keys(this.pick(request.options));
    return { type: 'silence' };
  }
}
