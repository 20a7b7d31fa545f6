// Drives the Debian chromium for BrowserHqTests: signs in on the HQ reports page (/hq) as head office with a dev token,
// picks the test's store in the scope, waits until the leads chart holds that store's weeks and its canvas is painted,
// and reports DRAWN with what the chart shows (labels, the leads per week, painted pixels), the table's text and the
// register export it downloaded.
import { check, handshake, devSignIn } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, storeId, executablePath] = process.argv.slice(2);
const { report } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1400 }, acceptDownloads: true });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await devSignIn(page, 'hq', null, 'hq-browser');
  try {
    await page.waitForSelector(`#scope-store option[value="${storeId}"]`, { state: 'attached', timeout: 30000 });
  } catch (e) {
    throw new Error(`no report: result='${await page.textContent('#result')}' errors=${errors.join('; ')}`);
  }
  await page.selectOption('#scope-store', storeId);
  await page.waitForFunction(() => {
    const chart = window.hqCharts && window.hqCharts['chart-leads'];
    return chart && chart.data.datasets[0].data.some(n => n > 0);
  }, null, { timeout: 30000 });

  const drawn = await page.evaluate(() => {
    const chart = window.hqCharts['chart-leads'];
    const canvas = document.getElementById('chart-leads');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return {
      type: chart.config.type,
      labels: chart.data.labels,
      leads: chart.data.datasets[0].data,
      datasets: chart.data.datasets.map(d => d.label),
      rates: window.hqCharts['chart-rates'].data.datasets.map(d => d.data.at(-1)),
      width: canvas.width,
      painted,
      totals: document.getElementById('totals').textContent,
    };
  });
  // The register export: fetched with the token and handed to the browser as a download.
  await page.fill('#export-store', storeId);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#export-register button')]);
  await page.waitForFunction(() => document.getElementById('export-result').textContent.includes('已导出'), null, { timeout: 30000 });
  drawn.exported = { file: download.suggestedFilename(), result: await page.textContent('#export-result') };
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  await report('DRAWN ' + JSON.stringify(drawn));
});
