import { external } from './contracts.ts';

/** The ticket function's results, as `$.External.<key>` references (typed by the contract). */
const T = external('ticket');

/**
 * A label that starts with what the caller wants to do ("book a repair", "check an order") reads "To
 * book a repair, press 1"; a label that names a subject ("sales", "new appliances") reads "For sales,
 * press 1". An item's own `prompt` in the config overrides both.
 */
const ACTION_LABEL =
  /^(add|apply|arrange|ask|book|buy|cancel|change|check|close|confirm|file|find|follow|get|hear|join|leave|log|make|open|order|pay|register|remove|renew|report|request|reschedule|return|schedule|sign|speak|start|stop|talk|track|update)\b/i;

const spokenKey = (key: string) => (key === '*' ? 'star' : key === '#' ? 'pound' : key);

/** What callers hear, per language. `$.Path` references are filled by Connect (and the local engine). */
export interface Prompts {
  welcomeBack(greeting: string): string;
  /** One menu entry: the item's own `prompt` when the config gives one, else built from the label. */
  menuOption(label: string, key: string, prompt?: string): string;
  /** Said in every menu without its own `0` entry. */
  menuPerson: string;
  /** Said in a sub-menu: `*` goes back one level. */
  menuBack: string;
  menuJoin(options: string[]): string;
  invalidKey: string;
  toPerson: string;
  routeTrouble: string;
  queueFull: string;
  cannotConnect: string;
  queueWelcome: string;
  holdMessages: string[];
  callbackOffer(waitSeconds: number): string;
  callbackConfirmed: string;
  callbackNumberPrompt: string;
  callbackInvalid: string;
  callbackFailed: string;
  keepHolding: string;
  assistantIntroHoliday: string;
  assistantIntroClosed: string;
  assistantAsk: string;
  assistantAskAgain: string;
  assistantNoInput: string;
  answerFollowUp: string;
  glad: string;
  noAnswer: string;
  leaveMessage: string;
  messageSaved: string;
  messageSavedNoDue: string;
  /** hardening: the ticket holds no number the line may call (outbound.countries): no callback promise. */
  messageSavedNoCallback: string;
  /** Both ticket calls failed: the message may or may not be saved (a time-out can follow the write). */
  messageFailed: string;
  urgentSaved: string;
  urgentOfferTransfer: string;
  urgentTransferring: string;
  urgentTransferFailed: string;
  urgentNoOnCall: string;
  // --- escalation (issue 11/12): what the caller hears when the page is not confirmed ---
  /** The page is not confirmed yet but the escalation runs. */
  urgentPageTrying: string;
  /** No page confirmed and no escalation: the truth, and safety advice. */
  urgentNotAlerted: string;
  /** The ticket could not be saved on an urgent call: the truth, and safety advice. */
  urgentTicketFailed: string;
  urgentTryTransfer: string;
  /** The direct transfer (after an unconfirmed page) did not connect. */
  urgentUnreached: string;
  // --- the page call to the on-call person ---
  pageCallAsk: string;
  pageCallAccepted: string;
  pageCallTaken: string;
  pageCallAcceptFailed: string;
  pageCallNotAccepted: string;
  goodbye: string;
  /** hardening: said early in every call when `recordings.announce` is on. */
  recordingNotice: string;
  surveyAsk: string;
  surveyInvalid: string;
  surveyThanks: string;
}

const en: Prompts = {
  welcomeBack: (greeting) => `${greeting} Welcome back, $.Attributes.customerName.`,
  menuOption: (label, key, prompt) =>
    prompt ??
    (key === '0'
      ? `To speak to a person, press 0.`
      : `${ACTION_LABEL.test(label) ? 'To' : 'For'} ${label}, press ${spokenKey(key)}.`),
  menuPerson: 'To speak to a person, press 0.',
  menuBack: 'To go back, press star.',
  menuJoin: (options) => options.join(' '),
  invalidKey: "Sorry, I didn't catch that.",
  toPerson: 'Let me put you through to a member of our team.',
  routeTrouble: 'Thank you for your patience.',
  queueFull: 'All of our team are busy right now, so I will take a message and we will call you back.',
  cannotConnect: 'Sorry, we cannot connect your call right now. Please call again in a few minutes. Goodbye.',
  queueWelcome: 'Thank you for waiting. A member of our team will be with you shortly.',
  holdMessages: [
    'Your call is important to us. Please stay on the line.',
    'Thank you for holding. We will be with you as soon as we can.',
  ],
  callbackOffer: (s) =>
    `We are sorry for the wait of more than ${s} seconds. To be called back without losing your place in line, press 1. To keep holding, press 2.`,
  callbackConfirmed: 'Thank you. We will call you back at your number when it is your turn. Goodbye.',
  callbackNumberPrompt:
    'Please enter the phone number we should call, starting with the area code, then press the pound key.',
  callbackInvalid: 'Sorry, that number did not work.',
  callbackFailed: 'Sorry, we could not set up a callback.',
  keepHolding: 'No problem. Please keep holding.',
  assistantIntroHoliday: 'We are closed today for $.Attributes.holiday. I am the virtual assistant.',
  assistantIntroClosed: 'Our team is not available right now. I am the virtual assistant.',
  assistantAsk: 'How can I help? Ask me a question, or say leave a message.',
  assistantAskAgain: 'What else can I help you with?',
  assistantNoInput: "I didn't hear anything.",
  answerFollowUp:
    'If that answered your question, press 1. To ask something else, press 2. To leave a message, press 3.',
  glad: 'Glad I could help. Thank you for calling. Goodbye.',
  noAnswer: "I'm sorry, I don't have an answer to that.",
  leaveMessage: 'Please tell me your name, what you need, and the best number to reach you.',
  messageSaved: `Thank you. Your ticket number is ${T.ticketIdSpoken}. We will call you back by ${T.dueSpoken}. Goodbye.`,
  messageSavedNoDue: `Thank you. Your ticket number is ${T.ticketIdSpoken}. We will call you back soon. Goodbye.`,
  messageSavedNoCallback: `Thank you. Your ticket number is ${T.ticketIdSpoken}. We cannot call back the number you are calling from, so please call us again during opening hours and give your ticket number. Goodbye.`,
  messageFailed:
    'Sorry, I could not confirm that your message was saved. Please call again during opening hours. Goodbye.',
  urgentSaved: `This sounds urgent. I have alerted our on-call team. Your ticket number is ${T.ticketIdSpoken}.`,
  urgentOfferTransfer:
    'To be connected to the person on call now, press 1. Otherwise they will call you back within minutes.',
  urgentTransferring: 'Connecting you now.',
  urgentTransferFailed:
    'Sorry, we could not reach them by phone. They will call you back within minutes. Goodbye.',
  urgentNoOnCall: 'Someone will call you back within minutes. Goodbye.',
  urgentPageTrying: `This sounds urgent. Your ticket number is ${T.ticketIdSpoken}. I could not reach our on-call team just yet, so I will keep paging them and our managers until someone takes it.`,
  urgentNotAlerted: `This sounds urgent. Your ticket number is ${T.ticketIdSpoken}, but I could not confirm that our on-call team was alerted. If anyone is in danger, hang up and call the emergency number now.`,
  urgentTicketFailed:
    'This sounds urgent, but I could not confirm that your message was saved. If anyone is in danger, hang up and call the emergency number now.',
  urgentTryTransfer: 'Let me try to connect you to the person on call now.',
  urgentUnreached:
    'Sorry, I could not put you through. If anyone is in danger, call the emergency number now. Goodbye.',
  pageCallAsk:
    'Urgent ticket $.Attributes.ticketIdSpoken for $.Attributes.business. The caller said: $.Attributes.summary. To accept it, press 1.',
  pageCallAccepted:
    'Thank you, the ticket is yours. The caller and their number are in your text message. Goodbye.',
  pageCallTaken: 'Thank you. $.External.takenBy has already taken this ticket. Goodbye.',
  pageCallAcceptFailed:
    'Sorry, I could not record that. Please take the ticket from your text message; we keep paging until someone does. Goodbye.',
  pageCallNotAccepted: 'The ticket was not accepted. We will page again in a few minutes. Goodbye.',
  goodbye: 'Thank you for calling. Goodbye.',
  recordingNotice: 'This call may be recorded for quality and training.',
  surveyAsk:
    'Before you go: how satisfied were you with this call? Press a number from 1 to 5, where 5 is very satisfied.',
  surveyInvalid: 'Please press one number from 1 to 5.',
  surveyThanks: 'Thank you for your feedback. Goodbye.',
};

const zh: Prompts = {
  welcomeBack: (greeting) => `${greeting}$.Attributes.customerName，欢迎您再次来电。`,
  menuOption: (label, key, prompt) =>
    prompt ??
    (key === '0'
      ? '人工服务请按0。'
      : `${label}请按${key === '*' ? '星号键' : key === '#' ? '井号键' : key}。`),
  menuPerson: '人工服务请按0。',
  menuBack: '返回上一级请按星号键。',
  menuJoin: (options) => options.join(''),
  invalidKey: '抱歉，没有听清您的选择。',
  toPerson: '正在为您转接人工客服。',
  routeTrouble: '感谢您的耐心等待。',
  queueFull: '目前客服全忙，请您留言，我们会尽快给您回电。',
  cannotConnect: '抱歉，暂时无法接通，请稍后再拨。再见。',
  queueWelcome: '感谢您的等待，客服人员将尽快为您服务。',
  holdMessages: ['您的来电对我们很重要，请不要挂机。', '感谢您的耐心等待，我们将尽快为您服务。'],
  callbackOffer: (s) => `抱歉让您久等超过${s}秒。如需保留排队位置并由我们回电，请按1；继续等待请按2。`,
  callbackConfirmed: '好的，轮到您时我们会回电到您的号码。再见。',
  callbackNumberPrompt: '请输入回电号码，以井号键结束。',
  callbackInvalid: '抱歉，这个号码无法使用。',
  callbackFailed: '抱歉，暂时无法为您安排回电。',
  keepHolding: '好的，请继续等待。',
  assistantIntroHoliday: '今天是$.Attributes.holiday，我们休息。我是智能助手。',
  assistantIntroClosed: '现在客服人员不在线。我是智能助手。',
  assistantAsk: '请问有什么可以帮您？您可以直接提问，或者说“留言”。',
  assistantAskAgain: '还有什么可以帮您？',
  assistantNoInput: '没有听到您的声音。',
  answerFollowUp: '如果解决了您的问题请按1，继续提问请按2，留言请按3。',
  glad: '很高兴能帮到您，感谢来电，再见。',
  noAnswer: '抱歉，这个问题我暂时无法回答。',
  leaveMessage: '请说出您的姓名、需要什么帮助，以及方便联系的电话。',
  messageSaved: `谢谢，您的工单号是${T.ticketIdSpoken}。我们会在${T.dueSpoken}之前给您回电。再见。`,
  messageSavedNoDue: `谢谢，您的工单号是${T.ticketIdSpoken}。我们会尽快给您回电。再见。`,
  messageSavedNoCallback: `谢谢，您的工单号是${T.ticketIdSpoken}。我们无法回拨您现在使用的号码，请在工作时间再次来电并提供工单号。再见。`,
  messageFailed: '抱歉，无法确认您的留言已保存，请在工作时间再次来电。再见。',
  urgentSaved: `您的情况比较紧急，我已经通知值班人员。您的工单号是${T.ticketIdSpoken}。`,
  urgentOfferTransfer: '如需立即转接值班人员请按1，否则值班人员会在几分钟内给您回电。',
  urgentTransferring: '正在为您转接。',
  urgentTransferFailed: '抱歉，暂时无法接通值班人员，他们会在几分钟内给您回电。再见。',
  urgentNoOnCall: '我们会在几分钟内给您回电。再见。',
  urgentPageTrying: `您的情况比较紧急，您的工单号是${T.ticketIdSpoken}。暂时没能联系上值班人员，我们会持续呼叫值班人员和主管，直到有人接单。`,
  urgentNotAlerted: `您的情况比较紧急，您的工单号是${T.ticketIdSpoken}，但我们无法确认已通知值班人员。如有人身危险，请立即挂机并拨打急救电话。`,
  urgentTicketFailed: '您的情况比较紧急，但无法确认您的留言已保存。如有人身危险，请立即挂机并拨打急救电话。',
  urgentTryTransfer: '正在尝试为您转接值班人员。',
  urgentUnreached: '抱歉，未能为您接通。如有人身危险，请立即拨打急救电话。再见。',
  pageCallAsk:
    '$.Attributes.business 紧急工单 $.Attributes.ticketIdSpoken。客户说：$.Attributes.summary。接单请按1。',
  pageCallAccepted: '谢谢，此工单由您负责。客户及其电话见短信。再见。',
  pageCallTaken: '谢谢，$.External.takenBy 已经接了这个工单。再见。',
  pageCallAcceptFailed: '抱歉，接单没有记录成功。请根据短信处理该工单，我们会继续呼叫直到有人接单。再见。',
  pageCallNotAccepted: '工单未被接受，我们会在几分钟后再次呼叫。再见。',
  goodbye: '感谢您的来电，再见。',
  recordingNotice: '为了保证服务质量，您的通话可能会被录音。',
  surveyAsk: '请您对本次服务进行评价：非常满意请按5，非常不满意请按1。',
  surveyInvalid: '请按1到5之间的一个数字。',
  surveyThanks: '感谢您的评价，再见。',
};

export function promptsFor(locale: string): Prompts {
  return locale.startsWith('zh') ? zh : en;
}
