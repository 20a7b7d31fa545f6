// What every browser check shares: the Debian chromium launched headless, and the file handshake with its test (the test
// writes commands into the command file; the script appends status lines — READY, OK …, FAILED <reason> — to the status
// file). Files rather than stdio: simple to poll, and immune to pipe buffering.
import { chromium } from 'playwright-core';
import { readFile, appendFile } from 'node:fs/promises';

export const launch = (executablePath = '/usr/bin/chromium') => chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

/** The handshake over the two files: report(line) appends a status line; nextLine(previous) waits for a new command. */
export function handshake(commandFile, statusFile) {
  const report = line => appendFile(statusFile, line + '\n');
  async function nextLine(previous = '') {
    for (let i = 0; i < 600; i++) {
      try {
        const text = (await readFile(commandFile, 'utf8')).trim();
        if (text && text !== previous) return text;
      } catch { /* not written yet */ }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('no command from the test within 60 s');
  }
  return { report, nextLine };
}

/** Runs a check with a launched browser: a failure is reported (FAILED …), printed and makes the exit code non-zero. */
export async function check(executablePath, report, body) {
  const browser = await launch(executablePath);
  try {
    await body(browser);
  } catch (error) {
    console.error(error && error.stack || String(error));
    if (report) await report('FAILED ' + String(error && error.message || error).split('\n')[0]);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

/** Signs a staff page in through its dev-token form (role, store, user); the caller waits for what the page shows then. */
export async function devSignIn(page, role, storeId, userId) {
  await page.selectOption('#signin select[name=role]', role);
  if (storeId != null) await page.fill('#signin input[name=storeId]', storeId); // '' clears the page's default store
  await page.fill('#signin input[name=userId]', userId);
  await page.click('#signin button');
}
