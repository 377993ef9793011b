/** Flow Language values are strings; a missing one reads as "". */
export const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);

/**
 * Connect's Lambda response contract (FL InvokeLambdaFunction; connect-lambda-functions): STRING_MAP is a
 * flat object of strings, JSON any JSON object; both under 32 KB. Returns the problem, or undefined.
 */
export function validateResponse(response: unknown, json: boolean): string | undefined {
  if (response === null || typeof response !== 'object' || Array.isArray(response))
    return 'response is not an object';
  if (Buffer.byteLength(JSON.stringify(response)) > 32_768) return 'response is over 32 KB';
  if (!json) {
    const bad = Object.entries(response).find(([, v]) => typeof v !== 'string');
    if (bad)
      return `response is not a STRING_MAP: "${bad[0]}" is ${bad[1] === null ? 'null' : typeof bad[1]}`;
  }
  return undefined;
}
