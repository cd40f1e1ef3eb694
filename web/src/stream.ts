// The live feed: Server-Sent Events from GET /api/v1/stream (the token goes in the query: EventSource sends no
// headers). EventSource reconnects by itself after a dropped connection; when the server refuses the stream
// (EventSource closes) we ask /me whether the token still holds (a 401 there ends the session) and try again with
// a back-off. While the stream is down, new warnings are polled from GET /api/v1/warnings so the feed stays live.

import { API, get, query, session } from './api';
import { emit, state } from './bus';
import type { StreamStatus } from './bus';
import type { SafetyEvent, SignalIssue, Snapshot, Warning } from './types';

const STALE_AFTER_MS = 10_000;
const POLL_MS = 3000;

let source: EventSource | null = null;
let lastMessage = 0;
let backoffMs = 2000;
let retryTimer: number | undefined;
let pollTimer: number | undefined;
let lastWarningMicros = 0;

function setStatus(s: StreamStatus) {
  if (state.stream !== s) emit('stream', s);
  if (s === 'live') stopPolling();
  else startPolling();
}

function parse<T>(e: MessageEvent): T | null {
  lastMessage = Date.now();
  if (state.stream !== 'live') setStatus('live');
  try {
    return JSON.parse(e.data) as T;
  } catch {
    console.warn('stream: an event that is not JSON', e.type);
    return null;
  }
}

const seen = new Set<string>();

/**
 * Records a warning; false when it was seen before (the stream, polling and the first GET overlap). Remembers the
 * newest time, so polling asks only for newer ones.
 */
export function firstSight(w: Warning): boolean {
  if (typeof w.timeMicros === 'number' && w.timeMicros > lastWarningMicros) lastWarningMicros = w.timeMicros;
  if (seen.has(w.warningId)) return false;
  seen.add(w.warningId);
  if (seen.size > 5000) seen.delete(seen.values().next().value as string);
  return true;
}

function deliver(w: Warning) {
  if (w && typeof w.warningId === 'string' && firstSight(w)) emit('warning', w);
}

function connect() {
  const s = session();
  if (!s) return;
  source?.close();
  const es = new EventSource(`${API}/stream${query({ access_token: s.token })}`);
  source = es;
  es.onopen = () => {
    backoffMs = 2000;
    lastMessage = Date.now();
    setStatus('live');
  };
  es.addEventListener('snapshot', (e) => {
    const v = parse<Snapshot>(e as MessageEvent);
    if (v) emit('snapshot', v);
  });
  es.addEventListener('warning', (e) => {
    const v = parse<Warning>(e as MessageEvent);
    if (v) deliver(v);
  });
  es.addEventListener('safety', (e) => {
    const v = parse<SafetyEvent>(e as MessageEvent);
    if (v) emit('safety', v);
  });
  es.addEventListener('signal-issue', (e) => {
    const v = parse<SignalIssue>(e as MessageEvent);
    if (v) emit('signal-issue', v);
  });
  es.onerror = () => {
    if (es !== source) return;
    if (es.readyState === EventSource.CONNECTING) {
      setStatus('connecting'); // it retries by itself
      return;
    }
    // closed for good: refused (401, 404, not event-stream). Is the token still good? A 401 ends the session.
    setStatus('down');
    get('/me').then(
      () => schedule(),
      () => schedule(),
    );
  };
}

function schedule() {
  clearTimeout(retryTimer);
  retryTimer = window.setTimeout(connect, backoffMs);
  backoffMs = Math.min(backoffMs * 2, 30_000);
}

function startPolling() {
  if (pollTimer !== undefined) return;
  pollTimer = window.setInterval(async () => {
    try {
      const from = lastWarningMicros > 0 ? lastWarningMicros + 1 : Date.now() * 1000 - 60_000_000;
      const r = await get<{ warnings?: Warning[] }>(`/warnings${query({ from, limit: 200 })}`);
      // newest first from the server: hand them on oldest first
      for (const w of [...(r.warnings ?? [])].reverse()) deliver(w);
    } catch {
      // the panel shows the API's state; polling is best effort
    }
  }, POLL_MS);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = undefined;
}

export function startStream() {
  connect();
  window.setInterval(() => {
    if (state.stream === 'live' && Date.now() - lastMessage > STALE_AFTER_MS) setStatus('stale');
  }, 2000);
}
