import type { TicketStore, TranscriptRepository } from '#domain/repositories.ts';
import { decide, type Holiday, type Roster } from '#domain/roster.ts';
import { recordEvent } from '#domain/tickets.ts';

export interface TranscribeDeps {
  roster(): Promise<Roster | undefined>;
  holiday(date: string): Promise<Holiday | null>;
  startJob(p: {
    jobName: string;
    mediaUri: string;
    languageCode: string;
    outputBucket: string;
    outputKey: string;
  }): Promise<'started' | 'exists'>;
  /** The finished job's transcript text, read from its output file. */
  readTranscript(jobName: string): Promise<{ text: string; mediaUri: string }>;
  tickets: Pick<TicketStore, 'findByContact' | 'mutate'>;
  transcripts: Pick<TranscriptRepository, 'put'>;
  now: Date;
}

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
const TRANSCRIBE_LANGUAGE: Record<string, string> = {
  'en-US': 'en-US',
  'en-GB': 'en-GB',
  'en-AU': 'en-AU',
  'zh-CN': 'zh-CN',
};

/** S3 keys are at most 1,024 bytes; anything longer is not a recording. */
export const MAX_KEY_LENGTH = 1024;

/**
 * An instant from event text, or undefined when it is not a real one (`2026-02-30T25:61Z`, `yesterday`)
 * or lies outside the years a call can have been recorded in (2000-2999): a bad time falls back, it
 * never reaches the time zone arithmetic.
 */
export function readInstant(text: string | undefined): Date | undefined {
  if (!text || text.length > 40) return undefined;
  const d = new Date(text);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 2000 || year > 2999 ? undefined : d;
}

/** ContactId and recording time from a Connect recording key (`.../<contactId>_20261122T21:05_UTC.wav`). */
export function parseRecordingKey(key: string): { contactId: string; recordedAt?: Date } | null {
  if (key.length > MAX_KEY_LENGTH) return null;
  const file = key.split('/').pop() ?? '';
  const id = UUID.exec(file)?.[1];
  if (!id) return null;
  const ts = /_(\d{4})(\d{2})(\d{2})T(\d{2}):?(\d{2})_UTC/.exec(file);
  const recordedAt = ts ? readInstant(`${ts[1]}-${ts[2]}-${ts[3]}T${ts[4]}:${ts[5]}:00Z`) : undefined;
  // Date() rolls 2026-02-30 over to March: only a time that reads back the same is the recording's.
  const exact =
    recordedAt && ts && recordedAt.toISOString().startsWith(`${ts[1]}-${ts[2]}-${ts[3]}T${ts[4]}:${ts[5]}`);
  return { contactId: id.toLowerCase(), ...(exact ? { recordedAt } : {}) };
}

export function jobNameFor(contactId: string): string {
  return `switchboard-${contactId}`;
}

export type RecordingOutcome =
  | { result: 'STARTED' | 'ALREADY_STARTED'; jobName: string }
  | { result: 'SKIPPED'; reason: string };

/** A new recording: start a transcription job when `recordings.transcribe` asks for this call. */
export async function onRecording(
  bucket: string,
  key: string,
  deps: TranscribeDeps,
  eventTime?: Date,
): Promise<RecordingOutcome> {
  if (key.length > MAX_KEY_LENGTH) return { result: 'SKIPPED', reason: 'not a recording key (too long)' };
  if (!/\.(wav|mp3|mp4|flac|ogg|webm|m4a)$/i.test(key))
    return { result: 'SKIPPED', reason: 'not an audio file' };
  const parsed = parseRecordingKey(key);
  if (!parsed) return { result: 'SKIPPED', reason: 'no ContactId in the recording key' };
  const roster = await deps.roster();
  if (!roster) return { result: 'SKIPPED', reason: 'directory not seeded' };
  if (roster.transcribe === 'none') return { result: 'SKIPPED', reason: 'recordings.transcribe is none' };
  if (roster.transcribe === 'afterHours') {
    const at = parsed.recordedAt ?? eventTime ?? deps.now;
    const probe = decide(roster, null, at);
    const holiday = await deps.holiday(probe.localDate);
    if (decide(roster, holiday, at).mode === 'open')
      return {
        result: 'SKIPPED',
        reason: 'recorded during staffed hours (recordings.transcribe is afterHours)',
      };
  }
  const jobName = jobNameFor(parsed.contactId);
  const state = await deps.startJob({
    jobName,
    mediaUri: `s3://${bucket}/${key}`,
    languageCode: TRANSCRIBE_LANGUAGE[roster.locale] ?? 'en-US',
    outputBucket: bucket,
    outputKey: `transcripts/${parsed.contactId}.json`,
  });
  return { result: state === 'started' ? 'STARTED' : 'ALREADY_STARTED', jobName };
}

export type JobOutcome =
  | { result: 'ATTACHED_TO_TICKET'; ticketId: string; contactId: string }
  | { result: 'STORED_UNDER_CONTACT'; contactId: string }
  | { result: 'SKIPPED'; reason: string };

/**
 * A finished job: attach the transcript to the contact's ticket, or keep it under the contact. Safe
 * to retry (the ticket records the `transcript#<ContactId>` event once).
 * @throws StaleTicketError when the ticket kept changing through every retry
 */
export async function onJobCompleted(
  jobName: string,
  status: string,
  deps: TranscribeDeps,
): Promise<JobOutcome> {
  // Transcribe job names are at most 200 characters; ours are switchboard-<ContactId>.
  const contactId = jobName.length <= 200 ? UUID.exec(jobName)?.[1]?.toLowerCase() : undefined;
  if (!jobName.startsWith('switchboard-') || !contactId)
    return { result: 'SKIPPED', reason: 'not a Switchboard job' };
  if (status !== 'COMPLETED')
    return { result: 'SKIPPED', reason: `job ${status.slice(0, 40).toLowerCase()}` };
  const { text, mediaUri } = await deps.readTranscript(jobName);
  const recordingKey = mediaUri.replace(/^s3:\/\/[^/]+\//, '');
  const at = deps.now.toISOString();
  const ticket = await deps.tickets.findByContact(contactId);
  if (ticket) {
    // Once per contact: a retried job event re-reads the ticket and finds the event recorded.
    await deps.tickets.mutate(
      ticket.id,
      (t) =>
        recordEvent(
          t,
          { at, by: 'transcribe', action: 'transcript', event: `transcript#${contactId}` },
          { transcript: text, recordingKey },
        ),
      ticket,
    );
    return { result: 'ATTACHED_TO_TICKET', ticketId: ticket.id, contactId };
  }
  await deps.transcripts.put(contactId, text, recordingKey, at);
  return { result: 'STORED_UNDER_CONTACT', contactId };
}
