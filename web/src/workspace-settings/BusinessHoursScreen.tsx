import { useCallback, useState } from 'react';
import { isTimeZone, weekdays } from '../../../src/domain/business-hours.js';
import { useT } from '../i18n/index.js';
import { type BusinessHours, settingsApi } from './api.js';
import { Problem, SettingsScreen, useLoaded, useSaving, wordsOf } from './shared.js';

type Day = (typeof weekdays)[number];
interface Draft {
  id: number | null;
  name: string;
  timeZone: string;
  /** Each day's first span is edited here; further spans (set through the API) are kept as they are. */
  days: Record<Day, { open: boolean; start: string; end: string; more: { start: string; end: string }[] }>;
  holidays: string;
}

/** The week as people in Europe read it; the stored form is keyed by day, so order is only shown. */
const mondayFirst = [...weekdays.slice(1), weekdays[0]] as Day[];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const blank = (): Draft => ({
  id: null,
  name: '',
  timeZone: browserZone(),
  days: Object.fromEntries(
    weekdays.map((d) => [
      d,
      {
        open: d !== 'sat' && d !== 'sun',
        start: '09:00',
        end: '17:00',
        more: [] as { start: string; end: string }[],
      },
    ]),
  ) as Draft['days'],
  holidays: '',
});
const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
};

/** `/settings/business-hours`: when the team is at work (time zone, weekly schedule, holidays). */
export function BusinessHoursScreen() {
  const t = useT('routing');
  const load = useCallback(() => settingsApi.hours().then((r) => r.items), []);
  const { value, error, reload } = useLoaded(load);
  const [draft, setDraft] = useState<Draft>(blank);
  const saving = useSaving();
  if (error) return <Problem message={error} />;
  if (!value) return <p>{t('common:loading')}</p>;

  const dayName = (d: Day) => t(`day_${d}`);
  const save = async () => {
    if (!draft.name.trim()) {
      saving.setError(t('nameRequired'));
      return;
    }
    if (!isTimeZone(draft.timeZone.trim())) {
      saving.setError(t('timeZoneInvalid', { zone: draft.timeZone }));
      return;
    }
    const weekly: Partial<Record<Day, { start: string; end: string }[]>> = {};
    for (const d of weekdays) {
      const day = draft.days[d];
      if (!day.open) continue;
      if (!(day.start < day.end)) {
        saving.setError(t('spanInvalid', { day: dayName(d) }));
        return;
      }
      weekly[d] = [{ start: day.start, end: day.end }, ...day.more];
    }
    const body = {
      name: draft.name.trim(),
      timeZone: draft.timeZone.trim(),
      weekly,
      holidays: wordsOf(draft.holidays),
    };
    const ok = await saving.run(() =>
      draft.id === null ? settingsApi.createHours(body) : settingsApi.updateHours(draft.id, body),
    );
    if (ok) {
      setDraft(blank());
      reload();
    }
  };
  const edit = (h: BusinessHours) => {
    const days = blank().days;
    for (const d of weekdays) {
      const [span, ...more] = h.weekly[d] ?? [];
      days[d] = span ? { open: true, start: span.start, end: span.end, more } : { ...days[d], open: false };
    }
    setDraft({ id: h.id, name: h.name, timeZone: h.timeZone, days, holidays: h.holidays.join('\n') });
  };
  const remove = async (h: BusinessHours) => {
    if (!window.confirm(t('confirmDelete', { name: h.name }))) return;
    if (await saving.run(() => settingsApi.deleteHours(h.id))) reload();
  };
  const summary = (h: BusinessHours) =>
    weekdays
      .filter((d) => (h.weekly[d] ?? []).length > 0)
      .map((d) => `${dayName(d)} ${(h.weekly[d] ?? []).map((s) => `${s.start}–${s.end}`).join(', ')}`)
      .join(' · ') || t('closedAllWeek');

  return (
    <SettingsScreen title={t('hoursTitle')} intro={t('hoursIntro')}>
      {value.length === 0 ? (
        <p>{t('noHours')}</p>
      ) : (
        <ul className="ws-list" aria-label={t('hoursTitle')}>
          {value.map((h) => (
            <li key={h.id}>
              <strong>{h.name}</strong>
              <span>{h.timeZone}</span>
              <span>{summary(h)}</span>
              {h.holidays.length > 0 && (
                <span className="ws-muted">{t('holidaysList', { dates: h.holidays.join(', ') })}</span>
              )}
              <div className="ws-actions">
                <button aria-label={t('editNamed', { name: h.name })} type="button" onClick={() => edit(h)}>
                  {t('common:edit')}
                </button>
                <button
                  aria-label={t('deleteNamed', { name: h.name })}
                  type="button"
                  className="danger"
                  onClick={() => void remove(h)}
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
        <h2>{draft.id === null ? t('addHours') : t('editHours', { name: draft.name })}</h2>
        <div className="field">
          <label htmlFor="hours-name">{t('name')}</label>
          <input
            id="hours-name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="hours-zone">{t('timeZone')}</label>
          <input
            id="hours-zone"
            list="hours-zones"
            value={draft.timeZone}
            onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
          />
          <datalist id="hours-zones">
            {zones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <fieldset className="ws-days">
          <legend>{t('weeklySchedule')}</legend>
          {mondayFirst.map((d) => {
            const day = draft.days[d];
            const set = (patch: Partial<typeof day>) =>
              setDraft({ ...draft, days: { ...draft.days, [d]: { ...day, ...patch } } });
            return (
              <div className="ws-day" key={d}>
                <label>
                  <input
                    type="checkbox"
                    checked={day.open}
                    onChange={(e) => set({ open: e.target.checked })}
                  />{' '}
                  {dayName(d)}
                </label>
                <input
                  type="time"
                  aria-label={t('opensAt', { day: dayName(d) })}
                  value={day.start}
                  disabled={!day.open}
                  onChange={(e) => set({ start: e.target.value })}
                />
                <input
                  type="time"
                  aria-label={t('closesAt', { day: dayName(d) })}
                  value={day.end}
                  disabled={!day.open}
                  onChange={(e) => set({ end: e.target.value })}
                />
              </div>
            );
          })}
        </fieldset>
        <div className="field">
          <label htmlFor="hours-holidays">{t('holidays')}</label>
          <textarea
            id="hours-holidays"
            rows={3}
            value={draft.holidays}
            placeholder="2026-12-25"
            onChange={(e) => setDraft({ ...draft, holidays: e.target.value })}
          />
          <span className="ws-muted">{t('holidaysHelp')}</span>
        </div>
        <Problem message={saving.error} />
        <div className="ws-actions">
          <button type="submit" className="primary" disabled={saving.busy}>
            {draft.id === null ? t('addHours') : t('common:save')}
          </button>
          {draft.id !== null && (
            <button type="button" onClick={() => setDraft(blank())}>
              {t('common:cancel')}
            </button>
          )}
        </div>
      </form>
    </SettingsScreen>
  );
}
