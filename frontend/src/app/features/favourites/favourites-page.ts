import { ChangeDetectionStrategy, Component } from '@angular/core';

import { ComingSoon } from '../../shared/ui/coming-soon';

@Component({
  selector: 'app-favourites-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ComingSoon],
  template: `<app-coming-soon heading="Favourites" message="Saved favourites arrive with the favourites module." />`,
})
export class FavouritesPage {}
