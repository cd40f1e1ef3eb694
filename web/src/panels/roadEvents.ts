// Road events: those in force (GET /road-events; also the ones the twin reports in the stream, e.g. from RSUs),
// End (DELETE, operator+), and the editor: draw an area on the map, choose a type, announce (POST /road-events).
// Viewers see the list only.

import { api, canEdit, get, query } from '../api';
import { emit, on, state } from '../bus';
import { fill, h } from '../dom';
import { ROAD_EVENT_COLOURS, dateTime, num, toDate } from '../format';
import type { LiveMap } from '../map';
import { toast } from '../toast';
import { ROAD_EVENT_TYPES } from '../types';
import type { RoadEvent } from '../types';
import { poller } from './panel';
import type { Panel } from './panel';

function centre(e: RoadEvent): { latDeg: number; lonDeg: number } | null {
  const pts = (e.area ?? []).filter((p) => num(p?.latDeg) !== null && num(p?.lonDeg) !== null);
  if (!pts.length) return null;
  return {
    latDeg: pts.reduce((s, p) => s + p.latDeg, 0) / pts.length,
    lonDeg: pts.reduce((s, p) => s + p.lonDeg, 0) / pts.length,
  };
}

export function roadEventsPanel(live: LiveMap | null): Panel {
  const editable = canEdit();
  const list = h('ul', { class: 'feed', id: 'road-events-list' });
  const includeEnded = h('input', { type: 'checkbox' });
  const info = h('span', { class: 'muted' });

  // ---- list ----
  const load = poller(async () => {
    try {
      const all = includeEnded.checked ? 'true' : null;
      const r = await get<{ roadEvents?: RoadEvent[] }>(`/road-events${query({ all })}`);
      const events = r.roadEvents ?? [];
      emit('roadEvents', events.filter((e) => !e.endedAt));
      render(events);
    } catch (e) {
      info.textContent = `Road events: ${(e as Error).message}`;
    }
  }, 10_000);

  let lastStored: RoadEvent[] = [];
  const render = (stored: RoadEvent[] = lastStored) => {
    lastStored = stored;
    const ids = new Set(stored.map((e) => e.id));
    // in force in the twin but not announced here (RSUs, scenario): shown, not endable from here
    const field = (state.snapshot?.events ?? []).filter((e) => !ids.has(e.id ?? e.eventId ?? ''));
    info.textContent = `${stored.filter((e) => !e.endedAt).length} announced here in force`
      + (field.length ? `, ${field.length} from the field` : '');
    fill(list, [...stored, ...field].map((e) => {
      const id = e.id ?? e.eventId ?? '';
      const announced = ids.has(id);
      const expired = (toDate(e.validUntil ?? null)?.getTime() ?? Infinity) < Date.now();
      const c = centre(e);
      return h('li', { class: 'road-event', 'data-id': id, 'data-type': e.type },
        h('div', { class: 'road-event-head' },
          h('span', { class: 'swatch', style: { background: ROAD_EVENT_COLOURS[e.type] ?? '#e11d48' } }),
          h('b', null, e.type),
          num(e.speedLimitKmh) !== null ? h('span', { class: 'badge' }, `${e.speedLimitKmh} km/h`) : null,
          h('span', { class: 'muted' }, id),
          h('span', { class: 'spacer' }),
          c ? h('button', { type: 'button', class: 'small', onclick: () => emit('focus', c) }, 'Show') : null,
          announced && editable && !e.endedAt && !expired
            ? h('button', { type: 'button', class: 'small danger', 'data-action': 'end', onclick: () => end(id) },
              'End')
            : null),
        h('div', { class: 'muted' }, [
          e.description || '',
          e.endedAt ? `ended ${dateTime(e.endedAt)}` : e.validUntil ? `until ${dateTime(e.validUntil)}` : '',
          e.createdBy ? `by ${e.createdBy}` : announced ? '' : 'from the field',
        ].filter(Boolean).join(' · ')));
    }));
  };
  on('snapshot', () => { if (visible) render(); });

  const end = async (id: string) => {
    try {
      await api('DELETE', `/road-events/${encodeURIComponent(id)}`);
      toast(`Road event ${id} ended`, 'info');
    } catch (e) {
      toast(`End ${id}: ${(e as Error).message}`);
    }
    await load.now();
  };
  includeEnded.addEventListener('change', () => void load.now());

  // ---- editor ----
  const type = h('select', { id: 'event-type', 'aria-label': 'Event type' },
    ROAD_EVENT_TYPES.map((t) => h('option', { value: t }, t.replace(/_/g, ' ').toLowerCase())));
  type.value = 'WORK_ZONE';
  const limit = h('input', { id: 'event-speed', type: 'number', min: '5', max: '150', step: '5',
    placeholder: 'km/h', 'aria-label': 'Speed limit in km/h' });
  const description = h('input', { id: 'event-description', type: 'text', maxLength: 200,
    placeholder: 'description (optional)', 'aria-label': 'Description' });
  const status = h('span', { class: 'muted', id: 'draw-status' });
  const startBtn = h('button', { type: 'button', id: 'draw-start', onclick: () => startDraw() }, 'Draw area');
  const finishBtn = h('button', { type: 'button', id: 'draw-finish', disabled: true, onclick: () => finish() },
    'Finish');
  const cancelBtn = h('button', { type: 'button', id: 'draw-cancel', disabled: true, onclick: () => cancel() },
    'Cancel');
  const announceBtn = h('button', { type: 'button', id: 'announce', class: 'primary', disabled: true,
    onclick: () => void announce() }, 'Announce');
  const result = h('div', { id: 'announce-result', class: 'result' });
  let area: [number, number][] = [];

  const startDraw = () => {
    if (!live) return;
    area = [];
    result.replaceChildren();
    announceBtn.disabled = true;
    startBtn.disabled = true;
    cancelBtn.disabled = false;
    live.startDraw((n) => {
      status.textContent = `${n} point${n === 1 ? '' : 's'}; click on the map, double-click or Finish to close`;
      finishBtn.disabled = n < 3;
    }, finish);
  };
  const finish = () => {
    if (!live) return;
    const v = live.draftVertices();
    if (v.length < 3) {
      toast('An area needs at least 3 points', 'info');
      return;
    }
    live.stopDraw();
    area = v;
    status.textContent = `area of ${v.length} points ready`;
    finishBtn.disabled = true;
    startBtn.disabled = false;
    announceBtn.disabled = false;
  };
  const cancel = () => {
    live?.clearDraw();
    area = [];
    status.textContent = '';
    startBtn.disabled = false;
    finishBtn.disabled = true;
    cancelBtn.disabled = true;
    announceBtn.disabled = true;
  };
  const announce = async () => {
    if (area.length < 3) return;
    const body: Record<string, unknown> = {
      type: type.value,
      area: area.map(([lon, lat]) => ({ latDeg: lat, lonDeg: lon })),
    };
    const kmh = num(limit.value);
    if (kmh !== null) body.speedLimitKmh = kmh;
    if (description.value.trim()) body.description = description.value.trim();
    announceBtn.disabled = true;
    try {
      const r = await api<RoadEvent>('POST', '/road-events', body);
      const to = r.broadcastTo ?? [];
      fill(result, h('span', { 'data-event-id': r.id },
        `Announced ${r.type} ${r.id}; broadcast to ${to.length ? to.join(', ') : 'no RSU (none in range)'}.`));
      result.dataset.eventId = r.id;
      cancel();
      await load.now();
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields ?? {};
      const more = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
      fill(result, h('span', { class: 'bad' }, `Not announced: ${(e as Error).message}${more ? ` (${more})` : ''}`));
      announceBtn.disabled = false;
    }
  };

  const editor = editable
    ? h('div', { class: 'card editor' },
      h('h3', null, 'Announce a road event'),
      live ? null : h('p', { class: 'bad' }, 'Drawing needs the map, which is not available here.'),
      h('div', { class: 'form-row' }, h('label', null, 'Type ', type), h('label', null, 'Speed limit ', limit)),
      h('div', { class: 'form-row' }, description),
      h('div', { class: 'form-row' }, startBtn, finishBtn, cancelBtn, announceBtn),
      status, result)
    : h('p', { class: 'muted' }, 'Viewers see road events; operators and admins announce and end them.');
  if (!live) startBtn.disabled = true;

  let visible = false;
  const el = h('section', { class: 'panel' }, editor,
    h('div', { class: 'toolbar' }, h('h2', null, 'In force'), h('span', { class: 'spacer' }),
      h('label', { class: 'toggle' }, includeEnded, ' include ended')),
    info, list, h('p', { class: 'empty muted' }, 'No road events.'));

  load.start(); // the map shows the stored events from the start
  return {
    id: 'road-events', title: 'Road events', el,
    shown() { visible = true; render(); void load.now(); },
    hidden() { visible = false; },
  };
}
