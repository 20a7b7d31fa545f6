// The showroom wall display: a live, masked dispatch board for one store (read-only, always on, never reloaded).
import { LiveHub } from './live-hub.js';
import { BoardModel, STATUS, LEVEL, h, pips, timeOf } from './board-model.js';
import { pairedDisplay } from './display-pairing.js';

// A paired wall display (issue 16) uses its credential and its store; /display/{storeId} without one keeps the
// ?token= and dev-token paths. At /display with no credential this waits for the pairing screen.
const pathStoreId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const paired = await pairedDisplay(pathStoreId);
const storeId = paired ? paired.storeId : pathStoreId;
const params = new URLSearchParams(location.search);
const model = new BoardModel();
const $ = id => document.getElementById(id);
// The gateway writes Board:StaleAfter into the page; opened some other way the placeholder is not a number.
const staleAfterMs = Number(document.body.dataset.staleAfterMs) || 10_000;
let heardAt = Date.now();

let token = params.get('token');
let tokenExpires = Infinity;

async function getToken() {
  if (paired) return paired.credential;
  if (params.get('token')) return token;
  // No token in the URL: ask for a display token (only answered where Auth:DevTokens is on).
  if (!token || Date.now() > tokenExpires - 60_000) {
    const response = await fetch('/api/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'display', storeId, userId: 'display-' + storeId }),
    });
    if (!response.ok) {
      showError('没有令牌 No token: open this page with ?token=… (dev tokens are off)');
      throw new Error('dev token refused: ' + response.status);
    }
    const body = await response.json();
    token = body.token;
    tokenExpires = body.expiresAt ? Date.parse(body.expiresAt) : Infinity;
  }
  return token;
}

function showError(text) {
  const el = $('error');
  el.textContent = text;
  el.hidden = !text;
}

function setState(state) {
  document.body.dataset.connection = state;
  $('banner').hidden = state === 'connected';
}

// The server sends a heartbeat only while it can vouch for the board, so silence of any kind (a dead gateway, a
// dead silo, a half-open socket) shows as stale here instead of as a board that quietly stopped moving.
function heard(at) {
  heardAt = at;
  checkStale();
}

function checkStale() {
  const stale = Date.now() - heardAt >= staleAfterMs;
  if (stale && document.body.dataset.stale !== 'true') {
    for (const el of document.querySelectorAll('#stale .since')) el.textContent = timeOf(heardAt);
  }
  $('stale').hidden = !stale;
  document.body.dataset.stale = String(stale);
}

function render() {
  const b = model.board;
  if (!b) return;
  document.body.dataset.sequence = String(window.crmDisplay.sequence = hub.storeSequence);
  document.title = `${b.name} · 派单栏 Dispatch board`;
  $('store-name').textContent = b.name;
  $('duty').textContent = b.dutyManagerName || (b.dutyManagerId ? model.managerName(b.dutyManagerId) : '无 none (公休 rest day)');
  $('season').hidden = b.season !== 'peak';
  // A rest day nobody was assigned to (DOMAIN §3): the wall says so, with the walk-ins waiting for a manager.
  $('duty-alert').hidden = !b.dutyAlert;
  $('duty-alert').textContent = b.dutyAlert
    ? `⚠ ${b.dutyAlert.date} 今日无人值班${b.dutyAlert.isRestDay ? '（公休日未安排）' : ''} · Nobody on duty${b.dutyAlert.isRestDay ? ' (rest day, nobody assigned)' : ''}` +
      (b.unassigned.length ? ` · 待分配 ${b.unassigned.length} unassigned` : '')
    : '';

  $('groups').replaceChildren(...b.groups.map(g => h('article', { class: 'group' + (g.managerId === b.dutyManagerId ? ' on-duty' : ''), dataset: { manager: g.managerId } },
    h('h3', {}, g.managerName, g.managerId === b.dutyManagerId ? h('span', { class: 'duty-tag' }, '值班 On duty') : null),
    h('ul', { class: 'designers' }, g.designers
      .slice().sort((x, y) => x.rank - y.rank)
      .map(d => h('li', { class: 'designer' + (d.present ? '' : ' away') + (d.holding >= d.cap ? ' full' : ''), dataset: { designer: d.designerId } },
        h('span', { class: 'rank' }, '#' + d.rank),
        h('span', { class: 'who' }, h('span', { class: 'name' }, d.name), h('span', { class: 'level' }, `${(LEVEL[d.level] || {}).zh || d.level} ${(LEVEL[d.level] || {}).en || ''}`)),
        h('span', { class: 'pips', title: `${d.holding}/${d.cap}` }, pips(d.holding, d.cap)),
        h('span', { class: 'slots' }, d.present ? `${d.holding}/${d.cap}` : '不在 away')))))));

  $('queue-count').textContent = String(b.queue.length);
  $('queue').replaceChildren(...(b.queue.length
    ? b.queue.map(l => h('li', { dataset: { lead: l.leadId } }, leadLine(l)))
    : [h('li', { class: 'empty' }, '无人等待 Nobody waiting')]));

  const leads = b.todayLeads.slice().sort((x, y) => (y.runningNumber || 0) - (x.runningNumber || 0));
  $('leads-count').textContent = String(leads.length);
  $('leads').replaceChildren(...leads.map(l => h('li', { class: `lead status-${l.colour}`, dataset: { lead: l.leadId, status: l.status } },
    h('span', { class: 'no' }, l.runningNumber ? String(l.runningNumber).padStart(3, '0') : '—'),
    h('span', { class: 'cust' }, l.customerName),
    h('span', { class: 'phone' }, l.phone),
    h('span', { class: 'designer-of' }, l.designerId ? '→ ' + model.designerName(l.designerId) : l.managerId ? '待派 waiting' : '待分配 unassigned'),
    l.lateEntry ? h('span', { class: 'late' }, '补录 late entry') : null,
    h('span', { class: 'st' }, `${(STATUS[l.status] || {}).zh || l.status} ${(STATUS[l.status] || {}).en || ''}`),
    l.conflict ? h('span', { class: 'conflict' }, '⚠ 撞单 conflict') : null)));

  const t = b.ticker[0];
  $('ticker').replaceChildren(...(t
    ? [h('span', { class: 'at' }, timeOf(t.at)), ' ', h('span', { class: 'text', dataset: { lead: t.leadId } }, t.text),
       ...b.ticker.slice(1, 4).map(x => h('span', { class: 'older' }, ' · ', timeOf(x.at), ' ', x.text))]
    : ['—']));
}

function legend() {
  $('legend').replaceChildren(...Object.entries(STATUS).map(([key, s]) =>
    h('span', { class: `chip status-${colourOf(key)}` }, `${s.zh} ${s.en}`)));
}

function colourOf(status) {
  return { normal: 'black', measured: 'blue', deposit: 'green', keyFollowUp: 'rose', signed: 'red', invalid: 'yellow', lost: 'grey' }[status];
}

function leadLine(l) {
  return `${l.runningNumber ? String(l.runningNumber).padStart(3, '0') + ' ' : ''}${l.customerName} ${l.phone}`;
}

// The store's local time (its setup's time zone, on the board), whatever time zone the screen's computer is set to.
const storeZone = () => (model.board && model.board.timeZone) || 'Asia/Shanghai';
function tick() {
  const now = new Date();
  const timeZone = storeZone();
  $('clock').textContent = new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  $('clock').dataset.timeZone = timeZone;
  // After midnight "today" changes: ask for a fresh board rather than keep yesterday's leads.
  const b = model.board;
  if (b && hub.connection.state === 'Connected') {
    const today = now.toLocaleDateString('sv-SE', { timeZone });
    if (today > b.date && !tick.resyncing) {
      tick.resyncing = true;
      hub.resubscribeStore(0).finally(() => { tick.resyncing = false; });
    }
  }
}

window.crmDisplay = { storeId, sequence: 0, model };
const hub = new LiveHub(getToken, setState);
window.crmDisplay.hub = hub;
legend();
setState('connecting');
hub.subscribeStore(storeId, {
  snapshot: s => { model.applySnapshot(s); showError(''); render(); tick(); },
  event: e => { const r = model.applyEvent(e); render(); return r; },
  heard,
  error: message => showError(message),
});
hub.start();
// The board is laid out for 1920×1080; a smaller (or larger) screen shows all of it, scaled, rather than a cut-off part.
function fit() {
  const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  document.body.style.transform = scale === 1 ? '' : `scale(${scale})`;
}
window.addEventListener('resize', fit);
fit();
tick();
setInterval(tick, 15_000);
setInterval(checkStale, 1_000);
