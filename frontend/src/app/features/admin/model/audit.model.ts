/** The audit log as the admin API answers it (docs/audit-api.md). */

export const ACTOR_KINDS = ['user', 'apiClient', 'anonymous', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface AuditActor {
  readonly kind: ActorKind;
  /** Staff user id or API client id; null for anonymous and system. */
  readonly id: string | null;
  /** The staff user's role at the time; null otherwise. */
  readonly role: string | null;
}

/** One request or one domain event. Request fields are null on events, event fields null on requests. */
export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  /** `request`, or the event type (`operator.updated`, `auth.login-failed`…). */
  readonly type: string;
  readonly requestId: string | null;
  readonly actor: AuditActor;
  readonly ip: string | null;
  readonly method: string | null;
  readonly route: string | null;
  readonly path: string | null;
  readonly status: number | null;
  readonly durationMs: number | null;
  readonly userAgent: string | null;
  readonly errorCode: string | null;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface AuditPage {
  readonly items: readonly AuditRecord[];
  /** The `cursor` of the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface FieldChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditRecordDetail extends AuditRecord {
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
  readonly diff: readonly FieldChange[];
  readonly hash: string;
  readonly prevHash: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly anchor: { readonly seq: number; readonly hash: string };
  readonly head: { readonly seq: number; readonly hash: string };
  readonly problem: null | {
    readonly id: number;
    readonly kind: 'altered' | 'missing';
    readonly message: string;
  };
  readonly verifiedAt: string;
}

export const AUDIT_RECORD_NOT_FOUND = 'AUDIT_RECORD_NOT_FOUND';

/** Event types and families offered as suggestions in the filter (any other type can be typed). */
export const EVENT_TYPE_SUGGESTIONS: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'request', label: 'API requests only' },
  { value: 'auth.*', label: 'Sign-in and sessions' },
  { value: 'auth.login-failed', label: 'Failed sign-ins' },
  { value: 'operator.*', label: 'Operator changes' },
  { value: 'mode.*', label: 'Mode changes' },
  { value: 'user.*', label: 'Staff user changes' },
  { value: 'api-client.*', label: 'API client changes' },
  { value: 'ip-block.*', label: 'IP blocks' },
  { value: 'ip-allow.*', label: 'IP allowlist' },
  { value: 'customer.accessed', label: 'Reads of customer data' },
  { value: 'account-link.*', label: 'Account links' },
];
