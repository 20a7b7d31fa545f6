// Drives the Debian chromium for BrowserDutyAlertTests: opens the wall display of a store resting today with nobody
// assigned, waits until the duty alert shows with the waiting walk-ins, screenshots and reports ALERT (in the status
// file); then waits for the test to write "ASSIGNED" into the command file and, without reloading, for the alert to go
// away, and reports CLEARED. Any failure exits non-zero with the reason on stderr.
import { check, handshake } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
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
});
