// The staff console: register visits, dispatch (by the rules or overridden with a reason), record the pipeline, and
// watch the store board and the chain's lead pool live over the same hub as the wall displays.
import { LiveHub } from './live-hub.js';
import { BoardModel, STATUS, LEVEL, h, pips, timeOf } from './board-model.js';
import { apiClient } from './api-client.js';
import { mountAccountSignIn } from './account-sign-in.js';
import { renderLeadPage, clearLeadPage, openable, CONNECTION } from './console-lead-page.js';

const $ = id => document.getElementById(id);
// The quarterly grade (季度级别评定), shown with each designer.
const GRADE = { ordinary: { zh: '普通级', en: 'Ordinary' }, excellent: { zh: '优秀级', en: 'Excellent' }, expert: { zh: '专家级', en: 'Expert' } };
const session = JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const model = new BoardModel();
let hub = null;
let pool = [];

function newId() { return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(); }

const api = apiClient(session);

function show(id, text, error) {
  const el = $(id);
  el.textContent = text;
  el.className = 'result' + (error ? ' error' : ' ok');
}

function start() {
  $('who').textContent = `${session.role} · ${session.userId} · ${session.storeId || 'all stores'}`;
  if (hub) hub.connection.stop();
  hub = new LiveHub(async () => session.token, state => {
    const was = $('conn').textContent;
    $('conn').textContent = state;
    $('conn').title = CONNECTION[state] || state;
    $('banner').hidden = state === 'connected';
    // Back after a loss: what changed meanwhile is read again (the board resumes from its sequence by itself).
    if (state === 'connected' && was === 'reconnecting') { loadTasks(); loadLead(); }
    document.dispatchEvent(new CustomEvent('crm:connection', { detail: { state, recovered: state === 'connected' && was === 'reconnecting' } }));
  });
  if (session.storeId) {
    hub.subscribeStore(session.storeId, {
      snapshot: s => { model.applySnapshot(s); renderBoard(); },
      event: e => {
        const r = model.applyEvent(e); renderBoard();
        if (e.change && e.change.lead && e.change.lead.leadId === $('lead-id').value) loadLead();
        if (e.change && e.change.kind === 'lead-closed' && e.change.lead) noteOwnedElsewhere(e.change.lead.leadId);
        return r;
      },
      error: m => show('action-result', m, true),
    });
  }
  if (['hq', 'supervisor', 'manager', 'frontdesk'].includes(session.role)) {
    hub.subscribePool({
      snapshot: s => { pool = s.leads; renderPool(); },
      event: e => { if (e.lead) { pool = [e.lead, ...pool.filter(l => l.leadId !== e.lead.leadId)]; renderPool(); } },
      error: m => show('pool-result', m, true),
    });
  }
  hub.start();
  loadTasks();
  loadFeedback();
  clearLeadPage();
  document.dispatchEvent(new CustomEvent('crm:session'));
}

// Every lead on the board and in the lists opens with a click, or with Enter on it (openable() makes it focusable).
function openLead(id) {
  if (!id) return;
  $('lead-id').value = id;
  loadLead().then(() => $('lead-card').scrollIntoView({ block: 'start' }));
  $('lead-card').focus({ preventScroll: true });
}
document.addEventListener('crm:open-lead', e => openLead(e.detail.leadId));

// My tasks 我的任务: one's own open tasks by due time (a supervisor also sees the store's escalated ones, flagged).
const fullTime = at => new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const RULE = {
  'three-day': '三天回访 Three-day rule', 'weekly-callback': '施工周回访 Weekly callback', 'aftercare-callback': '竣工后回访 After-care callback',
  'repair-callback': '维修回访 Repair callback', 'callback-problem': '回访问题 Callback problem',
};
// Tasks owned by a repair (callbacks, tickets, re-checks) name the repair ({projectId}-r…) in leadId.
const isRepair = ownerId => /-p\d+-r[0-9a-z]+$/i.test(ownerId || '');
// Every callback (a project's weekly or after-care one, a repair's) can pass a problem on.
const CALLBACK_RULES = ['weekly-callback', 'aftercare-callback', 'repair-callback'];
const DEPARTMENTS = ['construction', 'design', 'after-sales', 'materials', 'finance', 'other'];
async function loadTasks() {
  if (!session.token) return;
  try {
    // HQ sees all; customer service its own and its service desk's (service:{storeId}; HQ's service every desk's);
    // project managers their construction tickets too.
    const mine = ['hq', 'service', 'pm'].includes(session.role) ? '' : `assignee=${encodeURIComponent(session.userId)}&`;
    const tasks = await api('GET', `/api/tasks?${mine}state=open`);
    $('tasks').replaceChildren(
      h('tr', {}, h('th', {}, '到期 Due'), h('th', {}, '线索 Lead'), h('th', {}, '任务 Task'), h('th', {}, '负责人 Assignee'), h('th', {}, '')),
      ...tasks.map(t => h('tr', { class: 'task' + (t.overdue ? ' overdue' : '') + (t.escalated ? ' escalated' : ''), dataset: { task: t.taskId } },
        h('td', {}, fullTime(t.dueAt), t.escalated ? ' ⚑ 已升级 escalated' : t.overdue ? ' ⏰ 逾期 overdue' : ''),
        isRepair(t.leadId)
          ? h('td', {}, `维修 Repair ${t.leadId}`)
          : h('td', { class: 'clickable', ...openable(() => openOwner(t.leadId)) }, t.leadId),
        h('td', {}, `${RULE[t.rule] || t.rule}: ${t.summary || ''}`), h('td', {}, t.assigneeId),
        h('td', {}, h('button', { onclick: () => taskDone(t.taskId) }, '完成 Done'),
          CALLBACK_RULES.includes(t.rule) ? h('button', { onclick: () => taskProblem(t.taskId) }, '有问题 Problem') : ''))));
    if (!tasks.length) show('tasks-result', '没有待办任务 No open tasks');
    else $('tasks-result').textContent = '';
  } catch (e) { show('tasks-result', e.message, true); }
}

async function taskDone(taskId) {
  try {
    await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/done`, { commandId: newId() });
    show('tasks-result', `已完成 Done: ${taskId}`);
  } catch (e) { show('tasks-result', e.message, true); }
  loadTasks();
}

// A problem heard on a callback: a ticket for the department (due 1 h) and a re-check call (due 24 h).
async function taskProblem(taskId) {
  const department = prompt(`转达部门 Department (${DEPARTMENTS.join(', ')})`, 'construction');
  if (!department) return;
  const description = prompt('客户反映的问题 What the customer said');
  if (!description) return;
  try {
    const raised = await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/problem`, { commandId: newId(), department, description });
    show('tasks-result', `已转达 Passed on: ${raised.map(t => t.taskId).join(', ')}`);
  } catch (e) { show('tasks-result', e.message, true); }
  loadTasks();
}

function renderBoard() {
  const b = model.board;
  if (!b) return;
  $('seq').textContent = `#${hub.storeSequence}`;
  $('duty').textContent = `${b.name} · ${b.date} · 今日值班 On duty: ${b.dutyManagerName || '—'}${b.season === 'peak' ? ' · 旺季 Peak' : ''}`;
  $('duty-alert').hidden = !b.dutyAlert;
  $('duty-alert').textContent = b.dutyAlert
    ? `⚠ ${b.dutyAlert.date} 无人值班 Nobody on duty${b.dutyAlert.isRestDay ? ' · 公休日未安排 rest day, nobody assigned' : ''} — ${b.dutyAlert.reason}` : '';
  const assign = $('assign-duty');
  assign.hidden = !['hq', 'supervisor'].includes(session.role);
  if (!assign.date.value) assign.date.value = b.date;
  const chosen = assign.managerId.value;
  assign.managerId.replaceChildren(...b.groups.map(g => h('option', { value: g.managerId }, `${g.managerName} (${g.managerId})`)));
  if (chosen) assign.managerId.value = chosen;
  $('unassigned').replaceChildren(...(b.unassigned.length
    ? b.unassigned.map(l => h('li', { class: 'clickable', dataset: { lead: l.leadId }, ...openable(() => openLead(l.leadId)) },
      `${l.runningNumber || ''} ${l.customerName} ${l.phone} · ${l.registeredAt.slice(0, 16).replace('T', ' ')}${l.lateEntry ? ' · 补录 late entry' : ''}`))
    : [h('li', { class: 'muted' }, '无 none')]));
  $('groups').replaceChildren(...b.groups.map(g => h('div', { class: 'group' + (g.managerId === b.dutyManagerId ? ' on-duty' : '') },
    h('b', {}, `${g.managerName} (${g.managerId})`),
    g.designers.map(d => h('div', { class: 'designer' + (d.present ? '' : ' away') + (d.holding >= d.cap ? ' full' : '') },
      h('span', {}, `#${d.rank}${d.rankCorrected ? '*' : ''} ${d.name} · ${(LEVEL[d.level] || {}).en || d.level} · ${(GRADE[d.grade] || {}).zh || d.grade || ''}` +
        (d.score != null ? ` · 得分 ${d.score}` : '')), h('span', { class: 'pips' }, pips(d.holding, d.cap)))))));
  $('queue').replaceChildren(...b.queue.map(l => h('li', { class: 'clickable', dataset: { lead: l.leadId }, ...openable(() => openLead(l.leadId)) }, `${l.runningNumber || ''} ${l.customerName} ${l.phone}`)));
  $('leads').replaceChildren(
    h('tr', {}, h('th', {}, 'No.'), h('th', {}, '客户 Customer'), h('th', {}, '电话 Phone'), h('th', {}, '设计师 Designer'), h('th', {}, '状态 Status')),
    ...b.todayLeads.slice().reverse().map(l => h('tr', { class: `clickable status-${l.colour}`, dataset: { lead: l.leadId }, ...openable(() => openLead(l.leadId)) },
      h('td', {}, l.runningNumber || '', l.lateEntry ? ' 补录' : ''), h('td', {}, l.customerName, l.conflict ? ' ⚠' : ''), h('td', {}, l.phone),
      h('td', {}, model.designerName(l.designerId) || '—'), h('td', {}, `${(STATUS[l.status] || {}).zh || l.status} ${(STATUS[l.status] || {}).en || ''}`))));
  $('ticker').replaceChildren(...b.ticker.slice(0, 10).map(t => h('li', {}, `${timeOf(t.at)} ${t.text}`)));
  $('override-designer').replaceChildren(h('option', { value: '' }, '— 设计师 designer —'),
    ...b.groups.flatMap(g => g.designers.map(d => h('option', { value: d.designerId }, `${d.name} (${d.holding}/${d.cap}) · ${g.managerName}`))));
  document.dispatchEvent(new CustomEvent('crm:board', { detail: b }));
}

function renderPool() {
  $('pool').replaceChildren(
    h('tr', {}, h('th', {}, 'Lead'), h('th', {}, '客户 Customer'), h('th', {}, '电话 Phone'), h('th', {}, '渠道 Channel'), h('th', {}, '认领 Claimed by'), h('th', {}, '')),
    ...pool.map(l => h('tr', { dataset: { lead: l.leadId } }, h('td', {}, l.leadId), h('td', {}, l.name), h('td', {}, l.phone), h('td', {}, l.channel),
      h('td', {}, l.claimedBy ? `${l.claimedBy.storeId} / ${l.claimedBy.managerId}` : '—'),
      h('td', {}, l.claimedBy ? '' : h('button', { onclick: () => claim(l.leadId) }, '认领 Claim')))));
}

async function claim(leadId) {
  try {
    const r = await api('POST', `/api/pool/leads/${encodeURIComponent(leadId)}/claim`, { commandId: newId(), managerId: session.role === 'manager' ? session.userId : undefined });
    show('pool-result', `认领成功 Claimed: ${r.leadId} → ${r.storeId} / ${r.managerId}${r.conflicts && r.conflicts.length ? `\n⚠ 撞单 conflicts: ${JSON.stringify(r.conflicts)}` : ''}`);
  } catch (e) { show('pool-result', e.message, true); }
}

let currentProjectId = null;
const ownerText = o => (o ? `\n客户已归属 Owned by: ${o.storeId} / 经理 ${o.managerId || '—'} / 设计师 ${o.designerId || '—'} @ ${timeOf(o.at)}` : '');

// A lead of this store lost to another signer: the manager whose lead it was sees it here, live (以谁定单为准).
async function noteOwnedElsewhere(leadId) {
  try {
    const l = await api('GET', `/api/leads/${encodeURIComponent(leadId)}`);
    if (l.closeReason !== 'owned-elsewhere' || (session.role === 'manager' && l.managerId !== session.userId)) return;
    const o = l.ownedBy || {};
    $('owned-elsewhere').prepend(h('li', {}, `${timeOf(l.closedAt)} No. ${l.runningNumber || ''} ${l.name} → ${o.storeId} / ${o.managerId || '—'} / ${o.designerId || '—'} (${timeOf(o.at)})`));
  } catch (e) { /* not visible to this role: nothing to show */ }
}

async function loadLead() {
  const id = $('lead-id').value.trim();
  if (!id) return;
  try {
    const page = await api('GET', `/api/leads/${encodeURIComponent(id)}/timeline`);
    const l = page.lead;
    renderLeadPage(page);
    const conflicts = (l.conflicts || []).map(c => `⚠ ${c.kind}: ${c.storeId} ${c.leadId} (${c.managerId || ''}/${c.designerId || ''})`).join('\n');
    const needs = l.needs ? [l.needs.areaSquareMetres ? l.needs.areaSquareMetres + ' m²' : '', l.needs.layout, l.needs.style, l.needs.budget, l.needs.plannedStart, l.needs.specialNeeds, l.needs.needsSenior ? '需资深 senior' : '']
      .filter(Boolean).join(' · ') : '';
    show('lead', `${l.runningNumber || ''} ${l.name} ${l.phone} · ${(STATUS[l.status] || {}).zh || l.status} ${l.status}` +
      `\n经理 Manager: ${page.managerName || '待分配 unassigned'} · 设计师 Designer: ${page.designerName || '—'}` +
      `\n来访 Visited: ${(l.registeredAt || '').slice(0, 16).replace('T', ' ')}${l.lateEntry ? ` · 补录 late entry (纸质表 paper form ${l.paperNumber || ''})` : ''}` +
      (l.community || l.address ? `\n小区 Community: ${l.community || '—'} · 地址 Address: ${l.address || '—'}` : '') +
      (l.referrerName || l.referrerPhone ? `\n介绍人 Referrer: ${l.referrerName || '—'} ${l.referrerPhone || ''}` : '') +
      (needs ? `\n需求 Needs: ${needs}` : '') +
      (l.requestedGrade ? `\n要求级别 Requested grade: ${(GRADE[l.requestedGrade] || {}).zh || ''} ${l.requestedGrade} · 设计费 design fee ${l.designFeeRate} 元/m²` : '') +
      (l.deposit ? `\n定金 Deposit: ${l.deposit.amount} (${l.deposit.name})` : '') + (l.contract ? `\n合同 Contract: ${l.contract.amount} (${l.contract.name})` : '') +
      (l.projectId ? `\n项目 Project: ${l.projectId}` : '') + ownerText(l.ownedBy) +
      (conflicts ? '\n' + conflicts : '') +
      (l.closeReason ? `\n关闭原因 Close reason: ${l.closeReason}${l.analysis ? ' — ' + l.analysis : ''}` : ''));
    currentProjectId = l.projectId || null;
    if (page.actions.includes('dispatch')) await suggest(id, l.managerId);
    else $('suggestion').textContent = '';
  } catch (e) { show('lead', e.message, true); clearLeadPage(); }
}

async function suggest(leadId, managerId) {
  try {
    const manager = session.role === 'manager' ? session.userId : managerId;
    const s = await api('GET', `/api/leads/${encodeURIComponent(leadId)}/suggestion${manager ? '?managerId=' + encodeURIComponent(manager) : ''}`);
    show('suggestion', `建议 Suggested: ${s.designerId ? model.designerName(s.designerId) + ' (' + s.designerId + ')' : '排队 queue'}${s.crossGroup ? ' · 跨组 cross-group' : ''}${s.returnCustomer ? ' · 回头客 return customer' : ''}\n${s.summary}\n` +
      s.explanation.map(x => `  ${x.outcome === 'Chosen' || x.outcome === 'chosen' ? '✔' : '·'} ${x.reason}`).join('\n'));
  } catch (e) { show('suggestion', e.message, true); }
}

async function leadAction(path, body, describe) {
  const id = $('lead-id').value.trim();
  if (!id) { show('action-result', '先选择线索 Pick a lead first', true); return; }
  try {
    const r = await api('POST', `/api/leads/${encodeURIComponent(id)}/${path}`, { commandId: newId(), ...body });
    show('action-result', describe ? describe(r) : `已记录 Recorded: ${ACTION_DONE[path] || path}`);
    loadLead();
    loadTasks();
  } catch (e) { show('action-result', e.message, true); }
}

const ACTION_DONE = {
  measurement: '已量房 measured', 'fee-handed': '量房费已交财务 fee handed to finance', 'key-follow-up': '重点追踪 key follow-up',
  'follow-ups': '回访已记录 follow-up recorded', close: '线索已关闭 lead closed',
};
const dispatchText = r => `${r.result}: ${r.designerId ? model.designerName(r.designerId) : '—'}${r.override ? ' (改派 override)' : ''}${r.crossGroup ? ' (跨组 cross-group)' : ''}\n${r.summary}`;
const managerForDispatch = () => (session.role === 'manager' ? session.userId : undefined);

$('visit').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  const needs = f.area.value || f.needsSenior.checked || f.layout.value || f.style.value || f.budget.value
    ? { areaSquareMetres: f.area.value ? Number(f.area.value) : undefined, layout: f.layout.value || undefined, style: f.style.value || undefined,
        budget: f.budget.value || undefined, needsSenior: f.needsSenior.checked }
    : undefined;
  try {
    const r = await api('POST', `/api/stores/${encodeURIComponent(session.storeId)}/visits`, {
      commandId: newId(), name: f.name.value, phone: f.phone.value, channel: f.channel.value,
      appointmentWith: f.appointmentWith.value || undefined, community: f.community.value || undefined, address: f.address.value || undefined,
      referrerName: f.referrerName.value || undefined, referrerPhone: f.referrerPhone.value || undefined, needs,
      // datetime-local is the clerk's local time: sent with its offset, so the store keeps the real moment.
      registeredAt: f.registeredAt.value ? new Date(f.registeredAt.value).toISOString() : undefined, paperNumber: f.paperNumber.value || undefined,
      requestedGrade: f.requestedGrade.value || undefined,
    });
    show('visit-result', `登记成功 Registered: No. ${r.runningNumber} · lead ${r.leadId} · 经理 manager ${r.managerId || '待分配 unassigned (无人值班 nobody on duty)'}` +
      (r.lateEntry ? `\n补录 Late entry, visited ${r.registeredAt}` : '') +
      (r.returnCustomer ? `\n回头客 Return customer of ${r.previousDesignerId}` : '') +
      (r.conflicts && r.conflicts.length ? '\n⚠ 撞单 Conflicts: ' + r.conflicts.map(c => `${c.kind} ${c.storeId} ${c.leadId}`).join('; ') : ''));
    $('lead-id').value = r.leadId;
    f.reset();
    loadLead();
  } catch (err) { show('visit-result', err.message, true); }
});
$('lead-load').addEventListener('click', loadLead);
$('assign-duty').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  try {
    const r = await api('PUT', `/api/stores/${encodeURIComponent(session.storeId)}/duty/${f.date.value}`, { managerId: f.managerId.value });
    show('duty-result', `${r.date} 值班 on duty: ${r.managerId || '—'}${r.handedOver.length ? ` · 移交 handed over: ${r.handedOver.join(', ')}` : ''}`);
  } catch (err) { show('duty-result', err.message, true); }
});
async function loadFeedback() {
  if (!session.storeId) return;
  const date = $('feedback-date').value;
  try {
    const r = await api('GET', `/api/stores/${encodeURIComponent(session.storeId)}/feedback${date ? '?date=' + date : ''}`);
    $('feedback-date').value = r.date;
    $('feedback-list').replaceChildren(
      h('tr', {}, h('th', {}, '时间 At'), h('th', {}, '姓名 Name'), h('th', {}, '电话 Phone'), h('th', {}, '参观 Visited'), h('th', {}, '意见 Comments')),
      ...r.feedback.map(x => h('tr', {}, h('td', {}, timeOf(x.at)), h('td', {}, x.name || '—'), h('td', {}, x.phone || '—'),
        h('td', {}, (x.visitedAreas || []).join(', ')), h('td', {}, x.comments || ''))));
  } catch (err) { show('feedback-result', err.message, true); }
}
$('feedback-load').addEventListener('click', loadFeedback);
$('feedback').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  try {
    const r = await api('POST', `/api/stores/${encodeURIComponent(session.storeId)}/feedback`, {
      commandId: newId(), name: f.name.value || undefined, phone: f.phone.value || undefined,
      visitedAreas: f.visitedAreas.value.split(/[,，、]/).map(x => x.trim()).filter(Boolean), comments: f.comments.value || undefined,
    });
    show('feedback-result', `已收到 Received: ${r.feedbackId} · ${timeOf(r.at)}`);
    f.reset();
    $('feedback-date').value = r.date;
    loadFeedback();
  } catch (err) { show('feedback-result', err.message, true); }
});
$('dispatch').addEventListener('click', () => leadAction('dispatch', { managerId: managerForDispatch() }, dispatchText));
$('override').addEventListener('click', () => leadAction('dispatch', { managerId: managerForDispatch(), designerId: $('override-designer').value || undefined, reason: $('override-reason').value || undefined }, dispatchText));
$('measure').addEventListener('click', () => leadAction('measurement', { fee: $('fee').value ? Number($('fee').value) : undefined }));
$('fee-handed').addEventListener('click', () => leadAction('fee-handed', {}));
$('deposit').addEventListener('click', () => leadAction('deposit', { amount: Number($('amount').value), payerName: $('payer').value }, r => `${r.accepted ? '定金已记录 Deposit recorded' : '被拒 Refused'}: ${r.message}`));
$('contract').addEventListener('click', () => leadAction('contract', { amount: Number($('amount').value), signerName: $('payer').value }, r => `${r.accepted ? '已签单 Signed' : '被拒 Refused'}: ${r.message}`));
$('key-on').addEventListener('click', () => leadAction('key-follow-up', { on: true }));
$('follow').addEventListener('click', () => leadAction('follow-ups', { note: $('followup').value }));
$('refuse').addEventListener('click', () => leadAction('refuse', { reason: $('refuse-reason').value, designerId: session.role === 'designer' ? session.userId : undefined }, dispatchText));
$('close-lost').addEventListener('click', () => leadAction('close', { outcome: 'lost', reason: $('close-reason').value || undefined, analysis: $('close-analysis').value || undefined }));
$('close-invalid').addEventListener('click', () => leadAction('close', { outcome: 'invalid', reason: $('close-reason').value || undefined, analysis: $('close-analysis').value || undefined }));
$('tasks-load').addEventListener('click', loadTasks);
$('deposit-refunded').addEventListener('click', () => leadAction('close', { outcome: 'lost', reason: 'deposit-refunded' }));
$('deposit-forfeited').addEventListener('click', () => leadAction('close', { outcome: 'lost', reason: 'deposit-forfeited' }));
$('project-open').addEventListener('click', () => {
  if (!currentProjectId) { show('action-result', '此线索没有项目 The lead has no project', true); return; }
  $('project-id').value = currentProjectId;
  loadProject();
});
$('pool-post').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  try {
    const r = await api('POST', '/api/pool/leads', { commandId: newId(), name: f.name.value, phone: f.phone.value, channel: f.channel.value, source: f.source.value || undefined });
    show('pool-result', `已发布 Posted: ${r.leadId}`);
    f.reset();
  } catch (err) { show('pool-result', err.message, true); }
});

// Projects 项目: stages in order (each accepted with the customer before the next starts), the current one's actions.
const STAGE_STATE = { pending: '未开始 pending', started: '进行中 started', accepted: '已验收 accepted' };
const isProjectId = id => /-p[0-9]+$/.test(id);
function openOwner(id) {
  if (isProjectId(id)) { $('project-id').value = id; loadProject(); }
  else { $('lead-id').value = id; loadLead(); }
}

async function loadProject() {
  const id = $('project-id').value.trim();
  if (!id) return;
  try {
    const p = await api('GET', `/api/projects/${encodeURIComponent(id)}`);
    show('project', `${p.projectId} · ${p.customerName || ''} · ${p.status} · 合同 contract ${p.contractAmount ?? '-'} · 当前 current: ${p.currentStage || '-'}` +
      ` · 巡场 site visits ${p.siteVisits.length}${p.siteVisitsFlagged ? ' ⚑ 少于3次 fewer than 3' : ''}` +
      (p.changes.length ? `\n变更 changes: ${p.changes.map(c => `${c.changeId} ${c.description} ¥${c.cost} ${c.state}`).join('; ')}` : ''));
    $('project-stages').replaceChildren(
      h('tr', {}, h('th', {}, '阶段 Stage'), h('th', {}, '状态 State'), h('th', {}, '经办 By'), h('th', {}, '备注 Note')),
      ...p.stages.map(s => h('tr', { class: 'stage-' + s.state + (s.stage === p.currentStage ? ' current' : ''), dataset: { stage: s.stage } },
        h('td', {}, s.stage), h('td', {}, STAGE_STATE[s.state] || s.state),
        h('td', {}, s.acceptedBy || s.startedBy || ''), h('td', {}, s.sentBackReason ? `退回 sent back: ${s.sentBackReason}` : s.note || ''))));
    $('project-id').dataset.current = p.currentStage || '';
  } catch (e) { show('project', e.message, true); }
}

async function projectAction(path, body) {
  const id = $('project-id').value.trim();
  if (!id) return;
  try {
    await api('POST', `/api/projects/${encodeURIComponent(id)}/${path}`, { commandId: newId(), ...body });
    show('project-result', `已记录 Recorded: ${path}`);
  } catch (e) { show('project-result', e.message, true); }
  loadProject();
}

$('project-load').addEventListener('click', loadProject);
$('stage-start').addEventListener('click', () => projectAction(`stages/${$('project-id').dataset.current}/start`, { note: $('stage-note').value || undefined }));
$('stage-accept').addEventListener('click', () => projectAction(`stages/${$('project-id').dataset.current}/accept`, { note: $('stage-note').value || undefined, customerSigned: $('stage-signed').checked }));
$('stage-send-back').addEventListener('click', () => projectAction('stages/review/send-back', { reason: $('stage-note').value }));
$('site-visit').addEventListener('click', () => projectAction('site-visits', { note: $('stage-note').value || undefined }));

mountAccountSignIn({ session, storageKey: 'crm-console', onSignedIn: () => { start(); setUpScores(); } });

if (session.token) {
  const form = $('signin');
  form.role.value = session.role; form.storeId.value = session.storeId || ''; form.userId.value = session.userId || '';
  start();
}

// 客户经理季度考核 Account-manager quarterly score (DOMAIN §8): the supervisor (and HQ) sees every manager of the store with
// each term's points and inputs, enters the facts the system cannot know; the supervisor and designers answer the
// internal satisfaction survey; a manager sees their own card.
const TERM = {
  consultation: '咨询成功率 Consultation', satisfaction: '部门满意度 Satisfaction', 'main-material': '主材销售率 Main material',
  'phone-invitation': '电话邀约 Phone invitations', callbacks: '在施回访 Callbacks',
};
const ANSWER = { yes: '是这样 yes', 'no-answer': '不回答 no answer', no: '不是这样 no' };
const currentQuarter = () => { const d = new Date(); return `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`; };
const num = v => (v === null || v === undefined ? '–' : String(Math.round(v * 100) / 100));
const termText = t => `${num(t.points)}/${num(t.maxPoints)}` + (t.rate === null || t.rate === undefined ? '' : ` (${num(t.rate)}%${t.denominator !== null && t.denominator !== undefined && t.term !== 'satisfaction' ? ` = ${num(t.numerator)}/${num(t.denominator)}` : ''})`);
let scoreCards = [];

// The managers to pick: those scored, or (for a designer, who reads no scores) the groups of the store's board.
function fillManagers() {
  const managers = scoreCards.length ? scoreCards.map(c => c.managerId) : ((model.board && model.board.groups) || []).map(g => g.managerId);
  for (const select of document.querySelectorAll('.score-manager')) {
    const kept = select.value;
    select.replaceChildren(...managers.map(m => h('option', { value: m }, m)));
    if (kept) select.value = kept;
  }
}

function renderScores() {
  fillManagers();
  $('scores').replaceChildren(
    h('tr', {}, h('th', {}, '客户经理 Manager'), ...Object.values(TERM).map(t => h('th', {}, t)), h('th', {}, '加减分 Bonus/deduction'),
      h('th', {}, '总分 Total'), h('th', {}, '半年排名 Half year')),
    ...scoreCards.map(c => h('tr', { class: (c.excellent ? 'excellent' : '') + (c.halfYear && c.halfYear.flagged ? ' flagged' : ''), dataset: { manager: c.managerId } },
      h('td', {}, c.managerId),
      ...Object.keys(TERM).map(k => { const t = c.terms.find(x => x.term === k); return h('td', { title: t.basis }, termText(t)); }),
      h('td', {}, c.adjustments.filter(a => a.points !== 0).map(a => `${a.adjustment} ${a.points > 0 ? '+' : ''}${num(a.points)}`).join(', ') || '–'),
      h('td', { class: 'total' }, `${num(c.total)}${c.excellent ? ' 优秀 excellent' : ''}`),
      h('td', {}, c.halfYear ? `${c.halfYear.halfYear}: ${num(c.halfYear.score)} · ${c.halfYear.rank}/${c.halfYear.of}${c.halfYear.flagged ? ' ⚑ 末位待岗 flagged (≤ ' + num(c.halfYear.keepAbove) + ')' : ''}` : '–'))));
  const one = scoreCards.length === 1 ? scoreCards[0] : null;
  show('scores-detail', one ? `满意度 Survey: 主管 supervisor ${num(one.survey.supervisor)} · 设计师 designers ${one.survey.designers.map(d => d.total).join('/') || '–'} → ${num(one.survey.average)}` +
    (one.enteredFacts ? ` · 录入 entered by ${one.enteredFacts.enteredBy}` : ' · 未录入 no facts entered') : '');
}

async function loadScores() {
  if (!session.token || !['hq', 'supervisor', 'manager'].includes(session.role)) return;
  const quarter = $('score-quarter').value.trim() || currentQuarter();
  $('score-quarter').value = quarter;
  try {
    if (session.role === 'manager') scoreCards = [await api('GET', `/api/managers/${encodeURIComponent(session.userId)}/scores?quarter=${encodeURIComponent(quarter)}`)];
    else if (session.storeId) scoreCards = (await api('GET', `/api/stores/${encodeURIComponent(session.storeId)}/manager-scores?quarter=${encodeURIComponent(quarter)}`)).managers;
    renderScores();
  } catch (e) { show('scores-result', e.message, true); }
}

async function setUpScores() {
  const reads = ['hq', 'supervisor', 'manager'].includes(session.role);
  $('manager-scores').hidden = !(reads || session.role === 'designer');
  $('manager-facts').hidden = !['hq', 'supervisor'].includes(session.role);
  $('survey').hidden = !['supervisor', 'designer'].includes(session.role);
  if (!$('score-quarter').value) $('score-quarter').value = currentQuarter();
  if (!$('survey').hidden && !$('survey-items').children.length) {
    try {
      const catalogue = await api('GET', '/api/surveys/items');
      $('survey-items').replaceChildren(
        h('tr', {}, h('th', {}, '指标 Item'), ...catalogue.answers.map(a => h('th', {}, ANSWER[a] || a))),
        ...catalogue.items.map(i => h('tr', {}, h('td', { title: i.english }, `${i.chinese} ${i.english}`),
          ...catalogue.answers.map(a => h('td', {}, h('label', {}, h('input', { type: 'radio', name: i.itemId, value: a, required: true, checked: a === 'yes' }), ` ${i[a === 'no-answer' ? 'noAnswer' : a]}`))))));
    } catch (e) { show('scores-result', e.message, true); }
  }
  if (reads) await loadScores();
  else renderScores();
}

$('scores-load').addEventListener('click', loadScores);
for (const select of document.querySelectorAll('.score-manager')) select.addEventListener('focus', () => { if (!select.options.length) fillManagers(); });
$('manager-facts').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  const quarter = $('score-quarter').value.trim() || currentQuarter();
  try {
    await api('PUT', `/api/managers/${encodeURIComponent(f.managerId.value)}/facts/${encodeURIComponent(quarter)}`, {
      commandId: newId(), mainMaterialSales: Number(f.mainMaterialSales.value), projectOutput: f.projectOutput.value === '' ? undefined : Number(f.projectOutput.value),
      phoneInvitations: Number(f.phoneInvitations.value), invitedVisits: Number(f.invitedVisits.value), quarrels: Number(f.quarrels.value),
    });
    show('scores-result', `已保存 Saved: ${f.managerId.value} ${quarter}`);
    loadScores();
  } catch (err) { show('scores-result', err.message, true); }
});
$('survey').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  const answers = Object.fromEntries([...f.querySelectorAll('input[type=radio]:checked')].map(r => [r.name, r.value]));
  try {
    const r = await api('POST', '/api/surveys', { commandId: newId(), managerId: f.managerId.value, quarter: $('score-quarter').value.trim() || currentQuarter(), answers });
    show('scores-result', `已提交 Submitted: ${r.managerId} ${r.quarter} · 得分 total ${r.total}${r.replaced ? ' (替换 replaced your earlier form)' : ''}`);
    loadScores();
  } catch (err) { show('scores-result', err.message, true); }
});
if (session.token) setUpScores();
