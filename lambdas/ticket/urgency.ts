import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { decodeItem } from '#domain/items.ts';
import { findUrgentKeyword } from '#domain/words.ts';
import type { Store } from '#shared/dynamo.ts';

/**
 * The urgent words of the assistant's settings (`FAQ` / `#settings`): `urgentKeywords`, and the
 * keywords of each `urgent` group where the settings have groups (safety words). Read leniently, so
 * that either shape of the settings gives its words.
 */
const urgentSettings = z.looseObject({
  urgentKeywords: z.optional(z.array(z.string())),
  urgent: z.optional(z.array(z.looseObject({ keywords: z.optional(z.array(z.string())) }))),
});

/** Every urgent word of the assistant's settings (one GetItem); none when the FAQ is not seeded. */
export async function loadUrgentWords(store: Store): Promise<string[]> {
  const res = await store.doc.send(
    new GetCommand({ TableName: store.tables.directory, Key: { pk: 'FAQ', sk: '#settings' } }),
  );
  if (!res.Item) return [];
  const s = decodeItem(urgentSettings, store.tables.directory, res.Item);
  return [...(s.urgentKeywords ?? []), ...(s.urgent ?? []).flatMap((g) => g.keywords ?? [])];
}

/**
 * The ticket function's own check (issue 12): a message with an urgent word is urgent whatever the
 * flow said (an assistant failure must not turn "I smell gas" into a 24-hour ticket). Returns the
 * word found, or null.
 */
export function urgentWordIn(texts: Array<string | undefined>, words: string[]): string | null {
  for (const t of texts) {
    if (!t) continue;
    const found = findUrgentKeyword(t, words);
    if (found) return found;
  }
  return null;
}
