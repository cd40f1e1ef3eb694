// Shapes of the platform's JSON (docs/api.md). Fields the server may not send yet are optional: every reader
// goes through the helpers in format.ts, which tolerate a missing field, null or the string "NaN".

export type Role = 'viewer' | 'operator' | 'admin';

export interface Session {
  token: string;
  username: string;
  role: Role;
  expiresAt: string;
}

export interface GeoPoint {
  latDeg: number;
  lonDeg: number;
}

export interface Warning {
  warningId: string;
  type: string;
  severity: string;
  targetId: string;
  relatedIds?: string[];
  timeMicros: number;
  validUntilMicros?: number;
  ttcS?: number | string | null;
  distanceM?: number | string | null;
  location?: GeoPoint | null;
  advice?: { action?: string; minSpeedMps?: number | string; maxSpeedMps?: number | string } | null;
}

export interface Lane {
  laneId: number;
  ingress: boolean;
  type?: string;
  widthM?: number;
  approach?: string | null;
  signalGroups?: number[];
  centreline: [number, number][];
}

export interface Intersection {
  key: string;
  region?: number;
  id?: number;
  name?: string;
  revision?: number;
  latDeg?: number;
  lonDeg?: number;
  /** GET /map: the lanes; GET /intersections: how many (a number). */
  lanes?: Lane[] | number;
}

/** An intersection's lanes, when it has them (GET /map), else none. */
export const lanesOf = (x: Intersection | undefined): Lane[] => (Array.isArray(x?.lanes) ? x.lanes : []);

export interface Vehicle {
  id: string;
  latDeg: number;
  lonDeg: number;
  headingDeg?: number;
  speedMps?: number;
  vehicleClass?: string;
}

export interface PerceivedObject {
  id: string;
  latDeg: number;
  lonDeg: number;
  headingDeg?: number;
  speedMps?: number;
  objectClass?: string;
}

export interface Movement {
  signalGroup: number;
  phase: string;
  remainingS?: number | string | null;
}

export interface SignalStatus {
  key: string;
  movements: Movement[];
}

export interface RoadEvent {
  id: string;
  eventId?: string;
  type: string;
  area: GeoPoint[];
  speedLimitKmh?: number | null;
  description?: string;
  validFrom?: string;
  validUntil?: string;
  createdBy?: string;
  createdAt?: string;
  endedAt?: string | null;
  broadcastTo?: string[];
}

export interface Snapshot {
  timeMicros: number;
  vehicles?: Vehicle[];
  objects?: PerceivedObject[];
  signals?: SignalStatus[];
  events?: RoadEvent[];
}

export interface SafetyEvent {
  seq?: number;
  kind: string;
  timeMicros: number;
  latDeg?: number;
  lonDeg?: number;
  intersection?: string | null;
  vehicleId?: string;
  otherId?: string | null;
  ttcS?: number | string | null;
  petS?: number | string | null;
  magnitude?: number | string | null;
  detail?: string;
}

export interface SignalIssue {
  key?: string;
  intersection?: string;
  kind: string;
  timeMicros: number;
  signalGroup?: number;
  vehicleId?: string | null;
  detail?: string;
}

export interface HotspotCell {
  cell: string;
  latDeg?: number;
  lonDeg?: number;
  count: number;
  byKind?: Record<string, number>;
  boundary: [number, number][];
}

export interface SignalHealth {
  key: string;
  spatPerS?: number;
  lastSpat?: string | null;
  mapRevision?: number | null;
  issues?: Record<string, number>;
  recent?: SignalIssue[];
}

export interface SafetyReport {
  key: string;
  from?: string | number;
  to?: string | number;
  counts?: Record<string, number>;
  warnings?: Record<string, number>;
  signalIssues?: Record<string, number>;
  redLightRunsBySignalGroup?: Record<string, number>;
  minTtcS?: number | null;
  minPetS?: number | null;
  topVehicles?: { vehicleId: string; events: number }[];
}

export interface KpiRow {
  intervalStart: number;
  intersection: string;
  approach: string;
  metric: string;
  value: number;
}

export interface Device {
  id: string;
  kind?: string;
  rsuId?: string | null;
  position?: GeoPoint | null;
  // health: flat (the brief's contract) or nested under `health` (the server today)
  online?: boolean;
  lastSeen?: string | null;
  messagesAccepted?: number;
  messagesRefused?: number;
  lastRefusal?: string | null;
  messagesPerS?: number;
  health?: {
    online?: boolean;
    lastSeen?: string | null;
    messagesAccepted?: number;
    messagesRefused?: number;
    lastRefusal?: string | null;
    messagesPerS?: number;
  };
}

/** Road event types the API accepts (model RoadEventType; the 400 answer lists them too). */
export const ROAD_EVENT_TYPES = [
  'WORK_ZONE', 'SPEED_LIMIT', 'HAZARD', 'ACCIDENT', 'CONGESTION', 'ADVERSE_WEATHER', 'ROAD_CLOSURE', 'TRAFFIC_SIGN',
] as const;

export const SAFETY_KINDS = ['RED_LIGHT_RUN', 'CONFLICT_TTC', 'CONFLICT_PET', 'HARD_BRAKING', 'SPEEDING'] as const;
