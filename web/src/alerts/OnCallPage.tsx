import { useCallback, useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { PageProps } from '../app/page-registry.js';
import { useT } from '../i18n/index.js';
import { fullTime } from '../lib/time.js';
import { alertsApi } from './api.js';

type Overview = Awaited<ReturnType<typeof alertsApi.onCall>>;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/** A datetime-local value (the browser's zone) as epoch ms. */
const fromLocal = (value: string) => new Date(value).getTime();

/** /on-call: who is on call now (everyone sees it), the rotations and overrides (admins edit them). */
export function OnCallPage(props: PageProps) {
  const t = useT('alerts');
  const id = useId();
  const admin = props.me.role === 'admin';
  const [data, setData] = useState<Overview | null>(null);
  const [people, setPeople] = useState<{ id: number; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [rotation, setRotation] = useState({
    name: '',
    period: 'weekly' as 'daily' | 'weekly',
    members: [] as number[],
    start: '',
    zone: browserZone(),
  });
  const [override, setOverride] = useState({ userId: 0, from: '', to: '', note: '' });

  const load = useCallback(() => {
    alertsApi
      .onCall()
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    load();
    api
      .users()
      .then((u) =>
        setPeople(u.items.filter((x) => x.role !== 'viewer').map((x) => ({ id: x.id, name: x.name }))),
      )
      .catch(() => undefined);
  }, [load]);
  const nameOf = (u: number) => people.find((p) => p.id === u)?.name ?? `#${u}`;
  const act = (p: Promise<unknown>) => p.then(load).catch((e: Error) => setError(e.message));

  if (!data) return <p className="muted">{error ? t('loadFailed', { reason: error }) : t('loading')}</p>;
  return (
    <div className="alerts-page">
      <h1>{t('onCallTitle')}</h1>
      {error ? <p className="error-text">{t('loadFailed', { reason: error })}</p> : null}
      <section className="alerts-card" aria-labelledby={`${id}-now`}>
        <h2 id={`${id}-now`}>{t('onCallNow')}</h2>
        {data.now.length === 0 ? (
          <p>{t('nobodyOnCall')}</p>
        ) : (
          <ul className="alerts-list">
            {data.now.map((e) => (
              <li key={`${e.source}-${e.userId}`}>
                <strong>{e.name ?? nameOf(e.userId)}</strong>{' '}
                <span className="muted small">
                  {e.source === 'override'
                    ? t('viaOverride', { until: e.until ? fullTime(e.until) : '' })
                    : t('viaRotation', {
                        name: data.rotations.find((r) => r.id === e.rotationId)?.name ?? '',
                      })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="alerts-card" aria-labelledby={`${id}-rot`}>
        <h2 id={`${id}-rot`}>{t('rotationsTitle')}</h2>
        {data.rotations.length === 0 ? <p className="muted">{t('noRotations')}</p> : null}
        <ul className="alerts-list">
          {data.rotations.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>{' '}
              <span className="small">
                {t('rotationLine', {
                  period: t(`period_${r.period}`),
                  start: fullTime(r.startsAt),
                  zone: r.timeZone,
                  members: r.members.map(nameOf).join(' → '),
                })}
              </span>
              {admin ? (
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('removeNamed', { name: r.name })}
                  onClick={() => void act(alertsApi.deleteRotation(r.id))}
                >
                  {t('remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {admin ? (
          <form
            className="alerts-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                alertsApi.addRotation({
                  name: rotation.name,
                  period: rotation.period,
                  members: rotation.members,
                  startsAt: fromLocal(rotation.start),
                  timeZone: rotation.zone,
                }),
              );
            }}
          >
            <h3>{t('addRotation')}</h3>
            <div className="field">
              <label htmlFor={`${id}-rn`}>{t('rotationName')}</label>
              <input
                id={`${id}-rn`}
                required
                value={rotation.name}
                onChange={(e) => setRotation({ ...rotation, name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-rp`}>{t('period')}</label>
              <select
                id={`${id}-rp`}
                value={rotation.period}
                onChange={(e) => setRotation({ ...rotation, period: e.target.value as 'daily' | 'weekly' })}
              >
                <option value="daily">{t('period_daily')}</option>
                <option value="weekly">{t('period_weekly')}</option>
              </select>
            </div>
            <fieldset>
              <legend>{t('members')}</legend>
              {people.map((p) => (
                <label key={p.id} className="settings-choice">
                  <input
                    type="checkbox"
                    checked={rotation.members.includes(p.id)}
                    onChange={(e) =>
                      setRotation({
                        ...rotation,
                        members: e.target.checked
                          ? [...rotation.members, p.id]
                          : rotation.members.filter((m) => m !== p.id),
                      })
                    }
                  />
                  {p.name}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-rs`}>{t('startsAt')}</label>
              <input
                id={`${id}-rs`}
                type="datetime-local"
                required
                value={rotation.start}
                onChange={(e) => setRotation({ ...rotation, start: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-rz`}>{t('timeZone')}</label>
              <input
                id={`${id}-rz`}
                required
                value={rotation.zone}
                onChange={(e) => setRotation({ ...rotation, zone: e.target.value })}
              />
            </div>
            <button type="submit">{t('addRotation')}</button>
          </form>
        ) : (
          <p className="muted small">{t('adminOnlyEdit')}</p>
        )}
      </section>
      <section className="alerts-card" aria-labelledby={`${id}-ovr`}>
        <h2 id={`${id}-ovr`}>{t('overridesTitle')}</h2>
        {data.overrides.length === 0 ? <p className="muted">{t('noOverrides')}</p> : null}
        <ul className="alerts-list">
          {data.overrides.map((o) => (
            <li key={o.id}>
              {t('overrideLine', {
                name: nameOf(o.userId),
                from: fullTime(o.startsAt),
                to: fullTime(o.endsAt),
              })}
              {o.note ? <span className="muted small"> · {o.note}</span> : null}
              {admin ? (
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('removeNamed', { name: nameOf(o.userId) })}
                  onClick={() => void act(alertsApi.deleteOverride(o.id))}
                >
                  {t('remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {admin ? (
          <form
            className="alerts-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                alertsApi.addOverride({
                  userId: override.userId || (people[0]?.id ?? 0),
                  startsAt: fromLocal(override.from),
                  endsAt: fromLocal(override.to),
                  note: override.note.trim() || null,
                }),
              );
            }}
          >
            <h3>{t('addOverride')}</h3>
            <div className="field">
              <label htmlFor={`${id}-op`}>{t('person')}</label>
              <select
                id={`${id}-op`}
                value={override.userId || (people[0]?.id ?? 0)}
                onChange={(e) => setOverride({ ...override, userId: Number(e.target.value) })}
              >
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-of`}>{t('from')}</label>
              <input
                id={`${id}-of`}
                type="datetime-local"
                required
                value={override.from}
                onChange={(e) => setOverride({ ...override, from: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-ot`}>{t('to')}</label>
              <input
                id={`${id}-ot`}
                type="datetime-local"
                required
                value={override.to}
                onChange={(e) => setOverride({ ...override, to: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-on`}>{t('note')}</label>
              <input
                id={`${id}-on`}
                value={override.note}
                onChange={(e) => setOverride({ ...override, note: e.target.value })}
              />
            </div>
            <button type="submit">{t('addOverride')}</button>
          </form>
        ) : null}
      </section>
    </div>
  );
}
