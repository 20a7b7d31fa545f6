// Drives the Debian chromium for BrowserConsoleTests: opens the staff console, signs in with a dev token as the given
// role/store/user, waits for the live board, reports READY (in the status file), then waits for the test to write
// "EXPECT <text>" into the command file and waits (without reloading) until the console's list of leads lost to another
// signer shows a line containing that text; screenshots and reports OK with the line. Any failure exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, role, storeId, userId, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, role, storeId, userId);
  await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected' && document.getElementById('seq').textContent.startsWith('#'), null, { timeout: 30000 });
  await report('READY');

  const [command, ...text] = (await nextLine()).split(' ');
  if (command !== 'EXPECT') throw new Error('unexpected command ' + command);
  const expected = text.join(' ');
  await page.waitForFunction(
    want => [...document.querySelectorAll('#owned-elsewhere li')].some(li => li.textContent.includes(want)),
    expected,
    { timeout: 30000 });
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const lines = await page.$$eval('#owned-elsewhere li', items => items.map(li => li.textContent));
  await report('OK ' + JSON.stringify({ lines, errors }));
});
