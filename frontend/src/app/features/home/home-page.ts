import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { AuthStore } from '../../core/auth/auth-store';
import { HealthStore } from './data/health-store';
import { HealthCard } from './ui/health-card';

@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [HealthCard],
  providers: [HealthStore],
  template: `
    <h1>Open Transport Hub</h1>
    @if (auth.displayName(); as name) {
      <p class="signed-in">Signed in as {{ name }}</p>
    }
    <p>Look up transport operators and customer accounts through the Open Transport Initiative APIs.</p>
    <app-health-card [state]="health.state()" (refresh)="health.refresh()" />
  `,
  styles: `
    :host {
      display: block;
    }

    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 0.5rem;
    }

    .signed-in {
      font: var(--mat-sys-title-medium);
    }

    p {
      margin: 0 0 1.5rem;
      max-width: 60ch;
    }
  `,
})
export class HomePage {
  protected readonly health = inject(HealthStore);
  protected readonly auth = inject(AuthStore);
}
