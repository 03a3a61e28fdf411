import { useCallback, useEffect, useState } from 'react';
import { journeyStages, lifecycleStages } from '../../../src/domain/people-words.js';
import type { PageProps } from '../app/page-registry.js';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { type PeopleFilter, type Person, peopleApi } from './api.js';
import { daysBetween, problem } from './format.js';
import { PersonPage } from './PersonPage.js';
import { ScoreBadges } from './ScoreBadges.js';
import { SegmentPicker } from './SegmentPicker.js';
import './people.css';

/** `/people` lists people; `/people/7` is one person's page. */
export function PeopleRoute(props: PageProps) {
  const id = Number(props.params[0]);
  if (props.params[0] && Number.isInteger(id) && id > 0) return <PersonPage key={id} id={id} me={props.me} />;
  return <PeopleList />;
}

/** The people list: search, filters, saved segments; lifecycle, last contact and scores per person. */
function PeopleList() {
  const t = useT('people');
  const link = useInAppLink();
  const [filter, setFilter] = useState<PeopleFilter>({});
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Person[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();

  const load = useCallback(async (f: PeopleFilter, before?: number) => {
    try {
      const page = await peopleApi.list(f, before);
      setItems((old) => (before ? [...(old ?? []), ...page.items] : page.items));
      setNext(page.nextBefore);
      setError(null);
    } catch (e) {
      setError(problem(e));
    }
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  const set = (patch: Partial<PeopleFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="people" aria-labelledby="people-title">
      <h1 id="people-title">{t('title')}</h1>
      <form
        className="people-filters"
        aria-label={t('filtersLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <label className="grow">
          <span>{t('search')}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          <span>{t('lifecycle')}</span>
          <select
            aria-label={t('lifecycle')}
            value={filter.lifecycle ?? ''}
            onChange={(e) => set({ lifecycle: e.target.value || undefined })}
          >
            <option value="">{t('any')}</option>
            {lifecycleStages.map((s) => (
              <option key={s} value={s}>
                {t(`lifecycle_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('journey')}</span>
          <select
            aria-label={t('journey')}
            value={filter.journey ?? ''}
            onChange={(e) => set({ journey: e.target.value || undefined })}
          >
            <option value="">{t('any')}</option>
            {journeyStages.map((s) => (
              <option key={s} value={s}>
                {t(`journey_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('channel')}</span>
          <input
            value={filter.channel ?? ''}
            size={8}
            onChange={(e) => set({ channel: e.target.value.trim() || undefined })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.advocates === 'true'}
            onChange={(e) => set({ advocates: e.target.checked ? 'true' : undefined })}
          />
          <span>{t('advocatesOnly')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.atRisk === 'true'}
            onChange={(e) => set({ atRisk: e.target.checked ? 'true' : undefined })}
          />
          <span>{t('atRiskOnly')}</span>
        </label>
        <button type="submit" className="primary">
          {t('searchButton')}
        </button>
      </form>
      <SegmentPicker filter={filter} onApply={(segment) => set({ segment })} />
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {items === null ? (
        <p className="muted">{t('common:loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="people-list">
          {items.map((p) => (
            <li key={p.id}>
              <a className="person-row" {...link(`/people/${p.id}`)}>
                <span className="person-name" dir="auto">
                  {p.name ?? p.identities[0]?.handle ?? t('unnamed')}
                  {p.preferredName ? (
                    <span className="muted">
                      {' '}
                      ({p.preferredName.value}
                      {p.preferredName.confirmed ? '' : `, ${t('notConfirmed')}`})
                    </span>
                  ) : null}
                </span>
                <span className="person-meta">
                  <span className={`badge lifecycle-${p.lifecycle}`}>{t(`lifecycle_${p.lifecycle}`)}</span>
                  {p.journeyStage ? <span className="badge">{t(`journey_${p.journeyStage}`)}</span> : null}
                  <ScoreBadges scores={p.scores} />
                  <span className="muted">
                    {p.lastContactAt === null
                      ? t('neverInTouch')
                      : t('lastContact', { count: daysBetween(p.lastContactAt, now) })}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {next !== null ? (
        <button type="button" onClick={() => void load(filter, next)}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}
