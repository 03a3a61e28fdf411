import { useState } from 'react';
import { journeyStages, lifecycleStages } from '../../../src/domain/people-words.js';
import { useT } from '../i18n/index.js';
import { peopleApi } from './api.js';
import { shortDate } from './format.js';
import type { SectionProps } from './PersonPage.js';

/** Lifecycle and journey stage: the suggestion from what they wrote, an override with a reason, the history. */
export function PersonStages({ detail, change, canEdit }: SectionProps) {
  const t = useT('people');
  const c = detail.contact;
  const [lifecycle, setLifecycle] = useState<string>(c.lifecycle);
  const [journey, setJourney] = useState<string>(c.journeyStage ?? '');
  const [reason, setReason] = useState('');
  const stageName = (kind: string, stage: string | null) =>
    stage === null ? t('noStage') : t(`${kind}_${stage}`);

  const save = (patch: { lifecycle?: string; journeyStage?: string | null }) =>
    change(() =>
      peopleApi.update(c.id, {
        ...(patch as { lifecycle?: 'prospect' }),
        stageReason: reason.trim() || null,
      } as never),
    ).then((ok) => ok && setReason(''));

  return (
    <section className="card person-section" aria-labelledby="stages-title">
      <h2 id="stages-title">{t('stages')}</h2>
      {detail.journeySuggestion && detail.journeySuggestion !== c.journeyStage ? (
        <p className="suggestion">
          {t('journeySuggested', { stage: t(`journey_${detail.journeySuggestion}`) })}{' '}
          {canEdit ? (
            <button
              type="button"
              className="inline-button"
              onClick={() => void save({ journeyStage: detail.journeySuggestion })}
            >
              {t('apply')}
            </button>
          ) : null}
        </p>
      ) : null}
      {canEdit && !c.erased ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ lifecycle, journeyStage: journey || null });
          }}
        >
          <label>
            <span>{t('lifecycle')}</span>
            <select
              aria-label={t('lifecycle')}
              value={lifecycle}
              onChange={(e) => setLifecycle(e.target.value)}
            >
              {lifecycleStages.map((s) => (
                <option key={s} value={s}>
                  {t(`lifecycle_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('journey')}</span>
            <select aria-label={t('journey')} value={journey} onChange={(e) => setJourney(e.target.value)}>
              <option value="">{t('noStage')}</option>
              {journeyStages.map((s) => (
                <option key={s} value={s}>
                  {t(`journey_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('stageReason')}</span>
            <input value={reason} dir="auto" onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit">{t('saveStages')}</button>
        </form>
      ) : null}
      <h3>{t('stageHistory')}</h3>
      {detail.stageHistory.length === 0 ? (
        <p className="muted">{t('noStageHistory')}</p>
      ) : (
        <ol className="stage-history">
          {[...detail.stageHistory].reverse().map((s) => (
            <li key={`${s.kind}-${s.at}-${s.to}`}>
              {t('stageChange', {
                from: stageName(s.kind, s.from),
                to: stageName(s.kind, s.to),
                date: shortDate(s.at),
              })}
              {s.reason ? (
                <span className="muted" dir="auto">
                  {' '}
                  — {s.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
