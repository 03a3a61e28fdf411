import { useCallback, useEffect, useState } from 'react';
import { ApiError, onUnauthenticated } from './api/client.js';
import { api } from './api/endpoints.js';
import type { User } from './api/types.js';
import { NotFoundPage, PageFrame } from './app/PageFrame.js';
import { pages } from './app/page-registry.js';
import { useLocation } from './app/pages.js';
import { AuthScreen } from './auth/AuthScreen.js';
import { useT, wordsOf } from './i18n/index.js';
import { Inbox } from './inbox/Inbox.js';
import { prefetchFirstPage } from './inbox/prefetch.js';
import { pageSize } from './inbox/useConversationList.js';
import { applyLanguage } from './settings/language.js';
import { loadPreferences, type Preferences } from './settings/preferences.js';

/** The person's settings, with their language applied before any signed-in screen shows. */
async function loadAndApplyPreferences(): Promise<Preferences> {
  const preferences = await loadPreferences();
  applyLanguage(preferences.language);
  return preferences;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'signedOut'; needsSetup: boolean; notice?: string }
  | { kind: 'signedIn'; user: User; preferences: Preferences };

/** Top level: asks the server who we are, then shows first-run setup, sign-in or the inbox. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const t = useT('common');

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const state = await api.authState();
      if (state.user) {
        prefetchFirstPage(pageSize);
        // before the inbox shows, so shortcuts someone turned off are never live for a moment
        setPhase({ kind: 'signedIn', user: state.user, preferences: await loadAndApplyPreferences() });
      } else setPhase({ kind: 'signedOut', needsSetup: state.needsSetup });
    } catch (error) {
      const words = wordsOf('common');
      const message =
        error instanceof ApiError && error.status === 0
          ? words('cannotReachServer')
          : words('serverError', { message: error instanceof Error ? error.message : String(error) });
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
          notice: wordsOf('common')('sessionEnded'),
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
          <p className="muted">{t('appLoading')}</p>
        </main>
      );
    case 'error':
      return (
        <main className="center-screen">
          <div className="card" role="alert">
            <h1>{t('unavailableTitle')}</h1>
            <p>{phase.message}</p>
            <button type="button" className="primary" onClick={() => void load()}>
              {t('retry')}
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
            void loadAndApplyPreferences().then((preferences) =>
              setPhase({ kind: 'signedIn', user, preferences }),
            );
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
