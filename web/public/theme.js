// Runs before the page paints (a classic script in <head>): applies the person's colour theme,
// remembered in localStorage by the app (web/src/settings/theme.ts), so a reload never flashes.
(() => {
  var choice = 'system';
  try {
    choice = localStorage.getItem('rapport.theme') || 'system';
  } catch (_e) {}
  var dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
