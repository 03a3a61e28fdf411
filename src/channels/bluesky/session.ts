import { AtpAgent } from '@atproto/api';
import type { Logger } from '../../platform/logger.js';
import { CredentialsRefusedError, describeFailure, isRefusedLogin } from './errors.js';
import type { BlueskyAccountConfig } from './settings.js';

/** What the access token says about how it was obtained. */
function scopeOf(accessJwt: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(accessJwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.scope === 'string' ? payload.scope : null;
  } catch {
    return null;
  }
}

/**
 * One logged-in session of a brand account, made with its app password. The access token refreshes
 * by itself (@atproto/api does it on ExpiredToken); when the refresh token is refused too (revoked
 * app password) the next use logs in again, and a refused login throws CredentialsRefusedError with
 * what to do about it.
 */
export class BlueskySession {
  readonly agent: AtpAgent;
  private pending: Promise<AtpAgent> | null = null;

  constructor(
    private readonly config: Pick<BlueskyAccountConfig, 'service' | 'handle' | 'appPassword'>,
    private readonly logger: Logger,
    /** Told how to fix refused credentials, e.g. `rapport channel update 3 --app-password …`. */
    private readonly fixHint = 'update the account with a new app password',
  ) {
    this.agent = new AtpAgent({
      service: config.service,
      persistSession: (event) => {
        if (event === 'expired') this.logger.warn('Bluesky session expired; logging in again');
      },
    });
  }

  /** The brand account's DID (after the first login). */
  get did(): string {
    return this.agent.assertDid;
  }

  /** A logged-in agent: logs in on first use and after the session was dropped. */
  async ready(): Promise<AtpAgent> {
    if (this.agent.hasSession) return this.agent;
    this.pending ??= this.login().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /**
   * Refreshes the tokens now. A revoked app password only shows when its refresh token is refused, so
   * calling this every few minutes notices revocation long before the 2-hour access token expires.
   */
  async check(): Promise<void> {
    await this.ready();
    try {
      await this.agent.sessionManager.refreshSession();
    } catch (error) {
      if (this.agent.hasSession) throw error; // transient: the session is kept for the next try
      await this.ready(); // the refresh token was refused: log in again, or throw CredentialsRefusedError
    }
  }

  /** Whether the session was made with the main password instead of an app password. */
  usesMainPassword(): boolean {
    const jwt = this.agent.session?.accessJwt;
    return !!jwt && scopeOf(jwt) === 'com.atproto.access';
  }

  /** Ends the session on the server (best effort). */
  async close(): Promise<void> {
    if (!this.agent.hasSession) return;
    await this.agent.logout().catch(() => {});
  }

  private async login(): Promise<AtpAgent> {
    try {
      await this.agent.login({ identifier: this.config.handle, password: this.config.appPassword });
    } catch (error) {
      if (isRefusedLogin(error)) {
        throw new CredentialsRefusedError(
          `Bluesky refused the app password for @${this.config.handle} (${describeFailure(error)}): it was revoked or is wrong. ` +
            `Create a new app password in Bluesky (Settings → Privacy and security → App passwords) and ${this.fixHint}.`,
        );
      }
      throw error;
    }
    const session = this.agent.session;
    if (session && session.handle !== this.config.handle) {
      this.logger.warn(
        { handle: session.handle },
        'logged in, but the account’s handle differs from the settings',
      );
    }
    this.logger.info({ did: session?.did }, 'logged in to Bluesky');
    return this.agent;
  }
}
