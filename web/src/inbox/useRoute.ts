import { useCallback, useEffect, useState } from 'react';

function idFromPath(): number | null {
  // /conversations/42 is what alerts link to (the service worker's notification click)
  const match = /^\/(?:c|conversations)\/(\d+)\/?$/.exec(window.location.pathname);
  return match ? Number(match[1]) : null;
}

/**
 * The open conversation lives in the URL (/c/42), so reload, back/forward and shared links work.
 * `open(id)` pushes a history entry (`open(id, true)` replaces the current one, as moving on after
 * resolving does, so Back still leads to the list); `close()` goes back to the list; `toList()`
 * replaces the current entry with the list.
 */
export function useOpenConversation() {
  const [openId, setOpenId] = useState<number | null>(idFromPath);
  useEffect(() => {
    const onPop = () => setOpenId(idFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const open = useCallback((id: number, replace = false) => {
    if (idFromPath() === id) return;
    if (replace) window.history.replaceState(window.history.state, '', `/c/${id}`);
    else window.history.pushState({ rapport: true }, '', `/c/${id}`);
    setOpenId(id);
  }, []);
  const close = useCallback(() => {
    const state: unknown = window.history.state;
    if (state && typeof state === 'object' && 'rapport' in state) window.history.back();
    else {
      window.history.replaceState(null, '', '/');
      setOpenId(null);
    }
  }, []);
  const toList = useCallback(() => {
    window.history.replaceState(null, '', '/');
    setOpenId(null);
  }, []);
  return { openId, open, close, toList };
}
