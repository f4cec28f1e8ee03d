import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardActions, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';

import { formatDuration } from '../../../shared/format/duration';
import { type HealthState } from '../model/health';

let nextId = 0;

/** Presentational card summarising the API health. Inputs and outputs only. */
@Component({
  selector: 'app-health-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatCard, MatCardActions, MatCardContent, MatCardHeader, MatCardTitle],
  templateUrl: './health-card.html',
  styleUrl: './health-card.scss',
  host: {
    role: 'region',
    '[attr.aria-labelledby]': 'headingId',
  },
})
export class HealthCard {
  readonly state = input.required<HealthState>();
  readonly refresh = output();

  protected readonly headingId = `app-health-card-heading-${nextId++}`;

  protected readonly summary = computed(() => {
    const state = this.state();
    switch (state.kind) {
      case 'loading':
        return 'Checking API status…';
      case 'healthy':
        return 'API healthy';
      case 'degraded':
        return 'API degraded';
      case 'unreachable':
        return 'API unreachable';
    }
  });

  protected readonly report = computed(() => {
    const state = this.state();
    return state.kind === 'healthy' || state.kind === 'degraded' ? state.report : null;
  });

  protected readonly uptime = computed(() => {
    const report = this.report();
    return report ? formatDuration(report.uptimeSeconds) : '';
  });

  protected readonly busy = computed(() => {
    const state = this.state();
    return state.kind === 'loading' || state.refreshing;
  });

  /** The button stays focusable while busy (disabledInteractive), so clicks are ignored here. */
  protected requestRefresh(): void {
    if (!this.busy()) {
      this.refresh.emit();
    }
  }
}
