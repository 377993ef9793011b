/** The event is not what a Connect flow (or EventBridge) sends; the flow takes its Error branch. */
export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'InvalidEventError';
  }
}

/** A required environment variable is missing or malformed: a deployment bug, found at cold start. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** The directory table has no roster: the seed step has not run. */
export class NotSeededError extends Error {
  constructor() {
    super(
      'the directory table has no roster; deploy again or run the seed (it writes switchboard.yaml to DynamoDB)',
    );
    this.name = 'NotSeededError';
  }
}
