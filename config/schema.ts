import { z } from 'zod';
import { contactRefusal, countryPrefixRefusal, isCountry } from '../lambdas/domain/phone.ts';
import { isTimeZone, minutesOfDay, TIME_OF_DAY, WEEKDAYS } from '../lambdas/domain/time.ts';

/** Locales Switchboard ships prompts, voices, Lex locales and FAQ retrieval for. */
export const LOCALES = {
  'en-US': { voice: 'Joanna', lexLocale: 'en_US', transcribe: 'en-US', country: 'US' },
  'en-GB': { voice: 'Amy', lexLocale: 'en_GB', transcribe: 'en-GB', country: 'GB' },
  'en-AU': { voice: 'Olivia', lexLocale: 'en_AU', transcribe: 'en-AU', country: 'AU' },
  'zh-CN': { voice: 'Zhiyu', lexLocale: 'zh_CN', transcribe: 'zh-CN', country: 'CN' },
} as const;

/**
 * The Amazon Polly voices with a neural engine per locale: the flows set `TextToSpeechEngine: Neural`, and
 * a voice of another language reads the prompts with the wrong accent or not at all. Source: Amazon Polly
 * developer guide, "Available voices" (https://docs.aws.amazon.com/polly/latest/dg/available-voices.html).
 */
export const NEURAL_VOICES: Record<Locale, readonly string[]> = {
  'en-US': [
    'Danielle',
    'Gregory',
    'Ivy',
    'Joanna',
    'Joey',
    'Justin',
    'Kendra',
    'Kevin',
    'Kimberly',
    'Matthew',
    'Ruth',
    'Salli',
    'Stephen',
  ],
  'en-GB': ['Amy', 'Arthur', 'Brian', 'Emma'],
  'en-AU': ['Olivia'],
  'zh-CN': ['Zhiyu'],
};

/**
 * A Bedrock foundation-model id (`amazon.nova-lite-v1:0`, `anthropic.claude-3-haiku-20240307-v1:0`): the
 * provider, a dot, the model and an optional `:version`. It becomes the IAM resource
 * `arn:aws:bedrock:<region>::foundation-model/<id>`, so nothing else is let through.
 */
export const BEDROCK_MODEL_ID = /^[a-z][a-z0-9-]{1,30}\.[a-z0-9][a-z0-9._-]{0,100}(?::[a-z0-9]+){0,2}$/;
/** Cross-region inference profile prefixes: their ARN is an inference profile, not a foundation model. */
const INFERENCE_PROFILE = /^(?:us|eu|apac|global|us-gov|ca|jp|au)\./;
export type Locale = keyof typeof LOCALES;

/** Regions where Amazon Connect runs (voice). */
export const CONNECT_REGIONS = [
  'us-east-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-2',
  'eu-central-1',
  'af-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'us-gov-west-1',
] as const;

/** The weekdays and times of day are defined once, in lambdas/domain/time.ts. */
export const DAYS = WEEKDAYS;
export type Day = (typeof DAYS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z][a-z0-9-]{0,39}$/;
/** Connect's own pattern for an instance alias (AWS::Connect::Instance.InstanceAlias). */
const INSTANCE_ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;
const MENU_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const id = (what: string) =>
  z.string().regex(ID, {
    message: `is not a valid ${what} id (lower-case letters, digits and '-', starting with a letter, at most 40)`,
  });
const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max);
/** A number the line texts or calls (on-call, alert SMS): valid for its country, not premium-rate & co. */
const phone = z.string().superRefine((value, ctx) => {
  const refusal = contactRefusal(value);
  if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
  else if (!value.startsWith('+'))
    ctx.addIssue({ code: 'custom', message: 'must be written in E.164, with + and the country code' });
});
const timeOfDay = z.string().regex(TIME_OF_DAY, { message: 'is not a time of day (HH:MM, 00:00-24:00)' });

const categoryId = id('category');
const country = z
  .string()
  .refine(isCountry, { message: 'is not an ISO country code with phone numbers (e.g. US)' });

const leafMenuItem = z.strictObject({
  key: z.enum(MENU_KEYS, { message: 'must be one key: 0-9, * or #' }),
  label: text(200),
  /**
   * What the caller hears for this entry, e.g. "To book a repair, press 1." Default: built from the
   * label ("To book a repair, press 1." for a label that starts with a verb, else "For sales, press 1.").
   */
  prompt: text(300).optional(),
  queue: id('queue').optional(),
  category: categoryId.optional(),
});

const menuItem = leafMenuItem.extend({
  menu: z.array(leafMenuItem).min(1).max(12).optional(),
});
export type MenuItem = z.infer<typeof menuItem>;

const shift = z.strictObject({
  id: id('shift'),
  name: text(60).optional(),
  start: timeOfDay,
  end: timeOfDay,
  days: z.array(z.enum(DAYS)).min(1).optional(),
  agents: z.number().int().min(0).max(500),
  /** Optional team address that receives the handover when the previous shift ends. */
  email: z.email({ message: 'is not an e-mail address' }).optional(),
});
export type Shift = z.infer<typeof shift>;

export const configSchema = z
  .strictObject({
    business: z.strictObject({
      name: text(80),
      timezone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone (e.g. America/Chicago)' }),
      locale: z.enum(Object.keys(LOCALES) as [Locale, ...Locale[]], {
        message: `is not a supported locale (${Object.keys(LOCALES).join(', ')})`,
      }),
      /** An Amazon Polly neural voice of the locale (NEURAL_VOICES). Default: the locale's own voice. */
      voice: z.string().optional(),
    }),
    deployment: z.strictObject({
      region: z.enum(CONNECT_REGIONS, {
        message: `is not a region where Amazon Connect runs (${CONNECT_REGIONS.join(', ')})`,
      }),
      instanceAlias: z.string().min(1).max(45).regex(INSTANCE_ALIAS, {
        message: "is not a valid Connect instance alias (letters, digits and '-', not starting with 'd-')",
      }),
      phoneNumber: z
        .strictObject({
          countryCode: country,
          type: z.enum(['DID', 'TOLL_FREE']),
          prefix: z.string().optional(),
        })
        .superRefine((n, ctx) => {
          const refusal = n.prefix === undefined ? undefined : countryPrefixRefusal(n.prefix, n.countryCode);
          if (refusal) ctx.addIssue({ code: 'custom', path: ['prefix'], message: refusal });
        })
        .optional(),
    }),
    queues: z
      .array(
        z.strictObject({ id: id('queue'), name: text(127), maxContacts: z.number().int().min(1).optional() }),
      )
      .min(1),
    ivr: z.strictObject({
      greeting: text(500),
      menu: z.array(menuItem).min(1).max(12),
      /** How many times an invalid key or silence re-prompts before the caller goes to a person. */
      retries: z.number().int().min(0).max(5).default(2),
      /** Queue used for "0" and when the menu cannot be used. Defaults to the first queue. */
      defaultQueue: id('queue').optional(),
    }),
    shifts: z.array(shift).min(1),
    onCall: z.array(z.strictObject({ shift: id('shift'), name: text(80), phone })).default([]),
    holidays: z
      .array(
        z.strictObject({
          date: z.string().refine(isRealDate, { message: 'is not a date (YYYY-MM-DD)' }),
          name: text(80),
        }),
      )
      .max(50, { message: 'lists more than 50 holidays; Connect allows 50 overrides per hours of operation' })
      .default([]),
    sla: z
      .strictObject({
        answerWithinSeconds: z.number().int().min(5).max(600).default(30),
        firstResponseMinutes: z.number().int().min(1).max(1440).default(10),
        callbackWithinHours: z.number().int().min(1).max(168).default(24),
        targets: z
          .strictObject({
            answerRate: z.number().min(0).max(1).default(0.9),
            averageHandleSeconds: z.number().int().min(10).default(180),
            csat: z.number().min(0).max(1).default(0.85),
          })
          .prefault({}),
      })
      .prefault({}),
    assistant: z
      .strictObject({
        provider: z.enum(['faq', 'bedrock']).default('faq'),
        bedrockModelId: z
          .string()
          .superRefine((v, ctx) => {
            if (INFERENCE_PROFILE.test(v))
              ctx.addIssue({
                code: 'custom',
                message: `is a cross-region inference profile; use the foundation model id without the "${v.split('.')[0]}." prefix (e.g. amazon.nova-lite-v1:0)`,
              });
            else if (!BEDROCK_MODEL_ID.test(v))
              ctx.addIssue({
                code: 'custom',
                message:
                  'is not a Bedrock model id (provider.model:version in lower case, e.g. amazon.nova-lite-v1:0; see the Bedrock console, "Model catalog")',
              });
          })
          .optional(),
        /** Score (0-1) an FAQ match needs before it is spoken; below it the answer is NO_MATCH. */
        threshold: z.number().min(0.05).max(0.95).default(0.35),
        /** Words that make a call urgent, without a safety message (kept for older configs). */
        urgentKeywords: z.array(text(60)).default([]),
        /**
         * Urgent situations, each with its keywords and the safety advice said to the caller before
         * anything else (leave the building, call the emergency number...) when the caller's words match.
         */
        urgent: z
          .array(
            z.strictObject({
              id: id('urgent group'),
              keywords: z.array(text(60)).min(1),
              safety: text(600),
            }),
          )
          .max(20)
          .default([]),
      })
      .prefault({}),
    faq: z
      .array(
        z.strictObject({
          id: id('faq'),
          question: text(300),
          answer: text(1000),
          alternates: z.array(text(300)).default([]),
        }),
      )
      .min(1)
      .max(50),
    tickets: z
      .strictObject({
        /** Text the caller an SMS with the ticket id when a ticket is created for them. */
        smsConfirmation: z.boolean().default(false),
      })
      .prefault({}),
    alerts: z.strictObject({
      emails: z.array(z.email({ message: 'is not an e-mail address' })).default([]),
      sms: z.array(phone).default([]),
    }),
    // escalation (issue 11): how an urgent page is followed up until someone accepts it.
    escalation: z
      .strictObject({
        /** Minutes a page waits for "press 1 to accept" before the next step. */
        ackWithinMinutes: z.number().int().min(1).max(60).default(5),
        /** How many more times the on-call person is paged before escalating. */
        repages: z.number().int().min(0).max(5).default(1),
        /**
         * Who is paged next, in order, when the on-call person does not accept: `next-on-call` (the
         * on-call person of the shift that follows), `alerts.sms` (every number in alerts.sms), or a
         * person `{ name, phone }`. When the list ends, the managers are alerted that nobody took it.
         */
        escalateTo: z
          .array(
            z.union([
              z.enum(['next-on-call', 'alerts.sms'], {
                message: 'must be next-on-call, alerts.sms or { name, phone }',
              }),
              z.strictObject({ name: text(80), phone }),
            ]),
          )
          .max(10)
          .default(['next-on-call', 'alerts.sms']),
      })
      .prefault({}),
    /**
     * Where and how often the line texts callers and dials callbacks (SMS pumping and toll fraud are paid
     * by the business). Default countries: the country of deployment.phoneNumber, else of the locale.
     */
    outbound: z
      .strictObject({
        countries: z.array(country).min(1).optional(),
        /** Texts and callbacks per number per (UTC) day, all kinds together. */
        perNumberPerDay: z.number().int().min(1).max(50).default(3),
      })
      .prefault({}),
    recordings: z
      .strictObject({
        /** Tell callers at the start of the call that it may be recorded (a legal duty in many places). */
        announce: z.boolean().default(true),
        retentionDays: z.number().int().min(1).max(3650).default(90),
        transcribe: z.enum(['none', 'afterHours', 'all']).default('afterHours'),
      })
      .prefault({}),
  })
  .superRefine(crossChecks, {
    // Cross-field checks run even when single fields are wrong, so that every problem is reported at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
  // Defaults that depend on other fields are resolved once, here: nothing downstream works them out again.
  .transform((c) => ({
    ...c,
    ivr: { ...c.ivr, defaultQueue: c.ivr.defaultQueue ?? c.queues[0]!.id },
    assistant: {
      ...c.assistant,
      // Every urgent word, in one list: the legacy keywords and the groups' (groups are matched first).
      urgentKeywords: [
        ...new Set([...c.assistant.urgent.flatMap((g) => g.keywords), ...c.assistant.urgentKeywords]),
      ],
    },
    outbound: {
      ...c.outbound,
      countries: c.outbound.countries ?? [
        c.deployment.phoneNumber?.countryCode ?? LOCALES[c.business.locale].country,
      ],
    },
  }));

type Ctx = z.core.$RefinementCtx<unknown>;

/** Runs each section on its own: a malformed part of the config must not hide problems elsewhere. */
function section(fn: () => void): void {
  try {
    fn();
  } catch {
    // The field-level issue for the malformed part is already reported.
  }
}

function crossChecks(raw: unknown, ctx: Ctx): void {
  const c = raw as Partial<SwitchboardConfig>;
  // Only the entries that are mappings, at their own index (a sparse array: forEach and map skip the
  // holes): `queues: [~]` is reported by the field check, not crashed on here.
  const list = <T>(v: T[] | undefined): T[] => {
    const out: T[] = [];
    if (!Array.isArray(v)) return out;
    out.length = v.length;
    v.forEach((x, i) => {
      if (typeof x === 'object' && x !== null && !Array.isArray(x)) out[i] = x;
    });
    return out;
  };
  const ids = (v: Array<{ id?: unknown }> | undefined) =>
    list(v).flatMap((x) => (typeof x.id === 'string' ? [x.id] : []));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const duplicates = <T>(
    items: T[],
    key: (t: T) => string,
    path: (i: number) => (string | number)[],
    what: string,
  ) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (typeof k !== 'string') return;
      if (seen.has(k)) issue(path(i), `"${k}" ${what}`);
      seen.add(k);
    });
  };
  const queueIds = new Set(ids(c.queues));
  const shiftIds = new Set(ids(c.shifts));
  // A reference is checked only against a list whose every entry has an id: a broken entry is already
  // reported, and "not a queue" on every menu entry would bury that one problem.
  const complete = (v: Array<{ id?: unknown }> | undefined) =>
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => typeof (x as { id?: unknown } | null)?.id === 'string');

  section(() =>
    duplicates(
      list(c.queues),
      (q) => q.id,
      (i) => ['queues', i, 'id'],
      'is used by two queues',
    ),
  );
  section(() => {
    const checkQueue = (qid: string | undefined, path: (string | number)[]) => {
      if (qid !== undefined && complete(c.queues) && !queueIds.has(qid))
        issue(
          path,
          `"${qid}" is not a queue; define it under queues or use one of: ${[...queueIds].join(', ')}`,
        );
    };
    checkQueue(c.ivr?.defaultQueue, ['ivr', 'defaultQueue']);
    const checkMenu = (raw: MenuItem[], path: (string | number)[]) => {
      const items = list(raw);
      duplicates(
        items,
        (m) => m.key,
        (i) => [...path, i, 'key'],
        'is used twice in this menu',
      );
      items.forEach((item, i) => {
        checkQueue(item.queue, [...path, i, 'queue']);
        const hasSub = item.menu !== undefined;
        if (!hasSub && item.queue === undefined && item.key !== '0')
          issue([...path, i], 'a menu entry needs a queue or a sub-menu (menu)');
        if (hasSub && item.queue !== undefined)
          issue(
            [...path, i, 'queue'],
            'an entry with a sub-menu cannot also name a queue; put the queue on the sub-menu entries',
          );
        if (Array.isArray(item.menu)) checkMenu(item.menu, [...path, i, 'menu']);
      });
    };
    checkMenu(list(c.ivr?.menu), ['ivr', 'menu']);
  });
  section(() => {
    const shifts = list(c.shifts);
    duplicates(
      shifts,
      (s) => s.id,
      (i) => ['shifts', i, 'id'],
      'is used by two shifts',
    );
    shifts.forEach((s, i) => {
      if (typeof s.start === 'string' && s.start === s.end)
        issue(['shifts', i, 'end'], 'a shift must not start and end at the same time');
      if (s.start === '24:00') issue(['shifts', i, 'start'], 'a shift cannot start at 24:00');
    });
    for (const [i, j] of overlappingShifts(shifts))
      issue(
        ['shifts', j],
        `overlaps shift "${shifts[i]!.id}" on a day both work; shifts of one day must not overlap (gaps are allowed)`,
      );
  });
  section(() => {
    const onCall = list(c.onCall);
    onCall.forEach((o, i) => {
      if (complete(c.shifts) && !shiftIds.has(o.shift))
        issue(['onCall', i, 'shift'], `"${o.shift}" is not a shift; use one of: ${[...shiftIds].join(', ')}`);
    });
    duplicates(
      onCall,
      (o) => o.shift,
      (i) => ['onCall', i, 'shift'],
      'already has an on-call person; one per shift',
    );
  });
  section(() =>
    duplicates(
      list(c.holidays),
      (h) => h.date,
      (i) => ['holidays', i, 'date'],
      'is listed twice',
    ),
  );
  section(() =>
    duplicates(
      list(c.faq),
      (f) => f.id,
      (i) => ['faq', i, 'id'],
      'is used by two FAQ entries',
    ),
  );
  section(() =>
    duplicates(
      list(c.assistant?.urgent),
      (g) => g.id,
      (i) => ['assistant', 'urgent', i, 'id'],
      'is used by two urgent groups',
    ),
  );
  section(() => {
    const locale = c.business?.locale;
    const voice = c.business?.voice;
    if (typeof voice === 'string' && typeof locale === 'string' && Object.hasOwn(NEURAL_VOICES, locale)) {
      const voices = NEURAL_VOICES[locale as Locale];
      if (!voices.includes(voice))
        issue(
          ['business', 'voice'],
          `${JSON.stringify(voice.slice(0, 40))} is not an Amazon Polly neural voice for ${locale}; use one of: ${voices.join(', ')} (or remove the line for ${LOCALES[locale as Locale].voice})`,
        );
    }
  });
  section(() => {
    if (c.assistant?.provider === 'bedrock' && !c.assistant.bedrockModelId)
      issue(
        ['assistant', 'bedrockModelId'],
        'is required when assistant.provider is bedrock (e.g. amazon.nova-lite-v1:0)',
      );
  });
}

export type SwitchboardConfig = z.infer<typeof configSchema>;
export type SwitchboardConfigInput = z.input<typeof configSchema>;

const DAY_INDEX: Record<Day, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** Minutes since midnight of a `HH:MM` time of day (see lambdas/domain/time.ts). */
export const minutesOf = minutesOfDay;

/** Weekly minute intervals a shift covers; a shift crossing midnight runs into the next day. */
export function weeklyIntervals(s: Pick<Shift, 'start' | 'end' | 'days'>): Array<[number, number]> {
  const start = minutesOf(s.start);
  let end = minutesOf(s.end);
  if (end <= start) end += 1440;
  const week = 7 * 1440;
  const out: Array<[number, number]> = [];
  for (const d of s.days ?? DAYS) {
    const a = DAY_INDEX[d] * 1440 + start;
    const b = DAY_INDEX[d] * 1440 + end;
    if (b <= week) out.push([a, b]);
    else {
      out.push([a, week]);
      out.push([0, b - week]);
    }
  }
  return out;
}

function overlappingShifts(shifts: Shift[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const ivs = shifts.map((s) =>
    TIME_OF_DAY.test(String(s.start)) &&
    TIME_OF_DAY.test(String(s.end)) &&
    s.start !== '24:00' &&
    (s.days === undefined || Array.isArray(s.days))
      ? weeklyIntervals(s)
      : [],
  );
  for (let i = 0; i < shifts.length; i++)
    for (let j = i + 1; j < shifts.length; j++)
      if ((ivs[i] ?? []).some(([a, b]) => (ivs[j] ?? []).some(([c, d]) => a < d && c < b)))
        pairs.push([i, j]);
  return pairs;
}
