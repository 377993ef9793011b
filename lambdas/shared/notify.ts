import type { PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { type ClientSource, clientOf } from './env.ts';

/** Sends SMS and e-mail through SNS. The local engine catches these calls into its outbox. */
export interface Notifier {
  sms(to: string, text: string): Promise<void>;
  email(topicArn: string, subject: string, text: string): Promise<void>;
}

/**
 * SNS Publish: SMS as transactional messages, e-mail through a topic. The SNS module is imported on the
 * first message (a function that pages only for urgent tickets does not load it at cold start).
 */
export function snsNotifier(sns: ClientSource<SNSClient>): Notifier {
  const publish = async (input: PublishCommandInput) => {
    const [{ PublishCommand }, client] = await Promise.all([import('@aws-sdk/client-sns'), clientOf(sns)]);
    await client.send(new PublishCommand(input));
  };
  return {
    async sms(to, text) {
      await publish({
        PhoneNumber: to,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Switchbrd' },
        },
      });
    },
    async email(topicArn, subject, text) {
      await publish({ TopicArn: topicArn, Subject: emailSubject(subject), Message: text });
    },
  };
}

/** SNS accepts only printable ASCII in a subject, at most 100 characters (a Chinese subject would fail). */
export function emailSubject(subject: string): string {
  const ascii = subject
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (ascii.length >= 3 ? ascii : `Switchboard ${ascii}`.trim()).slice(0, 100);
}
