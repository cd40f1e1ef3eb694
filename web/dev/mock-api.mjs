#!/usr/bin/env node
// A stand-in for the platform's management API, for working on the dashboard without the Java build.
// Development only: the real contract is docs/api.md and the server's /openapi.json; when they differ, they win.
//
//   node dev/mock-api.mjs            # http://127.0.0.1:8090, serves dist/ too when it was built
//   MOCK_PORT=9000 node dev/mock-api.mjs
//   CHELUYUN_API=http://localhost:8090 npm run dev
//
// Two signalised intersections 300 m apart with vehicles driving through them, two pedestrians, SPaT cycling,
// random warnings and safety events, IVS warnings for vehicles in or heading into an announced road event,
// devices, hotspots, KPIs, signal health. Accounts as in the demo: operator / cheluyun-operator, viewer /
// cheluyun-viewer, admin / cheluyun-admin. Node's standard library only.

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PORT = Number(process.env.MOCK_PORT ?? 8090);
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LAT0 = 43.8868;
const LON0 = 125.3245;
const M_PER_DEG = 111_320;
const cosLat = Math.cos((LAT0 * Math.PI) / 180);
const geo = (e, n) => [LON0 + e / (M_PER_DEG * cosLat), LAT0 + n / M_PER_DEG]; // [lon, lat]
const micros = () => Date.now() * 1000;
const rnd = (a) => a[Math.floor(Math.random() * a.length)];

// ---- users and tokens ----
const USERS = { admin: ['cheluyun-admin', 'admin'], operator: ['cheluyun-operator', 'operator'],
  viewer: ['cheluyun-viewer', 'viewer'] };
const tokens = new Map(); // token -> {username, role}
const RANK = { viewer: 0, operator: 1, admin: 2 };

// ---- intersections ----
const ARMS = { N: [0, 1], E: [1, 0], S: [0, -1], W: [-1, 0] };
const GROUPS = { N: [1, 2], S: [1, 2], E: [3, 4], W: [3, 4] }; // [left, straight]

function intersection(key, id, name, ce, cn) {
  const lanes = [];
  let laneId = 1;
  for (const [arm, [dx, dy]] of Object.entries(ARMS)) {
    const right = [-dy, dx]; // right of the inbound direction (-d), right-hand traffic
    for (let i = 0; i < 2; i++) {
      const off = 1.75 + 3.5 * i;
      const line = (sign) => [0, 1, 2, 3].map((k) => {
        const s = 12 + k * 50;
        return geo(ce + dx * s + sign * right[0] * off, cn + dy * s + sign * right[1] * off);
      });
      lanes.push({ laneId: laneId++, ingress: true, type: 'VEHICLE', widthM: 3.5, approach: arm,
        signalGroups: [GROUPS[arm][i]], centreline: line(1) });
      lanes.push({ laneId: laneId++, ingress: false, type: 'VEHICLE', widthM: 3.5, approach: null,
        signalGroups: [], centreline: line(-1) });
    }
  }
  const [lon, lat] = geo(ce, cn);
  return { key, region: 1, id, name, revision: 3, latDeg: lat, lonDeg: lon, lanes, ce, cn };
}
const INTERSECTIONS = [
  intersection('1/1001', 1001, 'Renmin St / Xi\'an Rd', 0, 0),
  intersection('1/1002', 1002, 'Renmin St / Ziyou Rd', 300, 0),
];

function phaseAt(t, offset, group) {
  const c = (t + offset) % 60;
  const ns = group <= 2;
  const local = ns ? c : (c + 30) % 60;
  if (local < 25) return [group % 2 ? 'PERMISSIVE_MOVEMENT_ALLOWED' : 'PROTECTED_MOVEMENT_ALLOWED', 25 - local];
  if (local < 28) return [group % 2 ? 'PERMISSIVE_CLEARANCE' : 'PROTECTED_CLEARANCE', 28 - local];
  return ['STOP_AND_REMAIN', 60 - local];
}

function signals() {
  const t = Date.now() / 1000;
  return INTERSECTIONS.map((x, i) => ({
    key: x.key,
    movements: [1, 2, 3, 4].map((g) => {
      const [phase, rem] = phaseAt(t, i * 15, g);
      return { signalGroup: g, phase, remainingS: Math.round(rem * 10) / 10 };
    }),
  }));
}

// ---- traffic: vehicles on polylines in local metres, looping ----
const routes = [
  { pts: [[-1.75 - 3.5, 200], [-5.25, -200]], n: 3 },            // southbound through 1001
  { pts: [[5.25, -200], [5.25, 200]], n: 3 },                     // northbound through 1001
  { pts: [[-250, -5.25], [550, -5.25]], n: 5 },                   // eastbound along Renmin St
  { pts: [[550, 5.25], [-250, 5.25]], n: 4 },                     // westbound
  { pts: [[294.75, 200], [294.75, -200]], n: 2 },                 // southbound through 1002
];
const CLASSES = ['PASSENGER_CAR', 'PASSENGER_CAR', 'PASSENGER_CAR', 'TRUCK', 'BUS', 'PASSENGER_CAR', 'EMERGENCY'];
const vehicles = [];
routes.forEach((r, ri) => {
  const [a, b] = r.pts;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  for (let i = 0; i < r.n; i++) {
    vehicles.push({ id: `car-${ri}${i}`, route: r, len, start: (len / r.n) * i, speed: 9 + ((ri * 7 + i * 3) % 6),
      vehicleClass: CLASSES[(ri * 3 + i) % CLASSES.length] });
  }
});

function vehicleState(v, t) {
  const [a, b] = v.route.pts;
  const s = (v.start + v.speed * t) % v.len;
  const e = a[0] + ((b[0] - a[0]) * s) / v.len;
  const n = a[1] + ((b[1] - a[1]) * s) / v.len;
  const headingDeg = ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360;
  const [lon, lat] = geo(e, n);
  return { id: v.id, latDeg: lat, lonDeg: lon, headingDeg, speedMps: v.speed, vehicleClass: v.vehicleClass, e, n,
    ahead: geo(e + ((b[0] - a[0]) / v.len) * v.speed * 10, n + ((b[1] - a[1]) / v.len) * v.speed * 10) };
}

function objects(t) {
  return [0, 1].map((i) => {
    const x = INTERSECTIONS[i];
    const p = ((t * 1.4) % 24) - 12;
    const [lon, lat] = geo(x.ce + p, x.cn + 14 * (i ? -1 : 1));
    return { id: `ped-${i + 1}`, latDeg: lat, lonDeg: lon, headingDeg: 90, speedMps: 1.4, objectClass: 'PEDESTRIAN' };
  });
}

// ---- history ----
const warnings = []; // newest last
const safetyEvents = [];
const signalIssues = [];
const roadEvents = []; // stored, announced through the API
let seq = 0;
const clients = new Set();

function broadcast(event, data) {
  const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  for (const res of clients) res.write(text);
}

function warn(type, severity, v, related = [], extra = {}) {
  const t = micros();
  const w = { warningId: `${type}:${v.id}>${related.join(',')}@${t}`, type, severity, targetId: v.id,
    relatedIds: related, timeMicros: t, validUntilMicros: t + 3_000_000, ttcS: extra.ttcS ?? null,
    distanceM: extra.distanceM ?? null, location: { latDeg: v.latDeg, lonDeg: v.lonDeg }, advice: null };
  warnings.push(w);
  if (warnings.length > 5000) warnings.shift();
  broadcast('warning', w);
}

function inPolygon([x, y], poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inForce = () => roadEvents.filter((e) => !e.endedAt && Date.parse(e.validUntil) > Date.now());
const lastIvs = new Map();

function tick() {
  const t = Date.now() / 1000;
  const vs = vehicles.map((v) => vehicleState(v, t));
  const events = inForce();
  // IVS: in the area, or there within 10 s
  for (const e of events) {
    const poly = e.area.map((p) => [p.lonDeg, p.latDeg]);
    for (const v of vs) {
      if (!inPolygon([v.lonDeg, v.latDeg], poly) && !inPolygon(v.ahead, poly)) continue;
      const k = `${e.id}>${v.id}`;
      if ((lastIvs.get(k) ?? 0) > Date.now() - 5000) continue;
      lastIvs.set(k, Date.now());
      warn('IVS', 'ADVISORY', v, [e.id]);
    }
  }
  if (Math.random() < 0.4) {
    const v = rnd(vs);
    const type = rnd(['FCW', 'RLVW', 'GLOSA', 'EBW', 'ICW', 'VRUCW']);
    warn(type, type === 'GLOSA' ? 'ADVISORY' : rnd(['WARNING', 'CRITICAL']), v, [rnd(vs).id],
      { ttcS: Math.round(Math.random() * 300) / 100, distanceM: Math.round(Math.random() * 800) / 10 });
  }
  if (Math.random() < 0.15) {
    const v = rnd(vs);
    const kind = rnd(['RED_LIGHT_RUN', 'CONFLICT_TTC', 'CONFLICT_PET', 'HARD_BRAKING', 'SPEEDING']);
    const x = INTERSECTIONS[v.e > 150 ? 1 : 0];
    const ev = { seq: ++seq, kind, timeMicros: micros(), latDeg: v.latDeg, lonDeg: v.lonDeg, intersection: x.key,
      vehicleId: v.id, otherId: kind.startsWith('CONFLICT') ? rnd(vs).id : null,
      ttcS: kind === 'CONFLICT_TTC' ? Math.round(Math.random() * 150) / 100 : null,
      petS: kind === 'CONFLICT_PET' ? Math.round(Math.random() * 100) / 100 : null,
      magnitude: Math.round(Math.random() * 60) / 10, detail: `${kind.toLowerCase().replace(/_/g, ' ')} (mock)` };
    safetyEvents.push(ev);
    broadcast('safety', ev);
  }
  if (Math.random() < 0.03) {
    const x = rnd(INTERSECTIONS);
    const issue = { key: x.key, kind: rnd(['SPAT_GAP', 'CONFLICTING_GREENS', 'MAP_MISMATCH']), timeMicros: micros(),
      signalGroup: rnd([1, 2, 3, 4]), vehicleId: null, detail: 'mock issue' };
    signalIssues.push(issue);
    broadcast('signal-issue', issue);
  }
  broadcast('snapshot', {
    timeMicros: micros(),
    vehicles: vs.map(({ e, n, ahead, ...v }) => v),
    objects: objects(t),
    signals: signals(),
    events: events.map(({ broadcastTo, ...e }) => e),
  });
}
setInterval(tick, 1000);

// seed some history so the first screens are not empty
for (let i = 0; i < 40; i++) {
  const v = vehicleState(rnd(vehicles), i);
  const kind = rnd(['RED_LIGHT_RUN', 'CONFLICT_TTC', 'HARD_BRAKING', 'SPEEDING']);
  safetyEvents.push({ seq: ++seq, kind, timeMicros: micros() - (40 - i) * 60_000_000, latDeg: v.latDeg,
    lonDeg: v.lonDeg, intersection: INTERSECTIONS[v.e > 150 ? 1 : 0].key, vehicleId: v.id, otherId: null,
    ttcS: null, petS: null, magnitude: 1, detail: 'seeded (mock)' });
}

// ---- API ----
class HttpError extends Error {
  constructor(status, error, detail, fields) {
    super(detail);
    Object.assign(this, { status, error, fields });
  }
}

function auth(req, url, least = 'viewer') {
  const h = req.headers.authorization ?? '';
  const token = h.toLowerCase().startsWith('bearer ') ? h.slice(7).trim() : url.searchParams.get('access_token');
  const who = token && tokens.get(token);
  if (!who) throw new HttpError(401, 'unauthorized', 'the token is unknown, expired or revoked');
  if (RANK[who.role] < RANK[least]) {
    throw new HttpError(403, 'forbidden', `role ${who.role} may not do this; it needs ${least} or above`);
  }
  return who;
}

const fromParam = (url, defS) => {
  const v = url.searchParams.get('from');
  if (!v) return micros() - defS * 1_000_000;
  return /^\d+$/.test(v) ? Number(v) : Date.parse(v) * 1000;
};

async function body(req) {
  let s = '';
  for await (const c of req) s += c;
  try {
    return s ? JSON.parse(s) : {};
  } catch {
    throw new HttpError(400, 'bad request', 'the body is not JSON');
  }
}

function hexCells(events) {
  const R = 60; // metres, about H3 resolution 10
  const cells = new Map();
  for (const e of events) {
    const x = (e.lonDeg - LON0) * M_PER_DEG * cosLat;
    const y = (e.latDeg - LAT0) * M_PER_DEG;
    const col = Math.round(x / (1.5 * R));
    const row = Math.round((y - (col % 2 ? (R * Math.sqrt(3)) / 2 : 0)) / (R * Math.sqrt(3)));
    const id = `8a${col}_${row}`;
    const c = cells.get(id) ?? { cell: id, col, row, count: 0, byKind: {} };
    c.count++;
    c.byKind[e.kind] = (c.byKind[e.kind] ?? 0) + 1;
    cells.set(id, c);
  }
  return [...cells.values()].map(({ col, row, ...c }) => {
    const cx = col * 1.5 * R;
    const cy = row * R * Math.sqrt(3) + (col % 2 ? (R * Math.sqrt(3)) / 2 : 0);
    const boundary = [0, 1, 2, 3, 4, 5].map((k) => geo(cx + R * Math.cos((k * Math.PI) / 3),
      cy + R * Math.sin((k * Math.PI) / 3)));
    const [lon, lat] = geo(cx, cy);
    return { ...c, latDeg: lat, lonDeg: lon, boundary };
  });
}

function kpis(url) {
  const from = fromParam(url, 3600) / 1000;
  const to = Date.now();
  const intervalS = Math.max(60, Math.ceil((to - from) / 1000 / 120 / 60) * 60);
  const metric = url.searchParams.get('metric');
  const only = url.searchParams.get('intersection');
  const rows = [];
  for (let t = Math.ceil(from / 1000 / intervalS) * intervalS; t * 1000 < to; t += intervalS) {
    const wave = 1 + 0.4 * Math.sin(t / 1800);
    for (const x of INTERSECTIONS) {
      if (only && only !== x.key) continue;
      for (const a of ['N', 'E', 'S', 'W', '*']) {
        const k = a === '*' ? 4 : 1;
        const val = {
          volume: Math.round(k * wave * (8 + (a.charCodeAt(0) % 5)) * (intervalS / 60)),
          mean_speed_mps: 8 + 3 * wave + (a.charCodeAt(0) % 3),
          stops: Math.round(k * wave * 3),
          queue_max_m: 20 + 25 * wave,
          queue_mean_m: 8 + 10 * wave,
          travel_time_s: 30 + 12 / wave,
          penetration: 0.3 + 0.1 * Math.sin(t / 5000),
        };
        for (const [m, v] of Object.entries(val)) {
          if (!metric || metric === m) rows.push({ intervalStart: t * 1_000_000, intersection: x.key, approach: a,
            metric: m, value: v });
        }
      }
    }
    if ((!metric || metric === 'rsu_availability') && !only) {
      for (const id of ['rsu-1001', 'rsu-1002']) {
        rows.push({ intervalStart: t * 1_000_000, intersection: '0/0', approach: id, metric: 'rsu_availability',
          value: id === 'rsu-1002' && (t / intervalS) % 17 < 2 ? 0.5 : 1 });
      }
    }
  }
  return { intervalS, rows };
}

async function route(req, res, url) {
  const p = url.pathname;
  const m = req.method;
  const x = p.match(/^\/api\/v1\/intersections\/([^/]+)\/safety-report$/);
  const ev = p.match(/^\/api\/v1\/road-events\/([^/]+)$/);
  if (p === '/api/v1/auth/login' && m === 'POST') {
    const b = await body(req);
    const u = USERS[b.username];
    if (!u || u[0] !== b.password) throw new HttpError(401, 'unauthorized', 'wrong username or password');
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { username: b.username, role: u[1] });
    return [200, { token, username: b.username, role: u[1],
      expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString() }];
  }
  if (p === '/api/v1/auth/logout' && m === 'POST') {
    auth(req, url);
    tokens.delete(req.headers.authorization.slice(7).trim());
    return [204, null];
  }
  if (p === '/api/v1/stream' && m === 'GET') {
    auth(req, url);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': hello\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return null;
  }
  if (m !== 'GET' && !(p === '/api/v1/road-events' && m === 'POST') && !(ev && m === 'DELETE')) {
    throw new HttpError(405, 'method not allowed', `${m} is not allowed on ${p}`);
  }
  const who = auth(req, url, m === 'GET' ? 'viewer' : 'operator');
  if (p === '/api/v1/me') return [200, { username: who.username, role: who.role }];
  if (p === '/api/v1/map') return [200, { intersections: INTERSECTIONS.map(({ ce, cn, ...i }) => i) }];
  if (p === '/api/v1/intersections') {
    return [200, { intersections: INTERSECTIONS.map(({ ce, cn, lanes, ...i }) => i) }];
  }
  if (p === '/api/v1/warnings') {
    const from = fromParam(url, 3600);
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const list = warnings.filter((w) => w.timeMicros >= from).reverse().slice(0, limit);
    return [200, { from, to: micros(), count: list.length, warnings: list }];
  }
  if (p === '/api/v1/devices') {
    const now = Date.now();
    return [200, { devices: [
      { id: 'rsu-1001', kind: 'rsu', rsuId: '00000000000003e9', hasToken: true,
        position: { latDeg: LAT0, lonDeg: LON0 }, rangeM: 600,
        health: { online: true, lastSeen: new Date(now - 800).toISOString(),
          messagesAccepted: Math.floor(now / 100) % 100000,
          messagesRefused: 3, lastRefusal: 'bad_signature', messagesPerS: 10.2 } },
      { id: 'rsu-1002', kind: 'rsu', rsuId: '00000000000003ea', hasToken: true,
        health: { online: false, lastSeen: new Date(now - 300_000).toISOString(), messagesAccepted: 5120,
          messagesRefused: 0, lastRefusal: null, messagesPerS: 0 } },
    ] }];
  }
  if (p === '/api/v1/road-events' && m === 'GET') {
    const all = url.searchParams.get('all') === 'true';
    return [200, { roadEvents: all ? roadEvents : inForce() }];
  }
  if (p === '/api/v1/road-events' && m === 'POST') {
    const b = await body(req);
    const fields = {};
    const TYPES = ['HAZARD', 'ACCIDENT', 'WORK_ZONE', 'SPEED_LIMIT', 'CONGESTION', 'ADVERSE_WEATHER', 'ROAD_CLOSURE',
      'TRAFFIC_SIGN'];
    for (const f of Object.keys(b)) {
      const known = ['type', 'area', 'speedLimitKmh', 'description', 'validFrom', 'validUntil'];
      if (!known.includes(f)) fields[f] = 'unknown field';
    }
    if (!TYPES.includes(b.type)) fields.type = `one of [${TYPES.join(', ')}]`;
    if (!Array.isArray(b.area) || b.area.length < 3 || b.area.length > 64) {
      fields.area = 'a polygon of 3 to 64 {"latDeg", "lonDeg"} vertices';
    }
    if (b.type === 'SPEED_LIMIT' && b.speedLimitKmh == null) fields.speedLimitKmh = 'required for a SPEED_LIMIT zone';
    if (Object.keys(fields).length) throw new HttpError(400, 'bad request', 'the request has wrong fields', fields);
    const now = new Date();
    const e = { id: `op-${randomBytes(6).toString('hex')}`, type: b.type, area: b.area,
      speedLimitKmh: b.speedLimitKmh ?? null, description: b.description ?? '', validFrom: now.toISOString(),
      validUntil: new Date(now.getTime() + 2 * 3600_000).toISOString(), createdBy: who.username,
      createdAt: now.toISOString(), endedAt: null };
    roadEvents.push(e);
    return [201, { ...e, broadcastTo: ['rsu-1001'] }];
  }
  if (ev && m === 'DELETE') {
    const e = roadEvents.find((r) => r.id === decodeURIComponent(ev[1]));
    if (!e) throw new HttpError(404, 'not found', `no road event '${ev[1]}'`);
    if (e.endedAt) throw new HttpError(409, 'conflict', `road event '${e.id}' ended at ${e.endedAt}`);
    e.endedAt = new Date().toISOString();
    return [200, e];
  }
  if (ev) {
    const e = roadEvents.find((r) => r.id === decodeURIComponent(ev[1]));
    if (!e) throw new HttpError(404, 'not found', `no road event '${ev[1]}'`);
    return [200, e];
  }
  if (p === '/api/v1/safety-events') {
    const from = fromParam(url, 3600);
    const kind = url.searchParams.get('kind');
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const list = safetyEvents.filter((e) => e.timeMicros >= from && (!kind || kind.split(',').includes(e.kind)))
      .slice().reverse().slice(0, limit);
    return [200, { count: list.length, events: list }];
  }
  if (p === '/api/v1/hotspots') {
    const from = fromParam(url, 7 * 86400);
    const kind = url.searchParams.get('kind');
    return [200, { resolution: 10, cells: hexCells(safetyEvents.filter((e) => e.timeMicros >= from
      && (!kind || e.kind === kind))) }];
  }
  if (x) {
    const key = decodeURIComponent(x[1]).replace('-', '/');
    if (!INTERSECTIONS.some((i) => i.key === key)) throw new HttpError(404, 'not found', `no intersection '${key}'`);
    const from = fromParam(url, 86400);
    const mine = safetyEvents.filter((e) => e.intersection === key && e.timeMicros >= from);
    const counts = {};
    const top = {};
    for (const e of mine) {
      counts[e.kind] = (counts[e.kind] ?? 0) + 1;
      top[e.vehicleId] = (top[e.vehicleId] ?? 0) + 1;
    }
    const ws = {};
    for (const w of warnings) ws[w.type] = (ws[w.type] ?? 0) + 1;
    return [200, { key, from, to: micros(), counts, warnings: ws,
      redLightRunsBySignalGroup: { 2: counts.RED_LIGHT_RUN ?? 0 },
      minTtcS: 0.8, minPetS: null,
      topVehicles: Object.entries(top).sort((a, b) => b[1] - a[1]).slice(0, 5)
        .map(([vehicleId, events]) => ({ vehicleId, events })) }];
  }
  if (p === '/api/v1/signals/health') {
    return [200, { intersections: INTERSECTIONS.map((i, k) => ({ key: i.key, spatPerS: k ? 0 : 10,
      lastSpat: k ? null : new Date().toISOString(), mapRevision: 3,
      issues: { SPAT_GAP: signalIssues.filter((s) => s.key === i.key && s.kind === 'SPAT_GAP').length,
        CONFLICTING_GREENS: 0 },
      recent: signalIssues.filter((s) => s.key === i.key).slice(-10) })) }];
  }
  if (p === '/api/v1/kpis') return [200, kpis(url)];
  throw new HttpError(404, 'not found', `no such resource: ${p}`);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json' };

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    try {
      const r = await route(req, res, url);
      if (r === null) return;
      const [status, b] = r;
      res.writeHead(status, b === null ? {} : { 'Content-Type': 'application/json' });
      res.end(b === null ? undefined : JSON.stringify(b));
    } catch (e) {
      const status = e.status ?? 500;
      const headers = { 'Content-Type': 'application/json' };
      if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="cheluyun"';
      res.writeHead(status, headers);
      res.end(JSON.stringify({ error: e.error ?? 'internal error', detail: e.message, fields: e.fields }));
      if (status === 500) console.error(e);
    }
    return;
  }
  // the built dashboard, when there is one
  const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '');
  const file = join(DIST, rel);
  if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) {
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found (npm run build first for the dashboard)');
  }
}).listen(PORT, '127.0.0.1', () => {
  console.log(`mock Cheluyun API on http://127.0.0.1:${PORT} (operator / cheluyun-operator)`);
});
