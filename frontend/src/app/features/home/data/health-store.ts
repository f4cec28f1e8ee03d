import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { type HealthState } from '../model/health';
import { HealthClient } from './health-client';

/**
 * Signal-based view of the API health. Provide it on the component that needs it so the
 * request starts when that component is created and stops when it is destroyed.
 */
@Injectable()
export class HealthStore {
  private readonly client = inject(HealthClient);

  private readonly health = rxResource({
    stream: () => this.client.fetchHealth(),
  });

  readonly state = computed<HealthState>(() => {
    const status = this.health.status();
    const refreshing = status === 'reloading' || status === 'loading';
    if (this.health.hasValue()) {
      const report = this.health.value();
      return report.status === 'ok'
        ? { kind: 'healthy', report, refreshing }
        : { kind: 'degraded', report, refreshing };
    }
    // The previous error is kept while a refresh is in flight.
    if (this.health.error() !== undefined) {
      return { kind: 'unreachable', refreshing };
    }
    return { kind: 'loading' };
  });

  refresh(): void {
    this.health.reload();
  }
}
