import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
} from '@aws-sdk/client-transcribe';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { DirectoryRepository, TicketRepository, TranscriptRepository } from '#domain/repositories.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import {
  type JobOutcome,
  onJobCompleted,
  onRecording,
  type RecordingOutcome,
  readInstant,
  type TranscribeDeps,
} from './transcribe.ts';

const s3Created = z.object({
  source: z.literal('aws.s3'),
  time: z.optional(z.string()),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});
const s3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventTime: z.optional(z.string()),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
      }),
    )
    .check(z.minLength(1)),
});
const jobChange = z.object({
  source: z.literal('aws.transcribe'),
  detail: z.object({ TranscriptionJobName: z.string(), TranscriptionJobStatus: z.string() }),
});

export interface TranscribeHandlerDeps extends BaseDeps, Omit<TranscribeDeps, 'now'> {}

export function storeDeps(
  store: Store,
): Pick<TranscribeDeps, 'roster' | 'holiday' | 'tickets' | 'transcripts'> {
  const directory = new DirectoryRepository(store.doc, store.tables);
  return {
    roster: () => directory.getRoster(),
    holiday: (date) => directory.getHoliday(date),
    tickets: new TicketRepository(store.doc, store.tables),
    transcripts: new TranscriptRepository(store.doc, store.tables),
  };
}

/** Amazon Transcribe and S3: start a job for a recording, read the transcript when it is done. */
export function transcribeJobs(
  transcribe: TranscribeClient,
  s3: S3Client,
): Pick<TranscribeDeps, 'startJob' | 'readTranscript'> {
  return {
    async startJob(p) {
      try {
        await transcribe.send(
          new StartTranscriptionJobCommand({
            TranscriptionJobName: p.jobName,
            LanguageCode: p.languageCode as never,
            Media: { MediaFileUri: p.mediaUri },
            OutputBucketName: p.outputBucket,
            OutputKey: p.outputKey,
          }),
        );
        return 'started';
      } catch (err) {
        if (err instanceof ConflictException || (err as { name?: string }).name === 'ConflictException')
          return 'exists';
        throw err;
      }
    },
    async readTranscript(jobName) {
      const job = await transcribe.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }));
      const uri = job.TranscriptionJob?.Transcript?.TranscriptFileUri;
      if (!uri) throw new Error(`job ${jobName} has no transcript file`);
      // https://s3.<region>.amazonaws.com/<bucket>/<key>
      const [, bucket, ...rest] = new URL(uri).pathname.split('/');
      const obj = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: decodeURIComponent(rest.join('/')) }),
      );
      const body = JSON.parse(await obj.Body!.transformToString()) as {
        results?: { transcripts?: Array<{ transcript?: string }> };
      };
      return {
        text: (body.results?.transcripts ?? [])
          .map((t) => t.transcript ?? '')
          .join(' ')
          .trim(),
        mediaUri: job.TranscriptionJob?.Media?.MediaFileUri ?? '',
      };
    },
  };
}

/**
 * An S3 event's object key, URL-decoded (S3 encodes keys in events, spaces as `+`). A key with a broken
 * `%` escape is returned undefined: no recording of ours has one, so it is skipped, not thrown on.
 */
export function decodeKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const badKey: RecordingOutcome = {
  result: 'SKIPPED',
  reason: 'the object key is not URL-encoded (a bad % escape)',
};

/** `transcribe`: S3 Object Created (a recording) starts a job; a Transcribe job change attaches the text. */
export function createHandler(deps: TranscribeHandlerDeps) {
  const useCase = (): TranscribeDeps => ({ ...deps, now: deps.clock() });
  const logger = deps.logger;
  return middy<unknown, RecordingOutcome | JobOutcome | Array<RecordingOutcome>>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event) => {
      const job = z.safeParse(jobChange, event);
      if (job.success) {
        const out = await onJobCompleted(
          job.data.detail.TranscriptionJobName,
          job.data.detail.TranscriptionJobStatus,
          useCase(),
        );
        logger.info('transcription job', { ...out });
        return out;
      }
      const created = z.safeParse(s3Created, event);
      if (created.success) {
        const d = created.data;
        const key = decodeKey(d.detail.object.key);
        const out =
          key === undefined
            ? badKey
            : await onRecording(d.detail.bucket.name, key, useCase(), readInstant(d.time));
        logger.info('recording', { ...out });
        return out;
      }
      const notification = z.safeParse(s3Notification, event);
      if (notification.success) {
        const outs: RecordingOutcome[] = [];
        for (const r of notification.data.Records) {
          const key = decodeKey(r.s3.object.key);
          outs.push(
            key === undefined
              ? badKey
              : await onRecording(r.s3.bucket.name, key, useCase(), readInstant(r.eventTime)),
          );
        }
        return outs;
      }
      throw new InvalidEventError(
        'expected an S3 Object Created event or a Transcribe Job State Change event',
      );
    });
}

/** In AWS: DynamoDB, Transcribe and S3. */
export function awsDeps(): TranscribeHandlerDeps {
  return {
    ...storeDeps(awsStore()),
    ...transcribeJobs(new TranscribeClient({}), new S3Client({})),
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
