// The page's shared state and a minimal publish/subscribe between the stream, the map and the panels.

import type { Intersection, RoadEvent, SafetyEvent, SignalIssue, Snapshot, Warning } from './types';

export type StreamStatus = 'connecting' | 'live' | 'stale' | 'down';

interface Topics {
  intersections: Intersection[];
  snapshot: Snapshot;
  warning: Warning;
  safety: SafetyEvent;
  'signal-issue': SignalIssue;
  roadEvents: RoadEvent[];
  stream: StreamStatus;
  focus: { latDeg: number; lonDeg: number; zoom?: number };
}

type Listener<T> = (value: T) => void;
const listeners = new Map<keyof Topics, Listener<never>[]>();

export function on<K extends keyof Topics>(topic: K, fn: Listener<Topics[K]>) {
  const list = listeners.get(topic) ?? [];
  list.push(fn as Listener<never>);
  listeners.set(topic, list);
}

export function emit<K extends keyof Topics>(topic: K, value: Topics[K]) {
  for (const fn of listeners.get(topic) ?? []) {
    try {
      (fn as Listener<Topics[K]>)(value);
    } catch (e) {
      console.warn(`listener of ${topic} failed`, e);
    }
  }
}

/** Latest values, for whoever starts late (a panel opened after the first snapshot). */
export const state = {
  intersections: [] as Intersection[],
  snapshot: null as Snapshot | null,
  /** Road events as the store lists them (GET /road-events). */
  storedEvents: [] as RoadEvent[],
  stream: 'connecting' as StreamStatus,
};

on('intersections', (v) => { state.intersections = v; });
on('snapshot', (v) => { state.snapshot = v; });
on('roadEvents', (v) => { state.storedEvents = v; });
on('stream', (v) => { state.stream = v; });

/** Display name of an intersection key. */
export function intersectionName(key: string | null | undefined): string {
  if (!key) return '–';
  const x = state.intersections.find((i) => i.key === key);
  return x?.name ? `${x.name} (${key})` : key;
}
