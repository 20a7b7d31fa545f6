// Drives the Debian chromium for BrowserDisplayPairingTests: opens /display (no store, nothing stored) and reports READY
// once the bilingual pairing screen shows; waits for "CODE <digits>" from the test, types it once, waits for the board
// of the paired store (live over the hub), reloads to prove the credential is kept, screenshots and reports
// "PAIRED <displayId>"; then waits for "REVOKED" and reports UNPAIRED once the page has forgotten its credential and
// shows the pairing screen again (the page re-checks every ?recheck= seconds). Any failure exits non-zero.
import { check, handshake } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, phone, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#pairing input[name=code]', { state: 'visible', timeout: 30000 });
  const title = await page.textContent('#pairing h1');
  if (!title.includes('配对码') || !title.includes('Pairing code')) throw new Error('the pairing screen is not bilingual: ' + title);
  if (await page.getAttribute('body', 'data-connection')) throw new Error('the board connected before pairing');
  await report('READY');

  const command = await nextLine();
  const [verb, code] = command.split(' ');
  if (verb !== 'CODE') throw new Error('expected CODE, got ' + command);
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
  const text = await page.textContent('body');
  if (text.includes(phone)) throw new Error('the wall display shows a full phone number');
  await page.screenshot({ path: screenshot });
  await report('PAIRED ' + stored.displayId);

  if ((await nextLine(command)) !== 'REVOKED') throw new Error('expected REVOKED');
  await page.waitForSelector('#pairing input[name=code]', { state: 'visible', timeout: 60000 });
  const after = await page.evaluate(() => localStorage.getItem('crm-display'));
  if (after) throw new Error('the revoked credential is still kept');
  await report('UNPAIRED ' + JSON.stringify({ errors }));
});
