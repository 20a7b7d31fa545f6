// One SignalR connection to /hubs/board that never gives up: automatic reconnect with capped back-off, and after
// every (re)connect each subscription resumes from the last sequence it applied, so the page never needs a reload.
const signalR = window.signalR;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

export class LiveHub {
  /**
   * @param {() => Promise<string>} getToken the bearer token, sent as access_token (re-read on every reconnect)
   * @param {(state: 'connecting'|'connected'|'reconnecting', error?: string) => void} onState
   */
  constructor(getToken, onState) {
    this.onState = onState;
    this.store = null;
    this.pool = null;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/board', { accessTokenFactory: () => getToken() })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 * 2 ** ctx.previousRetryCount, 5000) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.connection.serverTimeoutInMilliseconds = 20000;

    // Anything heard about a subscription (even a repeat it drops) proves the server is alive and vouching for it.
    this.connection.on('BoardSnapshot', snapshot => {
      const s = this.storeFor(snapshot.storeId);
      if (!s) return;
      s.sequence = snapshot.sequence;
      s.handlers.snapshot(snapshot);
    });
    this.connection.on('BoardEvent', e => {
      const s = this.storeFor(e.storeId);
      if (!s || e.sequence <= s.sequence) return;
      if (e.sequence !== s.sequence + 1) {
        // Never expected (the server sends in order without gaps); re-ask from what we have rather than skip. While a
        // re-subscription is on its way this can only be the replaced subscription's tail: the new one resends it.
        if (!s.pending) this.resubscribeStore();
        return;
      }
      s.sequence = e.sequence;
      if (s.handlers.event(e) === 'resync') this.resubscribeStore(0);
    });
    this.connection.on('BoardHeartbeat', beat => {
      const s = this.storeFor(beat.storeId);
      if (!s) return;
      // The server vouches only for what it has sent this connection: claiming more means we lost something.
      if (beat.sequence > s.sequence && !s.pending) this.resubscribeStore();
      if (s.handlers.heartbeat) s.handlers.heartbeat(beat);
    });
    this.connection.on('PoolSnapshot', snapshot => {
      const p = this.poolHeard();
      if (!p) return;
      p.sequence = snapshot.sequence;
      p.handlers.snapshot(snapshot);
    });
    this.connection.on('PoolEvent', e => {
      const p = this.poolHeard();
      if (!p || e.sequence <= p.sequence) return;
      p.sequence = e.sequence;
      p.handlers.event(e);
    });
    this.connection.on('PoolHeartbeat', beat => {
      const p = this.poolHeard();
      if (p && beat.sequence > p.sequence && !p.pending) this.resubscribePool();
    });

    this.connection.onreconnecting(() => this.onState('reconnecting'));
    this.connection.onreconnected(() => { this.onState('connected'); this.resubscribeAll(); });
    this.connection.onclose(() => { this.onState('reconnecting'); this.start(); });
  }

  /** The last store-board sequence applied. */
  get storeSequence() { return this.store ? this.store.sequence : 0; }

  /** The store subscription a message is about (noting that it was heard from), or null. */
  storeFor(storeId) {
    const s = this.store;
    if (!s || storeId !== s.storeId) return null;
    s.heardAt = Date.now();
    if (s.handlers.heard) s.handlers.heard(s.heardAt);
    return s;
  }

  poolHeard() {
    const p = this.pool;
    if (p) p.heardAt = Date.now();
    return p;
  }

  async start() {
    if (this.starting) return this.starting;
    this.starting = (async () => {
      let delay = 500;
      this.onState('connecting');
      for (;;) {
        try {
          await this.connection.start();
          this.onState('connected');
          await this.resubscribeAll();
          return;
        } catch (error) {
          this.onState('reconnecting', String(error && error.message || error));
          await sleep(delay);
          delay = Math.min(delay * 2, 5000);
        }
      }
    })().finally(() => { this.starting = null; });
    return this.starting;
  }

  /**
   * Streams a store's board; handlers.snapshot(board), handlers.event(e) → 'resync' to ask for a fresh snapshot,
   * optional handlers.heartbeat(beat), handlers.heard(at) on every message about the store, handlers.error(message).
   */
  async subscribeStore(storeId, handlers) {
    this.store = { storeId, sequence: 0, handlers };
    if (this.connection.state === signalR.HubConnectionState.Connected) await this.resubscribeStore();
  }

  /** Streams the chain's lead pool. */
  async subscribePool(handlers) {
    this.pool = { sequence: 0, handlers };
    if (this.connection.state === signalR.HubConnectionState.Connected) await this.resubscribePool();
  }

  async resubscribeAll() {
    await Promise.all([this.resubscribeStore(), this.resubscribePool()]);
  }

  async resubscribeStore(from) {
    const s = this.store;
    if (!s) return;
    if (from !== undefined) s.sequence = from;
    s.pending = (s.pending || 0) + 1;
    try {
      await this.invokeWithRetry('Subscribe', () => [s.storeId, s.sequence], error => s.handlers.error && s.handlers.error(error));
    } finally {
      s.pending--;
    }
  }

  async resubscribePool() {
    const p = this.pool;
    if (!p) return;
    p.pending = (p.pending || 0) + 1;
    try {
      await this.invokeWithRetry('SubscribePool', () => [p.sequence], error => p.handlers.error && p.handlers.error(error));
    } finally {
      p.pending--;
    }
  }

  async invokeWithRetry(method, args, onError) {
    let delay = 1000;
    for (;;) {
      if (this.connection.state !== signalR.HubConnectionState.Connected) return; // onreconnected resubscribes
      try {
        await this.connection.invoke(method, ...args());
        return;
      } catch (error) {
        const message = String(error && error.message || error);
        onError(message);
        if (/Forbidden|Unauthorized/.test(message)) return; // retrying cannot help
        await sleep(delay);
        delay = Math.min(delay * 2, 10000);
      }
    }
  }
}
