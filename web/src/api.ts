// The management API: bearer token kept in sessionStorage, JSON in and out, errors as ApiError with the body's
// `detail`. Any 401 (other than a failed login) ends the session and goes back to the login screen.

import type { Role, Session } from './types';

const KEY = 'cheluyun.session';
const NOTICE = 'cheluyun.loginNotice';
/** Relative, so the page works wherever the platform serves it from its root. */
export const API = 'api/v1';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly fields: Record<string, string> = {}) {
    super(message);
  }
}

export function session(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function canEdit(): boolean {
  const r = session()?.role;
  return r === 'operator' || r === 'admin';
}

/** Forgets the token and reloads into the login screen, with a notice to show there. */
let leaving = false;

export function endSession(notice?: string) {
  if (leaving) return; // the first reason stands (other calls fail the same way meanwhile)
  leaving = true;
  sessionStorage.removeItem(KEY);
  if (notice) sessionStorage.setItem(NOTICE, notice);
  location.reload();
}

export function takeLoginNotice(): string | null {
  const n = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return n;
}

async function errorOf(res: Response): Promise<ApiError> {
  let detail = `${res.status} ${res.statusText}`;
  let fields: Record<string, string> = {};
  try {
    const body = await res.json();
    if (body && typeof body === 'object') {
      if (typeof body.detail === 'string') detail = body.detail;
      else if (typeof body.error === 'string') detail = body.error;
      if (body.fields && typeof body.fields === 'object') fields = body.fields;
    }
  } catch {
    // not JSON (a proxy's error page): keep the status line
  }
  if (res.status === 429) {
    const after = res.headers.get('Retry-After');
    if (after && !detail.includes(after)) detail += ` (retry in ${after} s)`;
  }
  return new ApiError(res.status, detail, fields);
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw await errorOf(res);
  const body = await res.json();
  const s: Session = {
    token: body.token,
    username: body.username ?? username,
    role: (body.role ?? 'viewer') as Role,
    expiresAt: body.expiresAt ?? '',
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export async function logout() {
  const s = session();
  if (s) {
    try {
      await fetch(`${API}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${s.token}` } });
    } catch {
      // the token is dropped here anyway
    }
  }
  endSession();
}

/** Calls the API; `path` is below /api/v1 (e.g. "/warnings?limit=50"). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const s = session();
  if (!s) {
    endSession('Please log in.');
    throw new ApiError(401, 'not logged in');
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${s.token}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, `the server cannot be reached (${(e as Error).message})`);
  }
  if (res.status === 401) {
    const err = await errorOf(res);
    endSession(`Session ended: ${err.message}`);
    throw err;
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);

/** Query string of the defined values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
