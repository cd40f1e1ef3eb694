// Signals: per intersection, each signal group's phase and seconds remaining (from the stream's snapshots), which
// approaches it serves (from the MAP), and the signal monitor's health (GET /signals/health, every 5 s).

import { get } from '../api';
import { intersectionName, on, state } from '../bus';
import { fill, h, table } from '../dom';
import { LIGHT_COLOURS, ago, clock, fmt, phaseLight, phaseWords } from '../format';
import { lanesOf } from '../types';
import type { SignalHealth, SignalIssue } from '../types';
import { poller, unavailable } from './panel';
import type { Panel } from './panel';

export function signalsPanel(): Panel {
  const live = h('div', null);
  const health = h('div', null);
  const issues = h('ol', { class: 'feed compact', id: 'signals-issues' });
  let visible = false;

  /** Signal group → approaches ("N, S") of the ingress lanes it controls. */
  const servedBy = (key: string): Map<number, string> => {
    const out = new Map<number, Set<string>>();
    for (const lane of lanesOf(state.intersections.find((x) => x.key === key))) {
      if (!lane.ingress) continue;
      for (const g of lane.signalGroups ?? []) {
        const s = out.get(g) ?? new Set<string>();
        if (lane.approach) s.add(lane.approach);
        out.set(g, s);
      }
    }
    return new Map([...out].map(([g, s]) => [g, [...s].sort().join(', ')]));
  };

  const renderLive = () => {
    if (!visible) return;
    const signals = state.snapshot?.signals ?? [];
    if (!signals.length) {
      fill(live, h('p', { class: 'muted' }, state.snapshot
        ? 'No signal states in the live stream.'
        : 'Waiting for the live stream…'));
      return;
    }
    fill(live, [...signals].sort((a, b) => a.key.localeCompare(b.key)).map((sig) => {
      const served = servedBy(sig.key);
      const rows = [...(sig.movements ?? [])].sort((a, b) => a.signalGroup - b.signalGroup).map((m) => {
        const light = phaseLight(m.phase);
        return [
          String(m.signalGroup),
          served.get(m.signalGroup) || '–',
          h('span', { class: 'phase', title: m.phase },
            h('span', { class: 'dot', style: { background: LIGHT_COLOURS[light] } }), phaseWords(m.phase)),
          fmt(m.remainingS, 1, 's'),
        ];
      });
      return h('div', { class: 'card', 'data-intersection': sig.key },
        h('h3', null, intersectionName(sig.key)),
        table(['group', 'approach', 'phase', 'remaining'], rows));
    }));
  };

  const loadHealth = poller(async () => {
    try {
      const r = await get<{ intersections?: SignalHealth[] }>('/signals/health');
      const list = r.intersections ?? [];
      if (!list.length) {
        fill(health, h('p', { class: 'muted' }, 'No intersections monitored yet.'));
        return;
      }
      fill(health, table(['intersection', 'SPaT/s', 'last SPaT', 'MAP rev.', 'issues'],
        list.map((x) => {
          const issues = Object.entries(x.issues ?? {}).filter(([, n]) => n > 0);
          return [
            intersectionName(x.key), fmt(x.spatPerS, 1),
            h('span', { title: x.lastSpat ?? '' }, x.lastSpat ? ago(x.lastSpat) : 'never'),
            x.mapRevision ?? '–',
            issues.length ? issues.map(([k, n]) => h('div', null, `${k} ${n}`)) : h('span', { class: 'ok' }, 'none'),
          ];
        })));
      if (!issues.children.length) {
        const recent = list.flatMap((x) => (x.recent ?? []).map((i) => ({ ...i, key: i.key ?? x.key })))
          .sort((a, b) => b.timeMicros - a.timeMicros).slice(0, 20);
        for (const i of recent) issues.append(issueRow(i));
      }
    } catch (e) {
      fill(health, h('p', { class: 'muted' }, unavailable(e, 'Signal health')));
    }
  }, 5000);

  const issueRow = (i: SignalIssue) => h('li', null,
    h('span', { class: 'time' }, clock(i.timeMicros)),
    h('span', { class: 'badge' }, i.kind),
    h('span', null, `${intersectionName(i.key ?? i.intersection)} group ${i.signalGroup ?? '–'}`
      + (i.vehicleId ? ` · ${i.vehicleId}` : '')),
    h('span', { class: 'detail muted' }, i.detail ?? ''));

  on('snapshot', renderLive);
  on('intersections', renderLive);
  on('signal-issue', (i) => {
    issues.prepend(issueRow(i));
    while (issues.children.length > 50) issues.lastElementChild?.remove();
  });

  const el = h('section', { class: 'panel' },
    h('h2', null, 'Signal groups'), live,
    h('h2', null, 'Signal monitor health'), health,
    h('h2', null, 'Recent signal issues'), issues, h('p', { class: 'empty muted' }, 'None.'));
  return {
    id: 'signals', title: 'Signals', el,
    shown() { visible = true; renderLive(); loadHealth.start(); },
    hidden() { visible = false; loadHealth.stop(); },
  };
}
