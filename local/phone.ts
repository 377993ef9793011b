import type { Caller, CallerInput, InputRequest } from './engine/types.ts';

/**
 * A caller that answers prompts from a script, in order: keys (`1`, `4155550123#`), `say:words` for
 * speech, `hangup`, `hangup:words` (hangs up while speaking those words), or `silence`. When the script
 * runs out the caller stays silent. @throws InputScriptError for anything else
 */
export function parseInput(raw: string): CallerInput {
  if (raw === 'hangup') return { type: 'hangup' };
  if (raw.startsWith('hangup:')) return { type: 'hangup', said: raw.slice(7).trim() };
  if (raw === '' || raw === 'silence') return { type: 'silence' };
  if (raw.startsWith('say:')) return { type: 'speech', value: raw.slice(4).trim() };
  if (/^[0-9*#]+$/.test(raw)) return { type: 'keys', value: raw };
  throw new InputScriptError(
    `"${raw}" is not an input: use keys (0-9, *, #), say:words, silence, hangup or hangup:words`,
  );
}

/** A scripted input that is none of the forms a caller can give. */
export class InputScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputScriptError';
  }
}

export class ScriptedCaller implements Caller {
  private readonly queue: CallerInput[];
  readonly asked: InputRequest[] = [];

  constructor(inputs: Array<string | CallerInput> = []) {
    this.queue = inputs.map((i) => (typeof i === 'string' ? parseInput(i) : i));
  }

  async next(request: InputRequest): Promise<CallerInput> {
    this.asked.push(request);
    return this.queue.shift() ?? { type: 'silence' };
  }

  get unused(): number {
    return this.queue.length;
  }
}
