import * as z from 'zod/mini';
import { decodeItem } from '#domain/items.ts';
import { findUrgentKeyword } from '#domain/words.ts';

/**
 * The urgent words of the assistant's settings (`FAQ` / `#settings`): `urgentKeywords`, and the
 * keywords of each `urgent` group where the settings have groups (safety words). Read leniently, so
 * that either shape of the settings gives its words.
 */
const urgentSettings = z.looseObject({
  urgentKeywords: z.optional(z.array(z.string())),
  urgent: z.optional(z.array(z.looseObject({ keywords: z.optional(z.array(z.string())) }))),
});

/**
 * Every urgent word of the assistant's settings item (`FAQ` / `#settings`, as stored); none for an
 * empty item (the FAQ is not seeded). @throws CorruptItemError
 */
export function urgentWordsOf(item: Record<string, unknown>, table: string): string[] {
  if (Object.keys(item).length === 0) return [];
  const s = decodeItem(urgentSettings, table, item);
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
