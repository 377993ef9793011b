import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { seededRandom } from '../../lambdas/domain/qa.ts';
import {
  type ContactAnnotation,
  ContactRecordRepository,
  type ContactSnapshot,
  contactLifecycle,
} from '../../lambdas/domain/records.ts';
import {
  SurveyRepository,
  type TableNames,
  TicketRepository,
  TranscriptRepository,
} from '../../lambdas/domain/repositories.ts';
import { activeShift, shiftKey } from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { dueTimes } from '../../lambdas/domain/tickets.ts';
import { addDays, localTime, zonedInstant } from '../../lambdas/domain/time.ts';
import { qaCategories } from './categories.ts';

export const INSTANCE =
  'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000';

/** Hour weights of a day: 1 from 08:00 to 20:00, 0.3 at night (the practice's night ≈ 30 % of day). */
const PROFILE = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 1 : 0.3));

export interface PopulateOptions {
  start: string;
  days: number;
  callsPerDay: number;
  seed?: string;
}

export interface Populated {
  contacts: number;
  tickets: number;
  surveys: number;
}

/**
 * Writes a plausible period of calls through the real code paths (contact events into the records
 * repository, annotations, tickets, surveys, transcripts): a stand-in for `switchboard simulate`, which
 * is not built yet. Deterministic for a seed.
 */
export async function populate(
  doc: DynamoDBDocumentClient,
  tables: TableNames,
  config: SwitchboardConfig,
  o: PopulateOptions,
): Promise<Populated> {
  const random = seededRandom(o.seed ?? 'fixture');
  const exp = (mean: number) => -mean * Math.log(1 - random());
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const tz = config.business.timezone;
  const roster = rosterFromConfig(config);
  const records = new ContactRecordRepository(doc, tables, { timezone: tz });
  const tickets = new TicketRepository(doc, tables);
  const surveys = new SurveyRepository(doc, tables);
  const transcripts = new TranscriptRepository(doc, tables);
  const categories = qaCategories(config);
  const queues = config.queues.map((q) => q.id);
  const total = PROFILE.reduce((a, b) => a + b, 0);
  let n = 0;
  let ticketCount = 0;
  let surveyCount = 0;
  for (let d = 0; d < o.days; d++) {
    const date = addDays(o.start, d);
    for (let h = 0; h < 24; h++) {
      const expected = (o.callsPerDay * PROFILE[h]!) / total;
      const calls = Math.floor(expected) + (random() < expected % 1 ? 1 : 0);
      for (let c = 0; c < calls; c++) {
        n++;
        const contactId = `c-${date}-${String(n).padStart(5, '0')}`;
        const at = new Date(zonedInstant(date, h * 60, tz).getTime() + random() * 3_600_000);
        const active = activeShift(roster, at);
        const key = shiftKey(active, localTime(at, tz).date);
        const category = pick(categories);
        const snap: ContactSnapshot = { contactId, instanceArn: INSTANCE, initiatedAt: at.toISOString() };
        const note: ContactAnnotation = {
          shift: key,
          category,
          caller: `+1312555${String(1000 + (n % 9000))}`,
        };
        const iso = (ms: number) => new Date(ms).toISOString();
        const t0 = at.getTime();
        const roll = random();
        if (active && active.shift.agents > 0 && roll > 0.03) {
          const queue = pick(queues);
          note.mode = 'open';
          note.queue = queue;
          note.menuPath = String(1 + queues.indexOf(queue));
          snap.enqueuedAt = iso(t0 + 20_000);
          snap.queueArn = `${INSTANCE}/queue/${queue}`;
          const wait = exp(active.shift.agents >= 3 ? 12 : 35);
          const patience = exp(90);
          if (random() < 0.05) {
            note.disposition = 'callback';
            snap.disconnectedAt = iso(t0 + 20_000 + Math.min(wait, 30) * 1000);
            const legAt = t0 + exp(3) * 3_600_000;
            const leg: ContactSnapshot = {
              contactId: `${contactId}-cb`,
              instanceArn: INSTANCE,
              initiationMethod: 'CALLBACK',
              previousContactId: contactId,
              initiatedAt: iso(legAt),
              enqueuedAt: iso(legAt),
              queueArn: snap.queueArn,
              answeredAt: iso(legAt + 5_000),
              agentArn: `${INSTANCE}/agent/a1`,
              disconnectedAt: iso(legAt + 120_000),
            };
            for (const e of contactLifecycle(leg)) await records.applyEvent(e);
          } else if (wait > patience) {
            snap.disconnectedAt = iso(t0 + 20_000 + patience * 1000);
          } else {
            snap.answeredAt = iso(t0 + 20_000 + wait * 1000);
            snap.agentArn = `${INSTANCE}/agent/a${1 + (n % 3)}`;
            const talk = 60 + exp(110);
            snap.disconnectedAt = iso(Date.parse(snap.answeredAt) + talk * 1000);
            snap.acwStartedAt = snap.disconnectedAt;
            snap.acwEndedAt = iso(Date.parse(snap.disconnectedAt) + (10 + random() * 40) * 1000);
            note.recordingKey = `recordings/${date}/${contactId}.wav`;
            if (random() < 0.45) {
              const score = random() < 0.8 ? pick([4, 5, 5]) : pick([1, 2, 3]);
              note.csat = score;
              await surveys.put({ contactId, score, at: snap.acwEndedAt });
              surveyCount++;
            }
            if (random() < 0.3)
              await transcripts.put(
                contactId,
                `Agent: Thank you for calling ${config.business.name}, how can I help? Caller: I am calling about ${category}, my order has not arrived and I would like an update on when it will be delivered.`,
                note.recordingKey,
                snap.acwEndedAt,
              );
          }
        } else if (roll <= 0.03) {
          snap.disconnectedAt = iso(t0 + 15_000);
        } else {
          note.mode = 'assistant';
          const urgent = random() < 0.06;
          note.assistantOutcome = urgent ? 'urgent' : random() < 0.5 ? 'answered' : 'message';
          note.recordingKey = `recordings/${date}/${contactId}.wav`;
          snap.disconnectedAt = iso(t0 + (40 + exp(60)) * 1000);
          if (urgent && random() < 0.3) note.disposition = 'on-call';
          if (note.assistantOutcome !== 'answered') {
            const priority = urgent ? 'urgent' : 'normal';
            const due = dueTimes(config.sla, at, priority);
            const { ticket } = await tickets.create({
              contactId,
              category: urgent ? 'urgent' : category,
              priority,
              status: 'open',
              shift: key,
              createdAt: at.toISOString(),
              updatedAt: at.toISOString(),
              ...due,
              message: `Please call me back about ${category}.`,
              source: 'assistant',
              history: [{ at: at.toISOString(), by: 'assistant', action: 'created' }],
            });
            ticketCount++;
            note.ticketId = ticket.id;
            await transcripts.put(
              contactId,
              `Caller: ${ticket.message} It is about my ${category}.`,
              note.recordingKey,
              snap.disconnectedAt,
            );
            const responseAfter = urgent ? exp(8) * 60_000 : exp(10) * 3_600_000;
            const by = pick(['dana', 'marcus']);
            if (random() < 0.9) {
              await tickets.updateStatus(ticket.id, {
                status: 'in_progress',
                by,
                at: new Date(t0 + responseAfter),
              });
              if (random() < 0.9)
                await tickets.updateStatus(ticket.id, {
                  status: 'resolved',
                  by,
                  at: new Date(t0 + responseAfter + 600_000),
                });
            }
          }
        }
        // Annotate first on some calls and last on others: the record must not depend on the order.
        if (n % 2) await records.annotateContact(contactId, note);
        for (const e of contactLifecycle(snap)) await records.applyEvent(e);
        if (!(n % 2)) await records.annotateContact(contactId, note);
      }
    }
  }
  return { contacts: n, tickets: ticketCount, surveys: surveyCount };
}
