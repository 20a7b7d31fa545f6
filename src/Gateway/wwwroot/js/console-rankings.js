// The designers' half-month ranking in the staff console (设计师半月排名): each group best first with every score item,
// the supervisor's facts, running the ranking now and correcting a rank with a reason (shown as such).
import { apiClient } from './api-client.js';
import { h } from './board-model.js';

const $ = id => document.getElementById(id);
const session = () => JSON.parse(sessionStorage.getItem('crm-console') || 'null') || {};
const api = (method, path, body) => apiClient(session())(method, path, body);
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());

const ITEM = {
  measurement: '量房率 Measurement rate', deposit: '交订金率 Deposit rate', signing: '签单成功率 Signing rate',
  cycle: '签单周期 Signing cycle', output: '产值 Output', 'site-satisfaction': '工地满意度 Site satisfaction',
  'phoned-own-customers': '电话回访自己客户 Phoned own customers', 'return-customers': '回头客 Return customers (+)',
  'lost-leads': '丢单跑单 Lost leads (−)', refusals: '挑单拒单 Refused dispatches (−)', 'missed-duty': '无故不值班 Missed duty (−)',
  'change-requests': '客户要求换设计师 Change requests (−)', disputes: '与客户争执 Disputes (−)', 'fixed-deductions': '固定扣分 Fixed deductions (−)',
};
const GRADE = { ordinary: '普通级 Ordinary', excellent: '优秀级 Excellent', expert: '专家级 Expert' };
const when = at => (at ? new Date(at).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '');

function show(id, text, error) {
  const el = $(id);
  el.textContent = text;
  el.className = 'result' + (error ? ' error' : ' ok');
}

function currentPeriod() {
  const now = new Date(Date.now() + 8 * 3600 * 1000); // the demo chain's stores keep Shanghai time
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}-${month}-H${now.getUTCDate() <= 15 ? 1 : 2}`;
}

function render(r) {
  show('ranking-status', r.run
    ? `${r.period} 已排名 Ranked ${when(r.runAt)}${r.runBy ? ` by ${r.runBy}` : ' (自动 sweep)'} · ` +
      (r.effectiveAt ? `生效 In force from ${when(r.effectiveAt)}` : '未生效 Not applied (a newer ranking is in force)')
    : `${r.period} 预览 Preview from the facts so far (未排名 not ranked yet)`);
  const row = d => h('tr', { dataset: { designer: d.designerId } },
    h('td', {}, d.correction ? `${d.correction.toRank} (人工调整 corrected from ${d.rank}: ${d.correction.reason})` : `${d.rank}`,
      d.previousRank !== d.rank ? ` ← ${d.previousRank}` : ''),
    h('td', {}, `${d.name} (${d.designerId})`),
    h('td', {}, GRADE[d.grade] || d.grade),
    h('td', { class: 'score' }, String(d.score)),
    h('td', {}, String(d.contracts)),
    h('td', {}, String(d.output)),
    h('td', {}, h('ul', { class: 'items' }, ...d.items.map(i => h('li', {}, `${ITEM[i.item] || i.item}: ${i.points} (${i.input})`)))));
  const header = h('tr', {}, h('th', {}, '名次 Rank'), h('th', {}, '设计师 Designer'), h('th', {}, '级别 Grade'), h('th', {}, '得分 Score'),
    h('th', {}, '签单 Contracts'), h('th', {}, '产值 Output'), h('th', {}, '明细 Items'));
  $('ranking-groups').replaceChildren(...r.groups.map(g => h('div', { class: 'ranking-group' },
    h('h3', {}, `${g.managerName} (${g.managerId})`),
    h('table', { class: 'ranking' }, header.cloneNode(true), ...g.designers.map(row)))));
  if (r.grades && r.grades.length) {
    $('ranking-groups').append(h('div', {}, h('h3', {}, '季度级别评定 Quarterly grades'), h('ul', {},
      ...r.grades.map(g => h('li', {}, `${g.designerId}: ${GRADE[g.grade] || g.grade} (${g.quarter} 平均 average ${g.average} / ${g.scores}; 原 was ${GRADE[g.previousGrade] || g.previousGrade})`)))));
  }
  const designers = r.groups.flatMap(g => g.designers);
  for (const form of [$('designer-facts'), $('rank-correction')]) {
    const chosen = form.designerId.value;
    form.designerId.replaceChildren(...designers.map(d => h('option', { value: d.designerId }, `${d.name} (${d.designerId})`)));
    if (chosen) form.designerId.value = chosen;
  }
}

async function load() {
  const s = session();
  if (!s.storeId) return;
  const setup = ['hq', 'supervisor'].includes(s.role);
  $('ranking-run').hidden = !setup;
  $('designer-facts').hidden = !setup;
  $('rank-correction').hidden = !setup;
  $('rankings-card').hidden = !['hq', 'supervisor', 'manager'].includes(s.role);
  if (!$('ranking-period').value) $('ranking-period').value = currentPeriod();
  try {
    render(await api('GET', `/api/stores/${encodeURIComponent(s.storeId)}/rankings?period=${encodeURIComponent($('ranking-period').value.trim())}`));
  } catch (e) { show('ranking-status', e.message, true); }
}

$('ranking-load').addEventListener('click', load);
$('ranking-run').addEventListener('click', async () => {
  try {
    render(await api('POST', `/api/stores/${encodeURIComponent(session().storeId)}/rankings/${encodeURIComponent($('ranking-period').value.trim())}/run`, { commandId: newId() }));
    show('ranking-result', '已排名 Ranked');
  } catch (e) { show('ranking-result', e.message, true); }
});
$('designer-facts').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  const count = name => (f[name].value === '' ? undefined : Number(f[name].value));
  try {
    await api('PUT', `/api/designers/${encodeURIComponent(f.designerId.value)}/facts/${encodeURIComponent($('ranking-period').value.trim())}`, {
      siteSatisfaction: count('siteSatisfaction'), phonedOwnCustomers: f.phonedOwnCustomers.checked, changeRequests: count('changeRequests'),
      disputes: count('disputes'), missedDuty: count('missedDuty'), absenceNotLogged: count('absenceNotLogged'), gamesAtWork: count('gamesAtWork'),
      phoneInMeetings: count('phoneInMeetings'), missedReview: count('missedReview'), lateEarlyAbsent: count('lateEarlyAbsent'),
    });
    show('ranking-result', '已保存 Saved');
    load();
  } catch (err) { show('ranking-result', err.message, true); }
});
$('rank-correction').addEventListener('submit', async e => {
  e.preventDefault();
  const f = e.target;
  try {
    const d = await api('PUT', `/api/designers/${encodeURIComponent(f.designerId.value)}/rank`, { rank: Number(f.rank.value), reason: f.reason.value || undefined });
    show('ranking-result', `名次 Rank ${d.rank}${d.rankCorrection ? ` (人工调整 corrected: ${d.rankCorrection})` : ''} · 持单上限 cap ${d.cap}`);
    load();
  } catch (err) { show('ranking-result', err.message, true); }
});

if (session().token) load();
