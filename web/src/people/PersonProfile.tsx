import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { peopleApi } from './api.js';
import type { SectionProps } from './PersonPage.js';

const fields = [
  'name',
  'preferredName',
  'namePronunciation',
  'pronouns',
  'language',
  'timeZone',
  'company',
] as const;
type Field = (typeof fields)[number];

/** The profile: names (the preferred one "not confirmed" until someone confirms it), pronouns, pinned insights. */
export function PersonProfile({ detail, change, canEdit }: SectionProps) {
  const t = useT('people');
  const c = detail.contact;
  const [editing, setEditing] = useState(false);
  const current = (f: Field) => (f === 'preferredName' ? (c.preferredName?.value ?? '') : (c[f] ?? ''));
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(fields.map((f) => [f, current(f)])) as Record<Field, string>,
  );
  const [confirmed, setConfirmed] = useState(c.preferredName?.confirmed ?? false);
  const [insights, setInsights] = useState(c.insights.join('\n'));
  const [optedOut, setOptedOut] = useState(c.optedOut);

  const save = async () => {
    const text = (f: Field) => values[f].trim() || null;
    const ok = await change(() =>
      peopleApi.update(c.id, {
        ...Object.fromEntries(fields.map((f) => [f, text(f)])),
        preferredNameConfirmed: text('preferredName') ? confirmed : false,
        insights: insights
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        optedOut,
      }),
    );
    if (ok) setEditing(false);
  };

  return (
    <section className="card person-section" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile')}</h2>
      {editing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {fields.map((f) => (
            <label key={f}>
              <span>{t(`field_${f}`)}</span>
              <input
                value={values[f]}
                dir="auto"
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            </label>
          ))}
          <label className="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <span>{t('preferredNameConfirmed')}</span>
          </label>
          <label>
            <span>{t('insightsOnePerLine')}</span>
            <textarea rows={3} value={insights} dir="auto" onChange={(e) => setInsights(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={optedOut} onChange={(e) => setOptedOut(e.target.checked)} />
            <span>{t('optedOutLabel')}</span>
          </label>
          <div className="inline-form">
            <button type="submit" className="primary">
              {t('common:save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts">
            {fields.map((f) =>
              current(f) ? (
                <div key={f} className="fact">
                  <dt>{t(`field_${f}`)}</dt>
                  <dd dir="auto">
                    {current(f)}
                    {f === 'preferredName' && !c.preferredName?.confirmed ? (
                      <span className="badge not-confirmed">{t('notConfirmed')}</span>
                    ) : null}
                  </dd>
                </div>
              ) : null,
            )}
            {Object.entries(c.customFields).map(([k, v]) => (
              <div key={`custom-${k}`} className="fact">
                <dt dir="auto">{k}</dt>
                <dd dir="auto">{v}</dd>
              </div>
            ))}
          </dl>
          {canEdit && !c.erased ? (
            <button type="button" onClick={() => setEditing(true)}>
              {t('editProfile')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
