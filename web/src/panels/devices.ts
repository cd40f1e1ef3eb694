// RSU health: the device registry with each device's health (GET /devices), refreshed every 5 s while shown.

import { get } from '../api';
import { fill, h, table } from '../dom';
import { ago, fmt } from '../format';
import type { Device } from '../types';
import { poller, unavailable } from './panel';
import type { Panel } from './panel';

export function devicesPanel(): Panel {
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const stamp = h('span', { class: 'muted' });

  const load = poller(async () => {
    try {
      const r = await get<{ devices?: Device[] }>('/devices');
      const list = [...(r.devices ?? [])].sort((a, b) => a.id.localeCompare(b.id));
      stamp.textContent = `updated ${new Date().toLocaleTimeString()}`;
      if (!list.length) {
        fill(body, h('p', { class: 'muted' }, 'No devices registered (PUT /api/v1/devices/{id}).'));
        return;
      }
      fill(body, table(
        ['id', 'online / last seen', 'msg/s', 'accepted', 'refused', 'last refusal'],
        list.map((d) => {
          const x = { ...d, ...(d.health ?? {}) };
          return [
            [h('b', null, x.id), h('div', { class: 'muted' }, x.kind ?? '')],
            [h('div', { class: x.online ? 'ok' : 'bad' }, x.online ? '● online' : '○ offline'),
              h('div', { class: 'muted', title: x.lastSeen ?? '' }, ago(x.lastSeen))],
            fmt(x.messagesPerS, 1), String(x.messagesAccepted ?? 0), String(x.messagesRefused ?? 0),
            x.lastRefusal ?? '–',
          ];
        }), 'grid devices'));
    } catch (e) {
      fill(body, h('p', { class: 'muted' }, unavailable(e, 'Devices')));
    }
  }, 5000);

  const el = h('section', { class: 'panel' },
    h('div', { class: 'toolbar' }, h('h2', null, 'RSUs and devices'), stamp), body);
  return { id: 'devices', title: 'RSU health', el, shown: () => load.start(), hidden: () => load.stop() };
}
