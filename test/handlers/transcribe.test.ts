import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectoryRepository,
  TicketRepository,
  TranscriptRepository,
} from '../../lambdas/domain/repositories.ts';
import { seedDirectory } from '../../lambdas/domain/seed.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/transcribe/handler.ts';
import { parseRecordingKey } from '../../lambdas/transcribe/transcribe.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, enConfig, invoke, seededDynamo, testDeps } from '../helpers.ts';

const transcribe = mockClient(TranscribeClient);
const s3 = mockClient(S3Client);
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => {
  transcribe.reset();
  s3.reset();
});

const call = (event: unknown) => invoke(handler, event);
const night = 'aaaaaaaa-1111-4000-8000-000000000001';
const day = 'aaaaaaaa-1111-4000-8000-000000000002';
const created = (key: string) => ({
  source: 'aws.s3',
  'detail-type': 'Object Created',
  time: '2026-11-24T04:05:00Z',
  detail: { bucket: { name: 'recordings' }, object: { key } },
});
const done = (contactId: string, status = 'COMPLETED') => ({
  source: 'aws.transcribe',
  'detail-type': 'Transcribe Job State Change',
  detail: { TranscriptionJobName: `switchboard-${contactId}`, TranscriptionJobStatus: status },
});

function transcriptFile(text: string) {
  transcribe.on(GetTranscriptionJobCommand).resolves({
    TranscriptionJob: {
      Media: { MediaFileUri: 's3://recordings/connect/brightline/CallRecordings/2026/11/24/x.wav' },
      Transcript: { TranscriptFileUri: 'https://s3.us-east-1.amazonaws.com/recordings/transcripts/x.json' },
    },
  });
  const json = JSON.stringify({ results: { transcripts: [{ transcript: text }] } });
  s3.on(GetObjectCommand, { Bucket: 'recordings', Key: 'transcripts/x.json' }).resolves({
    Body: { transformToString: async () => json },
  } as never);
}

describe('transcribe handler', () => {
  it('reads the ContactId and time from a Connect recording key', () => {
    expect(
      parseRecordingKey(`connect/brightline/CallRecordings/2026/11/24/${night}_20261124T04:05_UTC.wav`),
    ).toEqual({
      contactId: night,
      recordedAt: new Date('2026-11-24T04:05:00Z'),
    });
    expect(parseRecordingKey('connect/brightline/CallRecordings/readme.txt')).toBeNull();
  });

  it('starts a job in the business locale for an after-hours recording', async () => {
    transcribe.on(StartTranscriptionJobCommand).resolves({});
    at('2026-11-24T04:06:00Z');
    const out = await call(
      created(`connect/brightline/CallRecordings/2026/11/24/${night}_20261124T04%3A05_UTC.wav`),
    );
    expect(out).toEqual({ result: 'STARTED', jobName: `switchboard-${night}` });
    expect(transcribe.commandCalls(StartTranscriptionJobCommand)[0]!.args[0].input).toMatchObject({
      TranscriptionJobName: `switchboard-${night}`,
      LanguageCode: 'en-US',
      Media: {
        MediaFileUri: `s3://recordings/connect/brightline/CallRecordings/2026/11/24/${night}_20261124T04:05_UTC.wav`,
      },
      OutputBucketName: 'recordings',
      OutputKey: `transcripts/${night}.json`,
    });
  });

  it('skips a daytime call when recordings.transcribe is afterHours, and a repeat event is harmless', async () => {
    at('2026-11-23T15:06:00Z');
    expect(
      await call(created(`connect/b/CallRecordings/2026/11/23/${day}_20261123T15:05_UTC.wav`)),
    ).toMatchObject({ result: 'SKIPPED', reason: expect.stringMatching(/staffed hours/) });
    transcribe
      .on(StartTranscriptionJobCommand)
      .rejects(new ConflictException({ message: 'exists', $metadata: {} }));
    expect(
      await call(created(`connect/b/CallRecordings/2026/11/24/${night}_20261124T04:05_UTC.wav`)),
    ).toMatchObject({ result: 'ALREADY_STARTED' });
  });

  it('transcribes every call when the config says all, and none when none', async () => {
    const directory = new DirectoryRepository(db.doc, db.tables);
    const all = enConfig();
    all.recordings.transcribe = 'all';
    await seedDirectory(directory, all);
    transcribe.on(StartTranscriptionJobCommand).resolves({});
    expect(
      await call(created(`connect/b/CallRecordings/2026/11/23/${day}_20261123T15:05_UTC.wav`)),
    ).toMatchObject({ result: 'STARTED' });
    all.recordings.transcribe = 'none';
    await seedDirectory(directory, all);
    expect(
      await call(created(`connect/b/CallRecordings/2026/11/23/${day}_20261123T15:05_UTC.wav`)),
    ).toMatchObject({ result: 'SKIPPED' });
    await seedDirectory(directory, enConfig());
  });

  it("attaches a finished transcript to the contact's ticket", async () => {
    at('2026-11-24T04:10:00Z');
    const { ticket } = await new TicketRepository(db.doc, db.tables).create({
      contactId: night,
      category: 'repair',
      priority: 'normal',
      status: 'open',
      shift: 'night@2026-11-23',
      createdAt: '2026-11-24T04:05:00.000Z',
      updatedAt: '2026-11-24T04:05:00.000Z',
      firstResponseDueAt: '2026-11-24T04:15:00.000Z',
      dueAt: '2026-11-25T04:05:00.000Z',
      source: 'assistant',
      history: [],
    });
    transcriptFile('my dishwasher is leaking');
    expect(await call(done(night))).toEqual({
      result: 'ATTACHED_TO_TICKET',
      ticketId: ticket.id,
      contactId: night,
    });
    const t = await new TicketRepository(db.doc, db.tables).get(ticket.id);
    expect(t).toMatchObject({
      transcript: 'my dishwasher is leaking',
      recordingKey: 'connect/brightline/CallRecordings/2026/11/24/x.wav',
    });
  });

  it('keeps the transcript under the contact when there is no ticket; ignores failed and foreign jobs', async () => {
    transcriptFile('just checking opening hours');
    expect(await call(done(day))).toEqual({ result: 'STORED_UNDER_CONTACT', contactId: day });
    expect((await new TranscriptRepository(db.doc, db.tables).get(day))?.transcript).toBe(
      'just checking opening hours',
    );
    expect(await call(done(day, 'FAILED'))).toMatchObject({ result: 'SKIPPED', reason: 'job failed' });
    expect(
      await call({
        source: 'aws.transcribe',
        detail: { TranscriptionJobName: 'someone-else', TranscriptionJobStatus: 'COMPLETED' },
      }),
    ).toMatchObject({ result: 'SKIPPED' });
  });

  it('rejects an unrelated event by name', async () => {
    await expect(call({ hello: 1 })).rejects.toThrow(
      /expected an S3 Object Created event or a Transcribe Job State Change event/,
    );
  });
});
