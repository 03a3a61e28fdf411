import { useCallback, useState } from 'react';
import type { User } from '../api/types.js';
import { useT } from '../i18n/index.js';
import { settingsApi, type Team } from './api.js';
import { CheckList, Problem, SettingsScreen, useLoaded, useSaving, wordsOf } from './shared.js';

interface Draft {
  id: number | null;
  name: string;
  description: string;
  skills: string;
  members: number[];
}

const empty: Draft = { id: null, name: '', description: '', skills: '', members: [] };

/** `/settings/teams`: teams with members and skills, and who is online. */
export function TeamsScreen() {
  const t = useT('routing');
  const load = useCallback(
    () =>
      Promise.all([settingsApi.teams(), settingsApi.users()]).then(([teams, users]) => ({ teams, users })),
    [],
  );
  const { value, error, reload } = useLoaded(load);
  const [draft, setDraft] = useState<Draft>(empty);
  const saving = useSaving();
  if (error) return <Problem message={error} />;
  if (!value) return <p>{t('common:loading')}</p>;
  const users = value.users.items.filter((u: User) => !u.disabled && u.role !== 'viewer');
  const presence = new Map(value.teams.presence.map((p) => [p.userId, p]));
  const statusWord = (userId: number) => {
    const p = presence.get(userId);
    const status = p?.status ?? 'off_shift';
    return status === 'online' ? t('online') : status === 'away' ? t('away') : t('offShift');
  };

  const save = async () => {
    if (!draft.name.trim()) {
      saving.setError(t('nameRequired'));
      return;
    }
    const body = {
      name: draft.name.trim(),
      description: draft.description.trim(),
      skills: wordsOf(draft.skills),
      members: draft.members.map((userId) => ({ userId })),
    };
    const ok = await saving.run(() =>
      draft.id === null ? settingsApi.createTeam(body) : settingsApi.updateTeam(draft.id, body),
    );
    if (ok) {
      setDraft(empty);
      reload();
    }
  };
  const edit = (team: Team) =>
    setDraft({
      id: team.id,
      name: team.name,
      description: team.description,
      skills: team.skills.join(', '),
      members: team.members.map((m) => m.userId),
    });
  const remove = async (team: Team) => {
    if (!window.confirm(t('confirmDeleteTeam', { name: team.name }))) return;
    if (await saving.run(() => settingsApi.deleteTeam(team.id))) reload();
  };

  return (
    <SettingsScreen title={t('teamsTitle')} intro={t('teamsIntro')}>
      {value.teams.items.length === 0 ? (
        <p>{t('noTeams')}</p>
      ) : (
        <ul className="ws-list" aria-label={t('teamsTitle')}>
          {value.teams.items.map((team) => (
            <li key={team.id}>
              <strong>{team.name}</strong>
              {team.description && <span>{team.description}</span>}
              {team.skills.length > 0 && (
                <span className="ws-muted">{t('skillsList', { skills: team.skills.join(', ') })}</span>
              )}
              <span>
                {team.members.length === 0
                  ? t('noMembers')
                  : t('membersList', {
                      members: team.members.map((m) => `${m.name} (${statusWord(m.userId)})`).join(', '),
                    })}
              </span>
              <div className="ws-actions">
                <button
                  aria-label={t('editNamed', { name: team.name })}
                  type="button"
                  onClick={() => edit(team)}
                >
                  {t('common:edit')}
                </button>
                <button
                  aria-label={t('deleteNamed', { name: team.name })}
                  type="button"
                  className="danger"
                  onClick={() => void remove(team)}
                >
                  {t('common:delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form
        className="ws-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{draft.id === null ? t('addTeam') : t('editTeam', { name: draft.name })}</h2>
        <div className="field">
          <label htmlFor="team-name">{t('name')}</label>
          <input
            id="team-name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="team-description">{t('description')}</label>
          <input
            id="team-description"
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="team-skills">{t('skills')}</label>
          <input
            id="team-skills"
            value={draft.skills}
            placeholder={t('skillsPlaceholder')}
            onChange={(e) => setDraft({ ...draft, skills: e.target.value })}
          />
        </div>
        <CheckList
          legend={t('members')}
          options={users.map((u) => ({ value: u.id, label: `${u.name} (${statusWord(u.id)})` }))}
          selected={draft.members}
          onChange={(members) => setDraft({ ...draft, members })}
        />
        <Problem message={saving.error} />
        <div className="ws-actions">
          <button type="submit" className="primary" disabled={saving.busy}>
            {draft.id === null ? t('addTeam') : t('common:save')}
          </button>
          {draft.id !== null && (
            <button type="button" onClick={() => setDraft(empty)}>
              {t('common:cancel')}
            </button>
          )}
        </div>
      </form>
    </SettingsScreen>
  );
}
