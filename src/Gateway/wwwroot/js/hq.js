// The HQ reports page (总部报表): the last weeks of every store and design group from GET /api/reports/hq, drawn with
// Chart.js (npm, copied to /lib at build time), and the Excel exports with their audit. HQ sees the whole chain and
// picks a store; a supervisor sees their own store. The charts are kept on window.hqCharts (the browser test reads them).
import { h } from './board-model.js';
import { apiClient, describeProblem } from './api-client.js';
import { mountAccountSignIn } from './account-sign-in.js';

const Chart = window.Chart;
const $ = id => document.getElementById(id);
const session = JSON.parse(sessionStorage.getItem('crm-hq') || 'null') || {};
const api = apiClient(session);
const charts = {};
window.hqCharts = charts;
let report = null;

const KINDS = [
  ['own-group', '本组 own group', '#1d4ed8'], ['cross-group', '跨组 cross group', '#0891b2'],
  ['return-customer', '回头客 return customer', '#15803d'], ['override', '手动指派 override', '#dc2626'],
];
const REASONS = {
  price: '价格 price', design: '设计 design', competitor: '竞争对手 competitor', postponed: '推迟 postponed',
  unreachable: '联系不上 unreachable', 'no-need': '无需求 no need', other: '其他 other', 'owned-elsewhere': '他处签单 owned elsewhere',
  'deposit-refunded': '退定金 deposit refunded', 'deposit-forfeited': '定金没收 deposit forfeited', unspecified: '未注明 unspecified',
};
const PALETTE = ['#1d4ed8', '#dc2626', '#15803d', '#db2777', '#a16207', '#0891b2', '#7c3aed', '#ea580c', '#6b7280', '#111827', '#65a30d'];
const pct = r => `${Number(r).toFixed(1)}%`;

function show(id, text, error) {
  $(id).textContent = text;
  $(id).className = 'result' + (error ? ' error' : ' ok');
}

/** The series the scope selects: the chain, a store, or one of its groups. */
function selected() {
  const storeId = $('scope-store').value;
  if (!storeId) return { label: '全部门店 whole chain', series: report.chain };
  const store = report.stores.find(s => s.storeId === storeId);
  if (!store) return { label: storeId, series: report.chain };
  const group = $('scope-group').value;
  const g = group && store.groups.find(x => (x.managerId || '-') === group);
  return g
    ? { label: `${store.name || store.storeId} · ${g.managerName || g.managerId || '未分配 unassigned'}`, series: g.figures }
    : { label: store.name || store.storeId, series: store.figures };
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  charts[id] = new Chart($(id), config);
}

function figuresRow(label, f, cls) {
  return h('tr', { class: cls },
    h('td', {}, label), h('td', {}, f.leads), h('td', {}, f.dispatches),
    ...KINDS.map(([kind]) => h('td', {}, f.dispatchesByKind.find(k => k.kind === kind)?.count ?? 0)),
    h('td', {}, `${f.measured} · ${pct(f.measurementRate)}`), h('td', {}, `${f.deposits} · ${pct(f.depositRate)}`),
    h('td', {}, `${f.contracts} · ${pct(f.contractRate)}`), h('td', {}, f.contractAmount.toLocaleString('zh-CN')),
    h('td', {}, f.lost), h('td', {}, f.invalid), h('td', {}, f.complaints), h('td', {}, f.breaches));
}

function header() {
  return h('tr', {}, h('th', {}, ''), h('th', {}, '来访 Leads'), h('th', {}, '派单 Dispatches'),
    ...KINDS.map(([, label]) => h('th', {}, label)),
    h('th', {}, '量房 Measured'), h('th', {}, '交定金 Deposits'), h('th', {}, '签单 Contracts'), h('th', {}, '合同额 Output'),
    h('th', {}, '丢单 Lost'), h('th', {}, '无效 Invalid'), h('th', {}, '投诉 Complaints'), h('th', {}, '超时 Breaches'));
}

function render() {
  if (!report) return;
  const { label, series } = selected();
  const weeks = series.weeks.map(w => w.week);
  const per = pick => series.weeks.map(w => pick(w.figures));
  $('totals').replaceChildren(header(), figuresRow(`${label} · ${weeks[0]}–${weeks[weeks.length - 1]}`, series.totals, 'store'));

  draw('chart-leads', {
    type: 'bar',
    data: {
      labels: weeks,
      datasets: [
        { label: '来访 Leads', data: per(f => f.leads), backgroundColor: '#94a3b8', stack: 'leads' },
        ...KINDS.map(([kind, text, color]) => ({ label: text, data: per(f => f.dispatchesByKind.find(k => k.kind === kind)?.count ?? 0), backgroundColor: color, stack: 'dispatches' })),
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw('chart-rates', {
    type: 'line',
    data: {
      labels: weeks,
      datasets: [
        { label: '量房率 Measurement', data: per(f => f.measurementRate), borderColor: '#1d4ed8', backgroundColor: '#1d4ed8' },
        { label: '交订金率 Deposit', data: per(f => f.depositRate), borderColor: '#15803d', backgroundColor: '#15803d' },
        { label: '签单率 Contract', data: per(f => f.contractRate), borderColor: '#dc2626', backgroundColor: '#dc2626' },
      ],
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: v => v + '%' } } } },
  });
  draw('chart-complaints', {
    type: 'bar',
    data: {
      labels: weeks,
      datasets: [
        { label: '投诉 Complaints', data: per(f => f.complaints), backgroundColor: '#a16207' },
        { label: '超时 Breaches', data: per(f => f.breaches), backgroundColor: '#dc2626' },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  const reasons = series.totals.lostReasons;
  draw('chart-lost', {
    type: 'doughnut',
    data: {
      labels: reasons.length ? reasons.map(r => REASONS[r.reason] || r.reason) : ['无丢单 none lost'],
      datasets: [{ data: reasons.length ? reasons.map(r => r.count) : [0], backgroundColor: PALETTE }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  });

  $('breakdown').replaceChildren(header(), ...report.stores.flatMap(s => [
    figuresRow(`${s.name || s.storeId} (${s.storeId})`, s.figures.totals, 'store'),
    ...s.groups.map(g => figuresRow(`${g.managerName || g.managerId || '未分配 unassigned'}`, g.figures.totals, 'group')),
  ]));
}

function fillScope() {
  const store = $('scope-store');
  const current = store.value || (session.role === 'hq' ? '' : session.storeId || '');
  store.replaceChildren(
    ...(session.role === 'hq' && !report.storeId ? [h('option', { value: '' }, '全部门店 whole chain')] : []),
    ...report.stores.map(s => h('option', { value: s.storeId }, `${s.name || s.storeId} (${s.storeId})`)));
  if ([...store.options].some(o => o.value === current)) store.value = current;
  fillGroups();
}

function fillGroups() {
  const group = $('scope-group');
  const current = group.value;
  const store = report.stores.find(s => s.storeId === $('scope-store').value);
  group.replaceChildren(h('option', { value: '' }, '全店 whole store'),
    ...(store ? store.groups.map(g => h('option', { value: g.managerId || '-' }, g.managerName || g.managerId || '未分配 unassigned')) : []));
  if ([...group.options].some(o => o.value === current)) group.value = current;
}

async function load() {
  const weeks = $('scope').weeks.value || '12';
  const storeId = session.role === 'hq' ? '' : session.storeId;
  $('state').textContent = '加载中 loading…';
  try {
    report = await api('GET', `/api/reports/hq?weeks=${encodeURIComponent(weeks)}${storeId ? '&storeId=' + encodeURIComponent(storeId) : ''}`);
    fillScope();
    render();
    $('state').textContent = `更新于 updated ${new Date(report.generatedAt).toLocaleString('zh-CN')}`;
    show('result', '');
  } catch (e) {
    $('state').textContent = '';
    show('result', e.message, true);
  }
}

function start() {
  $('who').textContent = `${session.role} · ${session.userId} · ${session.storeId || '全部门店 all stores'}`;
  $('export-register').storeId.value = session.storeId || '';
  load();
}

$('scope').addEventListener('submit', ev => { ev.preventDefault(); load(); });
$('scope-store').addEventListener('change', () => { fillGroups(); render(); });
$('scope-group').addEventListener('change', render);

// A download needs the bearer token, so it is fetched and handed to the browser as a blob.
async function download(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  try {
    const response = await fetch(`${path}?${query}`, { headers: { authorization: 'Bearer ' + session.token } });
    if (!response.ok) {
      const text = await response.text();
      throw new Error(describeProblem(response.status, text ? JSON.parse(text) : null));
    }
    const blob = await response.blob();
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') || '')?.[1] || 'export.xlsx';
    const link = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    show('export-result', `已导出 exported: ${name} (${Math.ceil(blob.size / 1024)} KB)`);
  } catch (e) { show('export-result', e.message, true); }
}

const exportStore = () => $('export-store').value.trim();
$('export-register').addEventListener('submit', ev => {
  ev.preventDefault();
  download('/api/exports/register.xlsx', { storeId: exportStore(), from: ev.target.from.value, to: ev.target.to.value });
});
$('export-rankings').addEventListener('submit', ev => {
  ev.preventDefault();
  download('/api/exports/rankings.xlsx', { storeId: exportStore(), period: ev.target.period.value.trim() });
});
$('export-scores').addEventListener('submit', ev => {
  ev.preventDefault();
  download('/api/exports/manager-scores.xlsx', { storeId: exportStore(), quarter: ev.target.quarter.value.trim() });
});

$('audit-load').addEventListener('click', async () => {
  try {
    const entries = await api('GET', '/api/exports/audit');
    $('audit').replaceChildren(
      h('tr', {}, h('th', {}, '时间 When'), h('th', {}, '用户 Who'), h('th', {}, '导出 What'), h('th', {}, '行数 Rows')),
      ...entries.map(e => h('tr', {}, h('td', {}, new Date(e.at).toLocaleString('zh-CN')), h('td', {}, `${e.userId} (${e.role})`),
        h('td', {}, `${e.export} · ${e.parameters}`), h('td', {}, e.rows))));
  } catch (e) { $('audit').replaceChildren(h('tr', {}, h('td', { class: 'error' }, e.message))); }
});

mountAccountSignIn({ session, storageKey: 'crm-hq', onSignedIn: start, onError: e => show('result', e.message, true) });
if (session.token) start();
