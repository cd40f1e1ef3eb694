// KPIs: GET /kpis for one intersection, one chart per metric with a line per approach; and RSU availability
// (intersection "0/0", one line per RSU). Refreshed every 30 s while shown.

import { get, query } from '../api';
import { intersectionName, on, state } from '../bus';
import { lineChart } from '../charts';
import type { Series } from '../charts';
import { fill, h } from '../dom';
import { seriesColour } from '../format';
import type { Intersection, KpiRow } from '../types';
import { poller, unavailable } from './panel';
import type { Panel } from './panel';

interface Metric {
  metric: string;
  title: string;
  unit: string;
  scale?: number;
  /** Shares (0..1) shown as per cent. */
  share?: boolean;
}

const METRICS: Metric[] = [
  { metric: 'volume', title: 'Volume', unit: 'vehicles per interval' },
  { metric: 'mean_speed_mps', title: 'Mean speed', unit: 'km/h', scale: 3.6 },
  { metric: 'queue_max_m', title: 'Queue, longest', unit: 'm' },
  { metric: 'queue_mean_m', title: 'Queue, mean', unit: 'm' },
  { metric: 'stops', title: 'Stops', unit: 'per interval' },
  { metric: 'travel_time_s', title: 'Travel time', unit: 's' },
  { metric: 'penetration', title: 'Connected-vehicle penetration', unit: '%', share: true },
];
const RSU: Metric = { metric: 'rsu_availability', title: 'RSU availability', unit: '%', share: true };
const APPROACH_ORDER = ['N', 'E', 'S', 'W', '*'];

const WINDOWS: [string, number][] = [['last hour', 3600], ['last 6 h', 6 * 3600], ['last 24 h', 86_400]];
/** The API's most rows per answer: one request per metric stays under it for a day of 1-minute intervals. */
const LIMIT = 50_000;

function series(rows: KpiRow[], m: Metric): Series[] {
  const mine = rows.filter((r) => r.metric === m.metric && Number.isFinite(r.value));
  const asShare = m.share && mine.every((r) => r.value <= 1.0001);
  const factor = asShare ? 100 : (m.scale ?? 1);
  const by = new Map<string, [number, number][]>();
  for (const r of mine) {
    const key = r.approach ?? '*';
    const pts = by.get(key) ?? [];
    pts.push([r.intervalStart / 1000, r.value * factor]);
    by.set(key, pts);
  }
  const names = [...by.keys()].sort((a, b) => {
    const ia = APPROACH_ORDER.indexOf(a);
    const ib = APPROACH_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return names.map((n, i) => ({
    name: n === '*' ? 'all approaches' : n,
    colour: seriesColour(n, i),
    points: by.get(n)!.sort((a, b) => a[0] - b[0]),
  }));
}

export function kpisPanel(): Panel {
  const key = h('select', { 'aria-label': 'Intersection' });
  const win = h('select', { 'aria-label': 'Time window' },
    WINDOWS.map(([label, s]) => h('option', { value: String(s) }, label)));
  win.value = '3600';
  const charts = h('div', { class: 'charts' }, h('p', { class: 'muted' }, 'Loading…'));
  const rsu = h('div', { class: 'charts' });
  const info = h('p', { class: 'muted' });

  const setIntersections = (list: Intersection[]) => {
    const v = key.value;
    fill(key, list.map((x) => h('option', { value: x.key }, intersectionName(x.key))));
    key.value = list.some((x) => x.key === v) ? v : (list[0]?.key ?? '');
  };
  on('intersections', setIntersections);
  setIntersections(state.intersections);

  const load = poller(async () => {
    const from = new Date(Date.now() - Number(win.value) * 1000).toISOString();
    if (!key.value && !state.intersections.length) {
      try {
        const r = await get<{ intersections?: Intersection[] }>('/intersections');
        setIntersections(r.intersections ?? []);
      } catch {
        // no intersection list: the charts still show what /kpis has for "all"
      }
    }
    try {
      const answers = await Promise.all(METRICS.map((m) => get<{ intervalS?: number; rows?: KpiRow[] }>(
        `/kpis${query({ from, intersection: key.value || null, metric: m.metric, limit: LIMIT })}`)));
      const rows = answers.flatMap((r) => r.rows ?? []);
      const cut = answers.some((r) => (r.rows ?? []).length >= LIMIT);
      info.textContent = `${rows.length} values, ${answers[0]?.intervalS ?? '?'} s intervals`
        + (cut ? ' (some metrics cut at the API limit: choose a shorter window)' : '');
      fill(charts, METRICS.map((m) => lineChart(m.title, m.unit, series(rows, m))));
    } catch (e) {
      info.textContent = unavailable(e, 'KPIs');
      fill(charts);
    }
    try {
      const r = await get<{ rows?: KpiRow[] }>(`/kpis${query({ from, metric: RSU.metric, limit: LIMIT })}`);
      fill(rsu, lineChart(RSU.title, RSU.unit, series(r.rows ?? [], RSU)));
    } catch (e) {
      fill(rsu, h('p', { class: 'muted' }, unavailable(e, 'RSU availability')));
    }
  }, 30_000);
  key.addEventListener('change', () => void load.now());
  win.addEventListener('change', () => void load.now());

  const el = h('section', { class: 'panel' },
    h('div', { class: 'toolbar' }, key, win,
      h('button', { type: 'button', onclick: () => void load.now() }, 'Refresh')),
    info, charts, rsu);
  return { id: 'kpis', title: 'KPIs', el, shown: () => load.start(), hidden: () => load.stop() };
}
