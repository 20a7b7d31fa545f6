// Drives the Debian chromium for BrowserRankingTests: opens the staff console as the store's supervisor, waits for the
// live board, opens the designer ranking card for the given period and waits until the given designer's row shows the
// given score and the board shows the designer's rank marked as corrected ("*") with their grade; screenshots and
// reports OK with the row, the items and the board's line (in the status file). Any failure exits non-zero.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, period, designerId, score, boardText, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'supervisor', storeId, 'supervisor-' + storeId);
  await page.waitForFunction(() => document.getElementById('conn').textContent === 'connected' && document.getElementById('seq').textContent.startsWith('#'), null, { timeout: 30000 });
  await page.waitForFunction(want => document.getElementById('groups').textContent.includes(want), boardText, { timeout: 30000 });

  await page.fill('#ranking-period', period);
  await page.click('#ranking-load');
  const row = `#ranking-groups tr[data-designer="${designerId}"]`;
  await page.waitForFunction(([selector, want]) => {
    const cell = document.querySelector(selector + ' td.score');
    return cell && cell.textContent === want;
  }, [row, score], { timeout: 30000 }).catch(async e => {
    throw new Error(`${e.message}; ranking: ${await page.textContent('#rankings-card')}; errors: ${errors.join('; ')}`);
  });
  if (!(await page.isVisible('#ranking-run'))) throw new Error('a supervisor should see "Run now"');
  if (!(await page.isVisible('#designer-facts'))) throw new Error('a supervisor should see the facts form');
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('OK ' + JSON.stringify({
    row: await page.textContent(row),
    status: await page.textContent('#ranking-status'),
    board: await page.textContent('#groups'),
  }));
});
