import { useState } from 'react';
import { lifecycles } from '../../../src/domain/routing.js';
import { intents, sentiments } from '../../../src/server/routes/routing.schema.js';
import { useT } from '../i18n/index.js';
import type { BusinessHours, RoutingRule, RoutingRuleInput, Team } from './api.js';
import { CheckList, Problem, wordsOf } from './shared.js';

type Sentiment = (typeof sentiments)[number];
type Intent = (typeof intents)[number];
type Lifecycle = (typeof lifecycles)[number];

/** What the rule form edits, as text where people type. */
export interface RuleDraft {
  id: number | null;
  name: string;
  enabled: boolean;
  continue: boolean;
  channels: string;
  sentiments: Sentiment[];
  intents: Intent[];
  urgent: '' | 'yes' | 'no';
  languages: string;
  keywords: string;
  lifecycles: Lifecycle[];
  minReach: string;
  hours: string;
  hoursInside: 'inside' | 'outside';
  assign: string;
  label: string;
  priority: string;
  notifyTeams: number[];
  approval: boolean;
}

/** An empty rule. */
export const emptyRule: RuleDraft = {
  id: null,
  name: '',
  enabled: true,
  continue: false,
  channels: '',
  sentiments: [],
  intents: [],
  urgent: '',
  languages: '',
  keywords: '',
  lifecycles: [],
  minReach: '',
  hours: '',
  hoursInside: 'inside',
  assign: '',
  label: '',
  priority: '',
  notifyTeams: [],
  approval: false,
};

const only = <T extends string>(list: readonly T[], values: string[] | undefined) =>
  (values ?? []).filter((v): v is T => (list as readonly string[]).includes(v));

/** A stored rule as the form edits it (actions the form does not show are dropped on save). */
export function draftOf(r: RoutingRule): RuleDraft {
  const c = r.conditions;
  const d: RuleDraft = {
    ...emptyRule,
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    continue: r.continue,
    channels: (c.channels ?? []).join(', '),
    sentiments: only(sentiments, c.sentiments),
    intents: only(intents, c.intents),
    urgent: c.urgent === undefined ? '' : c.urgent ? 'yes' : 'no',
    languages: (c.languages ?? []).join(', '),
    keywords: (c.keywords ?? []).join(', '),
    lifecycles: only(lifecycles, c.lifecycles),
    minReach: c.minReach?.toString() ?? '',
    hours: c.businessHours?.id.toString() ?? '',
    hoursInside: c.businessHours?.inside === false ? 'outside' : 'inside',
  };
  for (const a of r.actions) {
    if (a.type === 'assign_team') d.assign = `team:${a.teamId}`;
    else if (a.type === 'assign_user') d.assign = `user:${a.userId}`;
    else if (a.type === 'add_label') d.label = d.label ? `${d.label}, ${a.label}` : a.label;
    else if (a.type === 'set_priority') d.priority = String(a.priority);
    else if (a.type === 'notify') d.notifyTeams = [...d.notifyTeams, ...a.teamIds];
    else if (a.type === 'require_approval') d.approval = true;
  }
  return d;
}

/** The request body of a draft, or the problem with it in words. */
export function bodyOf(d: RuleDraft, t: (k: string) => string): RoutingRuleInput | string {
  if (!d.name.trim()) return t('nameRequired');
  const reach = d.minReach.trim() === '' ? undefined : Number(d.minReach);
  if (reach !== undefined && (!Number.isInteger(reach) || reach < 0)) return t('reachInvalid');
  const priority = d.priority.trim() === '' ? undefined : Number(d.priority);
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > 100)) {
    return t('priorityInvalid');
  }
  const actions: RoutingRuleInput['actions'] = [];
  const [kind, id] = d.assign.split(':');
  if (kind === 'team') actions.push({ type: 'assign_team', teamId: Number(id) });
  if (kind === 'user') actions.push({ type: 'assign_user', userId: Number(id) });
  for (const label of wordsOf(d.label)) actions.push({ type: 'add_label', label });
  if (priority !== undefined) actions.push({ type: 'set_priority', priority });
  if (d.notifyTeams.length > 0) actions.push({ type: 'notify', userIds: [], teamIds: d.notifyTeams });
  if (d.approval) actions.push({ type: 'require_approval' });
  if (actions.length === 0) return t('actionRequired');
  const list = (s: string) => (wordsOf(s).length ? wordsOf(s) : undefined);
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    continue: d.continue,
    conditions: {
      channels: list(d.channels),
      sentiments: d.sentiments.length ? d.sentiments : undefined,
      intents: d.intents.length ? d.intents : undefined,
      urgent: d.urgent === '' ? undefined : d.urgent === 'yes',
      languages: list(d.languages),
      keywords: list(d.keywords),
      lifecycles: d.lifecycles.length ? d.lifecycles : undefined,
      minReach: reach,
      businessHours: d.hours ? { id: Number(d.hours), inside: d.hoursInside === 'inside' } : undefined,
    },
    actions,
  };
}

/** The add/edit form of a routing rule. */
export function RuleForm(props: {
  initial: RuleDraft;
  teams: Team[];
  people: { id: number; name: string }[];
  hours: BusinessHours[];
  busy: boolean;
  error: string | null;
  onSave: (body: RoutingRuleInput | string, id: number | null) => void;
  onCancel: () => void;
}) {
  const t = useT('routing');
  const [d, setD] = useState(props.initial);
  const set = (patch: Partial<RuleDraft>) => setD({ ...d, ...patch });
  const text = (
    key: 'name' | 'channels' | 'languages' | 'keywords' | 'minReach' | 'label' | 'priority',
    label: string,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`rule-${key}`}>{label}</label>
      <input
        id={`rule-${key}`}
        value={d[key]}
        placeholder={hint}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="ws-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(bodyOf(d, t), d.id);
      }}
    >
      <h2>{d.id === null ? t('addRule') : t('editRule', { name: d.name })}</h2>
      {text('name', t('name'))}
      <h3>{t('when')}</h3>
      {text('channels', t('channels'), t('channelsPlaceholder'))}
      <CheckList
        legend={t('sentiments')}
        options={sentiments.map((s) => ({ value: s, label: t(`sentiment_${s}`) }))}
        selected={d.sentiments}
        onChange={(v) => set({ sentiments: v })}
      />
      <CheckList
        legend={t('intents')}
        options={intents.map((i) => ({ value: i, label: t(`intent_${i}`) }))}
        selected={d.intents}
        onChange={(v) => set({ intents: v })}
      />
      <div className="field">
        <label htmlFor="rule-urgent">{t('urgency')}</label>
        <select
          id="rule-urgent"
          value={d.urgent}
          onChange={(e) => set({ urgent: e.target.value as RuleDraft['urgent'] })}
        >
          <option value="">{t('any')}</option>
          <option value="yes">{t('urgentOnly')}</option>
          <option value="no">{t('notUrgent')}</option>
        </select>
      </div>
      {text('languages', t('languages'), 'en, de')}
      {text('keywords', t('keywords'), t('keywordsPlaceholder'))}
      <CheckList
        legend={t('lifecycles')}
        options={lifecycles.map((l) => ({ value: l, label: t(`lifecycle_${l}`) }))}
        selected={d.lifecycles}
        onChange={(v) => set({ lifecycles: v })}
      />
      {text('minReach', t('minReach'))}
      <div className="ws-row">
        <div className="field">
          <label htmlFor="rule-hours">{t('businessHours')}</label>
          <select id="rule-hours" value={d.hours} onChange={(e) => set({ hours: e.target.value })}>
            <option value="">{t('anyTime')}</option>
            {props.hours.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-inside">{t('insideOrOutside')}</label>
          <select
            id="rule-inside"
            value={d.hoursInside}
            disabled={!d.hours}
            onChange={(e) => set({ hoursInside: e.target.value as RuleDraft['hoursInside'] })}
          >
            <option value="inside">{t('inside')}</option>
            <option value="outside">{t('outside')}</option>
          </select>
        </div>
      </div>
      <h3>{t('thenHeading')}</h3>
      <div className="field">
        <label htmlFor="rule-assign">{t('assignTo')}</label>
        <select id="rule-assign" value={d.assign} onChange={(e) => set({ assign: e.target.value })}>
          <option value="">{t('nobody')}</option>
          {props.teams.map((team) => (
            <option key={team.id} value={`team:${team.id}`}>
              {t('teamOption', { name: team.name })}
            </option>
          ))}
          {props.people.map((p) => (
            <option key={p.id} value={`user:${p.id}`}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {text('label', t('addLabels'), t('labelsPlaceholder'))}
      {text('priority', t('setPriority'), '0–100')}
      <CheckList
        legend={t('notifyTeams')}
        options={props.teams.map((team) => ({ value: team.id, label: team.name }))}
        selected={d.notifyTeams}
        onChange={(v) => set({ notifyTeams: v })}
      />
      <label className="ws-check-line">
        <input type="checkbox" checked={d.approval} onChange={(e) => set({ approval: e.target.checked })} />{' '}
        {t('requireApproval')}
      </label>
      <label className="ws-check-line">
        <input type="checkbox" checked={d.continue} onChange={(e) => set({ continue: e.target.checked })} />{' '}
        {t('continueLabel')}
      </label>
      <label className="ws-check-line">
        <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
        {t('enabled')}
      </label>
      <Problem message={props.error} />
      <div className="ws-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {d.id === null ? t('addRule') : t('common:save')}
        </button>
        {d.id !== null && (
          <button type="button" onClick={props.onCancel}>
            {t('common:cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
