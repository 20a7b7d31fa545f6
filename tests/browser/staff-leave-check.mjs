// Drives the Debian chromium for BrowserStaffTests: opens the staff console as the store's supervisor, waits for the
// live board, records the given designer's leave in the staff panel (人员变动, accepting the confirmation) and waits
// until the panel lists the lead handed over and the live board no longer shows the designer's name; screenshots and
// reports OK with the panel's answer and the board's groups (in the status file). Any failure exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, designerId, designerName, leadId, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('dialog', dialog => dialog.accept());

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'supervisor', storeId, 'supervisor-' + storeId);
  await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected' && document.getElementById('seq').textContent.startsWith('#'), null, { timeout: 30000 });
  await page.waitForFunction(want => document.getElementById('groups').textContent.includes(want), designerName, { timeout: 30000 });

  await page.waitForSelector('#staff-card', { timeout: 30000 });
  await page.fill('#staff-user', designerId);
  await page.click('#staff-leave');
  await page.waitForFunction(want => document.getElementById('staff-result').textContent.includes(want), leadId, { timeout: 30000 }).catch(async e => {
    throw new Error(`${e.message}; panel: ${await page.textContent('#staff-card')}; errors: ${errors.join('; ')}`);
  });
  await page.waitForFunction(gone => !document.getElementById('groups').textContent.includes(gone), designerName, { timeout: 30000 }).catch(async e => {
    throw new Error(`${e.message}; board: ${await page.textContent('#groups')}`);
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('OK ' + JSON.stringify({ panel: await page.textContent('#staff-result'), board: await page.textContent('#groups') }));
});
