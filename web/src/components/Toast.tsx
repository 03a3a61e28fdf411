import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';

/** A short notice with an optional action (Undo), shown at the bottom of the screen. */
export interface ToastMessage {
  /** Distinguishes two toasts with the same text (restarts the timer). */
  key: number;
  text: string;
  action?: { label: string; run: () => void };
}

/**
 * The toast: announced politely to screen readers, gone after `ms` unless the pointer or focus is
 * on it (so there is time to reach Undo), and closable at once.
 */
export function Toast(props: { toast: ToastMessage | null; onDone: () => void; ms?: number }) {
  const { toast, onDone, ms = 10_000 } = props;
  const t = useT('common');
  const [held, setHeld] = useState(false);
  const done = useRef(onDone);
  done.current = onDone;
  // a new toast starts its own timer, whatever the pointer did with the last one
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new toast resets the hold
  useEffect(() => setHeld(false), [toast?.key]);
  useEffect(() => {
    if (!toast || held) return;
    const timer = setTimeout(() => done.current(), ms);
    return () => clearTimeout(timer);
  }, [toast, held, ms]);
  return (
    <div
      className="toast-region"
      role="status"
      aria-live="polite"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toast ? (
        <div key={toast.key} className="toast">
          <span>{toast.text}</span>
          {toast.action ? (
            <button type="button" className="toast-action" onClick={toast.action.run}>
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="ghost icon" aria-label={t('dismiss')} onClick={onDone}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
