import { useCallback, useEffect, useState } from 'react';
import type { PageProps } from '../app/page-registry.js';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { useLiveEvents } from '../lib/live.js';
import { type HeldReply, repliesApi } from './api.js';
import { HeldReplyCard } from './HeldReplyCard.js';
import './replies.css';

/** "Waiting for approval": every held reply for reviewers (oldest first), one's own for others. */
export function ApprovalsPage({ me }: PageProps) {
  const t = useT('replies');
  const link = useInAppLink();
  const [items, setItems] = useState<HeldReply[] | null>(null);
  const [reviewer, setReviewer] = useState(false);
  const load = useCallback(() => {
    repliesApi.approvals({ status: 'pending' }).then(
      (a) => {
        setItems(a.items);
        setReviewer(a.reviewer);
      },
      () => setItems([]),
    );
  }, []);
  useEffect(load, [load]);
  useLiveEvents((event) => {
    if (event.type === 'conversation.updated' && event.data.reason === 'approval') load();
  });
  return (
    <section className="approvals-page">
      <h1>{reviewer ? t('approvalsTitle') : t('approvalsMine')}</h1>
      {items === null ? <p className="muted">{t('loading')}</p> : null}
      {items?.length === 0 ? <p className="muted">{t('approvalsEmpty')}</p> : null}
      <ul className="held-list">
        {items?.map((item) => (
          <HeldReplyCard
            key={`${item.id}-${item.status}`}
            item={item}
            canDecide={reviewer && item.author.userId !== me.id}
            onDecided={load}
          >
            <a className="button-link" {...link(`/c/${item.conversationId}`)}>
              {t('open')}
            </a>
          </HeldReplyCard>
        ))}
      </ul>
    </section>
  );
}
