// Drives the Debian chromium for BrowserConsoleRoleTests: each role's main flow on the staff console at one screen size
// (desktop 1440×900 or phone 390×844), without a reload, by mouse and by keyboard:
//   front desk registers a walk-in and sees it among today's registrations;
//   the manager opens it from "my leads" with the keyboard (Enter), sees only the actions its state allows (no contract
//   without a deposit), dispatches it (the result and the timeline name the designer, never an id), records a
//   follow-up, and sees a lost connection shown and recovered;
//   the designer sees the lead they hold, in full, and their slots;
//   then (after the test writes "SUPERVISOR <queuedLeadId> <faultSlipLeadId>") the supervisor sees the queue, the fault
//   slip in names and the escalations, and opens the queued lead.
// On a phone nothing may scroll sideways and the main controls stay inside the screen. Screenshots: one per role
// (<screenshot>-<role>.png) and the supervisor's as <screenshot>. Status lines: READY-less; ROLES-OK, then OK.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, managerId, size, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);
const phone = size === 'phone';
const viewport = phone ? { width: 390, height: 844 } : { width: 1440, height: 900 };
const shot = role => screenshot.replace(/\.png$/, `-${role}.png`);
const DESIGNERS = ['李设计', '陈设计', '赵设计'];
const customer = phone ? '林女士' : '高先生';
const customerPhone = '137' + String(Math.floor(Math.random() * 90_000_000) + 10_000_000);

await check(executablePath, report, async browser => {
  const errors = [];

  async function open(role, userId, { routeHub } = {}) {
    const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone, deviceScaleFactor: phone ? 2 : 1 });
    const page = await context.newPage();
    page.on('pageerror', e => errors.push(`${role}: ${e}`));
    page.navigations = 0;
    page.on('framenavigated', f => { if (f === page.mainFrame()) page.navigations++; });
    if (routeHub) {
      // The hub's socket passes through here, so the test can cut it as a lost network would.
      page.sockets = [];
      await page.routeWebSocket(/\/hubs\/board/, ws => {
        const server = ws.connectToServer();
        ws.onMessage(m => server.send(m));
        server.onMessage(m => ws.send(m));
        page.sockets.push(ws);
      });
    }
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await devSignIn(page, role, storeId, userId);
    await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected' && document.getElementById('seq').textContent.startsWith('#'), null, { timeout: 30000 });
    await page.waitForFunction(() => !document.getElementById('my-work').hidden && document.getElementById('my-work-body').children.length > 0, null, { timeout: 30000 });
    return page;
  }

  const text = (page, selector) => page.$eval(selector, el => el.textContent);
  const visible = (page, selector) => page.$eval(selector, el => !el.closest('[hidden]') && el.getClientRects().length > 0);
  async function waitText(page, selector, want) {
    await page.waitForFunction(([s, w]) => { const el = document.querySelector(s); return el && el.textContent.includes(w); }, [selector, want], { timeout: 30000 })
      .catch(async () => { throw new Error(`${selector} never showed "${want}": ${await text(page, selector).catch(() => '(missing)')}`); });
  }
  // A phone shows the page without sideways scrolling, with the control fully on screen (scrolled to).
  async function fits(page, role, selectors) {
    if (!phone) return;
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) throw new Error(`${role}: the page is ${wide}px wider than the phone screen`);
    for (const selector of selectors) {
      await page.locator(selector).first().scrollIntoViewIfNeeded();
      const box = await page.locator(selector).first().boundingBox();
      if (!box || box.x < 0 || box.x + box.width > viewport.width + 1) throw new Error(`${role}: ${selector} is not inside the screen: ${JSON.stringify(box)}`);
    }
  }

  // Front desk 前台: registers the walk-in; it is at the top of today's registrations.
  const desk = await open('frontdesk', 'fd-1');
  await fits(desk, 'frontdesk', ['#visit button', '#visit input[name=phone]', '#my-work-load']);
  await desk.fill('#visit input[name=name]', customer);
  await desk.fill('#visit input[name=phone]', customerPhone);
  await desk.click('#visit button');
  await waitText(desk, '#visit-result', '登记成功');
  const leadId = (await text(desk, '#visit-result')).match(/lead (\S+)/)[1];
  await desk.waitForSelector(`#my-leads li[data-lead="${leadId}"]`, { timeout: 30000 });
  await waitText(desk, `#my-leads li[data-lead="${leadId}"]`, customer);
  await desk.screenshot({ path: shot('frontdesk'), fullPage: !phone });

  // Manager 客户经理: opens the lead from my leads with the keyboard.
  const manager = await open('manager', managerId, { routeHub: true });
  const row = manager.locator(`#my-leads li[data-lead="${leadId}"]`);
  await row.waitFor({ timeout: 30000 });
  await row.focus();
  await manager.keyboard.press('Enter');
  await waitText(manager, '#lead', customer);
  await manager.waitForFunction(() => document.querySelector('#timeline li[data-kind=registered]') !== null, null, { timeout: 30000 });
  if (!(await visible(manager, '#dispatch'))) throw new Error('no dispatch button on a fresh lead');
  if (await visible(manager, '#contract')) throw new Error('a contract button on a lead without a deposit');
  if (await visible(manager, '#deposit-refunded')) throw new Error('a refund button for a manager');
  await fits(manager, 'manager', ['#dispatch', '#my-leads li']);
  await manager.click('#dispatch');
  await waitText(manager, '#action-result', 'dispatched');
  const result = await text(manager, '#action-result');
  if (!DESIGNERS.some(n => result.includes(n))) throw new Error('the dispatch result names no designer: ' + result);
  await manager.waitForSelector('#timeline li[data-kind=dispatched]', { timeout: 30000 });
  const dispatched = await text(manager, '#timeline li[data-kind=dispatched]');
  if (!DESIGNERS.some(n => dispatched.includes(n)) || dispatched.includes(`${storeId}-d`)) throw new Error('the timeline does not explain the dispatch in names: ' + dispatched);
  if (await visible(manager, '#dispatch')) throw new Error('a dispatch button on a dispatched lead');
  if (!(await visible(manager, '#deposit')) || await visible(manager, '#contract')) throw new Error('deposit/contract offered wrongly after the dispatch');
  await fits(manager, 'manager', ['#follow', '#followup']);
  await manager.fill('#followup', '客户周六来量房 measurement on Saturday');
  await manager.click('#follow');
  await waitText(manager, '#action-result', '回访已记录');
  await waitText(manager, '#timeline li[data-kind=follow-up]', '客户周六来量房');
  await waitText(manager, `#my-leads li[data-lead="${leadId}"]`, '0 天未回访');

  // A lost connection is shown, and the console recovers by itself.
  await manager.sockets.at(-1).close({ code: 1011, reason: 'network lost (test)' });
  await manager.waitForFunction(() => !document.getElementById('banner').hidden, null, { timeout: 15000 });
  const banner = await text(manager, '#banner');
  await manager.waitForFunction(() => document.getElementById('banner').hidden && document.getElementById('conn').textContent === 'connected', null, { timeout: 30000 });
  await manager.screenshot({ path: shot('manager'), fullPage: !phone });

  // Designer 设计师: the lead they hold, in full, and their slots.
  const designerId = await manager.evaluate(async id => {
    const s = JSON.parse(sessionStorage.getItem('crm-console'));
    const r = await fetch(`/api/leads/${encodeURIComponent(id)}/timeline`, { headers: { authorization: 'Bearer ' + s.token } });
    return (await r.json()).lead.designerId;
  }, leadId);
  const designer = await open('designer', designerId);
  await waitText(designer, `#my-leads li[data-lead="${leadId}"]`, customerPhone);
  await waitText(designer, '#my-slots', '持单 holding 1 /');
  await designer.click(`#my-leads li[data-lead="${leadId}"]`);
  await designer.waitForFunction(() => document.getElementById('lead-card').dataset.actions === 'refuse follow-up', null, { timeout: 30000 })
    .catch(async () => { throw new Error('designer actions: ' + await designer.$eval('#lead-card', el => el.dataset.actions)); });
  await fits(designer, 'designer', ['#follow', '#my-slots']);
  await designer.screenshot({ path: shot('designer'), fullPage: !phone });
  for (const page of [desk, manager, designer]) if (page.navigations !== 1) throw new Error(`a page navigated ${page.navigations} times (a reload?)`);
  await report('ROLES-OK ' + JSON.stringify({ leadId, designerId, banner }));

  // Supervisor 主管: the queue, the fault slips (in names) and the escalations.
  const [command, queued, slipLead] = (await nextLine()).split(' ');
  if (command !== 'SUPERVISOR') throw new Error('unexpected command ' + command);
  const supervisor = await open('supervisor', 'sup-1');
  await supervisor.waitForSelector(`#my-queue li[data-lead="${queued}"]`, { timeout: 30000 });
  await waitText(supervisor, `#my-slips li[data-lead="${slipLead}"]`, '赵设计');
  const slip = await text(supervisor, `#my-slips li[data-lead="${slipLead}"]`);
  if (slip.includes(`${storeId}-d`)) throw new Error('the fault slip shows designer ids: ' + slip);
  await supervisor.waitForSelector('#my-escalations-part', { timeout: 30000 });
  await supervisor.focus(`#my-queue li[data-lead="${queued}"]`);
  await supervisor.keyboard.press('Enter');
  await supervisor.waitForFunction(id => document.getElementById('lead-id').value === id && !document.getElementById('dispatch').hidden, queued, { timeout: 30000 });
  await fits(supervisor, 'supervisor', ['#my-queue li', '#dispatch']);
  if (supervisor.navigations !== 1) throw new Error('the supervisor page navigated (a reload?)');
  await supervisor.screenshot({ path: screenshot, fullPage: !phone });
  if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
  await report('OK ' + JSON.stringify({ slip }));
});
