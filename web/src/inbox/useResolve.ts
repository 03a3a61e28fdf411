import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ConversationSummary } from '../api/types.js';
import type { ToastMessage } from '../components/Toast.js';
import { wordsOf } from '../i18n/index.js';
import { useLatest } from '../lib/hooks.js';

let toastKeys = 0;

function why(error: unknown): string {
  return error instanceof ApiError ? error.message : wordsOf('common')('somethingWrong');
}

/**
 * Resolving from the inbox: the conversation is resolved, the next one in the list opens (or the
 * list, when none is left), and a toast offers Undo, which puts the conversation back as it was
 * (open, pending, or snoozed until the same time) and opens it again.
 */
export function useResolve(options: {
  items: ConversationSummary[];
  patch: (c: ConversationSummary) => void;
  open: (id: number) => void;
  close: () => void;
}) {
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const latest = useLatest(options);

  const undo = useCallback(
    async (before: ConversationSummary | undefined, id: number) => {
      const o = latest.current;
      const snoozeAgain =
        before?.status === 'snoozed' && before.snoozedUntil !== null && before.snoozedUntil > Date.now();
      try {
        const { conversation } = snoozeAgain
          ? await api.setStatus(id, 'snoozed', before.snoozedUntil as number)
          : await api.setStatus(id, before?.status === 'pending' ? 'pending' : 'open');
        o.patch(conversation);
        o.open(id);
        setToast(null);
      } catch (error) {
        setToast({ key: ++toastKeys, text: wordsOf('inbox')('undoFailed', { why: why(error) }) });
      }
    },
    [latest],
  );

  const resolve = useCallback(
    async (id: number, current?: ConversationSummary) => {
      const o = latest.current;
      const index = o.items.findIndex((c) => c.id === id);
      const before = current ?? o.items[index];
      const candidates =
        index >= 0 ? [...o.items.slice(index + 1), ...o.items.slice(0, index).reverse()] : o.items;
      const next = candidates.find((c) => c.id !== id && c.status !== 'resolved') ?? null;
      try {
        const { conversation } = await api.setStatus(id, 'resolved');
        o.patch(conversation);
        if (next) o.open(next.id);
        else o.close();
        const name = before?.contact?.name || before?.contact?.handle;
        const t = wordsOf('inbox');
        setToast({
          key: ++toastKeys,
          text: name ? t('resolvedWith', { name }) : t('resolved'),
          action: { label: wordsOf('common')('undo'), run: () => void undo(before, id) },
        });
      } catch (error) {
        setToast({ key: ++toastKeys, text: wordsOf('inbox')('notResolved', { why: why(error) }) });
      }
    },
    [latest, undo],
  );

  return { resolve, toast, dismiss: useCallback(() => setToast(null), []) };
}
