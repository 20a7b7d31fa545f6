// Staff leaving and moving in the console (人员变动 离职 / 调店 / 调组, issue 16): HQ and the store's supervisor pick a
// person, then record a leave (with the manager who takes a leaving manager's work) or a move to another store or group.
// The answer lists every open lead handed over and where it went.
import { apiClient } from './api-client.js';
import { h } from './board-model.js';

const session = () => JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const api = (method, path, body) => apiClient(session())(method, path, body);
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
const OUTCOME = { dispatched: '已改派 re-dispatched', queued: '排队 queued', manager: '转经理 to manager', unassigned: '待指派 unassigned' };

function today() {
  const now = new Date(Date.now() + 8 * 3600 * 1000); // the demo chain's stores keep Shanghai time
  return now.toISOString().slice(0, 10);
}

function mount() {
  const s = session();
  const allowed = s.token && ['hq', 'supervisor'].includes(s.role);
  const existing = document.getElementById('staff-card');
  if (existing && !allowed) existing.remove();
  if (!allowed || existing) return;
  const input = (id, placeholder, size, value = '') => h('input', { id, placeholder, size: String(size), value });
  const result = h('div', { id: 'staff-result', class: 'result' });
  const card = h('section', { class: 'card', id: 'staff-card' },
    h('h2', {}, '人员变动 ', h('span', {}, 'Staff leave / transfer')),
    h('div', { class: 'inline' }, input('staff-user', '人员 user id', 14)),
    h('div', { class: 'inline' },
      input('staff-effective', '离职日期 YYYY-MM-DD', 11, today()),
      input('staff-reassign', '接手经理 reassignTo (经理离职/调店)', 22),
      h('button', { id: 'staff-leave', type: 'button' }, '离职 Leave')),
    h('div', { class: 'inline' },
      input('staff-store', '调入门店 target store', 12, s.storeId || ''),
      input('staff-group', '设计师组 groupManagerId', 16),
      h('button', { id: 'staff-transfer', type: 'button' }, '调店/调组 Transfer')),
    result);
  document.querySelector('main').append(card);

  const val = id => document.getElementById(id).value.trim() || undefined;
  const show = (text, error) => { result.textContent = text; result.className = 'result' + (error ? ' error' : ' ok'); };
  const render = r => {
    show(`${r.name} (${r.userId}, ${r.role}): ${r.kind === 'leave' ? '离职 left' : '调动 moved'} ${r.fromStoreId || ''}` +
      `${r.storeId ? ` → ${r.storeId}${r.groupManagerId ? ` / ${r.groupManagerId}` : ''}` : ''} · ${r.effective}` +
      ` · 任务转交 tasks moved ${r.tasksMoved}` + (r.dutyDatesRemoved.length ? ` · 值班取消 duty removed ${r.dutyDatesRemoved.join(', ')}` : ''));
    if (r.leads.length) {
      result.append(h('ul', {}, ...r.leads.map(l =>
        h('li', {}, `No. ${l.runningNumber ?? '?'} (${l.leadId}): ${OUTCOME[l.outcome] || l.outcome}${l.designerId ? ` → ${l.designerId}` : ''}${l.managerId ? ` · ${l.managerId}` : ''}`))));
    }
  };
  const run = async (path, body) => {
    const user = val('staff-user');
    if (!user) { show('请填写人员 user id first', true); return; }
    try { render(await api('POST', `/api/staff/${encodeURIComponent(user)}/${path}`, body)); } catch (e) { show(e.message, true); }
  };
  document.getElementById('staff-leave').addEventListener('click', () => {
    if (!confirm('确认离职？该人员的线索、任务、值班将转交，登录立即失效。 Confirm: hand over their work and end their sign-in now?')) return;
    run('leave', { commandId: newId(), effective: val('staff-effective'), reassignTo: val('staff-reassign') });
  });
  document.getElementById('staff-transfer').addEventListener('click', () =>
    run('transfer', { commandId: newId(), storeId: val('staff-store'), groupManagerId: val('staff-group'), reassignTo: val('staff-reassign') }));
}

mount();

// Signing in does not reload the console: the header line naming the user changes, and the panel follows it.
new MutationObserver(mount).observe(document.getElementById('who'), { childList: true, characterData: true, subtree: true });
