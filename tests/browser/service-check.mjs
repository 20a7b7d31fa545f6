// Drives the Debian chromium for BrowserServiceTests: signs in on the complaints board (/service) as a store's customer
// service with a dev token and reports READY once the live hub is connected; waits for the test to write
// "FILED <complaintId>", then for that complaint to appear without a reload (SHOWN, screenshot); records the
// department-notified step through the page's buttons and dialogs and reports STEPPED once the row shows it done.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });
  const answers = [];
  page.on('dialog', d => d.accept(answers.length ? answers.shift() : ''));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'service', storeId, 'cs-browser');
  try {
    await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected', null, { timeout: 30000 });
  } catch (e) {
    throw new Error(`not connected: conn='${await page.textContent('#conn')}' result='${await page.textContent('#step-result')}' errors=${errors.join('; ')}`);
  }
  await report('READY');

  const command = await nextLine();
  if (!command.startsWith('FILED ')) throw new Error('expected FILED <complaintId>');
  const id = command.slice('FILED '.length);
  const row = `tr[data-complaint="${id}"]`;
  await page.waitForSelector(row, { timeout: 30000 });
  await page.screenshot({ path: screenshot });
  await report('SHOWN ' + JSON.stringify({ row: await page.textContent(row) }));

  answers.push('工程部', '李工', '已派人');
  await page.click(`${row} button:has-text("通知部门")`);
  await page.waitForFunction(sel => document.querySelector(sel)?.querySelectorAll('td.due.done').length === 1, row, { timeout: 30000 });
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('STEPPED ' + JSON.stringify({ row: await page.textContent(row) }));
});
