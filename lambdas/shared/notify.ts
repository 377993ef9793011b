import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** Sends SMS and e-mail through SNS. The local engine catches these calls into its outbox. */
export interface Notifier {
  sms(to: string, text: string): Promise<void>;
  email(topicArn: string, subject: string, text: string): Promise<void>;
}

export function snsNotifier(sns: SNSClient): Notifier {
  return {
    async sms(to, text) {
      await sns.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Switchbrd' },
          },
        }),
      );
    },
    async email(topicArn, subject, text) {
      await sns.send(
        new PublishCommand({ TopicArn: topicArn, Subject: emailSubject(subject), Message: text }),
      );
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
