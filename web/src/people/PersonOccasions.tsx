import { useState } from 'react';
import { occasionKinds } from '../../../src/domain/people-words.js';
import { useT } from '../i18n/index.js';
import { peopleApi } from './api.js';
import type { SectionProps } from './PersonPage.js';

/** Birthdays, customer-since anniversaries and custom dates, with their reminder. */
export function PersonOccasions({ detail, change, canEdit }: SectionProps) {
  const t = useT('people');
  const c = detail.contact;
  const [kind, setKind] = useState<(typeof occasionKinds)[number]>('birthday');
  const [label, setLabel] = useState('');
  const [date, setDate] = useState('');
  const [remind, setRemind] = useState('3');

  const add = () => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m) return;
    void change(() =>
      peopleApi.addOccasion(c.id, {
        kind,
        label: label.trim() || null,
        year: kind === 'birthday' && !m[1] ? null : Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        remindDaysBefore: Number(remind) || 0,
      }),
    ).then((ok) => {
      if (ok) {
        setLabel('');
        setDate('');
      }
    });
  };

  return (
    <section className="card person-section" aria-labelledby="occasions-title">
      <h2 id="occasions-title">{t('occasions')}</h2>
      {detail.occasions.length === 0 ? <p className="muted">{t('noOccasions')}</p> : null}
      <ul className="occasions">
        {detail.occasions.map((o) => (
          <li key={o.id}>
            <span dir="auto">{o.label ?? t(`occasion_${o.kind}`)}</span>{' '}
            <span>
              {new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
                Date.UTC(2024, o.month - 1, o.day),
              )}
              {o.year ? ` ${o.year}` : ''}
            </span>{' '}
            <span className="muted">{t('remindBefore', { count: o.remindDaysBefore })}</span>
            {canEdit ? (
              <button
                type="button"
                className="inline-button"
                aria-label={t('removeOccasion', { name: o.label ?? t(`occasion_${o.kind}`) })}
                onClick={() => void change(() => peopleApi.deleteOccasion(c.id, o.id))}
              >
                {t('common:delete')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit && !c.erased ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label>
            <span>{t('occasionKind')}</span>
            <select
              aria-label={t('occasionKind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
            >
              {occasionKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`occasion_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('occasionLabel')}</span>
            <input value={label} dir="auto" onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            <span>{t('occasionDate')}</span>
            <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            <span>{t('remindDays')}</span>
            <input
              type="number"
              min={0}
              max={60}
              value={remind}
              onChange={(e) => setRemind(e.target.value)}
            />
          </label>
          <button type="submit">{t('addOccasion')}</button>
        </form>
      ) : null}
    </section>
  );
}
