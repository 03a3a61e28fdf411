import { useEffect, useRef, useState } from 'react';

/** The current time, re-rendered every `intervalMs`, so countdowns tick without refetching. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** True when the viewport is phone-sized, where list and conversation become separate panes. */
export function useNarrow(maxWidth = 760): boolean {
  const queryText = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(queryText).matches);
  useEffect(() => {
    const mq = window.matchMedia(queryText);
    const update = () => setNarrow(mq.matches);
    mq.addEventListener('change', update);
    update();
    return () => mq.removeEventListener('change', update);
  }, [queryText]);
  return narrow;
}

/** A ref that always holds the latest value, for stable event handlers that read fresh state. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** A value that follows `value` after it has been stable for `ms` (search-as-you-type). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
