import type { SwitchboardConfig } from '../../config/schema.ts';
import type { AssistantSettings, DirectoryRepository } from './repositories.ts';
import type { Roster } from './roster.ts';

/** Every category a ticket can carry: the menu's, plus the ones the assistant and agents use. */
export function categoriesOf(config: SwitchboardConfig): string[] {
  const out = new Set<string>(['general', 'message', 'missed-call', 'urgent']);
  const walk = (items: SwitchboardConfig['ivr']['menu']) => {
    for (const i of items) {
      if (i.category) out.add(i.category);
      if (i.menu) walk(i.menu);
    }
  };
  walk(config.ivr.menu);
  return [...out].sort();
}

/**
 * The name of each menu category: the label of the menu entry that files it (a leaf entry's label wins
 * over a submenu's, which names a group of choices), e.g. `{ repair: 'book a repair' }`.
 */
export function categoryLabelsOf(config: SwitchboardConfig): Record<string, string> {
  const out: Record<string, string> = {};
  const leaves = (items: SwitchboardConfig['ivr']['menu']): SwitchboardConfig['ivr']['menu'] =>
    items.flatMap((i) => (i.menu ? leaves(i.menu) : [i]));
  const parents = (items: SwitchboardConfig['ivr']['menu']): SwitchboardConfig['ivr']['menu'] =>
    items.flatMap((i) => (i.menu ? [i, ...parents(i.menu)] : []));
  for (const i of [...leaves(config.ivr.menu), ...parents(config.ivr.menu)])
    if (i.category && !out[i.category]) out[i.category] = i.label;
  return out;
}

export function rosterFromConfig(config: SwitchboardConfig): Roster {
  return {
    businessName: config.business.name,
    timezone: config.business.timezone,
    locale: config.business.locale,
    shifts: config.shifts.map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      start: s.start,
      end: s.end,
      ...(s.days ? { days: s.days } : {}),
      agents: s.agents,
      ...(s.email ? { email: s.email } : {}),
    })),
    onCall: config.onCall.map((o) => ({ shift: o.shift, name: o.name, phone: o.phone })),
    sla: {
      answerWithinSeconds: config.sla.answerWithinSeconds,
      firstResponseMinutes: config.sla.firstResponseMinutes,
      callbackWithinHours: config.sla.callbackWithinHours,
    },
    alertsSms: config.alerts.sms,
    smsConfirmation: config.tickets.smsConfirmation,
    categories: categoriesOf(config),
    categoryLabels: categoryLabelsOf(config),
    transcribe: config.recordings.transcribe,
    escalation: {
      ackWithinMinutes: config.escalation.ackWithinMinutes,
      repages: config.escalation.repages,
      escalateTo: config.escalation.escalateTo,
    },
    outbound: { countries: [...config.outbound.countries], perNumberPerDay: config.outbound.perNumberPerDay },
  };
}

export function assistantSettingsFromConfig(config: SwitchboardConfig): AssistantSettings {
  return {
    locale: config.business.locale,
    provider: config.assistant.provider,
    ...(config.assistant.bedrockModelId ? { bedrockModelId: config.assistant.bedrockModelId } : {}),
    threshold: config.assistant.threshold,
    urgentKeywords: config.assistant.urgentKeywords,
    urgentGroups: config.assistant.urgent.map((g) => ({ id: g.id, keywords: g.keywords, safety: g.safety })),
    businessName: config.business.name,
  };
}

/**
 * Writes the config's roster, holidays and FAQ to the directory table. Idempotent, and it never
 * touches the records table, so re-seeding after a config change keeps every ticket.
 */
export async function seedDirectory(repo: DirectoryRepository, config: SwitchboardConfig): Promise<void> {
  await repo.putRoster(rosterFromConfig(config));
  await repo.replaceHolidays(config.holidays);
  await repo.replaceFaq(assistantSettingsFromConfig(config), config.faq);
}
