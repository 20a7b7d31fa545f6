// Drives the Debian chromium for BrowserSearchTests: opens the staff console, signs in with a dev token as the given
// role/store/user, types the given partial phone into the search box, waits for a lead result with the expected lead
// id, clicks it and waits until the console's lead card shows that lead (no page reload); screenshots and reports OK
// with the result lines and the lead card's text. Any failure exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, role, storeId, userId, query, leadId, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, role, storeId, userId);
  await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected', null, { timeout: 30000 });

  await page.fill('#search-q', query);
  await page.press('#search-q', 'Enter');
  const result = `#search-results li.search-lead[data-lead-id="${leadId}"] button`;
  await page.waitForSelector(result, { timeout: 30000 });
  const lines = await page.$$eval('#search-results li', items => items.map(li => li.textContent));
  await page.click(result);
  await page.waitForFunction(id => document.getElementById('lead-id').value === id && document.getElementById('lead').textContent.trim().length > 0, leadId, { timeout: 30000 });
  const lead = await page.textContent('#lead');
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await report('OK ' + JSON.stringify({ lines, lead, errors }));
});
