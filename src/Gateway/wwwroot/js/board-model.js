// A store's board kept current from a snapshot plus the events after it (each event carries replacement cards).

export const STATUS = {
  normal: { zh: '正常', en: 'Normal' },
  measured: { zh: '已量房', en: 'Measured' },
  deposit: { zh: '已交定金', en: 'Deposit' },
  keyFollowUp: { zh: '重点追踪', en: 'Key follow-up' },
  signed: { zh: '已签单', en: 'Signed' },
  invalid: { zh: '无效', en: 'Invalid' },
  lost: { zh: '流失', en: 'Lost' },
};

export const LEVEL = {
  senior: { zh: 'A6 资深', en: 'Senior' },
  style: { zh: '风格', en: 'Style' },
  finish: { zh: '精装', en: 'Finish' },
};

// A duty change may raise or clear the rest-day alert (nobody on duty) and move unassigned walk-ins: a fresh snapshot
// carries both exactly.
// staff-changed: a person left or moved (issue 16); groups, caps, queue and rotation all change.
const RESYNC_KINDS = new Set(['store-configured', 'season-changed', 'duty-changed', 'staff-changed']);
const CLOSED = new Set(['signed', 'invalid', 'lost']);
const MAX_TICKER = 30;

export class BoardModel {
  constructor() {
    this.board = null;
    this.leads = new Map();
  }

  applySnapshot(snapshot) {
    this.board = structuredClone(snapshot);
    this.board.unassigned = this.board.unassigned || [];
    this.leads = new Map();
    for (const lead of [...snapshot.queue, ...snapshot.todayLeads, ...this.board.unassigned]) this.leads.set(lead.leadId, lead);
  }

  /** Applies one event; returns 'resync' when only a fresh snapshot can represent it. */
  applyEvent(e) {
    const b = this.board;
    const c = e.change;
    if (!b) return 'resync';
    if (!c) return undefined;
    if (RESYNC_KINDS.has(c.kind)) return 'resync';

    if (c.lead) {
      this.leads.set(c.lead.leadId, c.lead);
      const i = b.todayLeads.findIndex(l => l.leadId === c.lead.leadId);
      if (i >= 0) b.todayLeads[i] = c.lead;
      else if (isSameDay(c.lead.registeredAt, b.date) || c.kind === 'visit-registered' || c.kind === 'lead-claimed') b.todayLeads.push(c.lead);
      const q = b.queue.findIndex(l => l.leadId === c.lead.leadId);
      if (q >= 0) b.queue[q] = c.lead;
      // Walk-ins registered while nobody is on duty wait without a manager until one is assigned.
      b.unassigned = b.unassigned.filter(l => l.leadId !== c.lead.leadId);
      if (!c.lead.managerId && !CLOSED.has(c.lead.status)) b.unassigned.push(c.lead);
    }
    if (c.designers) {
      for (const d of c.designers) {
        let found = false;
        for (const g of b.groups) {
          const i = g.designers.findIndex(x => x.designerId === d.designerId);
          if (i >= 0) { g.designers[i] = d; found = true; }
        }
        if (!found) return 'resync';
      }
    }
    if (c.queue) {
      const queue = c.queue.map(id => this.leads.get(id));
      if (queue.some(l => !l)) return 'resync';
      b.queue = queue;
    }
    if (c.dutyManagerId !== undefined && c.dutyManagerId !== null) {
      b.dutyManagerId = c.dutyManagerId;
      const g = b.groups.find(x => x.managerId === c.dutyManagerId);
      b.dutyManagerName = g ? g.managerName : c.dutyManagerId;
    }
    if (c.ticker) {
      b.ticker = [c.ticker, ...b.ticker.filter(t => !(t.leadId === c.ticker.leadId && t.at === c.ticker.at))].slice(0, MAX_TICKER);
    }
    return undefined;
  }

  designerName(designerId) {
    if (!designerId || !this.board) return '';
    for (const g of this.board.groups) for (const d of g.designers) if (d.designerId === designerId) return d.name;
    return designerId;
  }

  managerName(managerId) {
    if (!managerId || !this.board) return '';
    const g = this.board.groups.find(x => x.managerId === managerId);
    return g ? g.managerName : managerId;
  }
}

function isSameDay(at, date) {
  return typeof at === 'string' && typeof date === 'string' && at.slice(0, 10) === date;
}

/** Builds an element: h('div', { class: 'x', dataset: { id } }, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function pips(holding, cap) {
  const filled = Math.min(holding, cap);
  return '●'.repeat(filled) + '○'.repeat(Math.max(cap - filled, 0)) + (holding > cap ? '!' : '');
}

export function timeOf(at) {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
}
