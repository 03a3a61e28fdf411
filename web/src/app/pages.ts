import { useCallback, useEffect, useState } from 'react';

/**
 * Where the person is, from the URL: the inbox (`/`, `/c/42`) or another page named by the path's
 * first segment (`/today`, `/people/7`, `/settings/teams`) with the rest as its parameters. Reload,
 * back/forward and shared links work for every page.
 */
export interface Location {
  /** `inbox`, or the registered page's name (the first path segment). */
  page: string;
  /** Path segments after the page name, decoded. */
  params: string[];
}

/** Reads a path into a page and its parameters. */
export function locationOf(pathname: string): Location {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const first = parts[0];
  if (first === undefined || first === 'c' || first === 'conversations') return { page: 'inbox', params: [] };
  return { page: first, params: parts.slice(1) };
}

const NAVIGATED = 'rapport:navigated';

/** Goes to a page inside the app (a history entry, no reload). */
export function navigate(path: string, replace = false): void {
  if (window.location.pathname === path) return;
  if (replace) window.history.replaceState(window.history.state, '', path);
  else window.history.pushState({ rapport: true }, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current page, following links, back and forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(() => locationOf(window.location.pathname));
  useEffect(() => {
    const update = () => setLocation(locationOf(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return location;
}

/** A link inside the app: a real `href` (open in a new tab works) that navigates without a reload. */
export function useInAppLink() {
  return useCallback(
    (path: string) => ({
      href: path,
      onClick: (event: {
        button: number;
        metaKey: boolean;
        ctrlKey: boolean;
        shiftKey: boolean;
        altKey: boolean;
        preventDefault(): void;
      }) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(path);
      },
    }),
    [],
  );
}
