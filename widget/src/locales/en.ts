/** The widget's words in English: the reference every other language translates, key for key. */
export const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  reconnecting: 'Reconnecting…',
  noOneFree: 'No one is free right now.',
  typeMessage: 'Type your message',
  leaveEmail: 'Leave your email',
  leaveEmailWhy: "Leave your email and we'll answer you there if you've gone.",
  nameOptional: 'Your name (optional)',
  email: 'Your email',
  notNow: 'Not now',
  save: 'Save',
  send: 'Send',
  sending: 'Sending…',
  notSent: 'Not sent: {{reason}}',
  thanksEmail: 'Thanks! If you have gone, we will reply to {{email}}.',
  defaultBrandName: 'Chat with us',
  defaultGreeting: 'Hi! How can we help?',
  unread_one: '{{count}} new message',
  unread_other: '{{count}} new messages',
  error: {
    rate_limited: 'You are sending messages too quickly. Please wait a moment.',
    validation_failed: 'This message could not be sent as it is.',
    internal: 'Something went wrong. Please try again.',
  },
};

/** The shape every language's words must have. */
export type WidgetWords = typeof en;
