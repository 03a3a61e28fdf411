import { useCallback, useEffect, useState } from 'react';
import { ApiError, onUnauthenticated } from './api/client.js';
import { api } from './api/endpoints.js';
import type { User } from './api/types.js';
import { NotFoundPage, PageFrame } from './app/PageFrame.js';
import { pages } from './app/page-registry.js';
import { useLocation } from './app/pages.js';
import { AuthScreen } from './auth/AuthScreen.js';
import { Inbox } from './inbox/Inbox.js';
import { prefetchFirstPage } from './inbox/prefetch.js';
import { pageSize } from './inbox/useConversationList.js';
import { loadPreferences, type Preferences } from './settings/preferences.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'signedOut'; needsSetup: boolean; notice?: string }
  | { kind: 'signedIn'; user: User; preferences: Preferences };

/** Top level: asks the server who we are, then shows first-run setup, sign-in or the inbox. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const state = await api.authState();
      if (state.user) {
        prefetchFirstPage(pageSize);
        // before the inbox shows, so shortcuts someone turned off are never live for a moment
        setPhase({ kind: 'signedIn', user: state.user, preferences: await loadPreferences() });
      } else setPhase({ kind: 'signedOut', needsSetup: state.needsSetup });
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 0
          ? 'Cannot reach the Rapport server. Check your connection and try again.'
          : `The server answered with an error: ${error instanceof Error ? error.message : String(error)}`;
      setPhase({ kind: 'error', message });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setPhase({
          kind: 'signedOut',
          needsSetup: false,
          notice: 'Your session ended. Please sign in again.',
        }),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setPhase({ kind: 'signedOut', needsSetup: false });
    }
  }, []);

  switch (phase.kind) {
    case 'loading':
      return (
        <main className="center-screen" aria-busy="true">
          <p className="muted">Loading Rapport…</p>
        </main>
      );
    case 'error':
      return (
        <main className="center-screen">
          <div className="card" role="alert">
            <h1>Rapport is unavailable</h1>
            <p>{phase.message}</p>
            <button type="button" className="primary" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'signedOut':
      return (
        <AuthScreen
          needsSetup={phase.needsSetup}
          notice={phase.notice}
          onSignedIn={(user) => {
            void loadPreferences().then((preferences) => setPhase({ kind: 'signedIn', user, preferences }));
          }}
        />
      );
    case 'signedIn':
      return <SignedIn user={phase.user} preferences={phase.preferences} onSignOut={signOut} />;
  }
}

/** The page the address names: the inbox, a registered page, or "not found". */
function SignedIn(props: { user: User; preferences: Preferences; onSignOut: () => void }) {
  const location = useLocation();
  if (location.page === 'inbox') {
    return <Inbox me={props.user} preferences={props.preferences} onSignOut={props.onSignOut} />;
  }
  const entry = pages[location.page];
  const allowed = entry && (!entry.adminOnly || props.user.role === 'admin');
  const Page = allowed ? entry.component : null;
  return (
    <PageFrame me={props.user} current={location.page} onSignOut={props.onSignOut}>
      {Page ? <Page me={props.user} params={location.params} /> : <NotFoundPage />}
    </PageFrame>
  );
}
