// Drives the Debian chromium for BrowserManagerScoreTests: opens the staff console as the store's supervisor, shows the
// quarter's account-manager scores (客户经理季度考核), reports READY with the manager's row, then answers the internal
// satisfaction survey about that manager on the console (every item "yes") and reports SUBMITTED with the row once the
// table shows the new total. Any failure (or a page error) exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, managerId, quarter, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'supervisor', storeId, 'sup-browser');
  const row = `#scores tr[data-manager="${managerId}"]`;
  await page.waitForFunction(() => document.querySelectorAll('#survey-items input[type=radio]').length > 0, null, { timeout: 30000 });
  await page.fill('#score-quarter', quarter);
  await page.click('#scores-load');
  await page.waitForSelector(row, { timeout: 30000 });
  const before = await page.textContent(row);
  await report('READY ' + before);

  await page.selectOption('#survey select[name=managerId]', managerId);
  await page.click('#survey button');
  await page.waitForFunction(() => document.getElementById('scores-result').textContent.includes('已提交'), null, { timeout: 30000 });
  await page.waitForFunction(([r, old]) => document.querySelector(r) && document.querySelector(r).textContent !== old, [row, before], { timeout: 30000 });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await page.screenshot({ path: screenshot, fullPage: true });
  await report('SUBMITTED ' + (await page.textContent(row)) + ' | ' + (await page.textContent('#scores-result')));
});
