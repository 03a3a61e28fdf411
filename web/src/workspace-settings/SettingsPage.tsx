import { useCallback, useState } from 'react';
import { NotFoundPage } from '../app/PageFrame.js';
import type { PageProps } from '../app/page-registry.js';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { type Presence, settingsApi } from './api.js';
import { BusinessHoursScreen } from './BusinessHoursScreen.js';
import { RulesScreen } from './RulesScreen.js';
import { SlaScreen } from './SlaScreen.js';
import { Problem, useLoaded, useSaving } from './shared.js';
import { TeamsScreen } from './TeamsScreen.js';
import './settings.css';

/** The admin screens under /settings, by the path's second segment. */
const screens = {
  rules: RulesScreen,
  teams: TeamsScreen,
  sla: SlaScreen,
  'business-hours': BusinessHoursScreen,
} as const;

/**
 * `/settings`: the index (your own presence, links to the admin screens) and the screens for
 * routing rules, teams, SLA policies and business hours (`/settings/<screen>`).
 */
export function SettingsPage(props: PageProps) {
  const t = useT('routing');
  const sub = props.params[0];
  if (sub !== undefined) {
    const Screen = (screens as Record<string, (typeof screens)[keyof typeof screens]>)[sub];
    if (!Screen || props.params.length > 1) return <NotFoundPage />;
    if (props.me.role !== 'admin') {
      return (
        <section className="ws-settings">
          <h1>{t('settingsTitle')}</h1>
          <p>{t('adminsOnly')}</p>
        </section>
      );
    }
    return <Screen />;
  }
  return <SettingsIndex isAdmin={props.me.role === 'admin'} canTakeWork={props.me.role !== 'viewer'} />;
}

function SettingsIndex(props: { isAdmin: boolean; canTakeWork: boolean }) {
  const t = useT('routing');
  const link = useInAppLink();
  const entries = [
    ['/settings/rules', 'rulesTitle', 'rulesIntro'],
    ['/settings/teams', 'teamsTitle', 'teamsIntro'],
    ['/settings/sla', 'slaTitle', 'slaIntro'],
    ['/settings/business-hours', 'hoursTitle', 'hoursIntro'],
  ] as const;
  return (
    <section className="ws-settings">
      <h1>{t('settingsTitle')}</h1>
      {props.canTakeWork && <PresenceForm />}
      <h2>{t('workspaceTitle')}</h2>
      {props.isAdmin ? (
        <ul className="ws-index">
          {entries.map(([href, title, intro]) => (
            <li key={href}>
              <a {...link(href)}>{t(title)}</a>
              <p>{t(intro)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('adminsOnly')}</p>
      )}
    </section>
  );
}

function PresenceForm() {
  const t = useT('routing');
  const load = useCallback(() => settingsApi.myPresence().then((r) => r.presence), []);
  const { value, error } = useLoaded<Presence>(load);
  const saving = useSaving();
  const [draft, setDraft] = useState<{ status: Presence['status']; capacity: string } | null>(null);
  const [saved, setSaved] = useState(false);
  if (error) return <Problem message={error} />;
  if (!value) return <p>{t('common:loading')}</p>;
  const shown = draft ?? {
    status: value.status,
    capacity: value.capacity === null ? '' : String(value.capacity),
  };
  const save = async () => {
    const capacity = shown.capacity.trim() === '' ? null : Number(shown.capacity);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
      saving.setError(t('capacityInvalid'));
      return;
    }
    setSaved(false);
    if (await saving.run(() => settingsApi.setMyPresence({ status: shown.status, capacity }))) setSaved(true);
  };
  return (
    <form
      className="ws-form ws-presence"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('presenceTitle')}</h2>
      <p className="ws-intro">{t('presenceIntro')}</p>
      <div className="field">
        <label htmlFor="presence-status">{t('presenceStatus')}</label>
        <select
          id="presence-status"
          value={shown.status}
          onChange={(e) => setDraft({ ...shown, status: e.target.value as Presence['status'] })}
        >
          <option value="online">{t('online')}</option>
          <option value="away">{t('away')}</option>
          <option value="off_shift">{t('offShift')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="presence-capacity">{t('capacity')}</label>
        <input
          id="presence-capacity"
          inputMode="numeric"
          value={shown.capacity}
          placeholder={t('noLimit')}
          onChange={(e) => setDraft({ ...shown, capacity: e.target.value })}
        />
      </div>
      <Problem message={saving.error} />
      <div className="ws-actions">
        <button type="submit" className="primary" disabled={saving.busy}>
          {t('common:save')}
        </button>
        {saved && <span role="status">{t('saved')}</span>}
      </div>
    </form>
  );
}
