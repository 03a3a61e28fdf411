import { useCallback, useEffect, useRef } from 'react';
import { wordsOf } from '../i18n/index.js';

const baseTitle = () => wordsOf('common')('pageTitle');

/**
 * The unread count in the tab title: customer messages that arrived while this tab was in the
 * background ("(3) Rapport inbox"), cleared when the person comes back to it. Returns the function
 * the event stream calls for each new inbound message.
 */
export function useUnreadTitle(): () => void {
  const unread = useRef(0);
  const show = useCallback(() => {
    document.title = unread.current > 0 ? `(${unread.current}) ${baseTitle()}` : baseTitle();
  }, []);
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return;
      unread.current = 0;
      show();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      unread.current = 0;
      show();
    };
  }, [show]);
  return useCallback(() => {
    if (document.visibilityState === 'visible') return;
    unread.current += 1;
    show();
  }, [show]);
}
