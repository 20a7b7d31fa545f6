// Drives the Debian chromium for BrowserDisplayLayoutTests: opens the wall display at 1920×1080 and at 1366×768 with the
// browser in a time zone other than the store's (the test names both), and checks that the title (the store's name)
// and the duty line do not overlap and are on the screen, and that the clock shows the store's local time, not the
// screen's. Screenshots <screenshot> (1920×1080) and <screenshot>-1366.png; reports OK with what it measured.
import { check } from './harness.mjs';
import { appendFile } from 'node:fs/promises';

const [url, screenshot, , statusFile, storeZone, browserZone, executablePath] = process.argv.slice(2);
const report = line => appendFile(statusFile, line + '\n');

await check(executablePath, report, async browser => {
  const measured = [];
  for (const [width, height, path] of [[1920, 1080, screenshot], [1366, 768, screenshot.replace(/\.png$/, '-1366.png')]]) {
    const context = await browser.newContext({ viewport: { width, height }, timezoneId: browserZone });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.body.dataset.connection === 'connected' && Number(document.body.dataset.sequence) > 0, null, { timeout: 30000 });
    await page.waitForFunction(() => document.getElementById('clock').dataset.timeZone && document.getElementById('duty').textContent !== '—', null, { timeout: 30000 });

    const boxes = await page.evaluate(() => {
      const rect = s => { const r = document.querySelector(s).getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
      return { title: rect('.top .store'), duty: rect('.top .duty'), clock: rect('#clock'), screen: { width: window.innerWidth, height: window.innerHeight } };
    });
    const { title, duty, clock, screen } = boxes;
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    if (overlap(title, duty)) throw new Error(`${width}×${height}: the title overlaps the duty line ${JSON.stringify(boxes)}`);
    if (overlap(duty, clock)) throw new Error(`${width}×${height}: the duty line overlaps the clock ${JSON.stringify(boxes)}`);
    for (const [name, r] of Object.entries({ title, duty, clock })) {
      if (r.left < 0 || r.top < 0 || r.right > screen.width + 0.5 || r.bottom > screen.height + 0.5 || r.right - r.left < 10) {
        throw new Error(`${width}×${height}: the ${name} is not on the screen ${JSON.stringify(boxes)}`);
      }
    }

    // The store's time, read around the clock's own reading (a minute may turn meanwhile); never the browser's.
    const reading = await page.evaluate(zone => {
      const format = z => new Intl.DateTimeFormat('zh-CN', { timeZone: z, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
      const before = format(zone);
      const shown = document.getElementById('clock').textContent;
      return { before, shown, after: format(zone), local: format(undefined), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    }, storeZone);
    if (!reading.shown.includes(reading.before) && !reading.shown.includes(reading.after)) throw new Error(`${width}×${height}: the clock does not show the store's time ${JSON.stringify(reading)}`);
    if (reading.shown.includes(reading.local)) throw new Error(`${width}×${height}: the clock shows the screen's own time ${JSON.stringify(reading)}`);
    if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
    await page.screenshot({ path });
    measured.push({ width, height, boxes, reading });
    await context.close();
  }
  await report('OK ' + JSON.stringify(measured));
});
