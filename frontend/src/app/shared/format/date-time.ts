/** Date and time in the user's locale and time zone: "12 Mar 2026, 14:05". */
const LOCAL_DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A point in time in words (`format`: the user's locale by default); an unreadable value is returned as it came. */
export function formatDateTime(iso: string, format: Intl.DateTimeFormat = LOCAL_DATE_TIME): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : format.format(time);
}
