const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Date and time apart, so a narrow table cell can break the line between them but never inside either. */
export function formatDateAndTime(iso: string): [date: string, time: string] {
  const d = new Date(iso);
  return [dateOnly.format(d), timeOnly.format(d)];
}
