// The console's search box (issue 15): leads and customers of the signed-in user's scope by phone (any notation, whole
// or partial: at least 4 digits), name (at least 2 characters) or running number (#12), masked as the role requires by
// GET /api/search. Clicking a result opens its lead in the console's lead page (the console's crm:open-lead event).
// Self-contained: it fills the page's #search spot under the header (on a phone: the first thing under the header).
import { apiClient } from './api-client.js';
import { h, STATUS } from './board-model.js';

const $ = id => document.getElementById(id);
const session = () => JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const api = (method, path, body) => apiClient(session())(method, path, body);
const when = at => (at ? new Date(at).toLocaleString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '');

function openLead(leadId) {
  if (leadId) document.dispatchEvent(new CustomEvent('crm:open-lead', { detail: { leadId } }));
}

function result(r) {
  const status = STATUS[r.status] || { zh: '', en: r.status };
  const label = r.kind === 'customer'
    ? `客户 Customer · ${r.name} ${r.phone} · ${r.storeId} · 首次来访 first visit ${when(r.registeredAt)}`
    : `No. ${r.runningNumber ?? '—'} ${r.name} ${r.phone} · ${r.storeId} · ${status.zh} ${status.en} · ${when(r.registeredAt)}`;
  return h('li', { class: 'search-' + r.kind, dataset: { leadId: r.leadId || '', customerId: r.customerId } },
    h('button', { type: 'button', class: 'link', title: r.leadId || '', style: 'text-align:left;width:100%', onclick: () => openLead(r.leadId) }, label));
}

async function search(event) {
  event.preventDefault();
  const q = $('search-q').value.trim();
  const list = $('search-results');
  const status = $('search-result');
  list.replaceChildren();
  if (!session().token) {
    status.textContent = '请先登录 Sign in first';
    status.className = 'result error';
    return;
  }
  try {
    const { results } = await api('GET', `/api/search?q=${encodeURIComponent(q)}`);
    list.append(...results.map(result));
    status.textContent = results.length ? `${results.filter(r => r.kind === 'lead').length} 条线索 leads` : '无结果 No results';
    status.className = 'result ok';
  } catch (e) {
    status.textContent = e.message;
    status.className = 'result error';
  }
}

function mount() {
  const card = h('section', { class: 'card', id: 'search-card' },
    h('h2', {}, '查找 ', h('span', {}, 'Search')),
    h('form', { id: 'search-form', class: 'inline', role: 'search', onsubmit: search },
      h('input', { id: 'search-q', name: 'q', type: 'search', size: 24, maxlength: 100, autocomplete: 'off',
        placeholder: '电话 phone ≥4位 digits · 姓名 name ≥2字 · #编号 No.', 'aria-label': '查找 Search' }),
      h('button', {}, '查找 Search')),
    h('div', { id: 'search-result', class: 'result', role: 'status' }),
    h('ul', { id: 'search-results', class: 'search-results', style: 'list-style:none;padding:0;display:grid;gap:4px' }));
  const spot = $('search');
  if (spot) spot.append(card);
  else document.querySelector('main')?.prepend(card);
}

mount();
