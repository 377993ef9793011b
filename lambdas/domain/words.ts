/**
 * The words of what a caller says, as the assistant and the ticket function both read them: Unicode
 * normalization, English stems, and the urgent-word check. Small on purpose: the ticket function checks
 * urgency itself on every message (issue 12) and carries this, not the assistant's thesaurus (lexicon.ts).
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Inflections and near-synonyms folded into one word, so "fridge" finds "refrigerator". */
export const EN_CANON: Record<string, string> = {
  refrigerator: 'fridge',
  refrigerators: 'fridge',
  fridges: 'fridge',
  washing: 'washer',
  price: 'cost',
  prices: 'cost',
  priced: 'cost',
  charge: 'cost',
  charges: 'cost',
  fee: 'cost',
  fees: 'cost',
  expensive: 'cost',
  cheap: 'cost',
  refund: 'return',
  refunds: 'return',
  shipping: 'deliver',
  ship: 'deliver',
  shipped: 'deliver',
  arrive: 'deliver',
  arrival: 'deliver',
  fix: 'repair',
  fixed: 'repair',
  fixing: 'repair',
  repairman: 'repair',
  broken: 'broke',
  technician: 'tech',
  repairmen: 'tech',
  guarantee: 'warranty',
  guaranteed: 'warranty',
  location: 'address',
  located: 'address',
  showroom: 'store',
  shop: 'store',
  opening: 'open',
  closing: 'close',
  installment: 'financ',
  installments: 'financ',
  instalments: 'financ',
  finance: 'financ',
  financing: 'financ',
  loan: 'financ',
  annually: 'annual',
  kids: 'kid',
  children: 'child',
  dentist: 'dental',
  dentists: 'dental',
  stove: 'range',
  accept: 'take',
  accepted: 'take',
  brought: 'bring',
  took: 'take',
  sent: 'send',
  came: 'come',
  went: 'go',
  goes: 'go',
  paid: 'pay',
  sold: 'sell',
  spent: 'spend',
  cooker: 'range',
  // Comparatives: "whiter teeth" asks about whitening, "cheaper" about price.
  whiter: 'white',
  whiten: 'white',
  cheaper: 'cost',
  cheapest: 'cost',
  faster: 'fast',
  quicker: 'quick',
  sooner: 'soon',
  earlier: 'early',
  later: 'late',
  bigger: 'big',
  smaller: 'small',
  longer: 'long',
  closer: 'close',
  nearer: 'near',
  nearest: 'near',
  closest: 'close',
  older: 'old',
  newer: 'new',
};

export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/([\u3400-\u9fff])[不没]\1/g, '$1'); // 去不去, 有没有: the A-not-A question asks about A
}

export function stem(word: string): string {
  if (EN_CANON[word]) return EN_CANON[word];
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && /(sh|ch|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ery')) w = w.slice(0, -1);
  // "stopped" -> "stopp" -> "stop"
  if (w !== word && w.length > 3 && /([bdgkmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return EN_CANON[w] ?? w;
}

/** Whether the caller's words contain an urgent keyword (word-wise in English, substring in Chinese). */
export function findUrgentKeyword(text: string, keywords: string[]): string | null {
  const t = normalize(text);
  const ws = (t.match(/[a-z0-9]+/g) ?? []).map(stem);
  for (const k of keywords) {
    const nk = normalize(k);
    if (CJK.test(nk)) {
      if (t.includes(nk)) return k;
      continue;
    }
    const kw = (nk.match(/[a-z0-9]+/g) ?? []).map(stem);
    if (kw.length === 0) continue;
    // Each keyword word in order, allowing up to three words between them ("smells a lot like gas").
    for (let i = 0; i < ws.length; i++) {
      if (ws[i] !== kw[0]) continue;
      let pos = i;
      let ok = true;
      for (let j = 1; j < kw.length && ok; j++) {
        const found = ws.slice(pos + 1, pos + 5).indexOf(kw[j]!);
        if (found < 0) ok = false;
        else pos = pos + 1 + found;
      }
      if (ok) return k;
    }
  }
  return null;
}
