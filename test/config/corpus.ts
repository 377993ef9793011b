/**
 * The shared corpus of broken configs: each case is one mistake a business owner makes (or an attack on
 * the loader), with the path and the words the message must carry. test/config/corpus.test.ts runs every
 * case through `loadConfig` (from a file, as bytes) and a sample through `switchboard check`.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { EN_CONFIG } from '../helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: the corpus edits raw, untyped YAML data on purpose.
type Raw = any;

export interface BrokenConfig {
  name: string;
  /** Edits the parsed shipped config (switchboard.yaml) ... */
  edit?: (c: Raw) => void;
  /** ... or builds the file from the shipped config's text (a string or raw bytes). */
  file?: (text: string) => string | Uint8Array;
  /** The path the first matching problem names ('' for the whole file, `line N, column M` for syntax). */
  path: string | RegExp;
  /** Words the message must contain: the fault and the fix. */
  words: RegExp;
}

export const baseText = (): string => readFileSync(EN_CONFIG, 'utf8');
export const baseData = (): Raw => parse(baseText());
export const render = (c: BrokenConfig): string | Uint8Array => {
  if (c.file) return c.file(baseText());
  const data = baseData();
  c.edit!(data);
  return stringify(data);
};

const MB = 'x'.repeat(1024 * 1024);
const latin1 = (text: string) => {
  const bytes = Buffer.from(text.replace('Brightline Appliances', 'Brightline Caf\u00e9'), 'latin1');
  return new Uint8Array(bytes);
};
const bomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

export const CORPUS: BrokenConfig[] = [
  // The file as a whole
  { name: 'empty file', file: () => '', path: '', words: /file is empty.*start from switchboard\.yaml/ },
  { name: 'only comments', file: () => '# nothing yet\n', path: '', words: /file is empty/ },
  {
    name: 'top-level list',
    file: () => '- business\n- queues\n',
    path: '',
    words: /top level is a list.*remove the leading "- "/,
  },
  { name: 'top-level text', file: () => 'hello\n', path: '', words: /top level is the text "hello"/ },
  {
    name: 'YAML alias bomb',
    file: () => bomb,
    path: '',
    words: /aliases.*too many values.*write the values out/,
  },
  {
    name: 'unclosed bracket',
    file: (t) => t.replace('[mon, tue, wed, thu, fri, sat]', '[mon, tue'),
    path: /^line \d+, column \d+$/,
    words: /YAML syntax/,
  },
  {
    name: 'duplicate section',
    file: (t) => `${t}\nbusiness:\n  name: Other\n`,
    path: /^line \d+/,
    words: /YAML syntax: Map keys must be unique/,
  },
  {
    name: 'tab indentation',
    file: (t) => t.replace('  name: Brightline Appliances', '\tname: Brightline Appliances'),
    path: /^line \d+/,
    words: /YAML syntax/,
  },
  {
    name: 'two documents',
    file: (t) => `${t}\n---\nbusiness: {}\n`,
    path: /^line \d+/,
    words: /YAML syntax.*multiple documents/,
  },
  {
    name: 'Latin-1 bytes',
    file: latin1,
    path: /^line 5, column \d+$/,
    words: /not UTF-8 \(byte 0xE9, "é" in Latin-1\): save the file as UTF-8/,
  },
  {
    name: 'UTF-16 file',
    file: (t) => new Uint8Array([0xff, 0xfe, ...Buffer.from(t, 'utf16le')]),
    path: '',
    words: /UTF-16; save it as UTF-8/,
  },
  {
    name: 'deep nesting',
    file: () => `business: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    path: /^(line \d+, column \d+)?$/,
    words: /YAML syntax/,
  },

  // Empty entries and wrong shapes
  {
    name: 'queues: [~]',
    edit: (c) => {
      c.queues = [null];
    },
    path: 'queues[0]',
    words: /is empty.*fill it in or remove the entry/,
  },
  {
    name: 'shifts: [~]',
    edit: (c) => {
      c.shifts = [null];
    },
    path: 'shifts[0]',
    words: /is empty.*fill it in or remove the entry/,
  },
  {
    name: 'onCall: [~]',
    edit: (c) => {
      c.onCall = [null];
    },
    path: 'onCall[0]',
    words: /is empty/,
  },
  {
    name: 'faq: [~]',
    edit: (c) => {
      c.faq = [null];
    },
    path: 'faq[0]',
    words: /is empty/,
  },
  {
    name: 'menu: [~]',
    edit: (c) => {
      c.ivr.menu = [null];
    },
    path: 'ivr.menu[0]',
    words: /is empty/,
  },
  {
    name: 'queues as a mapping',
    edit: (c) => {
      c.queues = { general: 'General' };
    },
    path: 'queues',
    words: /must be a list.*not a mapping \("general"\)/,
  },
  {
    name: 'no queues',
    edit: (c) => {
      c.queues = [];
    },
    path: 'queues',
    words: /has 0 items; it needs at least 1 item: fill it in/,
  },
  {
    name: 'business missing',
    edit: (c) => {
      delete c.business;
    },
    path: 'business',
    words: /is required; add it as a mapping/,
  },
  {
    name: 'business empty',
    edit: (c) => {
      c.business = null;
    },
    path: 'business',
    words: /is empty.*must be a mapping/,
  },
  {
    name: 'misspelt section',
    edit: (c) => {
      c.assistnt = {};
    },
    path: 'assistnt',
    words: /not a known key; remove it or check its spelling/,
  },
  {
    name: 'unknown nested key',
    edit: (c) => {
      c.business.colour = 'blue';
    },
    path: 'business.colour',
    words: /not a known key/,
  },
  {
    name: 'alerts missing',
    edit: (c) => {
      delete c.alerts;
    },
    path: 'alerts',
    words: /is required/,
  },

  // Invisible characters and long values
  {
    name: 'zero-width space in a name',
    edit: (c) => {
      c.business.name = 'Bright\u200Bline';
    },
    path: 'business.name',
    words: /U\+200B \(zero-width space\) at character 7.*delete it/,
  },
  {
    name: 'right-to-left override',
    edit: (c) => {
      c.ivr.greeting = 'Hello \u202Eevil';
    },
    path: 'ivr.greeting',
    words: /U\+202E \(right-to-left override\)/,
  },
  {
    name: 'bell control character',
    edit: (c) => {
      c.faq[0].answer = 'Open \u0007 now';
    },
    path: 'faq[0].answer',
    words: /U\+0007 \(a control character\)/,
  },
  {
    name: 'byte order mark inside a value',
    edit: (c) => {
      c.queues[0].name = '\uFEFFGeneral';
    },
    path: 'queues[0].name',
    words: /U\+FEFF/,
  },
  {
    name: 'zero-width joiner in a label',
    edit: (c) => {
      c.ivr.menu[0].label = 'new\u200Dappliances';
    },
    path: 'ivr.menu[0].label',
    words: /U\+200D \(zero-width joiner\)/,
  },
  {
    name: 'invisible character in a key',
    edit: (c) => {
      c.business['name\u200B'] = 'x';
    },
    path: /^business\."name\\u\{200B\}"$/,
    words: /\(a key\) contains U\+200B/,
  },
  {
    name: '1 MB business name',
    edit: (c) => {
      c.business.name = MB;
    },
    path: 'business.name',
    words: /"x{60}…" \(1048576 characters\) is too long: at most 80 characters are allowed; shorten it/,
  },
  {
    name: '1 MB FAQ answer',
    edit: (c) => {
      c.faq[0].answer = MB;
    },
    path: 'faq[0].answer',
    words: /\(1048576 characters\) is too long: at most 1000 characters/,
  },
  {
    name: 'empty name',
    edit: (c) => {
      c.business.name = '  ';
    },
    path: 'business.name',
    words: /must not be empty/,
  },

  // business and deployment
  {
    name: 'time zone without region',
    edit: (c) => {
      c.business.timezone = 'Chicago';
    },
    path: 'business.timezone',
    words: /"Chicago" is not an IANA time zone \(e\.g\. America\/Chicago\)/,
  },
  {
    name: 'unsupported locale',
    edit: (c) => {
      c.business.locale = 'fr-FR';
    },
    path: 'business.locale',
    words: /"fr-FR" is not a supported locale \(en-US, en-GB, en-AU, zh-CN\)/,
  },
  {
    name: 'voice Bob',
    edit: (c) => {
      c.business.voice = 'Bob';
    },
    path: 'business.voice',
    words: /"Bob" is not an Amazon Polly neural voice for en-US; use one of: .*Joanna/,
  },
  {
    name: 'Joanna for zh-CN',
    edit: (c) => {
      c.business.locale = 'zh-CN';
      c.business.voice = 'Joanna';
    },
    path: 'business.voice',
    words: /not an Amazon Polly neural voice for zh-CN; use one of: Zhiyu/,
  },
  {
    name: 'standard-only voice',
    edit: (c) => {
      c.business.locale = 'en-AU';
      c.business.voice = 'Nicole';
    },
    path: 'business.voice',
    words: /for en-AU; use one of: Olivia/,
  },
  {
    name: 'voice as a number',
    edit: (c) => {
      c.business.voice = 42;
    },
    path: 'business.voice',
    words: /must be text; YAML reads 42 as a number: put it in quotes, voice: "42"/,
  },
  {
    name: 'region without Connect',
    edit: (c) => {
      c.deployment.region = 'eu-west-3';
    },
    path: 'deployment.region',
    words: /not a region where Amazon Connect runs/,
  },
  {
    name: 'instance alias d-',
    edit: (c) => {
      c.deployment.instanceAlias = 'd-abc';
    },
    path: 'deployment.instanceAlias',
    words: /not a valid Connect instance alias/,
  },
  {
    name: 'country XX',
    edit: (c) => {
      c.deployment.phoneNumber.countryCode = 'XX';
    },
    path: 'deployment.phoneNumber.countryCode',
    words: /not an ISO country code/,
  },
  {
    name: 'number type MOBILE',
    edit: (c) => {
      c.deployment.phoneNumber.type = 'MOBILE';
    },
    path: 'deployment.phoneNumber.type',
    words: /"MOBILE" is not one of the allowed values: "DID", "TOLL_FREE"/,
  },
  {
    name: 'prefix of another country',
    edit: (c) => {
      c.deployment.phoneNumber.prefix = '+44';
    },
    path: 'deployment.phoneNumber.prefix',
    words: /does not start with \+1, the calling code of US/,
  },

  // ivr
  {
    name: 'menu key as a number',
    edit: (c) => {
      c.ivr.menu[0].key = 1;
    },
    path: 'ivr.menu[0].key',
    words: /must be one key.*put it in quotes, key: "1"/,
  },
  {
    name: 'menu key of two digits',
    edit: (c) => {
      c.ivr.menu[0].key = '12';
    },
    path: 'ivr.menu[0].key',
    words: /"12" must be one key: 0-9, \* or #/,
  },
  {
    name: 'menu key # as a comment',
    file: (t) => t.replace('{ key: "3", label', '{ key: #, label'),
    path: /^line \d+/,
    words: /YAML syntax/,
  },
  {
    name: 'menu key used twice',
    edit: (c) => {
      c.ivr.menu[2].key = '1';
    },
    path: 'ivr.menu[2].key',
    words: /"1" is used twice in this menu/,
  },
  {
    name: 'menu queue unknown',
    edit: (c) => {
      c.ivr.menu[0].queue = 'nope';
    },
    path: 'ivr.menu[0].queue',
    words: /"nope" is not a queue; define it under queues or use one of: general/,
  },
  {
    name: 'default queue unknown',
    edit: (c) => {
      c.ivr.defaultQueue = 'front-desk';
    },
    path: 'ivr.defaultQueue',
    words: /"front-desk" is not a queue/,
  },
  {
    name: 'too many retries',
    edit: (c) => {
      c.ivr.retries = 9;
    },
    path: 'ivr.retries',
    words: /is 9; it must be at most 5/,
  },
  {
    name: 'retries quoted',
    edit: (c) => {
      c.ivr.retries = '2';
    },
    path: 'ivr.retries',
    words: /must be a number, not the text "2": remove the quotes/,
  },
  {
    name: 'retries with decimals',
    edit: (c) => {
      c.ivr.retries = 1.5;
    },
    path: 'ivr.retries',
    words: /must be a whole number, not the number 1\.5/,
  },
  {
    name: 'thirteen menu entries',
    edit: (c) => {
      c.ivr.menu = Array.from({ length: 13 }, (_, i) => ({
        key: String(i % 10),
        label: `x${i}`,
        queue: 'general',
      }));
    },
    path: 'ivr.menu',
    words: /has 13 items; at most 12 items are allowed/,
  },
  {
    name: 'third menu level',
    edit: (c) => {
      c.ivr.menu[1].menu[0].menu = [{ key: '1', label: 'deep', queue: 'general' }];
    },
    path: 'ivr.menu[1].menu[0].menu',
    words: /not a known key/,
  },
  {
    name: 'menu entry without a queue',
    edit: (c) => {
      delete c.ivr.menu[0].queue;
    },
    path: 'ivr.menu[0]',
    words: /needs a queue or a sub-menu/,
  },

  // shifts and on-call
  {
    name: 'hour 25',
    edit: (c) => {
      c.shifts[0].end = '25:00';
    },
    path: 'shifts[0].end',
    words: /"25:00" is not a time of day \(HH:MM, 00:00-24:00\)/,
  },
  {
    name: 'time as a number',
    edit: (c) => {
      c.shifts[0].start = 800;
    },
    path: 'shifts[0].start',
    words: /must be text; YAML reads 800 as a number: put it in quotes, start: "800"/,
  },
  {
    name: 'shift of zero length',
    edit: (c) => {
      c.shifts[0].end = c.shifts[0].start;
    },
    path: 'shifts[0].end',
    words: /must not start and end at the same time/,
  },
  {
    name: 'overlapping shifts',
    edit: (c) => {
      c.shifts[1].start = '15:00';
    },
    path: 'shifts[1]',
    words: /overlaps shift "day"/,
  },
  {
    name: 'unknown weekday',
    edit: (c) => {
      c.shifts[0].days = ['mon', 'funday'];
    },
    path: 'shifts[0].days[1]',
    words: /"funday" is not one of the allowed values: "mon"/,
  },
  {
    name: 'negative agents',
    edit: (c) => {
      c.shifts[0].agents = -1;
    },
    path: 'shifts[0].agents',
    words: /is -1; it must be at least 0/,
  },
  {
    name: 'agents in words',
    edit: (c) => {
      c.shifts[0].agents = 'three';
    },
    path: 'shifts[0].agents',
    words: /must be a number, not the text "three"/,
  },
  {
    name: 'shift e-mail',
    edit: (c) => {
      c.shifts[0].email = 'ops';
    },
    path: 'shifts[0].email',
    words: /"ops" is not an e-mail address/,
  },
  {
    name: 'shift id with spaces',
    edit: (c) => {
      c.shifts[0].id = 'Day Shift';
      c.onCall[0].shift = 'Day Shift';
    },
    path: 'shifts[0].id',
    words: /not a valid shift id \(lower-case letters/,
  },
  {
    name: 'shift id twice',
    edit: (c) => {
      c.shifts[1].id = 'day';
    },
    path: 'shifts[1].id',
    words: /"day" is used by two shifts/,
  },
  {
    name: 'on-call for an unknown shift',
    edit: (c) => {
      c.onCall[0].shift = 'graveyard';
    },
    path: 'onCall[0].shift',
    words: /"graveyard" is not a shift; use one of: day, evening, night/,
  },
  {
    name: 'on-call number local',
    edit: (c) => {
      c.onCall[0].phone = '555-0101';
    },
    path: 'onCall[0].phone',
    words: /not an E\.164 phone number/,
  },
  {
    name: 'on-call number premium',
    edit: (c) => {
      c.onCall[0].phone = '+19005550123';
    },
    path: 'onCall[0].phone',
    words: /premium-rate number; the line never texts or calls those/,
  },
  {
    name: 'on-call number as a number',
    edit: (c) => {
      c.onCall[0].phone = 13125550101;
    },
    path: 'onCall[0].phone',
    words: /put it in quotes, phone: "13125550101"/,
  },

  // holidays, sla, assistant, faq
  {
    name: '30 February',
    edit: (c) => {
      c.holidays[0].date = '2026-02-30';
    },
    path: 'holidays[0].date',
    words: /"2026-02-30" is not a date \(YYYY-MM-DD\)/,
  },
  {
    name: '51 holidays',
    edit: (c) => {
      c.holidays = Array.from({ length: 51 }, (_, i) => ({
        date: `2030-01-${String((i % 28) + 1).padStart(2, '0')}`,
        name: `h${i}`,
      })).map((h, i) => ({ ...h, date: `${2030 + Math.floor(i / 28)}${h.date.slice(4)}` }));
    },
    path: 'holidays',
    words: /more than 50 holidays; Connect allows 50 overrides/,
  },
  {
    name: 'answer SLA of 2 s',
    edit: (c) => {
      c.sla.answerWithinSeconds = 2;
    },
    path: 'sla.answerWithinSeconds',
    words: /is 2; it must be at least 5/,
  },
  {
    name: 'answer rate over 1',
    edit: (c) => {
      c.sla.targets.answerRate = 1.5;
    },
    path: 'sla.targets.answerRate',
    words: /is 1\.5; it must be at most 1/,
  },
  {
    name: 'assistant provider openai',
    edit: (c) => {
      c.assistant.provider = 'openai';
    },
    path: 'assistant.provider',
    words: /"openai" is not one of the allowed values: "faq", "bedrock"/,
  },
  {
    name: 'Bedrock model id with spaces',
    edit: (c) => {
      c.assistant.provider = 'bedrock';
      c.assistant.bedrockModelId = 'not a model id!!';
    },
    path: 'assistant.bedrockModelId',
    words: /not a Bedrock model id.*e\.g\. amazon\.nova-lite-v1:0/,
  },
  {
    name: 'Bedrock ARN pasted',
    edit: (c) => {
      c.assistant.provider = 'bedrock';
      c.assistant.bedrockModelId = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0';
    },
    path: 'assistant.bedrockModelId',
    words: /not a Bedrock model id/,
  },
  {
    name: 'Bedrock wildcard',
    edit: (c) => {
      c.assistant.provider = 'bedrock';
      c.assistant.bedrockModelId = 'amazon.*';
    },
    path: 'assistant.bedrockModelId',
    words: /not a Bedrock model id/,
  },
  {
    name: 'Bedrock inference profile',
    edit: (c) => {
      c.assistant.provider = 'bedrock';
      c.assistant.bedrockModelId = 'us.amazon.nova-lite-v1:0';
    },
    path: 'assistant.bedrockModelId',
    words: /inference profile; use the foundation model id without the "us\." prefix/,
  },
  {
    name: 'Bedrock without a model',
    edit: (c) => {
      c.assistant.provider = 'bedrock';
    },
    path: 'assistant.bedrockModelId',
    words: /is required when assistant\.provider is bedrock/,
  },
  {
    name: 'threshold over 0.95',
    edit: (c) => {
      c.assistant.threshold = 2;
    },
    path: 'assistant.threshold',
    words: /is 2; it must be at most 0\.95/,
  },
  {
    name: 'no FAQ',
    edit: (c) => {
      delete c.faq;
    },
    path: 'faq',
    words: /is required; add it as a list/,
  },
  {
    name: 'FAQ id twice',
    edit: (c) => {
      c.faq[1].id = c.faq[0].id;
    },
    path: 'faq[1].id',
    words: /is used by two FAQ entries/,
  },
  {
    name: '51 FAQ entries',
    edit: (c) => {
      c.faq = Array.from({ length: 51 }, (_, i) => ({ id: `q${i}`, question: `q ${i}?`, answer: 'a' }));
    },
    path: 'faq',
    words: /has 51 items; at most 50 items are allowed/,
  },

  // tickets, alerts, outbound, recordings
  {
    name: 'alert e-mail without domain',
    edit: (c) => {
      c.alerts.emails = ['ops'];
    },
    path: 'alerts.emails[0]',
    words: /"ops" is not an e-mail address/,
  },
  {
    name: 'alert SMS to a short code',
    edit: (c) => {
      c.alerts.sms = ['12345'];
    },
    path: 'alerts.sms[0]',
    words: /not an E\.164 phone number/,
  },
  {
    name: 'smsConfirmation quoted',
    edit: (c) => {
      c.tickets.smsConfirmation = 'true';
    },
    path: 'tickets.smsConfirmation',
    words: /must be true or false, not the text "true"/,
  },
  {
    name: 'outbound country ZZ',
    edit: (c) => {
      c.outbound = { countries: ['ZZ'] };
    },
    path: 'outbound.countries[0]',
    words: /"ZZ" is not an ISO country code/,
  },
  {
    name: 'outbound countries empty',
    edit: (c) => {
      c.outbound = { countries: [] };
    },
    path: 'outbound.countries',
    words: /needs at least 1 item/,
  },
  {
    name: 'outbound zero per day',
    edit: (c) => {
      c.outbound = { perNumberPerDay: 0 };
    },
    path: 'outbound.perNumberPerDay',
    words: /is 0; it must be at least 1/,
  },
  {
    name: 'transcribe sometimes',
    edit: (c) => {
      c.recordings.transcribe = 'sometimes';
    },
    path: 'recordings.transcribe',
    words: /"sometimes" is not one of the allowed values: "none", "afterHours", "all"/,
  },
  {
    name: 'retention of 0 days',
    edit: (c) => {
      c.recordings.retentionDays = 0;
    },
    path: 'recordings.retentionDays',
    words: /is 0; it must be at least 1/,
  },
  {
    name: 'announce as text',
    edit: (c) => {
      c.recordings.announce = 'yes';
    },
    path: 'recordings.announce',
    words: /must be true or false, not the text "yes"/,
  },
];
