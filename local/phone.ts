import type { Caller, CallerInput, InputRequest } from './engine/types.ts';

/**
 * A caller that answers prompts from a script, in order: keys (`1`, `4155550123#`), `say:words` for
 * speech, `hangup`, or `silence`. When the script runs out the caller stays silent.
 */
export function parseInput(raw: string): CallerInput {
  if (raw === 'hangup') return { type: 'hangup' };
  if (raw.startsWith('hangup:')) return { type: 'hangup', said: raw.slice(7).trim() };
  if (raw === '' || raw === 'silence') return { type: 'silence' };
  if (raw.startsWith('say:')) return { type: 'speech', value: raw.slice(4).trim() };
  if (/^[0-9*#]+$/.test(raw)) return { type: 'keys', value: raw };
  throw new Error(`"${raw}" is not an input: use keys (0-9, *, #), say:words, silence or hangup`);
}

export class ScriptedCaller implements Caller {
  private readonly queue: CallerInput[];
  readonly asked: InputRequest[] = [];

  constructor(inputs: string[] = []) {
    this.queue = inputs.map(parseInput);
  }

  async next(request: InputRequest): Promise<CallerInput> {
    this.asked.push(request);
    return this.queue.shift() ?? { type: 'silence' };
  }

  get unused(): number {
    return this.queue.length;
  }
}
