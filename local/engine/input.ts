import { keyedNumber } from '../../lambdas/domain/phone.ts';
/**
 * What a caller's keys and a Lex turn mean, per Connect's documentation: the cancel key and terminators
 * of Store customer input, phone-number validation, and Lex V2 timing limits.
 */

/**
 * The digits Store customer input keeps from what the caller keyed (UI store-customer-input.html):
 * - the cancel key `*` (on unless `DisableCancelKey` is True) discards everything keyed before it;
 * - input ends at the termination sequence (`#` unless `InputTerminationSequence` says otherwise), which
 *   is not stored;
 * - input ends when `maxLength` digits are in (CustomValidation.MaximumLength).
 */
export function collectDigits(
  keys: string,
  opts: { cancelKey: boolean; terminator: string; maxLength?: number },
): string {
  let buffer = '';
  for (const key of keys) {
    buffer += key;
    if (opts.terminator && buffer.endsWith(opts.terminator)) return buffer.slice(0, -opts.terminator.length);
    if (opts.cancelKey && key === '*') {
      buffer = '';
      continue;
    }
    if (opts.maxLength && buffer.length >= opts.maxLength) return buffer;
  }
  return buffer;
}

/**
 * A keyed-in number as E.164, per GetParticipantInput's PhoneNumberValidation (`Local` numbers are read
 * in `country`); undefined when it is not a valid number (libphonenumber's rules: phone.ts).
 */
export const toE164 = keyedNumber;

/**
 * Upper limits of Lex V2 timing session attributes (`x-amz-lex:<input>:<behavior>:<intent>:<slot>`), in
 * ms. Source: Lex V2 developer guide, session-attribs-speech ("Maximum utterance length ... The maximum
 * value is 15,000 milliseconds"). The other timings document no maximum; only a positive integer is
 * required of them (AudioSpecification: "Minimum value of 1").
 */
export const LEX_TIMING_LIMITS_MS: Record<string, number> = {
  'audio:max-length-ms': 15_000,
};

const TIMING = /^x-amz-lex:((?:audio|dtmf|text):[a-z-]+-ms):/;

/**
 * The first Lex session attribute that sets a timing Connect cannot apply, as a sentence; Connect routes
 * the contact down the Error branch (UI get-customer-input.html, "Configurable time-outs").
 */
export function lexTimingProblem(sessionAttributes: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(sessionAttributes)) {
    const m = TIMING.exec(key);
    if (!m) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) return `${key} = "${value}" is not a whole number of milliseconds`;
    const max = LEX_TIMING_LIMITS_MS[m[1]!];
    if (max !== undefined && n > max) return `${key} = ${n} ms is above the limit of ${max} ms`;
  }
  return undefined;
}
