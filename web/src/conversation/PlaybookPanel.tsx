import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { type ConversationPlaybook, repliesApi } from '../replies/api.js';

/**
 * The team's playbook for the open conversation's complaint type, beside the composer: what to
 * acknowledge, what to ask, what never to say, who to involve, when a private channel is
 * legitimate, and the saved replies (typed with `/`) written for it. Nothing shows without one.
 */
export function PlaybookPanel(props: { conversationId: number; version: number }) {
  const t = useT('replies');
  const [answer, setAnswer] = useState<ConversationPlaybook | null>(null);
  const { conversationId, version } = props;
  useEffect(() => {
    let live = version >= 0;
    repliesApi.playbook(conversationId).then(
      (a) => {
        if (live) setAnswer(a);
      },
      () => {
        if (live) setAnswer(null);
      },
    );
    return () => {
      live = false;
    };
  }, [conversationId, version]);
  if (!answer?.complaintType) return null;
  const p = answer.playbook;
  if (!p) {
    return (
      <section className="playbook" aria-label={t('playbookFor', { type: answer.complaintType })}>
        <p className="muted small">
          {t('playbookFor', { type: answer.complaintType })} · {t('playbookNone')}
        </p>
      </section>
    );
  }
  const rows: [string, string][] = [
    [t('acknowledge'), p.plan.acknowledge],
    [t('ask'), p.plan.ask],
    [t('involve'), p.plan.involve],
    [t('privateChannel'), p.plan.privateChannel],
  ];
  return (
    <section className="playbook" aria-labelledby={`playbook-${p.id}`}>
      <h2 id={`playbook-${p.id}`} className="small-heading">
        {t('playbookTitle', { name: p.name })}
      </h2>
      <dl>
        {rows
          .filter(([, text]) => text)
          .map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd dir="auto">{text}</dd>
            </div>
          ))}
        {p.plan.neverSay.length ? (
          <div>
            <dt>{t('neverSay')}</dt>
            <dd>
              <ul className="never-say">
                {p.plan.neverSay.map((phrase) => (
                  <li key={phrase} dir="auto">
                    {phrase}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {answer.savedReplies.length ? (
          <div>
            <dt>{t('templates')}</dt>
            <dd>
              {answer.savedReplies.map((s) => (
                <span key={s.id} className="template-hint">
                  <kbd>/{s.shortcut}</kbd> {s.title}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
