/**
 * Erlang C: the M/M/N queue behind call-centre staffing (A. K. Erlang, 1917). Calls arrive at random
 * (Poisson, `callsPerHour`), handle times are exponential with mean `ahtSeconds`, callers wait in one
 * first-come first-served queue for N agents and never give up. Real callers do give up, so Erlang C is
 * slightly pessimistic: a plan it meets, the line meets.
 *
 * Traffic A = λ · AHT (erlangs). The probability that a caller waits is
 *   C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))      for N > A, else 1,
 * with Erlang B computed by the stable recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) (no
 * factorials, no overflow at any size). Then
 *   service level SL(t) = 1 − C · e^{−(N − A)·t / AHT}    (share answered within t seconds)
 *   average speed of answer ASA = C · AHT / (N − A)      (seconds, over all callers)
 * as in every Erlang C reference (e.g. the step-by-step example of 360 calls per half hour, 4-minute
 * calls and 55 agents that the tests reproduce).
 */

/** Traffic in erlangs: arrivals per hour × handle time in hours. */
export function trafficErlangs(callsPerHour: number, ahtSeconds: number): number {
  return (callsPerHour * ahtSeconds) / 3600;
}

/** Erlang B blocking probability for `agents` servers and `traffic` erlangs. */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Probability that a caller has to wait (0-1); 1 when the agents cannot keep up (N ≤ A). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Share of callers answered within `withinSeconds` (0-1); 0 when the queue grows without bound. */
export function serviceLevel(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  withinSeconds: number,
): number {
  if (traffic <= 0) return 1;
  if (agents <= traffic) return 0;
  return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * withinSeconds) / ahtSeconds);
}

/** Average speed of answer in seconds over all callers; Infinity when N ≤ A. */
export function averageSpeedOfAnswer(agents: number, traffic: number, ahtSeconds: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return Number.POSITIVE_INFINITY;
  return (erlangC(agents, traffic) * ahtSeconds) / (agents - traffic);
}

/** Agent occupancy (0-1): the share of time agents are on calls. */
export function occupancy(agents: number, traffic: number): number {
  return agents > 0 ? Math.min(1, traffic / agents) : 0;
}

export interface StaffingQuestion {
  callsPerHour: number;
  ahtSeconds: number;
  /** Share to answer within `withinSeconds`, 0-1 (e.g. 0.9). */
  target: number;
  withinSeconds: number;
  /** Highest agent count to try (default 500, the config's maximum per shift). */
  maxAgents?: number;
}

/**
 * Fewest agents whose predicted service level meets the target; 0 when there are no calls.
 * @throws RangeError when even `maxAgents` cannot meet it.
 */
export function agentsNeeded(q: StaffingQuestion): number {
  const a = trafficErlangs(q.callsPerHour, q.ahtSeconds);
  if (a <= 0) return 0;
  const max = q.maxAgents ?? 500;
  for (let n = Math.max(1, Math.floor(a) + 1); n <= max; n++)
    if (serviceLevel(n, a, q.ahtSeconds, q.withinSeconds) >= q.target) return n;
  throw new RangeError(`more than ${max} agents would be needed for ${q.callsPerHour} calls per hour`);
}
