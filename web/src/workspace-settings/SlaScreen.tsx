import { useCallback, useState } from 'react';
import { intents, sentiments } from '../../../src/server/routes/routing.schema.js';
import { useT } from '../i18n/index.js';
import { type SlaPolicy, settingsApi } from './api.js';
import { CheckList, Problem, SettingsScreen, useLoaded, useSaving, wordsOf } from './shared.js';

type Sentiment = (typeof sentiments)[number];
type Intent = (typeof intents)[number];
interface Draft {
  id: number | null;
  name: string;
  channels: string;
  sentiments: Sentiment[];
  intents: Intent[];
  priorityMin: string;
  priorityMax: string;
  first: string;
  next: string;
  resolution: string;
  hoursId: string;
}
const empty: Draft = {
  id: null,
  name: '',
  channels: '',
  sentiments: [],
  intents: [],
  priorityMin: '',
  priorityMax: '',
  first: '60',
  next: '60',
  resolution: '',
  hoursId: '',
};

/** `/settings/sla`: response targets by channel, sentiment, intent and priority, in match order. */
export function SlaScreen() {
  const t = useT('routing');
  const load = useCallback(
    () => Promise.all([settingsApi.policies(), settingsApi.hours()]).then(([p, h]) => ({ p, h: h.items })),
    [],
  );
  const { value, error, reload } = useLoaded(load);
  const [draft, setDraft] = useState<Draft>(empty);
  const saving = useSaving();
  if (error) return <Problem message={error} />;
  if (!value) return <p>{t('common:loading')}</p>;
  const hoursName = (id: number | null) =>
    id === null ? t('allDay') : (value.h.find((h) => h.id === id)?.name ?? String(id));

  const save = async () => {
    const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
    const minutes = [draft.first, draft.next, draft.resolution].map(num);
    if (!draft.name.trim()) return saving.setError(t('nameRequired'));
    if (
      minutes.some((m) => m !== undefined && (!Number.isInteger(m) || m < 1)) ||
      !minutes[0] ||
      !minutes[1]
    ) {
      return saving.setError(t('minutesInvalid'));
    }
    const body = {
      name: draft.name.trim(),
      conditions: {
        ...(wordsOf(draft.channels).length ? { channels: wordsOf(draft.channels) } : {}),
        ...(draft.sentiments.length ? { sentiments: draft.sentiments } : {}),
        ...(draft.intents.length ? { intents: draft.intents } : {}),
        ...(num(draft.priorityMin) !== undefined ? { priorityMin: num(draft.priorityMin) } : {}),
        ...(num(draft.priorityMax) !== undefined ? { priorityMax: num(draft.priorityMax) } : {}),
      },
      firstResponseMinutes: minutes[0],
      nextResponseMinutes: minutes[1],
      resolutionMinutes: minutes[2] ?? null,
      businessHoursId: draft.hoursId ? Number(draft.hoursId) : null,
    };
    const ok = await saving.run(() =>
      draft.id === null ? settingsApi.createPolicy(body) : settingsApi.updatePolicy(draft.id, body),
    );
    if (ok) {
      setDraft(empty);
      reload();
    }
  };
  const edit = (p: SlaPolicy) =>
    setDraft({
      id: p.id,
      name: p.name,
      channels: (p.conditions.channels ?? []).join(', '),
      sentiments: (p.conditions.sentiments ?? []) as Sentiment[],
      intents: (p.conditions.intents ?? []).filter((i): i is Intent =>
        (intents as readonly string[]).includes(i),
      ),
      priorityMin: p.conditions.priorityMin?.toString() ?? '',
      priorityMax: p.conditions.priorityMax?.toString() ?? '',
      first: String(p.firstResponseMinutes),
      next: String(p.nextResponseMinutes),
      resolution: p.resolutionMinutes?.toString() ?? '',
      hoursId: p.businessHoursId?.toString() ?? '',
    });
  const remove = async (p: SlaPolicy) => {
    if (!window.confirm(t('confirmDelete', { name: p.name }))) return;
    if (await saving.run(() => settingsApi.deletePolicy(p.id))) reload();
  };
  const conditionWords = (p: SlaPolicy) => {
    const c = p.conditions;
    const parts = [
      c.channels?.length ? `${t('channels')}: ${c.channels.join(', ')}` : '',
      c.sentiments?.length
        ? `${t('sentiments')}: ${c.sentiments.map((s) => t(`sentiment_${s}`)).join(', ')}`
        : '',
      c.intents?.length
        ? `${t('intents')}: ${c.intents.map((i) => t(`intent_${i}`, { defaultValue: i })).join(', ')}`
        : '',
      c.priorityMin !== undefined || c.priorityMax !== undefined
        ? `${t('priority')}: ${c.priorityMin ?? 0}–${c.priorityMax ?? 100}`
        : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('everything');
  };
  const field = (
    id: keyof Draft,
    label: string,
    extra: { inputMode?: 'numeric'; placeholder?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={`sla-${id}`}>{label}</label>
      <input
        id={`sla-${id}`}
        {...extra}
        value={draft[id] as string}
        onChange={(e) => setDraft({ ...draft, [id]: e.target.value })}
      />
    </div>
  );

  return (
    <SettingsScreen title={t('slaTitle')} intro={t('slaIntro')}>
      <ol className="ws-list" aria-label={t('slaTitle')}>
        {value.p.items.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>
            <span>{conditionWords(p)}</span>
            <span>
              {t('targets', {
                first: p.firstResponseMinutes,
                next: p.nextResponseMinutes,
                hours: hoursName(p.businessHoursId),
              })}
              {p.resolutionMinutes !== null &&
                ` · ${t('resolutionTarget', { minutes: p.resolutionMinutes })}`}
            </span>
            <div className="ws-actions">
              <button aria-label={t('editNamed', { name: p.name })} type="button" onClick={() => edit(p)}>
                {t('common:edit')}
              </button>
              <button
                aria-label={t('deleteNamed', { name: p.name })}
                type="button"
                className="danger"
                onClick={() => void remove(p)}
              >
                {t('common:delete')}
              </button>
            </div>
          </li>
        ))}
        <li>
          <strong>{t('builtInDefault')}</strong>
          <span>
            {t('defaultTargets', {
              negative: value.p.default.negativeMinutes,
              other: value.p.default.otherMinutes,
            })}
          </span>
        </li>
      </ol>
      <form
        className="ws-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{draft.id === null ? t('addPolicy') : t('editPolicy', { name: draft.name })}</h2>
        {field('name', t('name'))}
        {field('channels', t('channels'), { placeholder: t('channelsPlaceholder') })}
        <CheckList
          legend={t('sentiments')}
          options={sentiments.map((s) => ({ value: s, label: t(`sentiment_${s}`) }))}
          selected={draft.sentiments}
          onChange={(v) => setDraft({ ...draft, sentiments: v })}
        />
        <CheckList
          legend={t('intents')}
          options={intents.map((i) => ({ value: i, label: t(`intent_${i}`) }))}
          selected={draft.intents}
          onChange={(v) => setDraft({ ...draft, intents: v })}
        />
        <div className="ws-row">
          {field('priorityMin', t('priorityMin'), { inputMode: 'numeric' })}
          {field('priorityMax', t('priorityMax'), { inputMode: 'numeric' })}
        </div>
        <div className="ws-row">
          {field('first', t('firstResponseMinutes'), { inputMode: 'numeric' })}
          {field('next', t('nextResponseMinutes'), { inputMode: 'numeric' })}
          {field('resolution', t('resolutionMinutes'), { inputMode: 'numeric', placeholder: t('none') })}
        </div>
        <div className="field">
          <label htmlFor="sla-hours">{t('countsIn')}</label>
          <select
            id="sla-hours"
            value={draft.hoursId}
            onChange={(e) => setDraft({ ...draft, hoursId: e.target.value })}
          >
            <option value="">{t('allDay')}</option>
            {value.h.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
        <Problem message={saving.error} />
        <div className="ws-actions">
          <button type="submit" className="primary" disabled={saving.busy}>
            {draft.id === null ? t('addPolicy') : t('common:save')}
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
