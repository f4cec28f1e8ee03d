import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoon } from '../../shared/ui/coming-soon';

@Component({
  selector: 'app-operators-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoon],
  template: `<app-coming-soon heading="Operators" message="Operator queries arrive with the operators module." />`,
})
export class OperatorsPage {}
