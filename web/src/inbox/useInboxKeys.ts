import { useEffect } from 'react';
import type { ConversationSummary } from '../api/types.js';
import { useLatest } from '../lib/hooks.js';

/** A keyboard command for the open conversation; `seq` makes repeated presses distinct. */
export interface Command {
  name: 'reply' | 'note' | 'resolve';
  seq: number;
}

let seq = 0;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return !!target.closest('input, textarea, select, [contenteditable="true"]');
}

/**
 * The inbox shortcuts: j/k move, Enter opens, r reply, n note, e resolve, / search, ? help,
 * Esc leaves a field (or goes back to the list on a phone). Ignored while typing in a field.
 */
export function useInboxKeys(options: {
  items: ConversationSummary[];
  /** The selected row's id, updated synchronously (a ref, not state). */
  selectedRef: { current: number | null };
  openId: number | null;
  narrow: boolean;
  helpOpen: boolean;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
  onClose: () => void;
  onCommand: (command: Command) => void;
  onSearch: () => void;
  onHelp: () => void;
}) {
  const latest = useLatest(options);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const o = latest.current;
      if (event.defaultPrevented || o.helpOpen) return;
      if (event.key === 'Escape') {
        if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else if (o.narrow && o.openId !== null) o.onClose();
        return;
      }
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
        case 'e':
          if (o.openId !== null) run('resolve');
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
