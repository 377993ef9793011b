/**
 * A valid config at the schema's limits, for `npm run bench` and the coverage test: the largest menu
 * (12 keys, each with a 12-key sub-menu), 50 holidays (Connect's overrides per hours of operation), 50 FAQ
 * entries, every half hour of a working week a shift of its own with an on-call person (gaps at night and
 * at the weekend, some shifts with nobody on them), and as many queues as the inbound flow can name while
 * Connect still publishes it (250 actions per flow, publish-rules.ts).
 */
import { parseConfig } from '../../config/load.ts';
import type { SwitchboardConfig, SwitchboardConfigInput } from '../../config/schema.ts';
import { buildFlows, tokenRefs } from '../../contact-flows/index.ts';
import { checkPublishable } from '../../contact-flows/publish-rules.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The raw config (before defaults): 12 top-level keys with `subKeys`-key sub-menus, `queues` queues. */
export function maxConfigInput(queues: number, subKeys: number = KEYS.length): SwitchboardConfigInput {
  const queueIds = Array.from({ length: queues }, (_, i) => `queue-${i + 1}`);
  let leaf = 0;
  const nextQueue = () => queueIds[leaf++ % queueIds.length]!;
  const shifts = Array.from({ length: 28 }, (_, i) => ({
    id: `shift-${i + 1}`,
    name: `Shift ${i + 1}`,
    start: hhmm(8 * 60 + i * 30),
    end: hhmm(8 * 60 + (i + 1) * 30),
    days: [...DAYS],
    agents: i % 7 === 6 ? 0 : 1 + (i % 5),
  }));
  return {
    business: { name: 'Largest Valid Config Ltd', timezone: 'America/New_York', locale: 'en-US' },
    deployment: { region: 'us-east-1', instanceAlias: 'largest-valid-config' },
    queues: queueIds.map((id, i) => ({
      id,
      name: `Queue ${i + 1}`,
      ...(i % 3 === 0 ? { maxContacts: 10 } : {}),
    })),
    ivr: {
      greeting: 'Thank you for calling the largest valid config.',
      retries: 5,
      menu: KEYS.map((key, i) => ({
        key,
        label: `department ${i + 1}`,
        category: `department-${i + 1}`,
        menu: KEYS.slice(0, subKeys).map((sub, j) => ({
          key: sub,
          label: `topic ${i + 1}.${j + 1}`,
          queue: nextQueue(),
        })),
      })),
    },
    shifts,
    onCall: shifts.map((s, i) => ({
      shift: s.id,
      name: `On call ${i + 1}`,
      phone: `+1312555${String(1000 + i).padStart(4, '0')}`,
    })),
    holidays: Array.from({ length: 50 }, (_, i) => {
      const d = new Date(Date.UTC(2027, 0, 1 + i * 7));
      return { date: d.toISOString().slice(0, 10), name: `Holiday ${i + 1}` };
    }),
    assistant: { urgentKeywords: ['gas leak', 'fire', 'flood', 'electric shock'] },
    faq: Array.from({ length: 50 }, (_, i) => ({
      id: `faq-${i + 1}`,
      question: `What about topic number ${i + 1} and its details?`,
      answer: `Here is everything about topic ${i + 1}. `.repeat(20).trim().slice(0, 1000),
      alternates: [`tell me about topic ${i + 1}`],
    })),
    tickets: { smsConfirmation: true },
    alerts: { emails: ['ops@example.com'], sms: ['+13125550199'] },
  };
}

/** Whether the generated flows of `config` can be built and Connect would publish the inbound flow. */
function buildsAndPublishes(config: SwitchboardConfig): boolean {
  try {
    const inbound = buildFlows(config, tokenRefs(config)).inbound;
    return checkPublishable(inbound.content, { file: 'inbound' }).length === 0;
  } catch {
    return false; // the flow builder refuses a flow over Connect's 250 actions
  }
}

/**
 * The largest config the schema accepts whose flows Connect also takes (250 actions per flow): 12 top-level
 * keys, the longest sub-menus that fit, then the most queues that fit (one per menu leaf at most). Returns
 * the config and its dimensions. Note: the schema itself accepts 12 × 12 menus, whose inbound flow has
 * more than 250 actions; that is a config check the schema lacks (reported, not fixed here).
 */
export function maxConfig(): { config: SwitchboardConfig; subKeys: number; queues: number } {
  const make = (subKeys: number, queues: number) =>
    parseConfig(maxConfigInput(queues, subKeys), 'generated max config');
  for (let subKeys: number = KEYS.length; subKeys >= 1; subKeys--) {
    if (!buildsAndPublishes(make(subKeys, 1))) continue;
    let queues = 1;
    while (queues < KEYS.length * subKeys && buildsAndPublishes(make(subKeys, queues + 1))) queues++;
    return { config: make(subKeys, queues), subKeys, queues };
  }
  throw new Error('no menu size gives a flow Connect publishes');
}
