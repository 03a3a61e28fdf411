import { useCallback, useEffect, useId, useState } from 'react';
import { alertKinds } from '../../../src/domain/alerts.js';
import { api } from '../api/endpoints.js';
import type { PageProps } from '../app/page-registry.js';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { fullTime } from '../lib/time.js';
import { type AlertSettingsInput, alertsApi } from './api.js';
import { DeviceAlerts } from './DeviceAlerts.js';

type Audit = Awaited<ReturnType<typeof alertsApi.audit>>['items'];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** /alerts: this device, my alert settings (kinds, deliveries, quiet hours) and the alert history. */
export function AlertsPage(props: PageProps) {
  const t = useT('alerts');
  const id = useId();
  const link = useInAppLink();
  const [settings, setSettings] = useState<AlertSettingsInput | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [audit, setAudit] = useState<Audit | null>(null);
  const [mine, setMine] = useState(true);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const loadAudit = useCallback(() => {
    alertsApi
      .audit(mine)
      .then((a) => setAudit(a.items))
      .catch((e: Error) => setError(e.message));
  }, [mine]);
  useEffect(() => {
    alertsApi
      .settings()
      .then((s) => {
        setSettings(s.settings);
        setSecret(s.webhookSecret);
      })
      .catch((e: Error) => setError(e.message));
    api
      .users()
      .then((u) => setNames(new Map(u.items.map((x) => [x.id, x.name]))))
      .catch(() => undefined);
  }, []);
  useEffect(loadAudit, [loadAudit]);

  const save = () => {
    if (!settings) return;
    setNote(null);
    alertsApi
      .saveSettings(settings)
      .then((s) => {
        setSettings(s.settings);
        setSecret(s.webhookSecret);
        setNote(t('saved'));
      })
      .catch((e: Error) => setNote(t('notSaved', { reason: e.message })));
  };
  const patch = (p: Partial<AlertSettingsInput>) => setSettings((s) => (s ? { ...s, ...p } : s));
  const nameOf = (u: number | null) => (u === null ? '' : (names.get(u) ?? `#${u}`));

  return (
    <div className="alerts-page">
      <h1>{t('pageTitle')}</h1>
      {error ? <p className="error-text">{t('loadFailed', { reason: error })}</p> : null}
      <section className="alerts-card" aria-labelledby={`${id}-device`}>
        <h2 id={`${id}-device`}>{t('thisDevice')}</h2>
        <DeviceAlerts />
      </section>
      <section className="alerts-card" aria-labelledby={`${id}-settings`}>
        <h2 id={`${id}-settings`}>{t('settingsTitle')}</h2>
        {settings ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <fieldset>
              <legend>{t('kindsLegend')}</legend>
              {alertKinds.map((k) => (
                <label key={k} className="settings-choice">
                  <input
                    type="checkbox"
                    checked={settings.kinds.includes(k)}
                    onChange={(e) =>
                      patch({
                        kinds: e.target.checked
                          ? [...settings.kinds, k]
                          : settings.kinds.filter((x) => x !== k),
                      })
                    }
                  />
                  {t(`kind_${k}`)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('viaLegend')}</legend>
              <label className="settings-choice">
                <input
                  type="checkbox"
                  checked={settings.push}
                  onChange={(e) => patch({ push: e.target.checked })}
                />
                {t('viaPush')}
              </label>
              <label className="settings-choice">
                <input
                  type="checkbox"
                  checked={settings.email}
                  onChange={(e) => patch({ email: e.target.checked })}
                />
                {t('viaEmail')}
              </label>
              <div className="field">
                <label htmlFor={`${id}-hook`}>{t('webhookLabel')}</label>
                <input
                  id={`${id}-hook`}
                  type="url"
                  value={settings.webhookUrl ?? ''}
                  onChange={(e) => patch({ webhookUrl: e.target.value.trim() || null })}
                />
                <p className="muted small">{t('webhookHelp')}</p>
                {secret ? <p className="small alerts-secret">{t('webhookSecret', { secret })}</p> : null}
              </div>
            </fieldset>
            <fieldset>
              <legend>{t('quietLegend')}</legend>
              <label className="settings-choice">
                <input
                  type="checkbox"
                  checked={settings.quietHours !== null}
                  onChange={(e) =>
                    patch({
                      quietHours: e.target.checked
                        ? { start: '22:00', end: '07:00', timeZone: browserZone() }
                        : null,
                    })
                  }
                />
                {t('quietOn')}
              </label>
              {settings.quietHours ? (
                <div className="alerts-row">
                  <div className="field">
                    <label htmlFor={`${id}-qs`}>{t('quietFrom')}</label>
                    <input
                      id={`${id}-qs`}
                      type="time"
                      value={settings.quietHours.start}
                      onChange={(e) =>
                        settings.quietHours &&
                        patch({ quietHours: { ...settings.quietHours, start: e.target.value } })
                      }
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-qe`}>{t('quietTo')}</label>
                    <input
                      id={`${id}-qe`}
                      type="time"
                      value={settings.quietHours.end}
                      onChange={(e) =>
                        settings.quietHours &&
                        patch({ quietHours: { ...settings.quietHours, end: e.target.value } })
                      }
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-qz`}>{t('timeZone')}</label>
                    <input
                      id={`${id}-qz`}
                      value={settings.quietHours.timeZone}
                      onChange={(e) =>
                        settings.quietHours &&
                        patch({ quietHours: { ...settings.quietHours, timeZone: e.target.value } })
                      }
                    />
                  </div>
                </div>
              ) : null}
            </fieldset>
            <button type="submit">{t('save')}</button>
            {note ? <p role="status">{note}</p> : null}
          </form>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </section>
      <section className="alerts-card" aria-labelledby={`${id}-audit`}>
        <h2 id={`${id}-audit`}>{t('auditTitle')}</h2>
        <label className="settings-choice">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          {t('auditMine')}
        </label>
        {audit === null ? (
          <p className="muted">{t('loading')}</p>
        ) : audit.length === 0 ? (
          <p className="muted">{t('auditEmpty')}</p>
        ) : (
          <ul className="alerts-audit">
            {audit.map((a) => (
              <li key={a.id}>
                <div className="alerts-audit-head">
                  <strong>{a.title}</strong>
                  <span className="muted small">{fullTime(a.createdAt)}</span>
                </div>
                {a.body ? <p className="small">{a.body}</p> : null}
                <ul className="small alerts-deliveries">
                  {a.deliveries.map((d) => (
                    <li key={d.id}>
                      {nameOf(d.userId)} · {d.via} · {t(`status_${d.status}`)}
                      {d.detail ? ` (${d.detail})` : ''} · {t('level', { level: d.level })}
                    </li>
                  ))}
                </ul>
                <div className="alerts-row">
                  {a.ackedAt !== null ? (
                    <span className="small">
                      {a.ackedBy !== null
                        ? t('acknowledgedBy', { name: nameOf(a.ackedBy), when: fullTime(a.ackedAt) })
                        : t('acknowledged', { when: fullTime(a.ackedAt) })}
                    </span>
                  ) : (
                    <>
                      <span className="small">{t('waiting')}</span>
                      {props.me.role !== 'viewer' ? (
                        <button type="button" onClick={() => void alertsApi.ack(a.id).then(loadAudit)}>
                          {t('acknowledge')}
                        </button>
                      ) : null}
                    </>
                  )}
                  {a.conversationId !== null ? <a {...link(a.url)}>{t('open')}</a> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
