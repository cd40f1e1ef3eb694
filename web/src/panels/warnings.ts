// Warnings feed: newest first, live. Filled from GET /warnings?limit=50, then from the stream (or polling).
// A row is a button: it flies the map to the warning's location.

import { get } from '../api';
import { emit, on } from '../bus';
import { h, fill } from '../dom';
import { clock, fmt, num } from '../format';
import { firstSight } from '../stream';
import { toast } from '../toast';
import type { Warning } from '../types';
import type { Panel } from './panel';

const MAX_ROWS = 300;

export function warningsPanel(): Panel {
  const list = h('ol', { class: 'feed', id: 'warnings-feed', 'aria-label': 'Warnings, newest first' });
  const count = h('span', { class: 'muted' });
  const filter = h('select', { 'aria-label': 'Warning type' }, h('option', { value: '' }, 'all types'));
  const types = new Set<string>();
  let total = 0;

  const row = (w: Warning) => {
    const related = (w.relatedIds ?? []).join(' ');
    const ttc = num(w.ttcS);
    const dist = num(w.distanceM);
    const li = h('li', {
      class: `warning sev-${w.severity}`,
      'data-id': w.warningId, 'data-type': w.type, 'data-target': w.targetId, 'data-related': related,
      title: [w.warningId, w.advice?.action ? `advice ${w.advice.action}` : ''].filter(Boolean).join(' — '),
    },
    h('button', {
      type: 'button', class: 'row-button',
      onclick: () => {
        const lat = num(w.location?.latDeg);
        const lon = num(w.location?.lonDeg);
        if (lat !== null && lon !== null) emit('focus', { latDeg: lat, lonDeg: lon });
        else toast('This warning has no location', 'info');
      },
    },
    h('span', { class: 'time' }, clock(w.timeMicros)),
    h('span', { class: `badge type-badge` }, w.type),
    h('span', { class: 'target' }, w.targetId),
    h('span', { class: `sev sev-text-${w.severity}` }, w.severity),
    h('span', { class: 'detail muted' },
      [ttc !== null ? `TTC ${fmt(ttc, 1)} s` : '', dist !== null ? `${fmt(dist, 0)} m` : '',
        related ? `↔ ${related}` : ''].filter(Boolean).join(' · '))));
    if (filter.value && filter.value !== w.type) li.hidden = true;
    return li;
  };

  const noteType = (t: string) => {
    if (types.has(t)) return;
    types.add(t);
    const options = [...types].sort().map((x) => h('option', { value: x }, x));
    const v = filter.value;
    fill(filter, h('option', { value: '' }, 'all types'), options);
    filter.value = v;
  };

  const updateCount = () => { count.textContent = `${total} received`; };

  filter.addEventListener('change', () => {
    for (const li of list.children) {
      (li as HTMLElement).hidden = !!filter.value && (li as HTMLElement).dataset.type !== filter.value;
    }
  });

  on('warning', (w) => {
    noteType(w.type);
    list.prepend(row(w));
    while (list.children.length > MAX_ROWS) list.lastElementChild?.remove();
    total++;
    updateCount();
  });

  const el = h('section', { class: 'panel' },
    h('div', { class: 'toolbar' }, filter, count),
    list,
    h('p', { class: 'empty muted' }, 'No warnings yet.'));

  get<{ warnings?: Warning[] }>('/warnings?limit=50').then((r) => {
    const fresh = (r.warnings ?? []).filter((w) => firstSight(w));
    // the live ones that arrived meanwhile are newer: the history goes below them
    for (const w of fresh) {
      noteType(w.type);
      list.append(row(w));
    }
    total += fresh.length;
    updateCount();
  }, (e) => toast(`Warnings history: ${e.message}`));

  updateCount();
  return { id: 'warnings', title: 'Warnings', el };
}
