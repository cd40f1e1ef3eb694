// Line charts in plain SVG: a time axis, a value axis from zero, one coloured line per series, a legend.

import { h, s } from './dom';

export interface Series {
  name: string;
  colour: string;
  points: [number, number][]; // [epoch ms, value], sorted by time
}

const W = 400;
const H = 150;
const M = { left: 44, right: 8, top: 8, bottom: 22 };

/** 1, 2, 5 × 10^n steps giving about `n` ticks up to max. */
function ticks(max: number, n = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((x) => x >= raw) ?? raw;
  const out: number[] = [0];
  while (out[out.length - 1] < max - step * 1e-9) out.push(out.length * step);
  return out;
}

const label = (v: number) => (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k`
  : Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1));

const pad = (n: number) => String(n).padStart(2, '0');
/** HH:MM, with seconds when the axis spans less than ten minutes. */
const timeLabel = (ms: number, spanMs: number) => {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return spanMs < 600_000 ? `${hm}:${pad(d.getSeconds())}` : hm;
};

export function lineChart(title: string, unit: string, series: Series[]): HTMLElement {
  const all = series.flatMap((x) => x.points);
  const fig = h('figure', { class: 'chart' }, h('figcaption', null, title, unit ? h('span', { class: 'muted' },
    ` (${unit})`) : null));
  if (!all.length) {
    fig.append(h('p', { class: 'muted' }, 'no data'));
    return fig;
  }
  let t0 = Math.min(...all.map((p) => p[0]));
  let t1 = Math.max(...all.map((p) => p[0]));
  if (t1 === t0) { t0 -= 60_000; t1 += 60_000; }
  const yTicks = ticks(Math.max(...all.map((p) => p[1]), 0));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const x = (t: number) => M.left + ((t - t0) / (t1 - t0)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-label': title });
  for (const v of yTicks) {
    svg.append(s('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid-line' }));
    svg.append(s('text', { x: M.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, label(v)));
  }
  const xTickCount = 4;
  for (let i = 0; i <= xTickCount; i++) {
    const t = t0 + ((t1 - t0) * i) / xTickCount;
    svg.append(s('text', { x: x(t), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === xTickCount ? 'end' : 'middle',
      class: 'tick' }, timeLabel(t, t1 - t0)));
  }
  svg.append(s('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'axis' }));
  svg.append(s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }));
  for (const ser of series) {
    if (!ser.points.length) continue;
    const d = ser.points.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    const path = s('path', { d, fill: 'none', stroke: ser.colour, 'stroke-width': 1.8 });
    path.append(s('title', {}, ser.name));
    svg.append(path);
    if (ser.points.length === 1) {
      const [t, v] = ser.points[0];
      svg.append(s('circle', { cx: x(t), cy: y(v), r: 2.5, fill: ser.colour }));
    }
  }
  fig.append(svg, h('div', { class: 'legend' }, series.map((ser) => h('span', null,
    h('span', { class: 'swatch', style: { background: ser.colour } }), ser.name))));
  return fig;
}
