/** A person's colour choice: the device's, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** Where the choice is remembered for the next load's pre-paint script (web/public/theme.js). */
export const themeStorageKey = 'rapport.theme';

const darkQuery = '(prefers-color-scheme: dark)';
const themeColours = { light: '#1f2a37', dark: '#12161c' } as const;

function resolve(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

function paint(choice: ThemeChoice) {
  const theme = resolve(choice);
  document.documentElement.dataset.theme = theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', themeColours[theme]);
}

/**
 * Applies a colour choice at once and remembers it on this device, so the next load paints in it
 * before the server has answered. With 'system' it follows the device as it changes; the returned
 * function stops following.
 */
export function applyTheme(choice: ThemeChoice): () => void {
  try {
    localStorage.setItem(themeStorageKey, choice);
  } catch {
    // private mode: the theme still applies for this visit
  }
  paint(choice);
  if (choice !== 'system') return () => {};
  const media = window.matchMedia(darkQuery);
  const follow = () => paint('system');
  media.addEventListener('change', follow);
  return () => media.removeEventListener('change', follow);
}
