import { z } from 'zod';
import { configSchema } from './schema.ts';

/** JSON Schema of switchboard.yaml for editor completion (yaml-language-server reads the header comment). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://github.com/switchboard/switchboard/config/switchboard.schema.json',
    title: 'Switchboard configuration (switchboard.yaml)',
  };
}
