/** Navigation between the app's pages. */
export const nav = {
  label: 'Pages',
  inbox: 'Inbox',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address.',
  backToInbox: 'Back to the inbox',
  skipToContent: 'Skip to the content',
  signOut: 'Sign out',
  onCall: 'On call',
  alerts: 'Alerts',
};
