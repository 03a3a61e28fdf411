import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { useLiveEvents } from '../lib/live.js';
import { type HeldReply, repliesApi } from '../replies/api.js';
import { HeldReplyCard } from '../replies/HeldReplyCard.js';
import '../replies/replies.css';

/**
 * Replies of this conversation held for approval (and the ones sent back), above the composer:
 * reviewers decide here, authors see what is waiting and the reviewer's comment.
 */
export function HeldReplies(props: { conversationId: number; meId: number }) {
  const t = useT('replies');
  const [items, setItems] = useState<HeldReply[]>([]);
  const [reviewer, setReviewer] = useState(false);
  const load = useCallback(() => {
    repliesApi.approvals({ conversationId: props.conversationId }).then(
      (a) => {
        setItems(a.items.filter((i) => i.status !== 'approved'));
        setReviewer(a.reviewer);
      },
      () => setItems([]),
    );
  }, [props.conversationId]);
  useEffect(load, [load]);
  useLiveEvents((event) => {
    if (event.type === 'conversation.updated' && event.data.conversationId === props.conversationId) load();
  });
  if (!items.length) return null;
  return (
    <section className="held-replies" aria-label={t('heldInConversation')}>
      <h2 className="small-heading">{t('heldInConversation')}</h2>
      <ul>
        {items.map((item) => (
          <HeldReplyCard
            key={`${item.id}-${item.status}`}
            item={item}
            canDecide={reviewer && item.author.userId !== props.meId}
            onDecided={load}
          />
        ))}
      </ul>
    </section>
  );
}
