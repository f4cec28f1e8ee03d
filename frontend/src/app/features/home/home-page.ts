import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { HealthStore } from './data/health-store';
import { HealthCard } from './ui/health-card';

@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [HealthCard],
  providers: [HealthStore],
  template: `
    <h1>Open Transport Hub</h1>
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

    p {
      margin: 0 0 1.5rem;
      max-width: 60ch;
    }
  `,
})
export class HomePage {
  protected readonly health = inject(HealthStore);
}
