// Drives the Debian chromium for BrowserDisplayTests: opens the wall display, reports READY (in the status file), then waits for
// the test to write "EXPECT <leadId> <text>" into the command file, waits (without reloading) until that lead's card
// shows the text, screenshots, and reports OK. Then it waits for "STALE", silences the hub (the socket stays open, but
// nothing the gateway sends reaches the page: a push that silently stopped) and reports STALE-OK once the page marks
// itself stale. Any failure exits non-zero with the reason on stderr.
import { check, handshake } from './harness.mjs';

const [url, screenshot, commandFile, statusFile, executablePath] = process.argv.slice(2);
const { report, nextLine } = handshake(commandFile, statusFile);

await check(executablePath, report, async browser => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // The hub's WebSocket passes through here, so the test can silence the gateway without closing the connection.
  let silenced = false;
  await page.routeWebSocket(/\/hubs\/board/, ws => {
    const server = ws.connectToServer();
    ws.onMessage(message => server.send(message));
    server.onMessage(message => { if (!silenced) ws.send(message); });
  });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  let navigations = 0;
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.body.dataset.connection === 'connected' && Number(document.body.dataset.sequence) > 0, null, { timeout: 30000 });
  await report('READY');

  const expectation = await nextLine();
  const [command, leadId, ...text] = expectation.split(' ');
  if (command !== 'EXPECT') throw new Error('unexpected command ' + command);
  const expected = text.join(' ');
  await page.waitForFunction(
    ([id, want]) => [...document.querySelectorAll(`#leads [data-lead="${id}"]`)].some(el => el.textContent.includes(want)),
    [leadId, expected],
    { timeout: 30000 });
  await page.waitForFunction(id => document.querySelector(`#ticker [data-lead="${id}"]`) !== null, leadId, { timeout: 30000 });
  if (navigations !== 1) throw new Error(`the page navigated ${navigations} times (a reload?)`);
  const banner = await page.isVisible('#banner');
  if (banner) throw new Error('the reconnecting banner is visible');
  await page.screenshot({ path: screenshot });
  const ticker = await page.textContent('#ticker');
  await report('OK ' + JSON.stringify({ ticker, errors }));

  // No news and no heartbeat any more: past the display's threshold (10 s) the board says since when it is stale.
  if ((await nextLine(expectation)) !== 'STALE') throw new Error('expected STALE');
  if (await page.getAttribute('body', 'data-stale') !== 'false') throw new Error('the board was stale before the news stopped');
  silenced = true;
  await page.waitForFunction(() => document.body.dataset.stale === 'true', null, { timeout: 40000 });
  const stale = await page.textContent('#stale');
  if (!(await page.isVisible('#stale')) || !/Stale since \d\d:\d\d/.test(stale)) throw new Error('no visible stale mark: ' + stale);
  await report('STALE-OK ' + JSON.stringify({ stale }));
});
