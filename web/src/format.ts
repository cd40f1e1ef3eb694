// Small helpers: numbers that may be missing, null or "NaN"; times; colours shared by the map and the panels.

/** A finite number, or null (for undefined, null, "NaN", non-numeric strings). */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function fmt(v: unknown, digits = 1, unit = ''): string {
  const n = num(v);
  if (n === null) return '–';
  return n.toFixed(digits) + (unit ? ' ' + unit : '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of epoch microseconds (or an ISO string), HH:MM:SS. */
export function clock(t: number | string | null | undefined): string {
  const d = toDate(t);
  if (!d) return '–';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date and time, YYYY-MM-DD HH:MM:SS. */
export function dateTime(t: number | string | null | undefined): string {
  const d = toDate(t);
  if (!d) return '–';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(d.getTime() * 1000)}`;
}

export function toDate(t: number | string | null | undefined): Date | null {
  if (t === null || t === undefined || t === '') return null;
  if (typeof t === 'number') return Number.isFinite(t) ? new Date(t / 1000) : null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "12 s ago", "3 min ago" for an ISO time. */
export function ago(iso: string | null | undefined): string {
  const d = toDate(iso ?? null);
  if (!d) return 'never';
  const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

export const nowMicros = () => Date.now() * 1000;

// ---- colours ----

export type Light = 'green' | 'yellow' | 'red' | 'grey';

/** J2735 MovementPhaseState → light colour (model SignalPhase: isGreen / isClearance / isStop). */
export function phaseLight(phase: string | null | undefined): Light {
  switch (phase) {
    case 'PERMISSIVE_MOVEMENT_ALLOWED':
    case 'PROTECTED_MOVEMENT_ALLOWED':
      return 'green';
    case 'PERMISSIVE_CLEARANCE':
    case 'PROTECTED_CLEARANCE':
    case 'CAUTION_CONFLICTING_TRAFFIC':
      return 'yellow';
    case 'STOP_AND_REMAIN':
    case 'STOP_THEN_PROCEED':
    case 'PRE_MOVEMENT': // red-and-amber: still stop (SignalPhase.isStop)
      return 'red';
    default:
      return 'grey';
  }
}

/** Short words for a phase (the J2735 name stays in the tooltip). */
export function phaseWords(phase: string | null | undefined): string {
  switch (phase) {
    case 'PROTECTED_MOVEMENT_ALLOWED': return 'green, protected';
    case 'PERMISSIVE_MOVEMENT_ALLOWED': return 'green, permissive';
    case 'PROTECTED_CLEARANCE': return 'amber, protected';
    case 'PERMISSIVE_CLEARANCE': return 'amber, permissive';
    case 'CAUTION_CONFLICTING_TRAFFIC': return 'flashing amber';
    case 'STOP_AND_REMAIN': return 'red';
    case 'STOP_THEN_PROCEED': return 'flashing red';
    case 'PRE_MOVEMENT': return 'red-amber';
    case 'DARK': return 'dark';
    default: return phase ? phase.toLowerCase().replace(/_/g, ' ') : '–';
  }
}

export const LIGHT_COLOURS: Record<Light, string> = {
  green: '#1a9e3f',
  yellow: '#f2b400',
  red: '#d7263d',
  grey: '#8a8f98',
};

/** For a lane with several signal groups: the most permissive light among them. */
export function bestLight(lights: Light[]): Light {
  for (const l of ['green', 'yellow', 'red'] as Light[]) {
    if (lights.includes(l)) return l;
  }
  return 'grey';
}

export const VEHICLE_COLOURS: Record<string, string> = {
  PASSENGER_CAR: '#1f6feb',
  MOTORCYCLE: '#0aa2c0',
  BUS: '#8250df',
  TRUCK: '#6e4b1f',
  TRAILER: '#6e4b1f',
  SPECIAL: '#d4681a',
  EMERGENCY: '#e0115f',
  TRAM: '#2f8f83',
  UNKNOWN: '#57606a',
};

export const OBJECT_COLOUR = '#f0883e';

export const ROAD_EVENT_COLOURS: Record<string, string> = {
  WORK_ZONE: '#f28c28',
  SPEED_LIMIT: '#3b82f6',
  HAZARD: '#e11d48',
  ACCIDENT: '#b91c1c',
  CONGESTION: '#a855f7',
  ADVERSE_WEATHER: '#0ea5e9',
  ROAD_CLOSURE: '#111827',
  TRAFFIC_SIGN: '#16a34a',
};

export const SEVERITY_COLOURS: Record<string, string> = {
  INFO: '#57606a',
  ADVISORY: '#1f6feb',
  WARNING: '#d4681a',
  CRITICAL: '#d7263d',
};

export const APPROACH_COLOURS: Record<string, string> = {
  N: '#1f6feb',
  E: '#1a9e3f',
  S: '#d4681a',
  W: '#8250df',
  '*': '#24292f',
};

/** A stable colour for any other series name (RSU ids). */
export function seriesColour(name: string, i: number): string {
  if (APPROACH_COLOURS[name]) return APPROACH_COLOURS[name];
  const palette = ['#1f6feb', '#1a9e3f', '#d4681a', '#8250df', '#d7263d', '#0aa2c0', '#6e4b1f', '#e0115f'];
  return palette[i % palette.length];
}

/** An intersection key "0/1" in a URL path: "0-1". */
export const keyPath = (key: string) => encodeURIComponent(key.replace('/', '-'));
