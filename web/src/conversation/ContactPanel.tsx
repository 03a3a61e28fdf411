import type { ContactDetail, ConversationSummary } from '../api/types.js';
import { channelName, StatusBadge } from '../components/Badges.js';
import { currentLanguage, useT } from '../i18n/index.js';
import { contactTitle, shownHandle } from '../lib/contact.js';
import { clockTime } from '../lib/time.js';
import { PinnedInsights } from '../people/PinnedInsights.js';

/**
 * Who the customer is: names, their handle on every channel, lifecycle stage, this conversation's
 * labels and their past conversations (one click away).
 */
export function ContactPanel(props: {
  contact: ContactDetail | null;
  conversation: ConversationSummary;
  now: number;
  onOpen: (id: number) => void;
}) {
  const { contact, conversation } = props;
  const t = useT('conversation');
  if (!contact) {
    return <p className="muted">{t('noContact')}</p>;
  }
  const past = contact.pastConversations.filter((p) => p.id !== conversation.id);
  return (
    <div className="contact">
      <PinnedInsights contactId={contact.id} insights={contact.insights} />
      <h2 className="contact-name" dir="auto">
        {contactTitle(conversation.channel, contact.name, contact.identities[0]?.handle)}
      </h2>
      <dl className="facts">
        <dt>{t('lifecycle')}</dt>
        <dd>
          <span className={`badge lifecycle-${contact.lifecycle}`}>
            {t(`lifecycle_${contact.lifecycle}`, { defaultValue: contact.lifecycle })}
          </span>
        </dd>
        {contact.followerCount !== null ? (
          <>
            <dt>{t('followers')}</dt>
            <dd>{contact.followerCount.toLocaleString(currentLanguage())}</dd>
          </>
        ) : null}
        <dt>{t('labelsTitle')}</dt>
        <dd>
          {conversation.labels.length ? (
            conversation.labels.map((l) => (
              <span key={l} className="badge label" dir="auto">
                {l}
              </span>
            ))
          ) : (
            <span className="muted">{t('none')}</span>
          )}
        </dd>
      </dl>
      <h3>{t('everyChannel')}</h3>
      <ul className="identities">
        {contact.identities.map((i) => (
          <li key={`${i.channel}:${i.externalId}`}>
            <span className="channel">{channelName(i.channel)}</span>{' '}
            <span dir="auto">
              {i.handle
                ? shownHandle(i.channel, i.handle)
                : i.channel === 'chat'
                  ? t('visitorNoEmail')
                  : i.externalId}
            </span>
            {i.name && i.name !== contact.name ? (
              <span className="muted" dir="auto">
                {' '}
                ({i.name})
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <h3>{t('pastConversations')}</h3>
      {past.length ? (
        <ul className="past">
          {past.map((p) => (
            <li key={p.id}>
              <a
                href={`/c/${p.id}`}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey) return;
                  e.preventDefault();
                  props.onOpen(p.id);
                }}
              >
                <span className="past-head">
                  <StatusBadge status={p.status} />{' '}
                  <span className="muted">{clockTime(p.lastMessageAt, props.now)}</span>
                </span>
                <span className="past-preview" dir="auto">
                  {p.preview}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('firstConversation')}</p>
      )}
    </div>
  );
}
