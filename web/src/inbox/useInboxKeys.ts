import { useEffect } from 'react';
import type { ConversationSummary } from '../api/types.js';
import { useLatest } from '../lib/hooks.js';

/** A keyboard command for the open conversation; `seq` makes repeated presses distinct. */
export interface Command {
  name: 'reply' | 'note';
  seq: number;
}

let seq = 0;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"]');
}

/** Ctrl+Shift+E (⌘⇧E on a Mac): a chord nobody types by accident, unlike a bare e. */
function isResolveChord(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    (event.code === 'KeyE' || event.key.toLowerCase() === 'e')
  );
}

/**
 * The inbox shortcuts. Single keys only move and focus (j/k move, Enter opens, r reply, n note,
 * / search, ? help) and can be turned off per person; changing a conversation's state takes a
 * modifier (Ctrl/⌘+Shift+E resolves). Esc leaves a field (or goes back to the list on a phone).
 * Single keys are ignored while typing in a field.
 */
export function useInboxKeys(options: {
  items: ConversationSummary[];
  /** The selected row's id, updated synchronously (a ref, not state). */
  selectedRef: { current: number | null };
  openId: number | null;
  narrow: boolean;
  helpOpen: boolean;
  /** The person's setting: single-key shortcuts on or off. */
  singleKeys: boolean;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
  onClose: () => void;
  onCommand: (command: Command) => void;
  /** Resolve the open conversation (null when the person may not). */
  onResolve: ((id: number) => void) | null;
  onSearch: () => void;
  onHelp: () => void;
}) {
  const latest = useLatest(options);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const o = latest.current;
      if (event.defaultPrevented || o.helpOpen || event.isComposing) return;
      if (isResolveChord(event)) {
        if (o.openId !== null && o.onResolve) {
          event.preventDefault();
          o.onResolve(o.openId);
        }
        return;
      }
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else if (o.narrow && o.openId !== null) o.onClose();
        return;
      }
      if (!o.singleKeys) return;
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const selectedId = o.selectedRef.current;
      const index = o.items.findIndex((c) => c.id === selectedId);
      const target = o.openId ?? selectedId;
      const run = (name: Command['name']) => {
        if (target === null) return;
        if (o.openId === null) o.onOpen(target);
        seq += 1;
        o.onCommand({ name, seq });
      };
      switch (event.key) {
        case 'j':
        case 'k': {
          if (o.narrow && o.openId !== null) return;
          const next =
            o.items[Math.max(0, Math.min(o.items.length - 1, index + (event.key === 'j' ? 1 : -1)))];
          if (next) o.onSelect(next.id);
          break;
        }
        case 'Enter': {
          const onControl = event.target instanceof HTMLElement && event.target.closest('button, a, summary');
          if (onControl || selectedId === null) return;
          o.onOpen(selectedId);
          break;
        }
        case 'r':
          run('reply');
          break;
        case 'n':
          run('note');
          break;
        case '/':
          o.onSearch();
          break;
        case '?':
          o.onHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);
}
