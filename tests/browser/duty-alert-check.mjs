// Drives the Debian chromium for BrowserDutyAlertTests: opens the wall display of a store resting today with nobody
// assigned, waits until the duty alert shows with the waiting walk-ins, screenshots and reports ALERT (in the status
// file); then waits for the test to write "ASSIGNED" into the command file and, without reloading, for the alert to go
// away, and reports CLEARED. Any failure exits non-zero with the reason on stderr.
import { chromium } from 'playwright-core';
import { readFile, appendFile } from 'node:fs/promises';

const [url, screenshot, commandFile, statusFile, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const report = line => appendFile(statusFile, line + '\n');
async function nextLine() {
  for (let i = 0; i < 600; i++) {
    try {
      const text = (await readFile(commandFile, 'utf8')).trim();
      if (text) return text;
    } catch { /* not written yet */ }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('no command from the test within 60 s');
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.body.dataset.connection === 'connected' && Number(document.body.dataset.sequence) > 0, null, { timeout: 30000 });
  await page.waitForFunction(() => {
    const alert = document.getElementById('duty-alert');
    return alert && !alert.hidden && alert.textContent.includes('Nobody on duty') && alert.textContent.includes('1 unassigned');
  }, null, { timeout: 30000 });
  if (!(await page.isVisible('#duty-alert'))) throw new Error('the duty alert is not visible');
  await page.screenshot({ path: screenshot });
  await report('ALERT ' + JSON.stringify({ alert: await page.textContent('#duty-alert'), errors }));

  if ((await nextLine()) !== 'ASSIGNED') throw new Error('expected ASSIGNED');
  await page.waitForFunction(() => document.getElementById('duty-alert').hidden, null, { timeout: 30000 });
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('CLEARED ' + JSON.stringify({ duty: await page.textContent('#duty') }));
} catch (error) {
  console.error(error && error.stack || String(error));
  await report('FAILED ' + String(error && error.message || error).split('\n')[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
