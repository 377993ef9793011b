export {
  ConfigError,
  type ConfigProblem,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  parseConfig,
  parseConfigText,
} from './load.ts';
export * from './schema.ts';
