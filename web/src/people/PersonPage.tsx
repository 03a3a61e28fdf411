import { useCallback, useEffect, useState } from 'react';
import type { User } from '../api/types.js';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { type PersonDetail, peopleApi } from './api.js';
import { problem } from './format.js';
import { PersonActivity } from './PersonActivity.js';
import { PersonIdentities } from './PersonIdentities.js';
import { PersonOccasions } from './PersonOccasions.js';
import { PersonProfile } from './PersonProfile.js';
import { PersonStages } from './PersonStages.js';
import { ScoreBadges } from './ScoreBadges.js';

/** What each section of a person's page gets: the page, and a way to show the server's new answer. */
export interface SectionProps {
  detail: PersonDetail;
  canEdit: boolean;
  /** Runs a change; its answer (a fresh page, or nothing: reload) replaces the page; errors show. */
  change: (work: () => Promise<PersonDetail | unknown>) => Promise<boolean>;
}

/** One person: profile, pinned insights, identities, stages, notes, interactions, occasions, timeline, merges. */
export function PersonPage(props: { id: number; me: User }) {
  const t = useT('people');
  const link = useInAppLink();
  const [detail, setDetail] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setDetail(await peopleApi.get(props.id));
      setError(null);
    } catch (e) {
      setError(problem(e));
    }
  }, [props.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const change = useCallback<SectionProps['change']>(
    async (work) => {
      try {
        const answer = await work();
        if (answer && typeof answer === 'object' && 'contact' in answer && 'timeline' in answer) {
          setDetail(answer as PersonDetail);
        } else await reload();
        setError(null);
        return true;
      } catch (e) {
        setError(problem(e));
        return false;
      }
    },
    [reload],
  );

  if (!detail) {
    return error ? (
      <p role="alert" className="error-text">
        {error}
      </p>
    ) : (
      <p className="muted">{t('common:loading')}</p>
    );
  }
  const c = detail.contact;
  const section = { detail, change, canEdit: props.me.role !== 'viewer' };
  return (
    <article className="person" aria-labelledby="person-title">
      <p>
        <a {...link('/people')}>{t('backToPeople')}</a>
      </p>
      <header className="person-head">
        <h1 id="person-title" dir="auto">
          {c.erased ? t('erasedPerson') : (c.name ?? c.identities[0]?.handle ?? t('unnamed'))}
        </h1>
        {c.preferredName ? (
          <p className="preferred-name">
            {t('goesBy')} <strong dir="auto">{c.preferredName.value}</strong>{' '}
            {c.preferredName.confirmed ? (
              <span className="badge">{t('confirmed')}</span>
            ) : (
              <span className="badge not-confirmed">{t('notConfirmed')}</span>
            )}
          </p>
        ) : null}
        <p className="person-badges">
          <span className={`badge lifecycle-${c.lifecycle}`}>{t(`lifecycle_${c.lifecycle}`)}</span>
          {c.journeyStage ? <span className="badge">{t(`journey_${c.journeyStage}`)}</span> : null}
          {c.optedOut ? <span className="badge">{t('optedOut')}</span> : null}
          <ScoreBadges scores={c.scores} reasons />
        </p>
        {c.insights.length > 0 ? (
          <ul className="insights" aria-label={t('insights')}>
            {c.insights.map((i) => (
              <li key={i} dir="auto">
                <span aria-hidden="true">📌 </span>
                {i}
              </li>
            ))}
          </ul>
        ) : null}
      </header>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="person-grid">
        <div className="person-col">
          <PersonProfile {...section} />
          <PersonIdentities {...section} />
          <PersonStages {...section} />
          <PersonOccasions {...section} />
        </div>
        <div className="person-col">
          <PersonActivity {...section} />
        </div>
      </div>
    </article>
  );
}
