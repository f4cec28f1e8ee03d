import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoon } from '../../shared/ui/coming-soon';

@Component({
  selector: 'app-customers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoon],
  template: `<app-coming-soon
    heading="Customers"
    message="Customer account queries arrive with the customers module."
  />`,
})
export class CustomersPage {}
