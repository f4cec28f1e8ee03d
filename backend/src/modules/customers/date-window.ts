/**
 * Date windows of the record reads (docs/customers-api.md): each edge is an ISO 8601 date (`2026-11-01`: from 00:00Z
 * that day, to 23:59:59.999Z that day) or a date-time with an offset (`2026-11-01T08:30:00Z`,
 * `2026-11-01T08:30+01:00`). A record is in the window when its period overlaps it, edges included.
 */

export type WindowEdge = 'from' | 'to';

/** A validated window; an absent edge is open. */
export interface DateWindow {
  from?: Date;
  to?: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Date-time with seconds and fraction optional and an offset required. A space stands for `+` in the offset: an
 * unencoded `+` in a query string arrives as a space.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+\- ])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch of a proleptic Gregorian UTC date-time, or NaN when a field is out of range. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return NaN; // 2026-02-30 rolled over
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Instants both databases store and compare the same way: years 0001–9999 (UTC). */
const MIN_INSTANT = utc(1, 1, 1);
const MAX_INSTANT = utc(9999, 12, 31, 23, 59, 59, 999);

/**
 * Parses one edge of a window. A date means the first millisecond of that UTC day for `from`, the last for `to`;
 * a date-time is taken as given (fractions beyond milliseconds are cut). Undefined when the text is not one of
 * those forms, names an impossible date or time, or lies outside years 0001–9999 UTC.
 */
export function parseWindowEdge(text: string, edge: WindowEdge): Date | undefined {
  let time: number;
  const date = DATE.exec(text);
  if (date) {
    const [y, m, d] = date.slice(1, 4).map(Number);
    time = edge === 'from' ? utc(y, m, d) : utc(y, m, d, 23, 59, 59, 999);
  } else {
    const dt = DATE_TIME.exec(text);
    if (!dt) return undefined;
    const [y, mo, d, h, mi] = dt.slice(1, 6).map(Number);
    const s = dt[6] === undefined ? 0 : Number(dt[6]);
    const ms = dt[7] === undefined ? 0 : Number(dt[7].padEnd(3, '0').slice(0, 3));
    time = utc(y, mo, d, h, mi, s, ms);
    if (dt[8] === undefined) {
      const offsetHours = Number(dt[10]);
      const offsetMinutes = Number(dt[11]);
      if (offsetHours > 23 || offsetMinutes > 59) return undefined;
      const sign = dt[9] === '-' ? -1 : 1;
      time -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
    }
  }
  if (Number.isNaN(time) || time < MIN_INSTANT || time > MAX_INSTANT) return undefined;
  return new Date(time);
}

/** One problem with a window's parameters, named by the parameter the caller sent. */
export interface WindowProblem {
  parameter: string;
  message: string;
}

/**
 * Builds a window from the raw `from`/`to` values (absent = open), naming problems by `names` (the caller's
 * parameter names). Returns the window, or the problems: an unreadable edge, or `from` after `to`.
 */
export function parseDateWindow(
  raw: { from?: string; to?: string },
  names: { from: string; to: string },
): { window: DateWindow; problems: [] } | { window?: undefined; problems: WindowProblem[] } {
  const problems: WindowProblem[] = [];
  const window: DateWindow = {};
  for (const edge of ['from', 'to'] as const) {
    const text = raw[edge];
    if (text === undefined) continue;
    const value = parseWindowEdge(text, edge);
    if (value) window[edge] = value;
    else
      problems.push({
        parameter: names[edge],
        message: `${names[edge]} must be an ISO 8601 date (YYYY-MM-DD) or date-time with an offset`,
      });
  }
  if (problems.length === 0 && window.from && window.to && window.from > window.to) {
    problems.push({ parameter: names.from, message: `${names.from} must not be after ${names.to}` });
  }
  return problems.length ? { problems } : { window, problems: [] };
}
