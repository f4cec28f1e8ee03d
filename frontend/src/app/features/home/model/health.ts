/** Body of `GET /api/health` (HTTP 200 when ok, 503 when degraded — same shape in both cases). */
export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly uptimeSeconds: number;
  readonly database: {
    readonly status: 'up' | 'down';
    readonly type: 'sqlite' | 'postgres';
    readonly latencyMs?: number;
  };
}

/** What the home page knows about the API at a given moment. */
export type HealthState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'healthy'; readonly report: HealthReport; readonly refreshing: boolean }
  | { readonly kind: 'degraded'; readonly report: HealthReport; readonly refreshing: boolean }
  | { readonly kind: 'unreachable'; readonly refreshing: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Runtime guard for untrusted JSON (e.g. a 503 body or a proxy's error page). */
export function isHealthReport(value: unknown): value is HealthReport {
  if (!isRecord(value) || !isRecord(value['database'])) {
    return false;
  }
  const database = value['database'];
  return (
    (value['status'] === 'ok' || value['status'] === 'degraded') &&
    typeof value['version'] === 'string' &&
    typeof value['uptimeSeconds'] === 'number' &&
    (database['status'] === 'up' || database['status'] === 'down') &&
    (database['type'] === 'sqlite' || database['type'] === 'postgres') &&
    (database['latencyMs'] === undefined || typeof database['latencyMs'] === 'number')
  );
}
