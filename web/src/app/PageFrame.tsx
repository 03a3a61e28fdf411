import type { ReactNode } from 'react';
import type { User } from '../api/types.js';
import { useT } from '../i18n/index.js';
import { PageNav } from './PageNav.js';
import { useInAppLink } from './pages.js';

/** The frame of every page besides the inbox: the top bar with navigation, and the page below. */
export function PageFrame(props: { me: User; current: string; onSignOut: () => void; children: ReactNode }) {
  const t = useT('nav');
  const link = useInAppLink();
  return (
    <div className="app page-app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <a className="brand" {...link('/')}>
          <span className="logo" aria-hidden="true" /> <span className="brand-name">Rapport</span>
        </a>
        <PageNav me={props.me} current={props.current} />
        <span className="spacer" />
        <span className="me wide-only" title={props.me.email}>
          {props.me.name}
        </span>
        <button type="button" className="ghost" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}

/** What an unknown address shows. */
export function NotFoundPage() {
  const t = useT('nav');
  const link = useInAppLink();
  return (
    <section className="card">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <a {...link('/')}>{t('backToInbox')}</a>
    </section>
  );
}
