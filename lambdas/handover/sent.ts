import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '#shared/dynamo.ts';

/**
 * Which handovers went out, one item per shift occurrence (`HANDOVER#night@2026-11-23` / `SENT` in the
 * records table), so that a retried schedule run does not send the same handover twice. The item is
 * written before the e-mail with a condition (no transactions needed) and removed again when the
 * e-mail fails, so that the retry sends it.
 */
export interface HandoverLedger {
  /** True when this run may send the handover of `occurrence` (nobody sent or is sending it). */
  claim(occurrence: string, at: Date): Promise<boolean>;
  /** Gives the claim back (the e-mail failed). */
  release(occurrence: string): Promise<void>;
}

const key = (occurrence: string) => ({ pk: `HANDOVER#${occurrence}`, sk: 'SENT' });

export function dynamoLedger(store: Store): HandoverLedger {
  return {
    async claim(occurrence, at) {
      try {
        await store.doc.send(
          new PutCommand({
            TableName: store.tables.records,
            Item: { ...key(occurrence), sentAt: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (
          err instanceof ConditionalCheckFailedException ||
          (err as Error).name === 'ConditionalCheckFailedException'
        )
          return false;
        throw err;
      }
    },
    async release(occurrence) {
      await store.doc.send(new DeleteCommand({ TableName: store.tables.records, Key: key(occurrence) }));
    },
  };
}
