// Safety: the hotspot heat map (GET /hotspots: H3 cells drawn as fills coloured by count), recent safety events
// (GET /safety-events, then live from the stream) and a per-intersection safety report.

import { get, query } from '../api';
import { emit, intersectionName, on, state } from '../bus';
import { fill, h, table } from '../dom';
import { clock, fmt, keyPath, num } from '../format';
import type { LiveMap } from '../map';
import { toast } from '../toast';
import { SAFETY_KINDS } from '../types';
import type { HotspotCell, Intersection, SafetyEvent, SafetyReport } from '../types';
import { poller, unavailable } from './panel';
import type { Panel } from './panel';

const WINDOWS: [string, number][] = [['last hour', 3600], ['last 24 h', 86_400], ['last 7 days', 7 * 86_400]];

const windowSelect = (initial = 86_400) => {
  const sel = h('select', { 'aria-label': 'Time window' },
    WINDOWS.map(([label, s]) => h('option', { value: String(s) }, label)));
  sel.value = String(initial);
  return sel;
};
const fromOf = (sel: HTMLSelectElement) => new Date(Date.now() - Number(sel.value) * 1000).toISOString();

const kindSelect = (label: string) => h('select', { 'aria-label': label },
  h('option', { value: '' }, 'all kinds'), SAFETY_KINDS.map((k) => h('option', { value: k }, k)));

export function safetyPanel(live: LiveMap | null): Panel & { hotspotToggle(): HTMLElement } {
  // ---- hotspots ----
  const toggles: HTMLInputElement[] = [];
  const hsKind = kindSelect('Hotspot kind');
  const hsWindow = windowSelect(7 * 86_400);
  const hsInfo = h('p', { class: 'muted' }, 'Heat map off.');
  let shown = false;

  const loadHotspots = poller(async () => {
    if (!shown) return;
    try {
      const r = await get<{ resolution?: number; cells?: HotspotCell[] }>(
        `/hotspots${query({ from: fromOf(hsWindow), kind: hsKind.value })}`);
      const cells = r.cells ?? [];
      live?.setHotspots(cells);
      const max = Math.max(0, ...cells.map((c) => num(c.count) ?? 0));
      fill(hsInfo, cells.length
        ? [`${cells.length} cells (H3 resolution ${r.resolution ?? '?'}), up to ${max} events per cell `,
          h('span', { class: 'ramp' }), ' few → many']
        : 'No safety events in this window.');
    } catch (e) {
      live?.setHotspots([]);
      fill(hsInfo, unavailable(e, 'Hotspots'));
    }
  }, 60_000);

  const setShown = (on: boolean) => {
    shown = on;
    for (const t of toggles) t.checked = on;
    live?.showHotspots(on);
    if (on) {
      loadHotspots.start();
    } else {
      loadHotspots.stop();
      hsInfo.textContent = 'Heat map off.';
    }
  };
  const hotspotToggle = () => {
    const box = h('input', { type: 'checkbox', onchange: () => setShown(box.checked) });
    toggles.push(box);
    box.checked = shown;
    return h('label', { class: 'toggle' }, box, ' Hotspot heat map');
  };
  hsKind.addEventListener('change', () => void loadHotspots.now());
  hsWindow.addEventListener('change', () => void loadHotspots.now());

  // ---- safety events ----
  const events = h('ol', { class: 'feed compact', id: 'safety-feed' });
  const evKind = kindSelect('Safety event kind');
  const evWindow = windowSelect(86_400);
  const evInfo = h('p', { class: 'muted' });
  const eventRow = (e: SafetyEvent) => {
    const ttc = num(e.ttcS);
    const pet = num(e.petS);
    return h('li', { 'data-kind': e.kind, hidden: !!evKind.value && evKind.value !== e.kind },
      h('button', {
        type: 'button', class: 'row-button',
        onclick: () => {
          const lat = num(e.latDeg);
          const lon = num(e.lonDeg);
          if (lat !== null && lon !== null) emit('focus', { latDeg: lat, lonDeg: lon });
        },
      },
      h('span', { class: 'time' }, clock(e.timeMicros)),
      h('span', { class: 'badge' }, e.kind),
      h('span', { class: 'target' }, e.vehicleId ?? '–'),
      h('span', { class: 'detail muted' }, [
        e.otherId ? `↔ ${e.otherId}` : '',
        ttc !== null ? `TTC ${fmt(ttc, 1)} s` : '',
        pet !== null ? `PET ${fmt(pet, 1)} s` : '',
        e.intersection ? intersectionName(e.intersection) : '',
        e.detail ?? '',
      ].filter(Boolean).join(' · '))));
  };
  const loadEvents = async () => {
    try {
      const r = await get<{ count?: number; events?: SafetyEvent[] }>(
        `/safety-events${query({ from: fromOf(evWindow), kind: evKind.value, limit: 100 })}`);
      fill(events, (r.events ?? []).map(eventRow));
      evInfo.textContent = `${r.count ?? (r.events ?? []).length} events`;
    } catch (e) {
      fill(events);
      evInfo.textContent = unavailable(e, 'Safety events');
    }
  };
  evKind.addEventListener('change', () => void loadEvents());
  evWindow.addEventListener('change', () => void loadEvents());
  on('safety', (e) => {
    events.prepend(eventRow(e));
    while (events.children.length > 200) events.lastElementChild?.remove();
  });

  // ---- report ----
  const rpKey = h('select', { 'aria-label': 'Intersection' });
  const rpWindow = windowSelect(86_400);
  const report = h('div', null, h('p', { class: 'muted' }, 'Choose an intersection.'));
  const setIntersections = (list: Intersection[]) => {
    const v = rpKey.value;
    fill(rpKey, h('option', { value: '' }, 'intersection…'),
      list.map((x) => h('option', { value: x.key }, intersectionName(x.key))));
    rpKey.value = list.some((x) => x.key === v) ? v : (list[0]?.key ?? '');
  };
  const counts = (title: string, m: Record<string, number> | undefined) => {
    const entries = Object.entries(m ?? {});
    return h('div', { class: 'card' }, h('h3', null, title), entries.length
      ? table(['', 'count'], entries.sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, String(n)]))
      : h('p', { class: 'muted' }, 'none'));
  };
  const loadReport = async () => {
    if (!rpKey.value) return;
    try {
      const r = await get<SafetyReport>(
        `/intersections/${keyPath(rpKey.value)}/safety-report${query({ from: fromOf(rpWindow) })}`);
      fill(report,
        h('p', null, `Minimum TTC ${fmt(r.minTtcS, 2, 's')} · minimum PET ${fmt(r.minPetS, 2, 's')}`),
        h('div', { class: 'cards' },
          counts('Safety events', r.counts),
          counts('Warnings', r.warnings),
          counts('Signal issues', r.signalIssues),
          counts('Red-light runs by signal group', r.redLightRunsBySignalGroup),
          h('div', { class: 'card' }, h('h3', null, 'Vehicles with most events'), (r.topVehicles ?? []).length
            ? table(['vehicle', 'events'], (r.topVehicles ?? []).map((v) => [v.vehicleId, String(v.events)]))
            : h('p', { class: 'muted' }, 'none'))));
    } catch (e) {
      fill(report, h('p', { class: 'muted' }, unavailable(e, 'Safety report')));
    }
  };
  rpKey.addEventListener('change', () => void loadReport());
  rpWindow.addEventListener('change', () => void loadReport());
  on('intersections', setIntersections);
  setIntersections(state.intersections);

  // intersections without lanes, from GET /intersections, when GET /map did not come
  const ensureIntersections = async () => {
    if (state.intersections.length) return;
    try {
      const r = await get<{ intersections?: Intersection[] }>('/intersections');
      if ((r.intersections ?? []).length && !state.intersections.length) setIntersections(r.intersections ?? []);
    } catch (e) {
      if ((e as { status?: number }).status !== 404) toast(`Intersections: ${(e as Error).message}`);
    }
  };

  const el = h('section', { class: 'panel' },
    h('h2', null, 'Hotspots'),
    h('div', { class: 'toolbar' }, hotspotToggle(), hsKind, hsWindow),
    hsInfo,
    h('h2', null, 'Recent safety events'),
    h('div', { class: 'toolbar' }, evKind, evWindow, evInfo),
    events,
    h('h2', null, 'Intersection safety report'),
    h('div', { class: 'toolbar' }, rpKey, rpWindow,
      h('button', { type: 'button', onclick: () => void loadReport() }, 'Refresh')),
    report);

  let first = true;
  return {
    id: 'safety', title: 'Safety', el, hotspotToggle,
    async shown() {
      if (!first) return;
      first = false;
      void loadEvents();
      await ensureIntersections();
      void loadReport();
    },
  };
}
