import { useEffect, useState } from 'react';
import { useInAppLink } from '../app/pages.js';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { shownHandle } from '../lib/contact.js';
import { type Person, peopleApi } from './api.js';
import { shortDate } from './format.js';
import type { SectionProps } from './PersonPage.js';

/** Identities across channels, merges (with un-merge), likely duplicates (with merge). */
export function PersonIdentities({ detail, change, canEdit }: SectionProps) {
  const t = useT('people');
  const link = useInAppLink();
  const c = detail.contact;
  const [duplicates, setDuplicates] = useState<{ contact: Person; reasons: string[] }[]>([]);
  const [otherId, setOtherId] = useState('');

  // biome-ignore lint/correctness/useExhaustiveDependencies: a merge or un-merge (a new page) changes the duplicates
  useEffect(() => {
    let live = true;
    peopleApi
      .duplicates(c.id)
      .then((d) => live && setDuplicates(d.items))
      .catch(() => live && setDuplicates([]));
    return () => {
      live = false;
    };
  }, [c.id, detail]);

  const merge = (id: number) => change(() => peopleApi.merge(c.id, id).then((r) => r.contact));

  return (
    <section className="card person-section" aria-labelledby="identities-title">
      <h2 id="identities-title">{t('identities')}</h2>
      {c.identities.length === 0 ? <p className="muted">{t('noIdentities')}</p> : null}
      <ul className="identities">
        {c.identities.map((i) => (
          <li key={i.id}>
            <span className="channel">{channelName(i.channel)}</span>{' '}
            <span dir="auto">{i.handle ? shownHandle(i.channel, i.handle) : i.externalId}</span>
            {i.email && i.channel !== 'email' ? (
              <span className="muted" dir="auto">
                {' '}
                {i.email} ({i.emailConfirmed ? t('confirmed') : t('notConfirmed')})
              </span>
            ) : null}
            {canEdit && i.email && !i.emailConfirmed ? (
              <button
                type="button"
                className="inline-button"
                onClick={() => void change(() => peopleApi.confirmEmail(c.id, i.id))}
              >
                {t('confirmEmail')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {detail.merges.length > 0 ? (
        <>
          <h3>{t('merges')}</h3>
          <ul className="merges">
            {detail.merges.map((m) => (
              <li key={m.id}>
                {t('mergeLine', { source: m.sourceId, target: m.targetId, date: shortDate(m.at) })}{' '}
                {m.undoneAt !== null ? (
                  <span className="muted">{t('undone')}</span>
                ) : canEdit ? (
                  <button
                    type="button"
                    className="inline-button"
                    onClick={() => void change(() => peopleApi.unmerge(c.id, m.id))}
                  >
                    {t('unmerge')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {duplicates.length > 0 ? (
        <>
          <h3>{t('duplicates')}</h3>
          <ul className="duplicates">
            {duplicates.map((d) => (
              <li key={d.contact.id}>
                <a {...link(`/people/${d.contact.id}`)} dir="auto">
                  {d.contact.name ?? `#${d.contact.id}`}
                </a>{' '}
                <span className="muted">{d.reasons.join(', ')}</span>{' '}
                {canEdit ? (
                  <button type="button" className="inline-button" onClick={() => void merge(d.contact.id)}>
                    {t('mergeIntoThis')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canEdit && !c.erased ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const id = Number(otherId);
            if (Number.isInteger(id) && id > 0) void merge(id).then((ok) => ok && setOtherId(''));
          }}
        >
          <label>
            <span>{t('mergeOtherId')}</span>
            <input
              inputMode="numeric"
              value={otherId}
              size={6}
              onChange={(e) => setOtherId(e.target.value)}
            />
          </label>
          <button type="submit">{t('merge')}</button>
        </form>
      ) : null}
    </section>
  );
}
