import type { User } from '../api/types.js';
import { useT } from '../i18n/index.js';
import { pages } from './page-registry.js';
import { useInAppLink } from './pages.js';

/** Links to the inbox and every registered page with a navigation entry; the current one is marked. */
export function PageNav(props: { me: User; current: string }) {
  const t = useT('nav');
  const link = useInAppLink();
  const entries = Object.entries(pages).filter(
    ([, entry]) => entry.navKey && (!entry.adminOnly || props.me.role === 'admin'),
  );
  if (entries.length === 0) return null;
  return (
    <nav className="page-nav" aria-label={t('label')}>
      <a {...link('/')} aria-current={props.current === 'inbox' ? 'page' : undefined}>
        {t('inbox')}
      </a>
      {entries.map(([name, entry]) => (
        <a key={name} {...link(`/${name}`)} aria-current={props.current === name ? 'page' : undefined}>
          {t(entry.navKey ?? name)}
        </a>
      ))}
    </nav>
  );
}
