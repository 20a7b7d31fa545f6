// The console's "显示屏 Displays" panel (issue 16), for HQ and supervisors: open a pairing code for a store (shown big,
// with its expiry) to type on a wall display's /display page, list the store's displays, revoke one.
import { apiClient } from './api-client.js';
import { h } from './board-model.js';

const $ = id => document.getElementById(id);
const session = () => JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const api = (method, path, body) => apiClient(session())(method, path, body);
const when = at => (at ? new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—');

const css = document.createElement('style');
css.textContent = `
  #displays-card .pairing-code { font: 700 64px/1.1 ui-monospace, monospace; letter-spacing: 0.15em; margin: 8px 0; }
  #displays-card table td, #displays-card table th { padding: 2px 8px; text-align: left; }
  #displays-card tr.revoked { color: #888; text-decoration: line-through; }`;
document.head.append(css);

const card = h('section', { class: 'card wide', id: 'displays-card', hidden: true },
  h('h2', {}, '显示屏 ', h('span', {}, 'Displays'), ' ',
    h('input', { id: 'displays-store', placeholder: 'store id', size: 12 }), ' ',
    h('button', { id: 'pairing-open' }, '生成配对码 Create pairing code'), ' ',
    h('button', { id: 'displays-load' }, '刷新 Refresh')),
  h('div', { id: 'pairing-code', class: 'pairing-code', hidden: true }),
  h('div', { id: 'pairing-expiry', class: 'muted' }),
  h('table', { id: 'displays' }),
  h('div', { id: 'displays-result', class: 'result' }));
(document.querySelector('main') || document.body).append(card);

function show(text, error) {
  const el = $('displays-result');
  el.textContent = text;
  el.className = 'result' + (error ? ' error' : ' ok');
}

const storeId = () => $('displays-store').value.trim() || session().storeId || '';

async function load() {
  const s = session();
  const setup = ['hq', 'supervisor'].includes(s.role);
  card.hidden = !setup;
  if (!setup) return;
  if (!$('displays-store').value && s.storeId) $('displays-store').value = s.storeId;
  try {
    const store = storeId();
    const list = await api('GET', '/api/displays' + (store ? `?storeId=${encodeURIComponent(store)}` : ''));
    const header = h('tr', {}, h('th', {}, '设备 Device'), h('th', {}, '门店 Store'), h('th', {}, '配对 Paired'), h('th', {}, '配对人 By'),
      h('th', {}, '最近在线 Last seen'), h('th', {}, '状态 State'), h('th', {}, ''));
    $('displays').replaceChildren(header, ...list.displays.map(d => h('tr', { class: d.revoked ? 'revoked' : '', dataset: { display: d.displayId } },
      h('td', {}, `${d.deviceName} (${d.displayId})`), h('td', {}, d.storeId), h('td', {}, when(d.pairedAt)), h('td', {}, d.pairedBy),
      h('td', {}, when(d.lastSeen)), h('td', {}, d.revoked ? `已撤销 Revoked ${when(d.revokedAt)}` : '使用中 Active'),
      h('td', {}, d.revoked ? '' : h('button', { class: 'revoke', dataset: { display: d.displayId } }, '撤销 Revoke')))));
  } catch (e) { show(e.message, true); }
}

$('displays-load').addEventListener('click', load);
$('pairing-open').addEventListener('click', async () => {
  try {
    const p = await api('POST', `/api/stores/${encodeURIComponent(storeId())}/display-pairings`);
    $('pairing-code').hidden = false;
    $('pairing-code').textContent = p.code;
    $('pairing-expiry').textContent = `${p.storeId} · 有效至 Valid until ${when(p.expiresAt)} · 在显示屏 /display 页面输入 Type it on the wall display's /display page (once)`;
    show('');
  } catch (e) { show(e.message, true); }
});
$('displays').addEventListener('click', async e => {
  const button = e.target.closest('button.revoke');
  if (!button) return;
  try {
    await api('DELETE', `/api/displays/${encodeURIComponent(button.dataset.display)}`);
    show('已撤销 Revoked');
    load();
  } catch (err) { show(err.message, true); }
});

// The console signs in without reloading: follow the session's role (cheap, no request until it changes).
let seen = '';
setInterval(() => {
  const s = session();
  const key = `${s.role}|${s.storeId}|${s.token}`;
  if (key !== seen) { seen = key; if (s.token) load(); else card.hidden = true; }
}, 1000);
