import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShuntReason } from '../../../src/guidelines/types.js';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ConversationDetail, ConversationSummary, Viewer } from '../api/types.js';
import { wordsOf } from '../i18n/index.js';
import { useLiveEvents } from '../lib/live.js';

/** A reply typed here that the server has not accepted yet (sending) or refused (failed). */
export interface PendingReply {
  localId: number;
  text: string;
  status: 'sending' | 'failed';
  error: string | null;
  at: number;
}

let localIds = 0;

/** The saved reply a reply was written from (the second-use rule). */
export interface ReplyTemplate {
  id: number;
  insertedText: string;
}

/** Sent (queued), held for approval, failed (shown in the thread), or refused back to the composer. */
/** What a reply carries besides its text: the saved reply inserted, and a reason for a private channel. */
export interface ReplyExtras {
  template?: ReplyTemplate;
  shuntReason?: ShuntReason;
}

/** How a send ended: stored, held for approval, failed, or refused before it was stored. */
export type SendOutcome = boolean | 'held' | { refused: string; message: string };

/**
 * One conversation with its thread, notes and contact, reloaded when a live event touches it, plus
 * the replies still on their way (so a failed send stays visible with a retry).
 */
export function useConversation(id: number) {
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingReply[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    try {
      const next = await api.conversation(id);
      setDetail(next);
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404
          ? wordsOf('conversation')('notFound')
          : err instanceof Error
            ? err.message
            : wordsOf('conversation')('loadFailed'),
      );
    }
  }, [id]);

  useEffect(() => {
    void reload();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reload]);

  const reloadSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void reload();
    }, 100);
  }, [reload]);

  useLiveEvents((event) => {
    if (event.type === 'reconnected') reloadSoon();
    else if (
      (event.type === 'conversation.updated' || event.type === 'message.created') &&
      event.data.conversationId === id
    ) {
      reloadSoon();
    }
  });

  const sendReply = useCallback(
    async (text: string, localId = ++localIds, extras: ReplyExtras = {}): Promise<SendOutcome> => {
      setPending((list) => [
        ...list.filter((p) => p.localId !== localId),
        { localId, text, status: 'sending', error: null, at: Date.now() },
      ]);
      try {
        const { message } = await api.reply(id, text, extras);
        setPending((list) => list.filter((p) => p.localId !== localId));
        setDetail((d) =>
          d && message && !d.messages.some((m) => m.id === message.id)
            ? { ...d, messages: [...d.messages, message] }
            : d,
        );
        reloadSoon();
        return message ? true : 'held';
      } catch (err) {
        // refused before it was stored (a form letter, a variable left unfilled): back to the composer
        if (
          err instanceof ApiError &&
          (err.code === 'form_letter' || err.status === 400) &&
          extras.template
        ) {
          setPending((list) => list.filter((p) => p.localId !== localId));
          return { refused: err.code, message: err.message };
        }
        const why = err instanceof Error ? err.message : 'not sent';
        setPending((list) =>
          list.map((p) => (p.localId === localId ? { ...p, status: 'failed', error: why } : p)),
        );
        return false;
      }
    },
    [id, reloadSoon],
  );

  const discard = useCallback((localId: number) => {
    setPending((list) => list.filter((p) => p.localId !== localId));
  }, []);

  const applySummary = useCallback((conversation: ConversationSummary) => {
    setDetail((d) => (d ? { ...d, conversation } : d));
  }, []);

  return { detail, error, pending, reload, reloadSoon, sendReply, discard, applySummary };
}

/**
 * Tells the server we are viewing (or replying to) this conversation and listens for teammates
 * doing the same, for the collision warning. Says "left" when the conversation closes.
 */
export function usePresence(id: number, myId: number, replying: boolean, enabled: boolean) {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const state = replying ? 'replying' : 'viewing';

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const send = () =>
      api.presence(id, state).then(
        (answer) => {
          if (!stopped) setViewers(answer.viewers);
        },
        () => {},
      );
    void send();
    const timer = setInterval(send, 20_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, state, enabled]);

  useEffect(() => {
    if (!enabled) return;
    return () => {
      api.presence(id, 'left').catch(() => {});
    };
  }, [id, enabled]);

  useLiveEvents((event) => {
    if (event.type === 'presence' && event.data.conversationId === id) setViewers(event.data.viewers);
  });

  return viewers.filter((v) => v.userId !== myId);
}
