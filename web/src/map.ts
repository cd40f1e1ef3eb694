// The live map: MapLibre with no tiles, glyphs or sprites from anywhere (a plain background and our own GeoJSON
// sources), so it works offline. Labels are DOM (popups, HTML markers), never symbol layers.

import maplibregl from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { emit, on, state } from './bus';
import { h } from './dom';
import {
  LIGHT_COLOURS, OBJECT_COLOUR, ROAD_EVENT_COLOURS, SEVERITY_COLOURS, VEHICLE_COLOURS, bestLight, fmt, num,
  phaseLight,
} from './format';
import type { Light } from './format';
import { lanesOf } from './types';
import type { HotspotCell, Intersection, PerceivedObject, RoadEvent, Snapshot, Vehicle, Warning } from './types';

type Feature = GeoJSON.Feature;
const collection = (features: Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const EMPTY = collection([]);

/** Why the map cannot be drawn here, or null when WebGL works. */
export function webglProblem(): string | null {
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    if (!gl) return 'This browser offers no WebGL, which the map needs.';
    return null;
  } catch (e) {
    return `WebGL failed to start: ${(e as Error).message}`;
  }
}

function matchColour(prop: string, colours: Record<string, string>, fallback: string): ExpressionSpecification {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(colours)) pairs.push(k, v);
  return ['match', ['coalesce', ['get', prop], ''], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/**
 * A width in metres as pixels at every zoom, at least `minPx` (MapLibre: 512 px tiles; exact at the latitude
 * given). The zoom must be the top-level interpolation's input, so the minimum goes inside each stop.
 */
function metresToPixels(latDeg: number, metres: ExpressionSpecification | number, minPx: number):
  ExpressionSpecification {
  const k0 = 512 / (40075016.686 * Math.cos((latDeg * Math.PI) / 180));
  return ['interpolate', ['exponential', 2], ['zoom'],
    0, ['max', minPx, ['*', metres, k0]],
    16, ['max', minPx, ['*', metres, k0 * 2 ** 16]], // from here on exact for lanes of 3 m and more
    24, ['max', minPx, ['*', metres, k0 * 2 ** 24]]] as ExpressionSpecification;
}

interface Tracked<T> {
  item: T;
  at: number; // ms, when received
}

const MAX_EXTRAPOLATION_S = 1.2;
const WARNING_MARKER_MS = 6000;

export class LiveMap {
  readonly map: maplibregl.Map;
  /** The style loaded and our layers added ('load' fired; map.loaded() stays false while sources update). */
  private loaded = false;
  /** What the view was fitted to: intersections win over the first vehicles seen. */
  private fitted: 'no' | 'vehicles' | 'intersections' | 'user' = 'no';
  private vehicles = new Map<string, Tracked<Vehicle>>();
  private objects = new Map<string, Tracked<PerceivedObject>>();
  private snapshotEvents: RoadEvent[] = [];
  private markers: { key: string; marker: maplibregl.Marker; until: number }[] = [];
  private hotspotsVisible = false;
  private draft: [number, number][] | null = null;
  private onDraftChange: ((n: number) => void) | null = null;
  private onDraftDone: (() => void) | null = null;
  private popup = new maplibregl.Popup({ closeButton: false, closeOnClick: true, offset: 8 });
  private lastFrame = 0;

  constructor(private readonly container: HTMLElement) {
    this.map = new maplibregl.Map({
      container,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }],
      },
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      maxZoom: 22,
      fadeDuration: 0,
    });
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.on('error', (e) => console.warn('map:', e.error?.message ?? e));
    this.map.on('load', () => this.onLoad());
    // once someone moves the map, it is theirs: no more automatic fitting
    this.map.on('movestart', (e) => { if ((e as { originalEvent?: Event }).originalEvent) this.fitted = 'user'; });
  }

  /** Shows a place at a zoom (and stops automatic fitting). */
  view(latDeg: number, lonDeg: number, zoom: number) {
    this.fitted = 'user';
    this.map.jumpTo({ center: [lonDeg, latDeg], zoom });
  }

  private onLoad() {
    const m = this.map;
    for (const id of ['hotspots', 'road-events', 'lanes', 'stop-lines', 'draft', 'objects', 'vehicles']) {
      m.addSource(id, { type: 'geojson', data: EMPTY });
    }
    m.addLayer({
      id: 'hotspots', type: 'fill', source: 'hotspots', layout: { visibility: 'none' },
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 't'], 0, '#ffe08a', 0.5, '#f98c38', 1, '#b3001b'],
        'fill-opacity': 0.55, 'fill-outline-color': '#7a2e00',
      },
    });
    m.addLayer({
      id: 'road-events-fill', type: 'fill', source: 'road-events',
      paint: { 'fill-color': matchColour('type', ROAD_EVENT_COLOURS, '#e11d48'), 'fill-opacity': 0.22 },
    });
    m.addLayer({
      id: 'road-events-line', type: 'line', source: 'road-events',
      paint: { 'line-color': matchColour('type', ROAD_EVENT_COLOURS, '#e11d48'), 'line-width': 2,
        'line-dasharray': [2, 1] },
    });
    m.addLayer({
      id: 'lanes', type: 'line', source: 'lanes', layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['get', 'ingress'], '#aab1ba', '#c5cad1'],
        'line-width': 4,
      },
    });
    m.addLayer({
      id: 'lane-centres', type: 'line', source: 'lanes',
      paint: { 'line-color': '#ffffff', 'line-width': 1, 'line-opacity': 0.8, 'line-dasharray': [3, 3] },
    });
    m.addLayer({
      id: 'stop-lines', type: 'circle', source: 'stop-lines',
      paint: {
        'circle-color': ['get', 'colour'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 2, 17, 5, 20, 10],
        'circle-stroke-color': '#1f2328', 'circle-stroke-width': 1,
      },
    });
    m.addLayer({
      id: 'draft-fill', type: 'fill', source: 'draft', filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#f28c28', 'fill-opacity': 0.25 },
    });
    m.addLayer({
      id: 'draft-line', type: 'line', source: 'draft', filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': '#c2410c', 'line-width': 2 },
    });
    m.addLayer({
      id: 'draft-points', type: 'circle', source: 'draft', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': '#ffffff', 'circle-radius': 5, 'circle-stroke-color': '#c2410c',
        'circle-stroke-width': 2 },
    });
    m.addLayer({
      id: 'objects', type: 'circle', source: 'objects',
      paint: {
        'circle-color': OBJECT_COLOUR,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2, 16, 3.5, 19, 7, 21, 12],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
      },
    });
    m.addLayer({
      id: 'vehicles', type: 'circle', source: 'vehicles',
      paint: {
        'circle-color': matchColour('vehicleClass', VEHICLE_COLOURS, VEHICLE_COLOURS.UNKNOWN),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 16, 4.5, 19, 9, 21, 20],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
      },
    });
    for (const layer of ['vehicles', 'objects']) {
      m.on('mouseenter', layer, () => { if (!this.draft) m.getCanvas().style.cursor = 'pointer'; });
      m.on('mouseleave', layer, () => { if (!this.draft) m.getCanvas().style.cursor = ''; });
      m.on('click', layer, (e) => {
        if (this.draft || !e.features?.length) return;
        const p = e.features[0].properties ?? {};
        this.popup.setLngLat(e.lngLat).setDOMContent(h('div', { class: 'popup' },
          h('b', null, String(p.id)), h('br'),
          String(p.vehicleClass ?? p.objectClass ?? ''), h('br'),
          `${fmt(num(p.speedMps) === null ? null : Number(p.speedMps) * 3.6, 0, 'km/h')}`)).addTo(m);
      });
    }
    m.on('click', (e) => {
      if (!this.draft) return;
      this.draft.push([e.lngLat.lng, e.lngLat.lat]);
      this.renderDraft();
    });
    m.on('dblclick', (e) => {
      if (!this.draft) return;
      e.preventDefault();
      this.onDraftDone?.();
    });
    this.loaded = true;
    this.setIntersections(state.intersections);
    if (state.snapshot) this.setSnapshot(state.snapshot);
    this.renderEvents();
    const tick = (t: number) => {
      if (t - this.lastFrame > 100) {
        this.lastFrame = t;
        this.renderMovers();
        this.expireMarkers();
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  get ready() {
    return this.loaded;
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.loaded ? (this.map.getSource(id) as GeoJSONSource | undefined) : undefined;
  }

  // ---- intersections and signals ----

  setIntersections(list: Intersection[]) {
    if (!this.loaded) return;
    const features: Feature[] = [];
    const coords: [number, number][] = [];
    let latSum = 0;
    let n = 0;
    for (const x of list) {
      for (const lane of lanesOf(x)) {
        const line = (lane.centreline ?? []).filter((p) => Array.isArray(p) && p.length >= 2);
        if (line.length < 2) continue;
        features.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: line },
          properties: { key: x.key, laneId: lane.laneId, ingress: !!lane.ingress, widthM: num(lane.widthM) ?? 3.2 },
        });
        coords.push(...line);
        latSum += line[0][1];
        n++;
      }
      if (num(x.latDeg) !== null && num(x.lonDeg) !== null) coords.push([x.lonDeg!, x.latDeg!]);
    }
    this.source('lanes')?.setData(collection(features));
    if (n > 0) {
      // lanes drawn at their real width (less a margin so neighbours stay apart), at least 2 px
      this.map.setPaintProperty('lanes', 'line-width',
        metresToPixels(latSum / n, ['-', ['get', 'widthM'], 0.4] as ExpressionSpecification, 2));
    }
    this.renderStopLines();
    if (coords.length && (this.fitted === 'no' || this.fitted === 'vehicles')) this.fit(coords, 'intersections');
  }

  private fit(coords: [number, number][], to: 'vehicles' | 'intersections') {
    if (!coords.length) return;
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of coords) {
      w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
    }
    const pad = 0.0008; // about 80 m, so a lone intersection is not drawn edge to edge
    const bounds: LngLatBoundsLike = [[w - pad, s - pad], [e + pad, n + pad]];
    this.map.fitBounds(bounds, { padding: 30, animate: false, maxZoom: 18 });
    this.fitted = to;
  }

  private renderStopLines() {
    const lights = new Map<string, Map<number, Light>>();
    for (const sig of state.snapshot?.signals ?? []) {
      const m = new Map<number, Light>();
      for (const mv of sig.movements ?? []) m.set(mv.signalGroup, phaseLight(mv.phase));
      lights.set(sig.key, m);
    }
    const features: Feature[] = [];
    for (const x of state.intersections) {
      const groups = lights.get(x.key);
      for (const lane of lanesOf(x)) {
        const p = lane.centreline?.[0];
        if (!lane.ingress || !p) continue;
        const l = bestLight((lane.signalGroups ?? []).map((g) => groups?.get(g) ?? 'grey'));
        features.push({
          type: 'Feature', geometry: { type: 'Point', coordinates: p },
          properties: { key: x.key, laneId: lane.laneId, colour: LIGHT_COLOURS[l], light: l },
        });
      }
    }
    this.source('stop-lines')?.setData(collection(features));
  }

  // ---- live traffic ----

  setSnapshot(s: Snapshot) {
    const now = performance.now();
    const track = <T extends { id: string; latDeg: number; lonDeg: number }>(into: Map<string, Tracked<T>>,
      list: T[] | undefined) => {
      into.clear();
      for (const it of list ?? []) {
        if (it && typeof it.id === 'string' && num(it.latDeg) !== null && num(it.lonDeg) !== null) {
          into.set(it.id, { item: it, at: now });
        }
      }
    };
    track(this.vehicles, s.vehicles);
    track(this.objects, s.objects);
    this.snapshotEvents = s.events ?? [];
    if (!this.loaded) return;
    this.renderStopLines();
    this.renderMovers();
    this.renderEvents();
    if (this.fitted === 'no' && this.vehicles.size) {
      this.fit([...this.vehicles.values()].map((t) => [t.item.lonDeg, t.item.latDeg]), 'vehicles');
    }
  }

  /** Vehicles and objects, moved on from their last report by speed and heading (at most 1.2 s) so they glide. */
  private renderMovers() {
    const now = performance.now();
    const place = (t: Tracked<Vehicle | PerceivedObject>): [number, number] => {
      const { latDeg, lonDeg } = t.item;
      const v = num(t.item.speedMps);
      const hd = num(t.item.headingDeg);
      if (v === null || hd === null || v < 0.1) return [lonDeg, latDeg];
      const d = v * Math.min((now - t.at) / 1000, MAX_EXTRAPOLATION_S);
      const r = (hd * Math.PI) / 180;
      const dLat = (d * Math.cos(r)) / 111_320;
      const dLon = (d * Math.sin(r)) / (111_320 * Math.cos((latDeg * Math.PI) / 180));
      return [lonDeg + dLon, latDeg + dLat];
    };
    const features = (m: Map<string, Tracked<Vehicle | PerceivedObject>>): Feature[] =>
      [...m.values()].map((t) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: place(t) },
        properties: { ...t.item },
      }));
    this.source('vehicles')?.setData(collection(features(this.vehicles)));
    this.source('objects')?.setData(collection(features(this.objects)));
  }

  /** Road events in force: those the stream reports (the twin's, RSUs' included) and the stored ones. */
  renderEvents() {
    const byId = new Map<string, RoadEvent>();
    for (const e of this.snapshotEvents) byId.set(e.id ?? e.eventId ?? '', e);
    for (const e of state.storedEvents) if (!e.endedAt) byId.set(e.id, e);
    const features: Feature[] = [];
    for (const [id, e] of byId) {
      const ring = (e.area ?? []).filter((p) => num(p?.latDeg) !== null && num(p?.lonDeg) !== null)
        .map((p) => [p.lonDeg, p.latDeg]);
      if (ring.length < 3) continue;
      features.push({
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
        properties: { id, type: e.type },
      });
    }
    this.source('road-events')?.setData(collection(features));
  }

  /** Currently known vehicle positions as last reported (the test hook reads these). */
  vehiclePositions(): { id: string; latDeg: number; lonDeg: number; speedMps: number | null }[] {
    return [...this.vehicles.values()].map(({ item }) => ({
      id: item.id, latDeg: item.latDeg, lonDeg: item.lonDeg, speedMps: num(item.speedMps),
    }));
  }

  // ---- warnings ----

  pulse(w: Warning) {
    const lat = num(w.location?.latDeg);
    const lon = num(w.location?.lonDeg);
    if (lat === null || lon === null) return;
    const el = h('div', { class: 'pulse', title: `${w.type} → ${w.targetId}` },
      h('span', { class: 'pulse-label' }, w.type));
    el.style.setProperty('--pulse', SEVERITY_COLOURS[w.severity] ?? SEVERITY_COLOURS.WARNING);
    el.addEventListener('click', (ev) => {
      ev.stopPropagation();
      emit('focus', { latDeg: lat, lonDeg: lon });
    });
    if (this.fitted === 'no') {
      // nothing else to go by (no MAP, no vehicles yet): look where the warnings are
      this.map.jumpTo({ center: [lon, lat], zoom: 16 });
      this.fitted = 'vehicles';
    }
    // one marker per target and type: a repeated warning replaces the one before
    const key = `${w.type}>${w.targetId}`;
    this.markers = this.markers.filter((m) => {
      if (m.key !== key) return true;
      m.marker.remove();
      return false;
    });
    const marker = new maplibregl.Marker({ element: el }).setLngLat([lon, lat]).addTo(this.map);
    this.markers.push({ key, marker, until: performance.now() + WARNING_MARKER_MS });
    while (this.markers.length > 40) this.markers.shift()!.marker.remove();
  }

  private expireMarkers() {
    const now = performance.now();
    this.markers = this.markers.filter((m) => {
      if (m.until > now) return true;
      m.marker.remove();
      return false;
    });
  }

  flyTo(latDeg: number, lonDeg: number, zoom?: number) {
    this.map.flyTo({ center: [lonDeg, latDeg], zoom: zoom ?? Math.max(this.map.getZoom(), 17.5), speed: 1.6 });
  }

  // ---- hotspots ----

  setHotspots(cells: HotspotCell[]) {
    const max = Math.max(1, ...cells.map((c) => num(c.count) ?? 0));
    const features: Feature[] = cells
      .filter((c) => Array.isArray(c.boundary) && c.boundary.length >= 3)
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...c.boundary, c.boundary[0]]] },
        properties: { cell: c.cell, count: c.count, t: (num(c.count) ?? 0) / max },
      }));
    this.source('hotspots')?.setData(collection(features));
  }

  showHotspots(on: boolean) {
    this.hotspotsVisible = on;
    if (this.loaded) this.map.setLayoutProperty('hotspots', 'visibility', on ? 'visible' : 'none');
  }

  get hotspotsShown() {
    return this.hotspotsVisible;
  }

  setLayerVisible(layers: string[], visible: boolean) {
    if (!this.loaded) return;
    for (const l of layers) this.map.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
  }

  // ---- drawing a road event's area ----

  startDraw(onChange: (vertices: number) => void, onDone: () => void) {
    this.draft = [];
    this.onDraftChange = onChange;
    this.onDraftDone = onDone;
    this.map.doubleClickZoom.disable();
    this.map.getCanvas().style.cursor = 'crosshair';
    this.container.classList.add('drawing'); // warning markers let clicks through to the map
    this.popup.remove();
    this.renderDraft();
  }

  /** The vertices drawn, as [lon, lat], with the duplicates a double click leaves removed. */
  draftVertices(): [number, number][] {
    const out: [number, number][] = [];
    for (const p of this.draft ?? []) {
      const last = out[out.length - 1];
      if (last) {
        const a = this.map.project(last);
        const b = this.map.project(p);
        if (Math.hypot(a.x - b.x, a.y - b.y) < 4) continue;
      }
      out.push(p);
    }
    return out;
  }

  /** Stops taking clicks; the polygon stays drawn until clearDraw. */
  stopDraw() {
    if (this.draft) this.draft = this.draftVertices();
    this.onDraftChange = null;
    this.onDraftDone = null;
    this.map.getCanvas().style.cursor = '';
    this.container.classList.remove('drawing');
    setTimeout(() => this.map.doubleClickZoom.enable(), 300);
    this.renderDraft();
  }

  get drawing() {
    return this.onDraftDone !== null;
  }

  clearDraw() {
    this.draft = null;
    this.stopDraw();
    this.source('draft')?.setData(EMPTY);
  }

  private renderDraft() {
    const pts = this.draft ?? [];
    const features: Feature[] = pts.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p },
      properties: {} }));
    if (pts.length >= 3) {
      features.unshift({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]]] },
        properties: {} });
    } else if (pts.length === 2) {
      features.unshift({ type: 'Feature', geometry: { type: 'LineString', coordinates: pts }, properties: {} });
    }
    this.source('draft')?.setData(collection(features));
    this.onDraftChange?.(this.draftVertices().length);
  }

  /** Viewport (client) pixel coordinates of a position: for the browser test's clicks. */
  project(latDeg: number, lonDeg: number): { x: number; y: number } {
    const p = this.map.project([lonDeg, latDeg]);
    const r = this.container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }
}

/** Wires the map to the shared state. */
export function connectMap(live: LiveMap) {
  on('intersections', (list) => live.setIntersections(list));
  on('snapshot', (s) => live.setSnapshot(s));
  on('roadEvents', () => live.renderEvents());
  on('warning', (w) => live.pulse(w));
  on('focus', (f) => live.flyTo(f.latDeg, f.lonDeg, f.zoom));
}
