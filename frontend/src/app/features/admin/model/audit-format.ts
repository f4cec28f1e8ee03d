import { type ActorKind, type AuditActor, type AuditRecord, EVENT_TYPE_SUGGESTIONS } from './audit.model';

/** Date and time with seconds, in the user's locale and time zone: "23 Nov 2026, 07:31:40". */
export const AUDIT_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
/** The date and the time of day apart, for a table's two lines: "23 Nov 2026" and "07:31:40". */
export const AUDIT_DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const AUDIT_CLOCK_FORMAT = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  user: 'Staff user',
  apiClient: 'API client',
  anonymous: 'Anonymous',
  system: 'System',
};

export interface ActorLabel {
  /** "You", "Staff user", "API client", "Anonymous", "System". */
  readonly name: string;
  /** The role, or a short form of the id (the full id is in `id`). */
  readonly detail: string | null;
  readonly id: string | null;
}

/** The first 8 characters of a long id, for tables (the detail shows it whole). */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** Who acted, in words; `currentUserId` is the signed-in admin, shown as "You". */
export function actorLabel(actor: AuditActor, currentUserId: string | null): ActorLabel {
  if (actor.kind === 'user' && actor.id !== null && actor.id === currentUserId) {
    return { name: 'You', detail: actor.role, id: actor.id };
  }
  const parts = [actor.role, actor.id === null ? null : shortId(actor.id)].filter((part) => part !== null);
  return { name: ACTOR_KIND_LABELS[actor.kind], detail: parts.length > 0 ? parts.join(' · ') : null, id: actor.id };
}

export function isRequest(record: AuditRecord): boolean {
  return record.type === 'request';
}

/** What the record is about: "GET /api/v1/operators/:id", "operator.updated · operator 012". */
export function recordSummary(record: AuditRecord): string {
  if (isRequest(record)) {
    return [record.method, record.route ?? record.path].filter(Boolean).join(' ');
  }
  const subject = [record.entity, record.entityId].filter(Boolean).join(' ');
  return subject ? `${record.type} · ${subject}` : record.type;
}

export type StatusTone = 'success' | 'redirect' | 'client-error' | 'server-error' | 'none';

export function statusTone(status: number | null): StatusTone {
  if (status === null) {
    return 'none';
  }
  if (status >= 500) {
    return 'server-error';
  }
  if (status >= 400) {
    return 'client-error';
  }
  return status >= 300 ? 'redirect' : 'success';
}

/** The label of a suggested type or family (`auth.*` → "Sign-in and sessions"), or null for other types. */
export function typeLabel(type: string): string | null {
  return EVENT_TYPE_SUGGESTIONS.find((suggestion) => suggestion.value === type)?.label ?? null;
}

/** A JSON value as it reads in a diff cell: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value, null, typeof value === 'object' && value !== null ? 2 : undefined) ?? '';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant as a `datetime-local` value in the user's time zone (`2026-05-01T10:00`); '' when unreadable. */
export function toLocalInput(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return '';
  }
  const date = new Date(time);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A `datetime-local` value (the user's time zone) as an ISO instant; '' when empty or unreadable. */
export function fromLocalInput(value: string): string {
  if (!value) {
    return '';
  }
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** The last millisecond of the minute an ISO instant falls in ("to 10:00" includes 10:00:59); '' stays ''. */
export function endOfMinute(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : new Date(Math.floor(time / 60_000) * 60_000 + 59_999).toISOString();
}
