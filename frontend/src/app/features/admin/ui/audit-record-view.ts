import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { formatDateTime } from '../../../shared/format/date-time';
import { ACTOR_KIND_LABELS, AUDIT_TIME_FORMAT, formatValue, isRequest } from '../model/audit-format';
import { type AuditRecordDetail, type FieldChange } from '../model/audit.model';

const CHANGE_LABELS: Readonly<Record<FieldChange['kind'], string>> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

/** Everything one audit record holds: what happened, who, the field changes, the event's details, its hashes. */
@Component({
  selector: 'app-audit-record-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @let r = record();
    <dl class="facts">
      <div>
        <dt>Time</dt>
        <dd>
          <time [attr.datetime]="r.at">{{ time() }}</time>
        </dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>{{ request() ? 'API request' : r.type }}</dd>
      </div>
      <div>
        <dt>Actor</dt>
        <dd>
          {{ actorKind() }}
          @if (r.actor.id === currentUserId() && r.actor.id) {
            (you)
          }
          @if (r.actor.role) {
            · {{ r.actor.role }}
          }
          @if (r.actor.id) {
            <div class="mono">{{ r.actor.id }}</div>
          }
        </dd>
      </div>
      @if (request()) {
        <div>
          <dt>Request</dt>
          <dd class="mono">{{ r.method }} {{ r.path ?? '—' }}</dd>
        </div>
        <div>
          <dt>Route</dt>
          <dd class="mono">{{ r.route ?? 'No route matched' }}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {{ r.status ?? '—' }}
            @if (r.errorCode) {
              · <span class="mono">{{ r.errorCode }}</span>
            }
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{{ r.durationMs === null ? '—' : r.durationMs + ' ms' }}</dd>
        </div>
        <div>
          <dt>IP address</dt>
          <dd class="mono">{{ r.ip ?? '—' }}</dd>
        </div>
        <div class="wide">
          <dt>User agent</dt>
          <dd class="small">{{ r.userAgent ?? '—' }}</dd>
        </div>
      } @else if (r.entity) {
        <div class="wide">
          <dt>Subject</dt>
          <dd>
            {{ r.entity }} <span class="mono">{{ r.entityId }}</span>
          </dd>
        </div>
      }
      <div class="wide">
        <dt>Request ID</dt>
        <dd class="mono">{{ r.requestId ?? '—' }}</dd>
      </div>
    </dl>

    <ul class="links" aria-label="Related records">
      @if (r.requestId) {
        <li>
          <a routerLink="/admin/audit" [queryParams]="{ requestId: r.requestId }">
            {{ request() ? 'Events this request caused' : 'The request that caused it' }}
          </a>
        </li>
      }
      @if (r.actor.id) {
        <li>
          <a routerLink="/admin/audit" [queryParams]="{ actor: r.actor.id }">Everything this actor did</a>
        </li>
      }
      @if (r.entity && r.entityId) {
        <li>
          <a routerLink="/admin/audit" [queryParams]="{ entity: r.entity, entityId: r.entityId }">
            Every event about {{ r.entity }} {{ r.entityId }}
          </a>
        </li>
      }
    </ul>

    @if (r.diff.length > 0) {
      <section aria-labelledby="audit-changes-heading">
        <h3 id="audit-changes-heading">Changes</h3>
        @if (!columns().before) {
          <p class="none">Created: every field is new.</p>
        } @else if (!columns().after) {
          <p class="none">Deleted: the fields as they were.</p>
        }
        <table class="diff" aria-label="Changes">
          <thead>
            <tr>
              <th scope="col">Field</th>
              @if (columns().before) {
                <th scope="col">Before</th>
              }
              @if (columns().after) {
                <th scope="col">After</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (change of r.diff; track change.path) {
              <tr [attr.data-kind]="change.kind">
                <th scope="row">
                  <span class="mono">{{ change.path }}</span>
                  @if (columns().before && columns().after) {
                    <div class="change-kind">{{ changeLabels[change.kind] }}</div>
                  }
                </th>
                @if (columns().before) {
                  <td class="before">
                    @if (change.kind !== 'added') {
                      <pre>{{ value(change.before) }}</pre>
                    } @else {
                      <span class="none">—</span>
                    }
                  </td>
                }
                @if (columns().after) {
                  <td class="after">
                    @if (change.kind !== 'removed') {
                      <pre>{{ value(change.after) }}</pre>
                    } @else {
                      <span class="none">—</span>
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </section>
    } @else if (!request() && (r.before || r.after)) {
      <p class="none">Nothing changed: before and after are the same.</p>
    }

    @if (details().length > 0) {
      <section aria-labelledby="audit-details-heading">
        <h3 id="audit-details-heading">Details</h3>
        <dl class="details">
          @for (entry of details(); track entry.key) {
            <div>
              <dt class="mono">{{ entry.key }}</dt>
              <dd>
                <pre>{{ entry.value }}</pre>
              </dd>
            </div>
          }
        </dl>
      </section>
    }

    <section aria-labelledby="audit-integrity-heading">
      <h3 id="audit-integrity-heading">Integrity</h3>
      <dl class="hashes">
        <div>
          <dt>Hash</dt>
          <dd class="mono">{{ r.hash }}</dd>
        </div>
        <div>
          <dt>Previous hash</dt>
          <dd class="mono">{{ r.prevHash }}</dd>
        </div>
      </dl>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }

    h3 {
      font: var(--mat-sys-title-medium);
      margin: 1.5rem 0 0.5rem;
    }

    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      gap: 0.75rem 1.5rem;
      margin: 0;
    }

    .facts .wide {
      grid-column: 1 / -1;
    }

    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    dd {
      margin: 0.125rem 0 0;
      overflow-wrap: anywhere;
    }

    .mono,
    pre {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.8125rem;
    }

    .small {
      font: var(--mat-sys-body-small);
    }

    pre {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 1.25rem 0 0;
      padding: 0;
      list-style: none;
    }

    .links a {
      display: inline-block;
      padding: 0.25rem 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-full);
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      text-decoration: none;
      overflow-wrap: anywhere;
    }

    .links a:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }

    .diff {
      width: 100%;
      border-collapse: collapse;
      table-layout: fixed;
    }

    .diff th,
    .diff td {
      padding: 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
      vertical-align: top;
    }

    .diff thead th {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .diff tbody th {
      width: 12rem;
      font-weight: normal;
    }

    .change-kind {
      display: block;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .diff .before pre {
      padding: 0.125rem 0.25rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: color-mix(in srgb, var(--mat-sys-error) 12%, transparent);
    }

    .diff .after pre {
      padding: 0.125rem 0.25rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: color-mix(in srgb, #2e7d32 16%, transparent);
    }

    .none {
      color: var(--mat-sys-on-surface-variant);
    }

    .details,
    .hashes {
      display: grid;
      gap: 0.5rem;
      margin: 0;
    }

    .hashes dd {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AuditRecordView {
  readonly record = input.required<AuditRecordDetail>();
  readonly currentUserId = input<string | null>(null);

  protected readonly changeLabels = CHANGE_LABELS;
  protected readonly value = formatValue;
  protected readonly request = computed(() => isRequest(this.record()));
  protected readonly time = computed(() => formatDateTime(this.record().at, AUDIT_TIME_FORMAT));
  protected readonly actorKind = computed(() => ACTOR_KIND_LABELS[this.record().actor.kind]);
  /** A creation has nothing before, a deletion nothing after: their columns are left out. */
  protected readonly columns = computed(() => {
    const diff = this.record().diff;
    return {
      before: diff.some((change) => change.kind !== 'added'),
      after: diff.some((change) => change.kind !== 'removed'),
    };
  });
  protected readonly details = computed(() =>
    Object.entries(this.record().details ?? {}).map(([key, value]) => ({ key, value: formatValue(value) })),
  );
}
