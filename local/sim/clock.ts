/**
 * One simulated clock for many concurrent calls: a discrete-event scheduler over cooperative processes.
 *
 * Each call is a process (an async function). It runs on its own simulated time and parks (`sleepUntil`)
 * before anything another call could see or change: a function invocation, a caller's input, entering a
 * queue. The scheduler wakes the parked process with the earliest time (ties: the order they parked),
 * sets the shared clock to it, and waits until that process parks again or ends before it wakes the next
 * one. Exactly one process runs at a time, so a run is deterministic for its inputs, however long the
 * database takes to answer.
 */

interface Wake {
  at: number;
  seq: number;
  wake: () => void;
}

/** A process failed: the simulation stops rather than leave a month of half-made records. */
export class SimulationProcessError extends Error {
  constructor(
    readonly at: number,
    readonly cause: unknown,
  ) {
    super(
      `a simulated call failed at ${new Date(at).toISOString()}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'SimulationProcessError';
  }
}

export class SimClock {
  /** The shared simulated time, ms since the epoch. */
  now: number;
  private readonly heap: Wake[] = [];
  private seq = 0;
  private turnDone: (() => void) | undefined;
  private failure: SimulationProcessError | undefined;
  /** Processes woken so far (a measure of the scheduler's work). */
  wakes = 0;

  constructor(start: number) {
    this.now = start;
  }

  /** Starts `body` as a process at simulated time `at`. */
  spawn(at: number, body: () => Promise<void>): void {
    this.push(at, () => {
      body()
        .catch((err: unknown) => {
          this.failure ??= new SimulationProcessError(this.now, err);
        })
        .finally(() => this.endTurn());
    });
  }

  /**
   * Parks the running process until the shared clock reaches `at`; returns at once when it already has
   * (no other process can be earlier than the clock).
   */
  sleepUntil(at: number): Promise<void> {
    if (at <= this.now) return Promise.resolve();
    return new Promise((resolve) => {
      this.push(at, resolve);
      this.endTurn();
    });
  }

  /**
   * Runs every process to its end, in simulated time order.
   * @throws SimulationProcessError when a process throws (the first failure).
   */
  async run(): Promise<void> {
    while (this.heap.length > 0 && !this.failure) {
      const next = this.pop();
      if (next.at > this.now) this.now = next.at;
      this.wakes++;
      await new Promise<void>((resolve) => {
        this.turnDone = resolve;
        next.wake();
      });
    }
    if (this.failure) throw this.failure;
  }

  private endTurn(): void {
    const done = this.turnDone;
    this.turnDone = undefined;
    done?.();
  }

  // A binary heap on (at, seq).
  private less(a: Wake, b: Wake): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(at: number, wake: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, wake });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Wake {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
