/** The person's own settings. */
export const settings = {
  title: 'Your settings',
  colours: 'Colours',
  themeSystem: 'Same as this device',
  themeLight: 'Light',
  themeDark: 'Dark',
  languageEn: 'English',
  languageDe: 'Deutsch (German)',
  sound: 'Play a sound for urgent alerts',
  soundHelp: 'While Rapport is open, an angry or overdue customer chimes once.',
  keys: 'Use single-key shortcuts',
  keysHelp: 'Turn them off if stray key presses get in your way.',
  allShortcuts: 'See all keyboard shortcuts',
  savedEverywhere: 'Saved for you on every device.',
};
