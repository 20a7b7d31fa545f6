// Drives the Debian chromium for BrowserDashboardTests: opens /dashboard/ without signing in (the gateway must send it
// to the sign-in page), signs in with the dev-token button, waits until the Orleans Dashboard shows at least one active
// silo from its own data requests, screenshots, and prints one JSON line with what it saw. Exits non-zero on failure.
import { launch } from './harness.mjs';

const [base, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const browser = await launch(executablePath);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = [];
try {
  page.on('pageerror', e => errors.push(String(e)));
  let silos = 0;
  const dataStatuses = new Set();
  page.on('response', async r => {
    if (!r.url().includes('/dashboard/DashboardCounters')) return;
    dataStatuses.add(r.status());
    try { silos = Math.max(silos, (await r.json()).totalActiveHostCount || 0); } catch { /* a redirect or a page */ }
  });

  await page.goto(new URL('/dashboard/', base).toString(), { waitUntil: 'domcontentloaded' });
  const signInUrl = new URL(page.url());
  if (signInUrl.pathname !== '/dashboard/sign-in') throw new Error('not sent to the sign-in page: ' + page.url());
  const signInTitle = await page.title();

  await Promise.all([page.waitForURL(u => u.pathname === '/dashboard/', { timeout: 30000 }), page.click('button[name=devToken]')]);
  await page.waitForFunction(() => document.body.textContent.includes('Active Silos'), null, { timeout: 30000 });
  for (let i = 0; i < 300 && silos < 1; i++) await page.waitForTimeout(100);
  if (silos < 1) throw new Error('the dashboard never counted an active silo; statuses ' + [...dataStatuses]);
  const cookieSeenByScript = (await page.evaluate(() => document.cookie)).includes('crm_dashboard');
  await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ signInTitle, title: await page.title(), silos, statuses: [...dataStatuses], cookieSeenByScript, errors }));
} catch (error) {
  console.error(error && error.stack || String(error));
  console.error(JSON.stringify({ url: page.url(), errors, body: (await page.evaluate(() => document.body.innerText).catch(() => '')).slice(0, 2000) }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
