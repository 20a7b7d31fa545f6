// "My work" of the staff console (issue 15), per role: a manager's leads (status colour, days since the last follow-up)
// and tasks (due, overdue, escalated); a designer's held leads and slots; the front desk's registrations of today and
// the unassigned walk-ins; a supervisor's queue, escalations and fault slips. Lists come from GET /api/my/leads,
// /api/tasks and /api/stores/{id}/fault-slips; the board (kept live by console.js) gives slots, queue and walk-ins.
// Every lead opens with a click or Enter (console.js listens for crm:open-lead).
import { apiClient } from './api-client.js';
import { STATUS, h, pips } from './board-model.js';
import { openable } from './console-lead-page.js';

const $ = id => document.getElementById(id);
const session = () => JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const api = (method, path, body) => apiClient(session())(method, path, body);
const when = at => new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const status = s => `${(STATUS[s] || {}).zh || s} ${(STATUS[s] || {}).en || ''}`.trim();
const ROLES = ['manager', 'designer', 'frontdesk', 'supervisor', 'hq'];
// The three-day rule (DOMAIN §6): a lead not followed up for this many days stands out.
const FOLLOW_UP_DAYS = 3;
let board = null;
let loading = null;
let again = false;

// People in names (the board knows the store's managers and designers); an id only for someone it does not know.
const nameOf = id => {
  if (!board || !id) return id || '';
  for (const g of board.groups) {
    if (g.managerId === id) return g.managerName;
    const d = g.designers.find(x => x.designerId === id);
    if (d) return d.name;
  }
  return id;
};
const open = leadId => () => document.dispatchEvent(new CustomEvent('crm:open-lead', { detail: { leadId } }));
const part = (id, title, ...body) => h('section', { class: 'my-part', id }, h('h3', {}, title), ...body);
const none = () => h('p', { class: 'muted' }, '无 none');

function leadList(id, leads, { days = false } = {}) {
  if (!leads.length) return none();
  return h('ul', { class: 'my-leads', id },
    leads.map(l => h('li', { class: `my-lead status-${l.colour}${days && l.daysSinceFollowUp >= FOLLOW_UP_DAYS ? ' stale-follow-up' : ''}`, dataset: { lead: l.leadId }, ...openable(open(l.leadId)) },
      h('span', { class: 'no' }, `No. ${l.runningNumber}`), ' ', h('b', {}, l.name || '—'), ' ', h('span', { class: 'phone' }, l.phone || ''),
      h('span', { class: 'st' }, status(l.status)),
      h('span', { class: 'who' }, l.designerName ? `设计师 ${l.designerName}` : '未派单 not dispatched'),
      days ? h('span', { class: 'days' }, l.lastFollowUpAt ? `${l.daysSinceFollowUp} 天未回访 days since follow-up` : `${l.daysSinceFollowUp} 天 days, 未回访 no follow-up yet`) : null)));
}

function taskList(id, tasks) {
  if (!tasks.length) return none();
  return h('ul', { class: 'my-tasks', id },
    tasks.map(t => h('li', { class: 'my-task' + (t.overdue ? ' overdue' : '') + (t.escalated ? ' escalated' : ''), dataset: { task: t.taskId }, ...openable(open(t.leadId)) },
      h('span', { class: 'due' }, when(t.dueAt)), ' ',
      t.escalated ? h('b', {}, '⚑ 已升级 escalated ') : t.overdue ? h('b', {}, '⏰ 逾期 overdue ') : h('span', {}, '待办 due '),
      `${t.summary || t.rule} · ${nameOf(t.assigneeId)}`)));
}

function boardLeads(id, leads) {
  if (!leads.length) return none();
  return h('ul', { class: 'my-leads', id }, leads.map(l => h('li', { class: `my-lead status-${l.colour}`, dataset: { lead: l.leadId }, ...openable(open(l.leadId)) },
    h('span', { class: 'no' }, `No. ${l.runningNumber || ''}`), ' ', h('b', {}, l.customerName), ' ', h('span', { class: 'phone' }, l.phone), ' ',
    h('span', { class: 'who' }, when(l.registeredAt)))));
}

async function parts(s) {
  const store = s.storeId ? `?storeId=${encodeURIComponent(s.storeId)}` : '';
  switch (s.role) {
    case 'manager': {
      const [mine, tasks] = await Promise.all([api('GET', '/api/my/leads'), api('GET', `/api/tasks?assignee=${encodeURIComponent(s.userId)}&state=open`)]);
      const overdue = tasks.filter(t => t.overdue).length;
      const escalated = tasks.filter(t => t.escalated).length;
      return [
        part('my-leads-part', `我的线索 My leads (${mine.leads.length})`, leadList('my-leads', mine.leads, { days: true })),
        part('my-tasks-part', `我的任务 My tasks · 待办 due ${tasks.length} · 逾期 overdue ${overdue} · 升级 escalated ${escalated}`, taskList('my-tasks', tasks)),
      ];
    }
    case 'designer': {
      const mine = await api('GET', '/api/my/leads');
      const me = board && board.groups.flatMap(g => g.designers).find(d => d.designerId === s.userId);
      return [
        part('my-slots-part', '我的名额 My slots', me
          ? h('p', { id: 'my-slots', class: me.holding >= me.cap ? 'full' : '' }, h('span', { class: 'pips' }, pips(me.holding, me.cap)),
            ` 持单 holding ${me.holding} / ${me.cap}${me.present ? '' : ' · 不在店 away'}`)
          : h('p', { id: 'my-slots', class: 'muted' }, '—')),
        part('my-leads-part', `我持有的线索 Leads I hold (${mine.leads.length})`, leadList('my-leads', mine.leads, { days: true })),
      ];
    }
    case 'frontdesk': {
      const mine = await api('GET', '/api/my/leads');
      return [
        part('my-leads-part', `今日登记 Today's registrations (${mine.leads.length})`, leadList('my-leads', mine.leads)),
        part('my-unassigned-part', '待分配 Unassigned walk-ins', boardLeads('my-unassigned', (board && board.unassigned) || [])),
      ];
    }
    case 'supervisor': {
      const [tasks, slips] = await Promise.all([api('GET', '/api/tasks?state=open'), api('GET', `/api/stores/${encodeURIComponent(s.storeId)}/fault-slips`)]);
      return [
        part('my-queue-part', '等待队列 Queue', boardLeads('my-queue', (board && board.queue) || [])),
        part('my-escalations-part', '升级任务 Escalations', taskList('my-escalations', tasks.filter(t => t.escalated))),
        part('my-slips-part', `一般过失单 Fault slips (${slips.month})`, slips.faultSlips.length
          ? h('ul', { id: 'my-slips' }, slips.faultSlips.map(f => h('li', { dataset: { lead: f.leadId }, ...openable(open(f.leadId)) },
            `${when(f.at)} No. ${f.runningNumber || ''} · ${nameOf(f.managerId)} → ${nameOf(f.designerId)}: ${f.ruleBroken} — ${f.reason}`)))
          : none()),
      ];
    }
    default: {
      if (!s.storeId) return [h('p', { class: 'muted' }, '请选择门店 Pick a store to list its leads')];
      const all = await api('GET', `/api/my/leads${store}`);
      return [part('my-leads-part', `门店在办线索 Open leads of the store (${all.leads.length})`, leadList('my-leads', all.leads, { days: true }))];
    }
  }
}

async function load() {
  const s = session();
  $('my-work').hidden = !(s.token && ROLES.includes(s.role));
  if ($('my-work').hidden) return;
  if (loading) { again = true; return; }
  loading = (async () => {
    try {
      $('my-work-body').replaceChildren(...await parts(s));
      $('my-work').dataset.role = s.role;
      $('my-work-result').textContent = '';
      $('my-work-result').className = 'result';
    } catch (e) {
      $('my-work-result').textContent = e.message;
      $('my-work-result').className = 'result error';
    }
  })();
  await loading;
  loading = null;
  if (again) { again = false; load(); }
}

// The board changes whenever a lead of the store does: the lists follow, a moment later, without a reload.
let timer = null;
const soon = () => { clearTimeout(timer); timer = setTimeout(load, 300); };
document.addEventListener('crm:session', () => { board = null; load(); });
document.addEventListener('crm:board', e => { board = e.detail; soon(); });
document.addEventListener('crm:connection', e => { if (e.detail.recovered) soon(); });
$('my-work-load').addEventListener('click', load);
load();
