// Drives the Debian chromium for BrowserOidcSignInTests: opens a staff page (console, /service, /hq) of a gateway with Auth:Accounts = oidc and no
// dev tokens, checks that only the company sign-in button is offered, clicks it, signs in at the test's provider with an
// employee id, and waits until the page is back, signed in with the role and store the gateway read from the provider's
// token, its live board connected; calls the API from the page; reloads (the session survives); reports OK. Then waits
// for the access token to be renewed (refresh token) and calls the API with the new one (RENEWED); signs out through
// the provider and reports SIGNED-OUT once the page is back, signed out.
import { check, handshake } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, userId, role, whoStore, boardStore, storageKey, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const provider = [];
  // Navigations to the provider (requests, so redirects the browser only passes through count too).
  page.on('request', r => { if (r.isNavigationRequest() && !r.url().startsWith(new URL(url).origin)) provider.push(r.url()); });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#oidc-sign-in', { state: 'visible', timeout: 30000 });
  if (!(await page.evaluate(() => document.getElementById('signin').hidden && document.getElementById('account-signin').hidden))) {
    throw new Error('the password or dev form is offered in oidc mode');
  }

  await page.click('#oidc-sign-in');
  await page.waitForSelector('#provider-login', { timeout: 30000 });
  await page.fill('#provider-login input[name=login_user]', userId);
  await page.click('#provider-login button[type=submit]');

  // Null-safe: while the browser is still at the provider (or passing through the callback) there is no #who.
  const signedIn = ([role, storeId]) => document.getElementById('who') !== null
    && document.getElementById('who').textContent.startsWith(role)
    && document.getElementById('who').textContent.includes(storeId)
    && (!document.getElementById('conn') || document.getElementById('conn').textContent === 'connected')
    && (!document.getElementById('seq') || document.getElementById('seq').textContent.startsWith('#'));
  await page.waitForFunction(signedIn, [role, whoStore], { timeout: 30000 });
  const who = await page.textContent('#who');
  if (!who.includes(userId)) throw new Error('signed in as ' + who);
  if (page.url() !== url) throw new Error('the page kept the code in its address: ' + page.url());
  if (!provider.some(u => u.includes('/connect/authorize'))) throw new Error('the browser never went to the provider: ' + provider.join(' '));

  // The page's bearer (the provider's access token) opens the API.
  const boardStatus = ([key, store]) => fetch(`/api/stores/${encodeURIComponent(store)}/board`, {
    headers: { authorization: 'Bearer ' + JSON.parse(sessionStorage.getItem(key)).token },
  }).then(r => r.status);
  const status = await page.evaluate(boardStatus, [storageKey, boardStore]);
  if (status !== 200) throw new Error('the board answered ' + status);

  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(signedIn, [role, whoStore], { timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  const session = await page.evaluate(key => JSON.parse(sessionStorage.getItem(key)), storageKey);
  if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
  await report('OK ' + JSON.stringify({ who, status, token: session.token }));

  // oidc-client-ts renews the token a minute before it expires (the test's provider gives it little more than that).
  await page.waitForFunction(([key, old]) => JSON.parse(sessionStorage.getItem(key)).token !== old, [storageKey, session.token], { timeout: 50000 });
  const renewedStatus = await page.evaluate(boardStatus, [storageKey, boardStore]);
  if (renewedStatus !== 200) throw new Error('the board answered ' + renewedStatus + ' to the renewed token');
  const renewed = await page.evaluate(key => JSON.parse(sessionStorage.getItem(key)).token, storageKey);
  await report('RENEWED ' + JSON.stringify({ token: renewed }));

  provider.length = 0;
  await page.click('#sign-out');
  // Through the provider's end-session endpoint and back to the page, signed out.
  await page.waitForFunction(key => !sessionStorage.getItem(key)
    && document.getElementById('oidc-sign-in') !== null && !document.getElementById('oidc-sign-in').hidden
    && document.getElementById('who') !== null && document.getElementById('who').textContent === '', storageKey, { timeout: 30000 });
  if (page.url() !== url) throw new Error('signed out to ' + page.url());
  if (!provider.some(u => u.includes('/connect/endsession'))) throw new Error('sign-out never went to the provider: ' + provider.join(' '));
  await report('SIGNED-OUT');
});
