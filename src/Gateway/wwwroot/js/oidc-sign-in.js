// Sign-in of the staff pages through the chain's OpenID Connect provider (Auth:Accounts = oidc, issue 16): a button sends
// the person to the provider (authorization code flow with PKCE, a public client: oidc-client-ts, served from
// /lib/oidc-client-ts.min.js); the provider sends them back to this very page (the redirect URI to register there),
// which trades the code for tokens. The provider's access token is the bearer of every API call and of the hub; the
// gateway says who it names (GET /api/auth/me, after its claim mapping). oidc-client-ts renews the access token before it
// expires with the refresh token (scope offline_access); signing out forgets the tokens and goes through the provider's
// end-session endpoint when it has one.

const LIBRARY = '/lib/oidc-client-ts.min.js';

function loadLibrary() {
  if (window.oidc) return Promise.resolve(window.oidc);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = LIBRARY;
    script.onload = () => resolve(window.oidc);
    script.onerror = () => reject(new Error('oidc-client-ts did not load (' + LIBRARY + ')'));
    document.head.append(script);
  });
}

async function whoIs(accessToken) {
  const response = await fetch('/api/auth/me', { headers: { authorization: 'Bearer ' + accessToken } });
  if (!response.ok) {
    const error = new Error(response.status === 403
      ? '此账号没有本系统的角色 This account has no role in the CRM'
      : `公司账号登录失败 Company sign-in failed (HTTP ${response.status})`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/**
 * Adds the company sign-in button after <anchor> and keeps <session> signed in through the provider.
 * config: GET /api/auth/config (authority, clientId, scopes); save/end: store or forget the page's session;
 * signOutButton: shown while signed in; onSignedIn: called once a sign-in completes. Returns the sign-out function.
 */
export async function mountOidcSignIn({ session, config, anchor, signOutButton, save, end, onSignedIn }) {
  const button = document.createElement('button');
  button.id = 'oidc-sign-in';
  button.type = 'button';
  button.textContent = '通过公司账号登录 Sign in with the company account';
  button.hidden = !!session.oidc;
  const error = document.createElement('span');
  error.id = 'oidc-error';
  error.className = 'account-error';
  error.setAttribute('role', 'alert');
  anchor.after(button, error);
  const showError = message => { error.textContent = message; };

  const { UserManager, WebStorageStateStore } = await loadLibrary();
  // The page itself is the redirect URI (and where the provider returns after signing out): /console, /service, /hq.
  const page = location.origin + location.pathname;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scopes,
    redirect_uri: page,
    post_logout_redirect_uri: page,
    response_type: 'code',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });

  async function adopt(user, first) {
    const me = await whoIs(user.access_token);
    Object.assign(session, { token: user.access_token, role: me.role, storeId: me.storeId || null, userId: me.userId, oidc: true });
    save();
    button.hidden = true;
    signOutButton.hidden = false;
    if (first) onSignedIn();
  }
  function signedOut(message) {
    end();
    button.hidden = false;
    if (message) showError(message);
  }

  // A renewed access token replaces the old one: API calls and hub reconnects read session.token each time.
  manager.events.addUserLoaded(user => { session.token = user.access_token; save(); });
  manager.events.addAccessTokenExpired(() => { manager.removeUser(); signedOut('登录已过期，请重新登录 Signed out: please sign in again'); });
  manager.events.addSilentRenewError(e => console.warn('token renewal failed', e));

  button.addEventListener('click', () => {
    showError('');
    manager.signinRedirect().catch(e => showError(String(e.message || e)));
  });

  const params = new URLSearchParams(location.search);
  if (params.has('state') && (params.has('code') || params.has('error'))) {
    // Back from the provider: trade the code for tokens, then drop code and state from the address bar.
    try {
      const user = await manager.signinRedirectCallback();
      history.replaceState(null, '', page + location.hash);
      await adopt(user, true);
    } catch (e) {
      history.replaceState(null, '', page + location.hash);
      await manager.removeUser();
      signedOut(String(e.message || e));
    }
  } else if (session.oidc) {
    // A reloaded page: the provider's user is still in sessionStorage unless it expired.
    const user = await manager.getUser();
    if (!user || user.expired) { await manager.removeUser(); signedOut(); }
    else await adopt(user, false).catch(e => signedOut(e.message));
  }

  return async function signOut() {
    const user = await manager.getUser();
    end();
    await manager.removeUser();
    try {
      // The provider ends its own session and sends the browser back to this page; without an end-session endpoint
      // (some providers have none) forgetting the tokens here is all there is to do.
      await manager.signoutRedirect({ id_token_hint: user && user.id_token });
    } catch {
      location.reload();
    }
  };
}
