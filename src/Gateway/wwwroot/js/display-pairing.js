// Wall-display pairing (issue 16): a TV opened at /display with no credential shows a bilingual pairing screen; the
// six-digit code from the console's "显示屏 Displays" panel is typed once, the credential is kept in localStorage, and
// the page checks it every so often (default 30 s; ?recheck=<seconds> for tests): once revoked (401) it forgets the
// credential and shows the pairing screen again. The dev-token path of /display/{storeId} is untouched.
const KEY = 'crm-display';
const params = new URLSearchParams(location.search);
const recheckMs = Math.max(1, Number(params.get('recheck')) || 30) * 1000;

/** The stored pairing ({ credential, storeId, displayId, deviceName }), or null. */
export function storedPairing() {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) || 'null');
    return p && typeof p.credential === 'string' && typeof p.storeId === 'string' ? p : null;
  } catch {
    return null;
  }
}

function forget() {
  localStorage.removeItem(KEY);
}

/**
 * The pairing the page should use: null when it runs on a ?token= or the dev-token path (a store in the URL and no
 * stored pairing for it); otherwise the stored one, or the one the pairing screen gets (the promise waits for it).
 */
export async function pairedDisplay(pathStoreId) {
  if (params.get('token')) return null;
  const stored = storedPairing();
  if (stored && (!pathStoreId || stored.storeId === pathStoreId)) return watch(stored);
  if (pathStoreId) return null;
  return watch(await pairingScreen());
}

function watch(pairing) {
  document.body.dataset.pairing = 'paired';
  window.crmDisplayPairing = { displayId: pairing.displayId, storeId: pairing.storeId, recheckMs };
  const check = async () => {
    try {
      const response = await fetch('/api/displays/me', { headers: { authorization: 'Bearer ' + pairing.credential } });
      // Only a refusal of the credential unpairs the screen: an outage (5xx, no network) keeps it up and stale.
      if (response.status === 401) {
        forget();
        location.reload();
      }
    } catch {
      // Offline: ask again next time.
    }
  };
  setInterval(check, recheckMs);
  check();
  return pairing;
}

function style() {
  const css = document.createElement('style');
  css.textContent = `
    #pairing { position: fixed; inset: 0; z-index: 100; display: flex; align-items: center; justify-content: center;
      background: #10141c; color: #f4f6fb; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; }
    #pairing form { display: flex; flex-direction: column; gap: 24px; align-items: center; text-align: center; }
    #pairing h1 { font-size: 72px; margin: 0; }
    #pairing p { font-size: 28px; margin: 0; color: #b8c0d0; max-width: 1200px; }
    #pairing input[name=code] { font-size: 120px; width: 6.5ch; text-align: center; letter-spacing: 0.2em; font-family: ui-monospace, monospace;
      background: #1d2431; color: #fff; border: 3px solid #4d6eff; border-radius: 16px; padding: 8px 24px; }
    #pairing label { font-size: 28px; }
    #pairing input[name=deviceName] { font-size: 28px; background: #1d2431; color: #fff; border: 1px solid #56607a; border-radius: 8px; padding: 6px 12px; }
    #pairing button { font-size: 36px; padding: 12px 48px; border-radius: 12px; border: 0; background: #4d6eff; color: #fff; cursor: pointer; }
    #pairing .pairing-error { color: #ff8a80; font-size: 28px; min-height: 1.2em; white-space: pre-line; }`;
  document.head.append(css);
}

function pairingScreen() {
  style();
  document.body.dataset.pairing = 'shown';
  const overlay = document.createElement('div');
  overlay.id = 'pairing';
  overlay.innerHTML = `
    <form autocomplete="off">
      <h1>配对码 <span>Pairing code</span></h1>
      <p>在员工控制台「显示屏 Displays」生成配对码，在此输入 6 位数字（10 分钟内有效，只能使用一次）。<br>
         Create a code in the staff console (显示屏 Displays) and type its six digits here (valid 10 minutes, once).</p>
      <input name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autofocus aria-label="配对码 Pairing code">
      <label>设备名称 Device name <input name="deviceName" maxlength="100" required value="显示屏 Wall display"></label>
      <button>配对 Pair</button>
      <div class="pairing-error" role="alert"></div>
    </form>`;
  document.body.append(overlay);
  const form = overlay.querySelector('form');
  const error = overlay.querySelector('.pairing-error');
  return new Promise(resolve => {
    form.addEventListener('submit', async e => {
      e.preventDefault();
      error.textContent = '';
      const code = form.code.value.trim();
      try {
        const response = await fetch(`/api/display-pairings/${encodeURIComponent(code)}/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ deviceName: form.deviceName.value.trim() }),
        });
        const body = await response.json().catch(() => null);
        if (!response.ok) {
          const reason = { 404: '配对码不存在 Unknown code', 410: '配对码已过期或已使用 Code expired or already used', 429: '尝试次数过多，请稍后再试 Too many attempts, try again later' }[response.status] || `HTTP ${response.status}`;
          error.textContent = reason + (body && body.detail ? '\n' + body.detail : '');
          return;
        }
        const pairing = { credential: body.credential, storeId: body.storeId, displayId: body.displayId, deviceName: form.deviceName.value.trim() };
        localStorage.setItem(KEY, JSON.stringify(pairing));
        overlay.remove();
        resolve(pairing);
      } catch (err) {
        error.textContent = '网络错误 Network error: ' + (err && err.message || err);
      }
    });
  });
}
