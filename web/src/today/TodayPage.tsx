import { useCallback, useEffect, useState } from 'react';
import type { PageProps } from '../app/page-registry.js';
import { navigate, useInAppLink } from '../app/pages.js';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { peopleApi, type Today, type TodayItem } from '../people/api.js';
import { problem } from '../people/format.js';
import '../people/people.css';

/**
 * Today: whom to reach out to and why, best first, each with one-click actions: write a personal
 * message (opens their conversation on the channel they last used), log a card sent, snooze, dismiss.
 */
export function TodayPage(props: PageProps) {
  const t = useT('today');
  const link = useInAppLink();
  const [today, setToday] = useState<Today | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canAct = props.me.role !== 'viewer';

  const load = useCallback(async () => {
    try {
      setToday(await peopleApi.today());
      setError(null);
    } catch (e) {
      setError(problem(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      setDone(message);
      await load();
    } catch (e) {
      setError(problem(e));
    }
  };

  const write = (item: TodayItem) => {
    const to = item.conversationId ?? item.latestConversationId;
    if (to !== null) navigate(`/c/${to}`);
    else navigate(`/people/${item.contact.id}`);
  };

  return (
    <section className="today" aria-labelledby="today-title">
      <h1 id="today-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {today ? (
        <p className="muted">{t('remaining', { count: today.remaining, limit: today.limit })}</p>
      ) : null}
      <p role="status" className="today-status">
        {done ?? ''}
      </p>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {today === null ? (
        <p className="muted">{t('common:loading')}</p>
      ) : today.items.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ol className="today-list">
          {today.items.map((item) => {
            const name = item.contact.preferredName ?? item.contact.name ?? t('someone');
            return (
              <li key={item.key} className={`today-item today-${item.kind}`} data-key={item.key}>
                <div className="today-what">
                  <span className="badge">{t(`kind_${item.kind}`)}</span>{' '}
                  <a {...link(`/people/${item.contact.id}`)} dir="auto" className="today-name">
                    {name}
                  </a>
                  <p className="today-reason" dir="auto">
                    {item.reason}
                  </p>
                </div>
                {canAct ? (
                  <div className="today-actions">
                    <button type="button" className="primary" onClick={() => write(item)}>
                      {item.channel ? t('writeOn', { channel: channelName(item.channel) }) : t('write')}
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        void act(
                          async () => {
                            await peopleApi.addInteraction(item.contact.id, {
                              kind: 'card_sent',
                              note: item.reason,
                            });
                            await peopleApi.actOnToday(item.key, 'done');
                          },
                          t('cardLogged', { name }),
                        )
                      }
                    >
                      {t('logCard')}
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        void act(() => peopleApi.actOnToday(item.key, 'snooze'), t('snoozed', { name }))
                      }
                    >
                      {t('snooze')}
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        void act(() => peopleApi.actOnToday(item.key, 'dismiss'), t('dismissed', { name }))
                      }
                    >
                      {t('dismiss')}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
