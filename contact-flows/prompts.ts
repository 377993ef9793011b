import { external } from './contracts.ts';

/** The ticket function's results, as `$.External.<key>` references (typed by the contract). */
const T = external('ticket');

/** What callers hear, per language. `$.Path` references are filled by Connect (and the local engine). */
export interface Prompts {
  welcomeBack(greeting: string): string;
  menuOption(label: string, key: string): string;
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
  messageFailed: string;
  urgentSaved: string;
  urgentOfferTransfer: string;
  urgentTransferring: string;
  urgentTransferFailed: string;
  urgentNoOnCall: string;
  goodbye: string;
  /** hardening: said early in every call when `recordings.announce` is on. */
  recordingNotice: string;
  surveyAsk: string;
  surveyInvalid: string;
  surveyThanks: string;
}

const en: Prompts = {
  welcomeBack: (greeting) => `${greeting} Welcome back, $.Attributes.customerName.`,
  menuOption: (label, key) =>
    key === '0' ? `To speak to a person, press 0.` : `For ${label}, press ${key}.`,
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
  messageFailed: 'Sorry, we could not save your message. Please call again during opening hours. Goodbye.',
  urgentSaved: `This sounds urgent. I have alerted our on-call team. Your ticket number is ${T.ticketIdSpoken}.`,
  urgentOfferTransfer:
    'To be connected to the person on call now, press 1. Otherwise they will call you back within minutes.',
  urgentTransferring: 'Connecting you now.',
  urgentTransferFailed:
    'Sorry, we could not reach them by phone. They will call you back within minutes. Goodbye.',
  urgentNoOnCall: 'Someone will call you back within minutes. Goodbye.',
  goodbye: 'Thank you for calling. Goodbye.',
  recordingNotice: 'This call may be recorded for quality and training.',
  surveyAsk:
    'Before you go: how satisfied were you with this call? Press a number from 1 to 5, where 5 is very satisfied.',
  surveyInvalid: 'Please press one number from 1 to 5.',
  surveyThanks: 'Thank you for your feedback. Goodbye.',
};

const zh: Prompts = {
  welcomeBack: (greeting) => `${greeting}$.Attributes.customerName，欢迎您再次来电。`,
  menuOption: (label, key) => (key === '0' ? '人工服务请按0。' : `${label}请按${key}。`),
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
  messageFailed: '抱歉，留言没有保存成功，请在工作时间再次来电。再见。',
  urgentSaved: `您的情况比较紧急，我已经通知值班人员。您的工单号是${T.ticketIdSpoken}。`,
  urgentOfferTransfer: '如需立即转接值班人员请按1，否则值班人员会在几分钟内给您回电。',
  urgentTransferring: '正在为您转接。',
  urgentTransferFailed: '抱歉，暂时无法接通值班人员，他们会在几分钟内给您回电。再见。',
  urgentNoOnCall: '我们会在几分钟内给您回电。再见。',
  goodbye: '感谢您的来电，再见。',
  recordingNotice: '为了保证服务质量，您的通话可能会被录音。',
  surveyAsk: '请您对本次服务进行评价：非常满意请按5，非常不满意请按1。',
  surveyInvalid: '请按1到5之间的一个数字。',
  surveyThanks: '感谢您的评价，再见。',
};

export function promptsFor(locale: string): Prompts {
  return locale.startsWith('zh') ? zh : en;
}
