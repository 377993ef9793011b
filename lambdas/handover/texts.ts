/** The handover e-mail, per locale family of the business (a zh-CN business gets Chinese). */
export interface HandoverTexts {
  subject(p: { business: string; from: string; to: string }): string;
  heading(p: { from: string; to: string; starts?: string }): string;
  nothingOpen: string;
  summary(p: { open: number; urgent: number; overdue: number; counts: string }): string;
  flags: { urgent: string; overdue: string; thisShift: string; fromShift(key: string): string };
  line(p: {
    id: string;
    flags: string;
    category: string;
    status: string;
    owner?: string;
    caller: string;
    callerName?: string;
    /** A callback number other than the caller id. */
    callback?: string;
    due: string;
  }): string;
  nextShift: string;
  /** The caller id was withheld. */
  withheld: string;
}

const en: HandoverTexts = {
  subject: (p) => `${p.business} handover: ${p.from} to ${p.to}`,
  heading: (p) => `Handover from ${p.from} to ${p.to}${p.starts ? ` (starts ${p.starts})` : ''}.`,
  nothingOpen: 'No tickets are open. Nothing to hand over.',
  summary: (p) =>
    `${p.open} open ticket(s): ${p.urgent} urgent, ${p.overdue} overdue. By category: ${p.counts}.`,
  flags: { urgent: 'URGENT', overdue: 'OVERDUE', thisShift: 'this shift', fromShift: (k) => `from ${k}` },
  line: (p) =>
    `- ${p.id} [${p.flags}] ${p.category}, ${p.status}${p.owner ? `, owner ${p.owner}` : ''}, caller ${p.caller}${p.callerName ? ` (${p.callerName})` : ''}${p.callback ? `, call back on ${p.callback}` : ''}, callback due ${p.due}`,
  nextShift: 'next shift',
  withheld: 'number withheld',
};

const zh: HandoverTexts = {
  subject: (p) => `${p.business} 交接班：${p.from} 交给 ${p.to}`,
  heading: (p) => `${p.from} 交接给 ${p.to}${p.starts ? `（${p.starts} 开始）` : ''}。`,
  nothingOpen: '没有未处理的工单，无需交接。',
  summary: (p) => `未处理工单 ${p.open} 个：紧急 ${p.urgent} 个，逾期 ${p.overdue} 个。按类别：${p.counts}。`,
  flags: { urgent: '紧急', overdue: '逾期', thisShift: '本班', fromShift: (k) => `来自 ${k}` },
  line: (p) =>
    `- ${p.id} [${p.flags}] ${p.category}，${p.status}${p.owner ? `，负责人 ${p.owner}` : ''}，来电 ${p.caller}${p.callerName ? `（${p.callerName}）` : ''}${p.callback ? `，回电号码 ${p.callback}` : ''}，回电期限 ${p.due}`,
  nextShift: '下一班',
  withheld: '未显示号码',
};

export function handoverTexts(locale: string): HandoverTexts {
  return locale.startsWith('zh') ? zh : en;
}
