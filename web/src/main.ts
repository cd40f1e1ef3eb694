// Cheluyun operator dashboard: login, then the live map with side panels. Plain TypeScript and DOM.

import './style.css';
import { ApiError, get, login, logout, session, takeLoginNotice } from './api';
import { emit, on, state } from './bus';
import type { StreamStatus } from './bus';
import { h } from './dom';
import { OBJECT_COLOUR, LIGHT_COLOURS, VEHICLE_COLOURS } from './format';
import { LiveMap, connectMap, webglProblem } from './map';
import { devicesPanel } from './panels/devices';
import { kpisPanel } from './panels/kpis';
import type { Panel } from './panels/panel';
import { roadEventsPanel } from './panels/roadEvents';
import { safetyPanel } from './panels/safety';
import { signalsPanel } from './panels/signals';
import { warningsPanel } from './panels/warnings';
import { startStream } from './stream';
import { toast } from './toast';
import type { Intersection } from './types';

const root = document.getElementById('app')!;

function showLogin() {
  const user = h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password',
    required: true });
  const error = h('p', { class: 'login-error', id: 'login-error', role: 'alert' }, takeLoginNotice() ?? '');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'login-form', id: 'login-form' },
    h('h1', null, 'Cheluyun'),
    h('p', { class: 'muted' }, 'Operator dashboard'),
    h('label', null, 'Username', user),
    h('label', null, 'Password', pass),
    button, error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      await login(user.value.trim(), pass.value);
      root.replaceChildren();
      showApp();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status !== 0 ? e.message : `Login failed: ${(e as Error).message}`;
      button.disabled = false;
    }
  });
  root.replaceChildren(h('div', { class: 'login' }, form));
  user.focus();
}

const STREAM_TEXT: Record<StreamStatus, string> = {
  connecting: 'connecting…', live: 'live', stale: 'no data for 10 s', down: 'stream unavailable: polling',
};

function legend(): HTMLElement {
  const item = (colour: string, text: string) => h('span', { class: 'legend-item' },
    h('span', { class: 'dot', style: { background: colour } }), text);
  return h('div', { class: 'legend' },
    item(VEHICLE_COLOURS.PASSENGER_CAR, 'car'), item(VEHICLE_COLOURS.TRUCK, 'truck'),
    item(VEHICLE_COLOURS.BUS, 'bus'), item(VEHICLE_COLOURS.EMERGENCY, 'emergency'),
    item(OBJECT_COLOUR, 'pedestrian / object'),
    item(LIGHT_COLOURS.green, 'go'), item(LIGHT_COLOURS.yellow, 'clearance'), item(LIGHT_COLOURS.red, 'stop'));
}

function showApp() {
  const s = session()!;
  const pill = h('span', { class: 'pill', id: 'stream-status' }, STREAM_TEXT[state.stream]);
  on('stream', (v) => {
    pill.textContent = STREAM_TEXT[v];
    pill.className = `pill pill-${v}`;
  });
  const header = h('header', { class: 'top' },
    h('span', { class: 'brand' }, 'Cheluyun'),
    pill,
    h('span', { class: 'spacer' }),
    h('span', { class: 'who', id: 'who' }, s.username, ' ', h('span', { class: 'badge role' }, s.role)),
    h('button', { type: 'button', id: 'logout', onclick: () => void logout() }, 'Log out'));

  const mapEl = h('div', { id: 'map', class: 'map' });
  const overlay = h('div', { class: 'map-overlay' });
  const mapWrap = h('div', { class: 'map-wrap' }, mapEl, overlay);
  const tabs = h('nav', { class: 'tabs', role: 'tablist' });
  const body = h('div', { class: 'tab-body' });
  root.replaceChildren(header, h('main', { class: 'layout' }, mapWrap, h('aside', { class: 'side' }, tabs, body)));

  let live: LiveMap | null = null;
  const problem = webglProblem();
  if (problem) {
    mapEl.append(h('div', { class: 'map-error', id: 'map-error' },
      h('b', null, 'The map cannot be shown.'), h('span', null, problem),
      h('span', null, 'Enable hardware acceleration or WebGL in the browser, or use another browser; the panels '
        + 'work without it.')));
  } else {
    try {
      live = new LiveMap(mapEl);
      connectMap(live);
    } catch (e) {
      mapEl.append(h('div', { class: 'map-error', id: 'map-error' },
        h('b', null, 'The map cannot be shown.'), h('span', null, `WebGL failed: ${(e as Error).message}`)));
    }
  }

  const safety = safetyPanel(live);
  const panels: Panel[] = [warningsPanel(), signalsPanel(), safety, devicesPanel(), roadEventsPanel(live),
    kpisPanel()];
  let current: Panel | null = null;
  const buttons = new Map<string, HTMLButtonElement>();
  const select = (p: Panel) => {
    if (current === p) return;
    current?.hidden?.();
    current = p;
    for (const [id, b] of buttons) b.setAttribute('aria-selected', String(id === p.id));
    body.replaceChildren(p.el);
    p.shown?.();
  };
  for (const p of panels) {
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${p.id}`, onclick: () => select(p) }, p.title);
    buttons.set(p.id, b);
    tabs.append(b);
  }
  select(panels[0]);

  if (live) {
    const m = live;
    const toggle = (label: string, layers: string[]) => {
      const box = h('input', { type: 'checkbox', checked: true,
        onchange: () => m.setLayerVisible(layers, box.checked) });
      return h('label', { class: 'toggle' }, box, ` ${label}`);
    };
    overlay.append(
      toggle('Vehicles', ['vehicles']), toggle('Objects', ['objects']),
      toggle('Road events', ['road-events-fill', 'road-events-line']),
      safety.hotspotToggle(), legend());
  }

  // read-only hooks for the browser test (e2e/dashboard.e2e.mjs)
  Object.defineProperty(window, 'cheluyun', {
    value: Object.freeze({
      vehicles: () => live?.vehiclePositions() ?? [],
      project: (latDeg: number, lonDeg: number) => live?.project(latDeg, lonDeg) ?? null,
      mapReady: () => !!live?.ready,
      /** The one hook that changes anything: the view (centre and zoom), never data. */
      view: (latDeg: number, lonDeg: number, zoom: number) => live?.view(latDeg, lonDeg, zoom),
      stream: () => state.stream,
    }),
  });

  get<{ intersections?: Intersection[] }>('/map').then(
    (r) => emit('intersections', r.intersections ?? []),
    async (e: ApiError) => {
      toast(e.status === 404 ? 'This server has no intersection map (GET /api/v1/map): lanes and signals are not drawn'
        : `Map: ${e.message}`, e.status === 404 ? 'info' : 'error');
      try {
        const r = await get<{ intersections?: Intersection[] }>('/intersections');
        emit('intersections', r.intersections ?? []);
      } catch {
        // neither: names stay keys
      }
    });
  startStream();
}

window.addEventListener('unhandledrejection', (ev) => {
  const reason = ev.reason as Error | undefined;
  toast(reason?.message ?? String(ev.reason));
  ev.preventDefault();
});

if (session()) showApp();
else showLogin();
