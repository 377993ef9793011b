/** Texts the handlers send (SMS, e-mail), per locale family. Prompts spoken in flows live in contact-flows/. */
export interface Messages {
  pageText(p: {
    business: string;
    ticketId: string;
    caller: string;
    callerName?: string;
    summary: string;
  }): string;
  confirmationText(p: { business: string; ticketId: string; due: string }): string;
  /** To a caller who hung up before anyone answered (a missed-call ticket). */
  missedCallText(p: { business: string; ticketId: string; due: string }): string;
  handoverSubject(p: { business: string; from: string; to: string }): string;
}

const en: Messages = {
  pageText: (p) =>
    `URGENT ${p.business} ticket ${p.ticketId} from ${p.callerName ? `${p.callerName} ` : ''}${p.caller}: ${p.summary}`,
  confirmationText: (p) =>
    `${p.business}: we have your message, ticket ${p.ticketId}. We will call you back by ${p.due}.`,
  missedCallText: (p) =>
    `${p.business}: sorry we missed your call. We will call you back by ${p.due} (ticket ${p.ticketId}).`,
  handoverSubject: (p) => `${p.business} handover: ${p.from} to ${p.to}`,
};

const zh: Messages = {
  pageText: (p) =>
    `【紧急】${p.business} 工单 ${p.ticketId}，来电 ${p.callerName ? `${p.callerName} ` : ''}${p.caller}：${p.summary}`,
  confirmationText: (p) =>
    `【${p.business}】已收到您的留言，工单号 ${p.ticketId}，我们将在${p.due}前给您回电。`,
  missedCallText: (p) =>
    `【${p.business}】抱歉未能接听您的来电，我们将在${p.due}前给您回电，工单号 ${p.ticketId}。`,
  handoverSubject: (p) => `${p.business} handover: ${p.from} to ${p.to}`,
};

export function messages(locale: string): Messages {
  return locale.startsWith('zh') ? zh : en;
}
