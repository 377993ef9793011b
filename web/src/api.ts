/** The console API from the pages: JSON in and out, the bearer token in AWS, errors as ApiError. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; field?: string },
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

let token: string | null = null;
export const setToken = (t: string | null) => {
  token = t;
};
export const authHeader = (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ data: T; headers: Headers }> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      ...authHeader(),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (res.status === 204) return { data: undefined as T, headers: res.headers };
  const body = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new ApiError(res.status, body as ApiError['body']);
  return { data: body, headers: res.headers };
}

export const get = async <T>(path: string) => (await api<T>(path)).data;

type Listener = () => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let poll: ReturnType<typeof setInterval> | null = null;

/**
 * Calls `fn` whenever data may have changed: locally on the server's change events (at once, as a call
 * goes), in AWS every 15 s. Returns the unsubscribe function.
 */
export function onChange(fn: Listener, where: 'local' | 'aws'): () => void {
  listeners.add(fn);
  if (where === 'local' && !source) {
    source = new EventSource('/api/events');
    let pending: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('change', () => {
      // Coalesce bursts (a call writes several items) into one refresh.
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        for (const l of listeners) l();
      }, 250);
    });
  }
  if (where === 'aws' && !poll)
    poll = setInterval(() => {
      for (const l of listeners) l();
    }, 15_000);
  return () => listeners.delete(fn);
}
