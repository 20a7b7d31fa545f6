// The lead page of the staff console (issue 15): the lead's history as one timeline (in names, from
// GET /api/leads/{id}/timeline) and only the actions the server says the caller may take now — the rule lives in one
// place (LeadActions on the gateway); this page just shows or hides the [data-action] controls it names.
import { h } from './board-model.js';

const $ = id => document.getElementById(id);
const when = at => new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The connection states in words (the #conn element keeps the bare state for scripts). */
export const CONNECTION = {
  connecting: '连接中 connecting', connected: '已连接 connected', reconnecting: '连接中断，重新连接中 connection lost, reconnecting',
};

/** Attributes that make an element open something on click and on Enter/Space, reachable with Tab. */
export function openable(open) {
  return {
    tabindex: '0',
    role: 'button',
    onclick: open,
    onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } },
  };
}

/** Shows the controls of the allowed actions (an element listing several shows when any is allowed) and the timeline. */
export function renderLeadPage(page) {
  const allowed = new Set(page.actions || []);
  for (const el of document.querySelectorAll('[data-action]')) {
    el.hidden = !el.dataset.action.split(' ').some(a => allowed.has(a));
  }
  $('no-actions').hidden = allowed.size > 0;
  $('lead-card').dataset.actions = [...allowed].join(' ');
  $('timeline').replaceChildren(...(page.timeline || []).map(e => h('li', { class: 'tl tl-' + e.kind, dataset: { kind: e.kind } },
    h('time', { datetime: e.at }, when(e.at)), ' ', h('b', {}, e.title), e.detail ? ' ' + e.detail : '', e.by ? ` · ${e.by}` : '',
    e.lines && e.lines.length ? h('ul', { class: 'explanation' }, e.lines.map(line => h('li', {}, line))) : null)));
}

/** No lead open: no actions, no timeline. */
export function clearLeadPage() {
  for (const el of document.querySelectorAll('[data-action]')) el.hidden = true;
  $('no-actions').hidden = true;
  $('lead-card').dataset.actions = '';
  $('timeline').replaceChildren();
}
