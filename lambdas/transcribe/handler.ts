import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  ConflictException,
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
} from '@aws-sdk/client-transcribe';
import middy from '@middy/core';
import { z } from 'zod';
import { DirectoryRepository, TicketRepository, TranscriptRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import {
  type JobOutcome,
  onJobCompleted,
  onRecording,
  type RecordingOutcome,
  type TranscribeDeps,
} from './transcribe.ts';

const s3Created = z.object({
  source: z.literal('aws.s3'),
  time: z.string().optional(),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});
const s3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventTime: z.string().optional(),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
      }),
    )
    .min(1),
});
const jobChange = z.object({
  source: z.literal('aws.transcribe'),
  detail: z.object({ TranscriptionJobName: z.string(), TranscriptionJobStatus: z.string() }),
});

function deps(): TranscribeDeps {
  const { doc, tables, transcribe, s3 } = clients();
  const directory = new DirectoryRepository(doc, tables);
  return {
    roster: () => directory.getRoster(),
    holiday: (date) => directory.getHoliday(date),
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
    tickets: new TicketRepository(doc, tables),
    transcripts: new TranscriptRepository(doc, tables),
    now: now(),
  };
}

const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

export const handler = middy<unknown, RecordingOutcome | JobOutcome | Array<RecordingOutcome>>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    const job = jobChange.safeParse(event);
    if (job.success) {
      const out = await onJobCompleted(
        job.data.detail.TranscriptionJobName,
        job.data.detail.TranscriptionJobStatus,
        deps(),
      );
      logger.info('transcription job', { ...out });
      return out;
    }
    const created = s3Created.safeParse(event);
    if (created.success) {
      const d = created.data;
      const out = await onRecording(
        d.detail.bucket.name,
        decodeKey(d.detail.object.key),
        deps(),
        d.time ? new Date(d.time) : undefined,
      );
      logger.info('recording', { ...out });
      return out;
    }
    const notification = s3Notification.safeParse(event);
    if (notification.success) {
      const outs: RecordingOutcome[] = [];
      for (const r of notification.data.Records)
        outs.push(
          await onRecording(
            r.s3.bucket.name,
            decodeKey(r.s3.object.key),
            deps(),
            r.eventTime ? new Date(r.eventTime) : undefined,
          ),
        );
      return outs;
    }
    throw new InvalidEventError('expected an S3 Object Created event or a Transcribe Job State Change event');
  });
