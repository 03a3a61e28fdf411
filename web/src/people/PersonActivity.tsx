import { useState } from 'react';
import { interactionKinds } from '../../../src/domain/people-words.js';
import { useInAppLink } from '../app/pages.js';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { peopleApi } from './api.js';
import { dateTime } from './format.js';
import type { SectionProps } from './PersonPage.js';

/** Notes, logging an offline interaction, and the timeline of everything across channels. */
export function PersonActivity({ detail, change, canEdit }: SectionProps) {
  const t = useT('people');
  const link = useInAppLink();
  const c = detail.contact;
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<(typeof interactionKinds)[number]>('call');
  const [interactionNote, setInteractionNote] = useState('');

  return (
    <>
      {canEdit && !c.erased ? (
        <section className="card person-section" aria-labelledby="log-title">
          <h2 id="log-title">{t('addToTimeline')}</h2>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              if (!note.trim()) return;
              void change(() => peopleApi.addNote(c.id, note.trim())).then((ok) => ok && setNote(''));
            }}
          >
            <label>
              <span>{t('note')}</span>
              <textarea rows={2} value={note} dir="auto" onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="submit">{t('addNote')}</button>
          </form>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void change(() => peopleApi.addInteraction(c.id, { kind, note: interactionNote.trim() })).then(
                (ok) => ok && setInteractionNote(''),
              );
            }}
          >
            <label>
              <span>{t('interactionKind')}</span>
              <select
                aria-label={t('interactionKind')}
                value={kind}
                onChange={(e) => setKind(e.target.value as typeof kind)}
              >
                {interactionKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`interaction_${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('interactionNote')}</span>
              <input
                value={interactionNote}
                dir="auto"
                onChange={(e) => setInteractionNote(e.target.value)}
              />
            </label>
            <button type="submit">{t('logInteraction')}</button>
          </form>
        </section>
      ) : null}
      <section className="card person-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        {detail.timeline.length === 0 ? <p className="muted">{t('emptyTimeline')}</p> : null}
        <ol className="timeline">
          {detail.timeline.map((e) => (
            <li key={`${e.kind}-${e.id}`} className={`timeline-${e.kind} ${e.direction ?? ''}`}>
              <span className="timeline-head">
                <span className="badge">
                  {e.kind === 'message'
                    ? `${channelName(e.channel ?? '')} · ${t(e.direction === 'outbound' ? 'sent' : 'received')}`
                    : e.kind === 'note'
                      ? t('noteKind')
                      : t(`interaction_${e.interaction ?? 'call'}`)}
                </span>{' '}
                <time className="muted" dateTime={new Date(e.at).toISOString()}>
                  {dateTime(e.at)}
                </time>
                {e.conversationId !== null ? (
                  <>
                    {' '}
                    <a {...link(`/c/${e.conversationId}`)}>{t('openConversation')}</a>
                  </>
                ) : null}
              </span>
              {e.text ? (
                <span className="timeline-text" dir="auto">
                  {e.text}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
