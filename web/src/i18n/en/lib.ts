/** Durations, due times and names of strangers, as every screen says them. */
export const lib = {
  seconds: '{{n}}s',
  minutes: '{{n}}m',
  hours: '{{n}}h',
  hoursMinutes: '{{h}}h {{m}}m',
  days: '{{n}}d',
  daysHours: '{{d}}d {{h}}h',
  answered: 'answered',
  overdue: 'overdue {{time}}',
  dueIn: 'due in {{time}}',
  websiteVisitor: 'Website visitor',
  unknownContact: 'Unknown contact',
};
