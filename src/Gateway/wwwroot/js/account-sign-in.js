// Sign-in of the staff pages (console, service board, /hq) with a built-in account (issue 16): user id and password for a
// short-lived access token and a refresh token (POST /api/auth/token); a first sign-in asks for the person's own
// password (POST /api/auth/password); the access token is renewed before it expires (POST /api/auth/refresh) and
// signing out revokes the refresh token (POST /api/auth/sign-out). The development form (any role, dev tokens) stays
// on the page only when the gateway hands out dev tokens (GET /api/auth/config). With Auth:Accounts = oidc the password
// form gives way to the company sign-in button of oidc-sign-in.js (the chain's provider).

/** The claims of a JWT (read, not checked: the gateway checks every call). */
export function claimsOf(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(atob(part).split('').map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

async function post(path, body, token) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const reasons = data && data.errors ? Object.values(data.errors).flat().join(' ') : '';
    const error = new Error(response.status === 429
      ? `账户已锁定 Account locked (${reasons || data?.detail || ''})`
      : response.status === 401 ? `用户名或密码错误 Wrong user id or password` : (reasons || data?.detail || `HTTP ${response.status}`));
    error.status = response.status;
    throw error;
  }
  return data;
}

/**
 * Adds the password form to the page's header, wires the development form, and keeps <session> signed in.
 * storageKey: where the page keeps its session; onSignedIn: called once the session holds a usable token;
 * onError: shows a failed development sign-in.
 */
export function mountAccountSignIn({ session, storageKey, onSignedIn, onError = e => alert(e.message) }) {
  const devForm = document.getElementById('signin');
  const form = document.createElement('form');
  form.id = 'account-signin';
  form.className = 'inline';
  form.innerHTML = `
    <label>账号 User ID <input name="userId" autocomplete="username" size="12" required></label>
    <label>密码 Password <input name="password" type="password" autocomplete="current-password" size="10" required></label>
    <label class="new-password" hidden>新密码 New password <input name="newPassword" type="password" autocomplete="new-password" size="10"></label>
    <button name="submit">登录 Sign in</button>
    <span class="account-error" role="alert"></span>`;
  const signOut = document.createElement('button');
  signOut.id = 'sign-out';
  signOut.type = 'button';
  signOut.textContent = '退出 Sign out';
  signOut.hidden = !(session.refreshToken || session.oidc);
  devForm.after(form, signOut);
  const error = form.querySelector('.account-error');
  let pending = null; // the first sign-in's token pair, while the person chooses their own password
  let timer = null;

  const save = () => sessionStorage.setItem(storageKey, JSON.stringify(session));
  function adopt(tokens) {
    const claims = claimsOf(tokens.accessToken);
    Object.assign(session, {
      token: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000,
      role: claims.role, storeId: claims.store_id || null, userId: claims.sub,
    });
    save();
    schedule();
    signOut.hidden = false;
  }
  function schedule() {
    clearTimeout(timer);
    if (!session.refreshToken) return;
    // Renew at four fifths of the lifetime, so calls and hub reconnects never carry an expired token.
    const due = Math.max(0, (session.expiresAt - Date.now()) * 0.8);
    timer = setTimeout(refresh, Math.min(due, 2 ** 31 - 1));
  }
  async function refresh() {
    try {
      adopt(await post('/api/auth/refresh', { refreshToken: session.refreshToken }));
    } catch (e) {
      if (e.status === 401) { end(); error.textContent = '请重新登录 Please sign in again'; }
      else timer = setTimeout(refresh, 10_000);
    }
  }
  function end() {
    clearTimeout(timer);
    for (const key of ['token', 'refreshToken', 'expiresAt', 'role', 'storeId', 'userId', 'oidc']) delete session[key];
    sessionStorage.removeItem(storageKey);
    signOut.hidden = true;
    document.getElementById('who').textContent = '';
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    error.textContent = '';
    try {
      if (pending) {
        adopt(await post('/api/auth/password', { currentPassword: form.password.value, newPassword: form.newPassword.value }, pending.accessToken));
        pending = null;
        form.querySelector('.new-password').hidden = true;
        form.newPassword.required = false;
      } else {
        const tokens = await post('/api/auth/token', { userId: form.userId.value.trim(), password: form.password.value });
        if (tokens.passwordChangeRequired) {
          pending = tokens;
          form.querySelector('.new-password').hidden = false;
          form.newPassword.required = true;
          form.newPassword.focus();
          error.textContent = '首次登录请设置新密码 First sign-in: choose your own password';
          return;
        }
        adopt(tokens);
      }
      form.password.value = '';
      form.newPassword.value = '';
      onSignedIn();
    } catch (e) { error.textContent = e.message; }
  });
  // Development sign-in: a pasted token, or a dev token for any role (only offered while the gateway hands them out).
  devForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const role = devForm.role.value;
      const storeId = devForm.storeId.value.trim() || null;
      const userId = devForm.userId.value.trim() || null;
      const token = devForm.token.value.trim() || (await post('/api/dev/token', { role, storeId, userId })).token;
      Object.assign(session, { token, role, storeId, userId: userId || role });
      save();
      onSignedIn();
    } catch (e) { onError(e); }
  });
  let oidcSignOut = null; // set when the gateway runs with the chain's provider
  signOut.addEventListener('click', async () => {
    if (oidcSignOut) { await oidcSignOut(); return; }
    // Revoke first: the page shows itself signed out only once the refresh token no longer works.
    const refreshToken = session.refreshToken;
    clearTimeout(timer);
    if (refreshToken) await post('/api/auth/sign-out', { refreshToken }).catch(() => {});
    end();
    location.reload();
  });

  fetch('/api/auth/config').then(r => r.json()).then(async config => {
    devForm.hidden = !config.devTokens;
    form.hidden = config.accounts !== 'builtin';
    if (config.accounts === 'oidc') {
      const { mountOidcSignIn } = await import('./oidc-sign-in.js');
      oidcSignOut = await mountOidcSignIn({
session, config, anchor: form, signOutButton: signOut, save, end, onSignedIn });
    }
  }).catch(e => { error.textContent = String(e.message || e); });

  // A page reloaded with a session: renew now when the access token is (nearly) spent, else on schedule.
  if (session.refreshToken) {
    if (!session.expiresAt || session.expiresAt - Date.now() < 60_000) refresh(); else schedule();
  }
}
