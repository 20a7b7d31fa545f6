// Drives the Debian chromium for BrowserRepairCallbackTests: signs in on the staff console as a store's customer service
// with a dev token, waits until "My tasks" lists the given repair callback (a team task, service:{storeId}), presses its
// Problem button answering the two prompts (department, what the customer said), and reports RAISED once the list shows
// the re-check call the problem started — without a reload.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, callbackId, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });
  const answers = ['construction', '瓷砖空鼓 hollow tiles'];
  page.on('dialog', d => d.accept(answers.length ? answers.shift() : ''));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'service', storeId, 'cs-browser');
  const row = `#tasks tr[data-task="${callbackId}"]`;
  try {
    await page.waitForSelector(row, { timeout: 30000 });
  } catch (e) {
    throw new Error(`callback not listed: result='${await page.textContent('#tasks-result')}' errors=${errors.join('; ')}`);
  }
  await report('READY ' + JSON.stringify({ row: await page.textContent(row) }));

  await page.click(`${row} button:has-text("Problem")`);
  const recheck = callbackId.replace(/-call$/, '-recheck');
  await page.waitForSelector(`#tasks tr[data-task="${recheck}"]`, { timeout: 30000 });
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await report('RAISED ' + JSON.stringify({ result: await page.textContent('#tasks-result'), rows: await page.$$eval('#tasks tr', r => r.map(x => x.dataset.task).filter(Boolean)) }));
});
