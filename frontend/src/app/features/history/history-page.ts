import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoon } from '../../shared/ui/coming-soon';

@Component({
  selector: 'app-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoon],
  template: `<app-coming-soon heading="History" message="Query history arrives with the history module." />`,
})
export class HistoryPage {}
