// Drives the Debian chromium for BrowserDisplayPairingTests, with two pages: the wall display at /display (no store,
// nothing stored) and the staff console signed in (dev form) as the store's supervisor. It reports READY once the
// display shows the bilingual pairing screen; then the console's "显示屏 Displays" panel creates a code, which is typed
// once on the display; it waits for the paired store's board (live over the hub), reloads the display to prove the
// credential is kept, checks the console lists the display, screenshots and reports "PAIRED <displayId>". On "REVOKE"
// it revokes the display from the console and reports UNPAIRED once the display has forgotten its credential and shows
// the pairing screen again (the page re-checks every ?recheck= seconds). Any failure exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, phone, storeId, userId, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', e => errors.push('display: ' + String(e)));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#pairing input[name=code]', { state: 'visible', timeout: 30000 });
  const title = await page.textContent('#pairing h1');
  if (!title.includes('配对码') || !title.includes('Pairing code')) throw new Error('the pairing screen is not bilingual: ' + title);
  if (await page.getAttribute('body', 'data-connection')) throw new Error('the board connected before pairing');
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-screen.png') });
  await report('READY');

  const console_ = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  console_.on('pageerror', e => errors.push('console: ' + String(e)));
  await console_.goto(new URL('/console', url).toString(), { waitUntil: 'domcontentloaded' });
  await devSignIn(console_, 'supervisor', storeId, userId);
  await console_.waitForSelector('#displays-card', { state: 'visible', timeout: 30000 });
  await console_.click('#pairing-open');
  await console_.waitForFunction(() => /^[0-9]{6}$/.test(document.getElementById('pairing-code').textContent), null, { timeout: 30000 });
  const code = await console_.textContent('#pairing-code');
  const expiry = await console_.textContent('#pairing-expiry');
  if (!expiry.includes('Valid until')) throw new Error('the code is shown without its expiry: ' + expiry);

  await page.fill('#pairing input[name=code]', code);
  await page.fill('#pairing input[name=deviceName]', '浏览器测试 Browser test');
  await page.click('#pairing button');
  const boardShown = async () => {
    await page.waitForFunction(() => document.body.dataset.connection === 'connected' && Number(document.body.dataset.sequence) > 0, null, { timeout: 30000 });
    await page.waitForFunction(() => !document.getElementById('pairing') && document.querySelectorAll('#leads [data-lead]').length === 1, null, { timeout: 30000 });
  };
  await boardShown();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('crm-display') || 'null'));
  if (!stored || !stored.credential || !stored.displayId) throw new Error('no credential kept in localStorage');

  // A TV restarts: the kept credential shows the board again without the pairing screen.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await boardShown();
  if ((await page.textContent('body')).includes(phone)) throw new Error('the wall display shows a full phone number');
  await page.screenshot({ path: screenshot });

  await console_.click('#displays-load');
  await console_.waitForFunction(id => document.querySelector(`#displays tr[data-display="${id}"] button.revoke`) !== null, stored.displayId, { timeout: 30000 });
  await console_.screenshot({ path: screenshot.replace(/\.png$/, '-console.png'), fullPage: true });
  await report('PAIRED ' + stored.displayId);

  if ((await nextLine()) !== 'REVOKE') throw new Error('expected REVOKE');
  await console_.click(`#displays tr[data-display="${stored.displayId}"] button.revoke`);
  await console_.waitForFunction(id => document.querySelector(`#displays tr[data-display="${id}"]`)?.classList.contains('revoked'), stored.displayId, { timeout: 30000 });
  await page.waitForSelector('#pairing input[name=code]', { state: 'visible', timeout: 60000 });
  if (await page.evaluate(() => localStorage.getItem('crm-display'))) throw new Error('the revoked credential is still kept');
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('UNPAIRED');
});
