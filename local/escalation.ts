/**
 * The local stand-in for the escalation timer (Step Functions in AWS): jobs on the simulated clock.
 * `settle` runs them in time order, moving the clock forward to each job's time, until none is left
 * (a job may schedule the next step). Started once per key, as a Step Functions execution named after
 * the ticket is.
 */
export interface TimedJob {
  at: Date;
  label: string;
  run(): Promise<void>;
}

export class SimulatedTimer {
  private jobs: TimedJob[] = [];
  private readonly started = new Set<string>();

  /** Adds a job; returns false (and adds nothing) when `key` was started before. */
  startOnce(key: string, job: TimedJob): boolean {
    if (this.started.has(key)) return false;
    this.started.add(key);
    this.jobs.push(job);
    return true;
  }

  schedule(job: TimedJob): void {
    this.jobs.push(job);
  }

  get pending(): number {
    return this.jobs.length;
  }

  /**
   * Runs every job, earliest first, at `max(now, job.at)`; at most `limit` jobs (a safety net against
   * a job that keeps scheduling itself). Returns how many ran.
   */
  async settle(now: () => Date, setNow: (d: Date) => void, limit = 200): Promise<number> {
    let ran = 0;
    while (this.jobs.length > 0 && ran < limit) {
      this.jobs.sort((a, b) => a.at.getTime() - b.at.getTime());
      const job = this.jobs.shift()!;
      if (job.at > now()) setNow(job.at);
      await job.run();
      ran++;
    }
    return ran;
  }
}
