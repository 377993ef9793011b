/** Texts of the urgent escalation (SMS pages, the managers' alert), per locale family of the business. */
export interface EscalationTexts {
  /** A page after the first: says how long it has waited and who else was paged. */
  repage(p: { business: string; ticketId: string; minutes: number; summary: string }): string;
  escalated(p: { business: string; ticketId: string; minutes: number; summary: string }): string;
  nobodySubject(p: { business: string; ticketId: string }): string;
  nobodyText(p: {
    business: string;
    ticketId: string;
    minutes: number;
    paged: string;
    summary: string;
  }): string;
}

const en: EscalationTexts = {
  repage: (p) =>
    `URGENT ${p.business} ticket ${p.ticketId}, not accepted after ${p.minutes} min. Please take it: ${p.summary}`,
  escalated: (p) =>
    `URGENT ${p.business} ticket ${p.ticketId}: the on-call person has not accepted it after ${p.minutes} min. Please take it: ${p.summary}`,
  nobodySubject: (p) => `${p.business}: nobody took urgent ticket ${p.ticketId}`,
  nobodyText: (p) =>
    `Nobody accepted urgent ticket ${p.ticketId} in ${p.minutes} minutes. Paged: ${p.paged}. The caller is still waiting for a call back.\n\n${p.summary}`,
};

const zh: EscalationTexts = {
  repage: (p) =>
    `【紧急】${p.business} 工单 ${p.ticketId} ${p.minutes} 分钟内无人接单，请尽快处理：${p.summary}`,
  escalated: (p) =>
    `【紧急】${p.business} 工单 ${p.ticketId}：值班人员 ${p.minutes} 分钟内未接单，请您处理：${p.summary}`,
  nobodySubject: (p) => `${p.business}: nobody took urgent ticket ${p.ticketId}`,
  nobodyText: (p) =>
    `紧急工单 ${p.ticketId} 在 ${p.minutes} 分钟内无人接单。已呼叫：${p.paged}。来电客户仍在等待回电。\n\n${p.summary}`,
};

export function escalationTexts(locale: string): EscalationTexts {
  return locale.startsWith('zh') ? zh : en;
}
