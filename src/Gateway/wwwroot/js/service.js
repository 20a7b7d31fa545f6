// The complaints board of customer service (客服投诉看板): every open and breached complaint of a store (or, for HQ's
// customer service, of every store) live over /hubs/service, with its deadlines; service staff record the steps.
// Each store's desk numbers its events without gaps: the page keeps one sequence per store, resumes each store from
// it after a reconnect, and asks for the whole chain again every 30 s so a store's first complaint appears too.
import { h } from './board-model.js';
import { apiClient } from './api-client.js';
import { mountAccountSignIn } from './account-sign-in.js';

const signalR = window.signalR;
const $ = id => document.getElementById(id);
const session = JSON.parse(sessionStorage.getItem('crm-service') || 'null') || {};
const complaints = new Map();
const sequences = new Map();
let connection = null;
let chainTimer = null;

const STEPS = [
  ['reply-promised', 'replyPromiseBy', '承诺答复 Reply promised'],
  ['department-notified', 'departmentNotifiedBy', '通知部门 Department notified'],
  ['customer-told', 'customerToldBy', '告知客户 Customer told'],
  ['checked', 'checkBy', '督查 Checked'],
  ['satisfaction-call', 'satisfactionCallBy', '满意度回访 Satisfaction call'],
];
const STATE = { open: '处理中 open', breached: '超时 breached', closed: '已结 closed' };
const time = at => at ? new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';
const newId = () => crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();

const api = apiClient(session);

function show(id, text, error) {
  $(id).textContent = text;
  $(id).className = 'result' + (error ? ' error' : ' ok');
}

function apply(view) {
  if (view.state === 'closed') complaints.delete(view.complaintId);
  else complaints.set(view.complaintId, view);
}

function render() {
  const rows = [...complaints.values()].sort((a, b) => (a.state === 'breached' ? 0 : 1) - (b.state === 'breached' ? 0 : 1) || a.receivedAt.localeCompare(b.receivedAt));
  const now = Date.now();
  $('counts').textContent = `${rows.length} 件 · ${rows.filter(c => c.state === 'breached').length} 超时 breached`;
  $('complaints').replaceChildren(
    h('tr', {}, h('th', {}, '编号 No.'), h('th', {}, '门店 Store'), h('th', {}, '状态 State'), h('th', {}, '内容 Summary'),
      ...STEPS.map(([, , label]) => h('th', {}, label)), h('th', {}, '操作 Record')),
    ...rows.map(c => h('tr', { class: `complaint ${c.state}${c.emergency ? ' emergency' : ''}`, dataset: { complaint: c.complaintId } },
      h('td', { class: 'id' }, c.complaintId),
      h('td', {}, c.storeId),
      h('td', { class: 'state' }, STATE[c.state] || c.state, c.round > 1 ? ` (第${c.round}轮 round ${c.round})` : ''),
      h('td', {}, c.summary, h('div', { class: 'muted' }, `${time(c.receivedAt)} · ${c.phone || c.customerId}${c.department ? ' · ' + c.department + (c.departmentPerson ? '/' + c.departmentPerson : '') : ''}`)),
      ...STEPS.map(([step, field]) => {
        const done = c.steps.find(s => s.step === step && s.round === c.round);
        const missed = c.breaches.some(b => b.step === step && b.round === c.round);
        const due = c[field];
        const soon = due && !done && new Date(due).getTime() - now < 5 * 60_000;
        return h('td', { class: 'due' + (done ? ' done' : missed ? ' missed' : soon ? ' soon' : '') }, done ? `✓ ${time(done.at)}` : time(due));
      }),
      h('td', {}, h('span', { class: 'steps' }, ...STEPS
        .filter(([step]) => !c.steps.some(s => s.step === step && s.round === c.round) && (step !== 'customer-told' || c.customerToldBy))
        .map(([step, , label]) => h('button', { onclick: () => recordStep(c, step) }, label.split(' ')[0])))))));
}

async function recordStep(c, step) {
  const body = { commandId: newId(), step };
  if (step === 'department-notified') {
    body.department = prompt('部门 Department (例 工程部)');
    if (!body.department) return;
    body.person = prompt('负责人 Person') || null;
  }
  if (step === 'satisfaction-call') body.satisfied = confirm('客户满意吗? Is the customer satisfied? (OK = 满意 yes, Cancel = 不满意 no)');
  body.note = prompt('备注 Note') || null;
  try {
    apply(await api('POST', `/api/complaints/${encodeURIComponent(c.complaintId)}/steps`, body));
    render();
    show('step-result', `${c.complaintId}: ${step} ✓`);
  } catch (e) { show('step-result', e.message, true); }
}

async function subscribe(storeId, after) {
  try {
    await connection.invoke('SubscribeComplaints', storeId, after);
  } catch (e) { show('step-result', e.message, true); }
}

async function resubscribeAll() {
  for (const [storeId, sequence] of sequences) await subscribe(storeId, sequence);
  if (!session.storeId) await subscribe(null, 0);
}

function start() {
  $('who').textContent = `${session.role} · ${session.userId} · ${session.storeId || '全部门店 all stores'}`;
  $('file').storeId.value = session.storeId || '';
  if (connection) connection.stop();
  if (chainTimer) clearInterval(chainTimer);
  complaints.clear();
  sequences.clear();
  connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/service', { accessTokenFactory: () => session.token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 * 2 ** ctx.previousRetryCount, 5000) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('ComplaintSnapshot', s => {
    for (const [id, c] of complaints) if (c.storeId === s.storeId) complaints.delete(id);
    s.complaints.forEach(apply);
    sequences.set(s.storeId, s.sequence);
    render();
  });
  connection.on('ComplaintEvent', e => {
    const last = sequences.get(e.storeId) || 0;
    if (e.sequence <= last) return;
    if (e.sequence !== last + 1) { subscribe(e.storeId, last); return; }
    sequences.set(e.storeId, e.sequence);
    apply(e.complaint);
    render();
  });
  connection.on('ComplaintHeartbeat', beat => {
    if (beat.sequence > (sequences.get(beat.storeId) || 0)) subscribe(beat.storeId, sequences.get(beat.storeId) || 0);
  });
  const state = s => { $('conn').textContent = s; $('banner').hidden = s === 'connected'; };
  connection.onreconnecting(() => state('reconnecting'));
  connection.onreconnected(() => { state('connected'); resubscribeAll(); });
  connection.start().then(() => { state('connected'); return session.storeId ? subscribe(session.storeId, 0) : subscribe(null, 0); })
    .catch(e => { state('reconnecting'); show('step-result', e.message, true); });
  if (!session.storeId) chainTimer = setInterval(() => connection.state === 'Connected' && subscribe(null, 0), 30_000);
  setInterval(render, 30_000);
}

$('file').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target;
  try {
    const c = await api('POST', '/api/complaints', {
      commandId: newId(), storeId: f.storeId.value.trim(), phone: f.phone.value.trim() || null, customerId: f.customerId.value.trim() || null,
      projectId: f.projectId.value.trim() || null, channel: f.channel.value, summary: f.summary.value, emergency: f.emergency.checked,
    });
    show('file-result', `${c.complaintId} · 10分钟内通知部门 department by ${time(c.departmentNotifiedBy)} · 30分钟内答复 reply by ${time(c.replyPromiseBy)}${c.repeatOf ? ' · 重复投诉 repeat of ' + c.repeatOf : ''}`);
    f.reset();
    f.storeId.value = session.storeId || '';
  } catch (e) { show('file-result', e.message, true); }
});

$('week-load').addEventListener('click', async () => {
  try {
    const week = $('week').value.trim();
    const r = await api('GET', `/api/reports/complaints${week ? '?week=' + encodeURIComponent(week) : ''}`);
    $('week-report').replaceChildren(h('div', {}, `${r.week}`), h('table', {},
      h('tr', {}, h('th', {}, '门店 Store'), h('th', {}, '受理 Received'), h('th', {}, '救援 SOS'), h('th', {}, '已结 Closed'), h('th', {}, '超时 Breaches'), h('th', {}, '重复 Repeats'), h('th', {}, '中位用时 Median min')),
      ...r.stores.map(s => h('tr', {}, h('td', {}, s.storeId), h('td', {}, s.received), h('td', {}, s.emergencies), h('td', {}, s.closed),
        h('td', {}, `${s.breaches} ${s.breachesByStep.map(b => `${b.step}:${b.count}`).join(' ')}`), h('td', {}, s.repeatComplaints),
        h('td', {}, s.medianTimes.map(m => `${m.step}:${m.medianMinutes}`).join(' '))))));
  } catch (e) { show('week-report', e.message, true); }
});

mountAccountSignIn({ session, storageKey: 'crm-service', onSignedIn: start, onError: e => show('step-result', e.message, true) });
if (session.token) start();
