/**
 * Sign-in for the console in AWS: Cognito's hosted sign-in with the authorization-code flow and PKCE
 * (no client secret in the browser). The ID token carries `cognito:groups`; the API checks it on every
 * route, so nothing here is trusted for access. Locally there is no /config.json and no sign-in.
 */
export interface SiteConfig {
  cognitoDomain: string;
  clientId: string;
  /** The Connect instance's access URL (https://alias.my.connect.aws), for the agent view's softphone. */
  connectUrl?: string;
  region?: string;
}

const TOKEN = 'switchboard.idToken';
const VERIFIER = 'switchboard.pkce';

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export async function loadSiteConfig(): Promise<SiteConfig | null> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) return null;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  return (await res.json()) as SiteConfig;
}

function tokenValid(token: string | null): token is string {
  if (!token) return false;
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp: number;
    };
    return payload.exp * 1000 > Date.now() + 60_000;
  } catch {
    return false;
  }
}

/** The ID token for the API, signing in (a redirect) when there is none. Returns null while redirecting. */
export async function signIn(cfg: SiteConfig): Promise<string | null> {
  const saved = sessionStorage.getItem(TOKEN);
  if (tokenValid(saved)) return saved;
  const redirect = `${location.origin}/`;
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (code && verifier) {
    const res = await fetch(`${cfg.cognitoDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: cfg.clientId,
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
      }),
    });
    sessionStorage.removeItem(VERIFIER);
    history.replaceState(null, '', `/${location.hash}`);
    if (res.ok) {
      const { id_token } = (await res.json()) as { id_token: string };
      sessionStorage.setItem(TOKEN, id_token);
      return id_token;
    }
  }
  const v = b64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, v);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(v)));
  location.assign(
    `${cfg.cognitoDomain}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: cfg.clientId,
      redirect_uri: redirect,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: challenge,
    })}`,
  );
  return null;
}

export function signOut(cfg: SiteConfig): void {
  sessionStorage.removeItem(TOKEN);
  location.assign(
    `${cfg.cognitoDomain}/logout?${new URLSearchParams({ client_id: cfg.clientId, logout_uri: `${location.origin}/` })}`,
  );
}
