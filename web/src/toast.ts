// Small transient messages in the corner: API errors, confirmations. The same text within 20 s shows once.

import { h } from './dom';

const recent = new Map<string, number>();
let box: HTMLElement | null = null;

export function toast(text: string, kind: 'error' | 'info' = 'error') {
  const now = Date.now();
  const last = recent.get(text);
  if (last !== undefined && now - last < 20_000) return;
  recent.set(text, now);
  if (!box) {
    box = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const el = h('div', { class: `toast toast-${kind}` }, text);
  el.addEventListener('click', () => el.remove());
  box.append(el);
  while (box.children.length > 5) box.firstElementChild?.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4000);
}
