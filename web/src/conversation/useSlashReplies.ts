import { type KeyboardEvent, type RefObject, useCallback, useId, useState } from 'react';
import { MIN_EDITED_WORDS, variablesIn, wordsChanged } from '../../../src/domain/saved-replies.js';
import { repliesApi, type SavedReply } from '../replies/api.js';

/** What the composer inserted from a saved reply, to tell the server on send (the second-use rule). */
interface Inserted {
  id: number;
  text: string;
  unfilled: string[];
  usedTodayWithOtherCustomer: boolean;
}

const SLASH = /(^|\s)\/([^\n/]{0,40})$/u;

/** Saved replies matching what was typed after `/`: shortcut first, then every word in the title or text. */
export function matchSavedReplies(items: SavedReply[], query: string): SavedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return items.slice(0, 8);
  const words = q.split(/\s+/u);
  const byShortcut = items.filter((s) => s.shortcut.toLowerCase().startsWith(q));
  const byWords = items.filter(
    (s) =>
      !byShortcut.includes(s) &&
      words.every((w) => `${s.shortcut} ${s.title} ${s.body}`.toLowerCase().includes(w)),
  );
  return [...byShortcut, ...byWords].slice(0, 8);
}

/**
 * The `/` menu of the reply composer: typing `/` then a shortcut or words lists matching saved
 * replies; Enter, Tab or a tap inserts one, filled in for this conversation by the server (a name
 * only once the customer confirmed it; anything unknown stays as `{name}` to fix). It remembers what
 * was inserted, so the reply carries it on send and the composer can warn before a form letter.
 */
export function useSlashReplies(props: {
  conversationId: number;
  enabled: boolean;
  areaRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  replace: (value: string, caret: number) => void;
}) {
  const [all, setAll] = useState<SavedReply[]>([]);
  const [slash, setSlash] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [inserted, setInserted] = useState<Inserted | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const menuId = useId();
  const { conversationId, enabled, areaRef, text, replace } = props;

  // another conversation: what was inserted belongs to the last one
  const [shownFor, setShownFor] = useState(conversationId);
  if (shownFor !== conversationId) {
    setShownFor(conversationId);
    setInserted(null);
    setSlash(null);
  }

  const onInput = useCallback(
    (value: string, caret: number) => {
      const match = enabled ? SLASH.exec(value.slice(0, caret)) : null;
      if (!match) {
        setSlash(null);
        return;
      }
      setSlash({ start: caret - match[2]!.length - 1, query: match[2]! });
      setActive(0);
      repliesApi.savedReplies().then(setAll, () => setAll([]));
    },
    [enabled],
  );

  const options = slash ? matchSavedReplies(all, slash.query) : [];
  const open = slash !== null && (options.length > 0 || slash.query.length <= 12);

  const pick = useCallback(
    async (saved: SavedReply) => {
      if (!slash) return;
      const area = areaRef.current;
      const caret = area?.selectionStart ?? text.length;
      const before = slash.start;
      setSlash(null);
      try {
        const filled = await repliesApi.render(saved.id, conversationId);
        const value = text.slice(0, before) + filled.text + text.slice(caret);
        replace(value, before + filled.text.length);
        setInserted({ id: saved.id, ...filled });
        setFailed(null);
      } catch (err) {
        setFailed(err instanceof Error ? err.message : String(err));
      }
    },
    [slash, areaRef, text, conversationId, replace],
  );

  /** Handles the menu's keys; true when the key was the menu's. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      setSlash(null);
      return true;
    }
    if (!options.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + options.length) % options.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
      event.preventDefault();
      void pick(options[active] ?? options[0]!);
      return true;
    }
    return false;
  };

  const present = inserted ? variablesIn(text).filter((v) => inserted.unfilled.includes(v)) : [];
  const unedited = inserted ? wordsChanged(inserted.text, text) < MIN_EDITED_WORDS : false;

  return {
    open,
    options,
    active,
    menuId,
    query: slash?.query ?? '',
    pick,
    onInput,
    onKeyDown,
    failed,
    /** Variables of the inserted template still unfilled in the text. */
    unfilled: present,
    /** The template already went unedited to another customer today and is still unedited. */
    formLetterRisk: !!inserted?.usedTodayWithOtherCustomer && unedited,
    /** What the reply carries on send: the saved reply and its text as inserted. */
    attachment: () => (inserted ? { id: inserted.id, insertedText: inserted.text } : undefined),
    reset: () => setInserted(null),
    ariaProps: open
      ? {
          'aria-autocomplete': 'list' as const,
          'aria-controls': menuId,
          'aria-activedescendant': options.length ? `${menuId}-o${active}` : undefined,
        }
      : {},
  };
}

/** The `/` menu's state, as the composer hands it to SlashMenu. */
export type SlashReplies = ReturnType<typeof useSlashReplies>;
