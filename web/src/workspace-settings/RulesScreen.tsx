import { useCallback, useState } from 'react';
import { useT } from '../i18n/index.js';
import { type RoutingRule, type RoutingRuleInput, settingsApi } from './api.js';
import { draftOf, emptyRule, type RuleDraft, RuleForm } from './RuleForm.js';
import { Problem, SettingsScreen, useLoaded, useSaving } from './shared.js';

/** `/settings/rules`: ordered routing rules (first match wins unless a rule says continue) and the ready defaults. */
export function RulesScreen() {
  const t = useT('routing');
  const load = useCallback(
    () =>
      Promise.all([settingsApi.rules(), settingsApi.teams(), settingsApi.users(), settingsApi.hours()]).then(
        ([rules, teams, users, hours]) => ({
          rules: rules.items,
          teams: teams.items,
          people: users.items.filter((u) => !u.disabled && u.role !== 'viewer'),
          hours: hours.items,
        }),
      ),
    [],
  );
  const { value, error, reload } = useLoaded(load);
  const [editing, setEditing] = useState<{ key: number; draft: RuleDraft }>({ key: 0, draft: emptyRule });
  const [notice, setNotice] = useState<string | null>(null);
  const saving = useSaving();
  const list = useSaving();
  if (error) return <Problem message={error} />;
  if (!value) return <p>{t('common:loading')}</p>;
  const reset = (draft: RuleDraft = emptyRule) => setEditing({ key: editing.key + 1, draft });
  const teamName = (id: number) => value.teams.find((x) => x.id === id)?.name ?? `#${id}`;
  const personName = (id: number) => value.people.find((x) => x.id === id)?.name ?? `#${id}`;

  const save = async (body: RoutingRuleInput | string, id: number | null) => {
    if (typeof body === 'string') return saving.setError(body);
    const ok = await saving.run(() =>
      id === null ? settingsApi.createRule(body) : settingsApi.updateRule(id, body),
    );
    if (ok) {
      reset();
      reload();
    }
  };
  const toggle = async (r: RoutingRule) => {
    const body = {
      name: r.name,
      enabled: !r.enabled,
      continue: r.continue,
      conditions: r.conditions,
      actions: r.actions,
    };
    if (await list.run(() => settingsApi.updateRule(r.id, body as RoutingRuleInput))) reload();
  };
  const move = async (index: number, by: -1 | 1) => {
    const order = [...value.rules];
    const [rule] = order.splice(index, 1);
    if (!rule) return;
    order.splice(index + by, 0, rule);
    const ok = await list.run(async () => {
      for (const [position, r] of order.entries()) {
        if (r.position === position) continue;
        const body = {
          name: r.name,
          enabled: r.enabled,
          continue: r.continue,
          position,
          conditions: r.conditions,
          actions: r.actions,
        };
        await settingsApi.updateRule(r.id, body as RoutingRuleInput);
      }
    });
    if (ok) reload();
  };
  const remove = async (r: RoutingRule) => {
    if (!window.confirm(t('confirmDelete', { name: r.name }))) return;
    if (await list.run(() => settingsApi.deleteRule(r.id))) reload();
  };
  const installDefaults = async () => {
    let added = { teams: [] as string[], rules: [] as string[] };
    const ok = await list.run(async () => {
      added = (await settingsApi.installDefaults()).added;
    });
    if (ok) {
      setNotice(
        added.rules.length + added.teams.length === 0
          ? t('defaultsThere')
          : t('defaultsAdded', { rules: added.rules.length, teams: added.teams.length }),
      );
      reload();
    }
  };
  const describe = (r: RoutingRule) => {
    const c = r.conditions;
    const when = [
      c.channels?.length ? `${t('channels')}: ${c.channels.join(', ')}` : '',
      c.sentiments?.length
        ? `${t('sentiments')}: ${c.sentiments.map((s) => t(`sentiment_${s}`, { defaultValue: s })).join(', ')}`
        : '',
      c.intents?.length
        ? `${t('intents')}: ${c.intents.map((i) => t(`intent_${i}`, { defaultValue: i })).join(', ')}`
        : '',
      c.urgent !== undefined ? (c.urgent ? t('urgentOnly') : t('notUrgent')) : '',
      c.urgency?.length ? `${t('urgency')}: ${c.urgency.join(', ')}` : '',
      c.languages?.length ? `${t('languages')}: ${c.languages.join(', ')}` : '',
      c.keywords?.length ? `${t('keywords')}: ${c.keywords.join(', ')}` : '',
      c.lifecycles?.length
        ? `${t('lifecycles')}: ${c.lifecycles.map((l) => t(`lifecycle_${l}`, { defaultValue: l })).join(', ')}`
        : '',
      c.minReach !== undefined ? `${t('minReach')}: ${c.minReach}` : '',
      c.businessHours
        ? `${c.businessHours.inside ? t('inside') : t('outside')} ${value.hours.find((h) => h.id === c.businessHours?.id)?.name ?? ''}`
        : '',
    ].filter(Boolean);
    const then = r.actions.map((a) => {
      if (a.type === 'assign_team') return t('actionAssignTeam', { name: teamName(a.teamId) });
      if (a.type === 'assign_user') return t('actionAssignUser', { name: personName(a.userId) });
      if (a.type === 'add_label') return t('actionLabel', { label: a.label });
      if (a.type === 'set_priority') return t('actionPriority', { priority: a.priority });
      if (a.type === 'notify')
        return t('actionNotify', {
          who: [...a.teamIds.map(teamName), ...a.userIds.map(personName)].join(', '),
        });
      return t('requireApproval');
    });
    return { when: when.length ? when.join(' · ') : t('everything'), actions: then.join(' · ') };
  };

  return (
    <SettingsScreen title={t('rulesTitle')} intro={t('rulesIntro')}>
      <div className="ws-actions">
        <button type="button" onClick={() => void installDefaults()} disabled={list.busy}>
          {t('installDefaults')}
        </button>
        {notice && <span role="status">{notice}</span>}
      </div>
      <Problem message={list.error} />
      {value.rules.length === 0 ? (
        <p>{t('noRules')}</p>
      ) : (
        <ol className="ws-list" aria-label={t('rulesTitle')}>
          {value.rules.map((r, i) => {
            const words = describe(r);
            return (
              <li key={r.id}>
                <strong>
                  {r.name}
                  {!r.enabled && ` (${t('disabled')})`}
                </strong>
                <span>{t('whenText', { text: words.when })}</span>
                <span>{t('thenText', { text: words.actions })}</span>
                {r.continue && <span className="ws-muted">{t('continues')}</span>}
                <div className="ws-actions">
                  <button
                    aria-label={t('editNamed', { name: r.name })}
                    type="button"
                    onClick={() => reset(draftOf(r))}
                  >
                    {t('common:edit')}
                  </button>
                  <button
                    type="button"
                    aria-label={
                      r.enabled ? t('disableNamed', { name: r.name }) : t('enableNamed', { name: r.name })
                    }
                    onClick={() => void toggle(r)}
                  >
                    {r.enabled ? t('turnOff') : t('turnOn')}
                  </button>
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => void move(i, -1)}
                    aria-label={t('moveUpNamed', { name: r.name })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={i === value.rules.length - 1}
                    onClick={() => void move(i, 1)}
                    aria-label={t('moveDownNamed', { name: r.name })}
                  >
                    ↓
                  </button>
                  <button
                    aria-label={t('deleteNamed', { name: r.name })}
                    type="button"
                    className="danger"
                    onClick={() => void remove(r)}
                  >
                    {t('common:delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <RuleForm
        key={editing.key}
        initial={editing.draft}
        teams={value.teams}
        people={value.people}
        hours={value.hours}
        busy={saving.busy}
        error={saving.error}
        onSave={(body, id) => void save(body, id)}
        onCancel={() => reset()}
      />
    </SettingsScreen>
  );
}
