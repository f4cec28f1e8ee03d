import type { AuditEntry } from './audit-entry';
import { makeEntry } from './audit-entry';
import { AUDIT_ACTOR_KINDS, AuditActorKind } from './entities/audit-record.entity';

/** Members of an event stored in columns; every other member goes to `details`. */
const COLUMN_KEYS = new Set(['type', 'actor', 'entity', 'entityId', 'before', 'after', 'at', 'details']);

/** `operator.updated`, `customer.accessed`, `auth.login-failed`, `account-link.confirmed`…: lower-case dotted names. */
const EVENT_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The actor columns for an event's `actor`: staff users, API clients and the system as they are; no actor, or a kind
 * the log does not know (account linking's `link-token`: someone holding an emailed link), is anonymous, the kind then
 * kept in `details.actorKind`.
 */
function actorOfEvent(actor: unknown): {
  columns: Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorRole'>;
  otherKind: string | null;
} {
  if (isObject(actor) && AUDIT_ACTOR_KINDS.includes(actor.kind as AuditActorKind)) {
    return {
      columns: {
        actorKind: actor.kind as AuditActorKind,
        actorId: typeof actor.id === 'string' ? actor.id : null,
        actorRole: typeof actor.role === 'string' ? actor.role : null,
      },
      otherKind: null,
    };
  }
  return {
    columns: { actorKind: 'anonymous', actorId: null, actorRole: null },
    otherKind: isObject(actor) && typeof actor.kind === 'string' ? actor.kind : null,
  };
}

/**
 * The record of a domain event, or null for something that is not one. Every module's events have the shape of
 * `modules/events`: `{ type, actor, at, … }`, changes with `entity`, `entityId`, `before`, `after`. The known members
 * go to their columns, everything else (a customer read's operator, customer, fields…, an auth event's details) to
 * `details`, so events added later (account linking) are stored whole without changes here.
 */
export function eventEntry(name: unknown, payload: unknown, requestId: string | null, now: Date): AuditEntry | null {
  if (typeof name !== 'string' || !EVENT_NAME.test(name) || !isObject(payload)) return null;
  const details: Record<string, unknown> = isObject(payload.details) ? { ...payload.details } : {};
  for (const [key, value] of Object.entries(payload)) {
    if (!COLUMN_KEYS.has(key) && value !== undefined) details[key] = value;
  }
  const actor = actorOfEvent(payload.actor);
  if (actor.otherKind !== null) details.actorKind = actor.otherKind;
  // Account-link steps name their link as `linkId`: it becomes the record's entity too, so the admin API's entity
  // filter finds every step of one link (the id stays in details as published).
  const link = payload.entity === undefined && typeof payload.linkId === 'string' ? payload.linkId : null;
  const entityId = link ?? payload.entityId;
  return makeEntry(
    {
      type: typeof payload.type === 'string' && EVENT_NAME.test(payload.type) ? payload.type : name,
      at: typeof payload.at === 'string' ? payload.at : undefined,
      requestId,
      ...actor.columns,
      entity: link !== null ? 'account-link' : typeof payload.entity === 'string' ? payload.entity : null,
      entityId: typeof entityId === 'string' || typeof entityId === 'number' ? String(entityId) : null,
      before: payload.before,
      after: payload.after,
      details: Object.keys(details).length > 0 ? details : null,
    },
    now,
  );
}
