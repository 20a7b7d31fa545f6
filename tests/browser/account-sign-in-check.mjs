// Drives the Debian chromium for BrowserSignInTests: opens a staff page of a gateway without dev tokens, checks the dev
// form is hidden, signs in with a wrong password (the error shows), then with the bootstrap admin's first password,
// chooses a new one when asked, and waits until the page is signed in as HQ with its live connection up; reloads (the
// session survives); reports OK with the refresh token the page holds, then signs out and reports SIGNED-OUT.
import { check, handshake } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, userId, password, newPassword, storageKey, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#account-signin', { state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('signin').hidden, null, { timeout: 30000 });

  await page.fill('#account-signin input[name=userId]', userId);
  await page.fill('#account-signin input[name=password]', 'Not-The-Pass1');
  await page.click('#account-signin button[name=submit]');
  await page.waitForFunction(() => document.querySelector('#account-signin .account-error').textContent.includes('Wrong'), null, { timeout: 30000 });

  await page.fill('#account-signin input[name=password]', password);
  await page.click('#account-signin button[name=submit]');
  await page.waitForSelector('#account-signin input[name=newPassword]', { state: 'visible', timeout: 10000 });
  await page.fill('#account-signin input[name=newPassword]', newPassword);
  await page.click('#account-signin button[name=submit]');
  // Signed in as HQ, and where the page has a live connection (console, service board), connected.
  const signedIn = () => (document.getElementById('who')?.textContent ?? '').startsWith('hq')
    && (!document.getElementById('conn') || document.getElementById('conn').textContent === 'connected');
  await page.waitForFunction(signedIn, null, { timeout: 30000 });
  const who = await page.textContent('#who');
  if (!who.includes(userId)) throw new Error('signed in as ' + who);

  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(signedIn, null, { timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  const session = await page.evaluate(key => JSON.parse(sessionStorage.getItem(key)), storageKey);
  if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
  await report('OK ' + JSON.stringify({ who, refreshToken: session.refreshToken }));

  await page.click('#sign-out');
  // Signing out reloads the page: until the reloaded page has built its sign-in form there is no #sign-out at all.
  await page.waitForFunction(key => {
    const signOut = document.getElementById('sign-out');
    return !sessionStorage.getItem(key) && signOut !== null && signOut.hidden;
  }, storageKey, { timeout: 30000 });
  await report('SIGNED-OUT');
});
