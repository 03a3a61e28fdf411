/** The check before sending, shown under the composer (ReplyFindings.tsx). */
export const guidelines = {
  label: 'Before you send',
  warn: 'Worth a look',
  block: 'Blocks sending',
  matched: 'Matched',
  tryThis: 'Try',
  blocked_one: 'blocked by {{count}} finding',
  blocked_other: 'blocked by {{count}} findings',
  reason: 'Reason for a private channel',
  reasonNone: 'No reason (help in public)',
  reason_account_details: 'Account details',
  reason_legal: 'Legal',
  reason_privacy: 'Privacy',
  offline_shunt_title: 'Sends the customer elsewhere',
  offline_shunt_why:
    'It sends the customer to a DM, phone, email, a form, a store or another team instead of helping where they asked.',
  offline_shunt_suggestion:
    'Answer here first. If you truly need private details (account, legal, privacy), say why and choose the reason below.',
  blame_title: 'Blames the customer',
  blame_why: 'It tells the customer, in public, that they are wrong or used the product wrongly.',
  blame_suggestion:
    'Describe the fix, not their mistake: "This can happen when …; here is how to get it working."',
  confidential_title: 'Confidential',
  confidential_why:
    'Internal terms, card numbers, other people’s contact details or internal links must never reach a customer.',
  confidential_suggestion:
    'Leave it out, or say what the customer needs to know without the internal detail.',
  form_letter_title: 'Form letter',
  form_letter_why: 'Nearly the same text already went to another customer recently; it reads as a brush-off.',
  form_letter_suggestion: 'Rewrite it for this customer: name what they wrote about and what you will do.',
  not_personal_title: 'Not personal',
  not_personal_why:
    'The reply does not take up anything the customer said; a name or a generic apology is not enough.',
  not_personal_suggestion: 'Name their actual problem or answer their question.',
  missing_name_title: 'Name not used',
  missing_name_why: 'The customer confirmed their name, and the reply does not use it.',
  missing_name_suggestion: 'Greet them by the name they asked to be called.',
  unsigned_title: 'Not signed',
  unsigned_why: 'Your team signs replies, so customers talk to a person rather than a logo.',
  unsigned_suggestion: 'End with your name or initials, e.g. "-Sam" or "^SK".',
  tone_title: 'Tone',
  tone_why: 'Capitals, stacked punctuation or sarcasm read as anger in public.',
  tone_suggestion: 'Write in normal case and say plainly what you can do.',
  channel_limit_title: 'Too long for the channel',
  channel_limit_why: 'The channel will not take a reply this long.',
  channel_limit_suggestion: 'Answer the main point first and follow up in a second reply.',
};
