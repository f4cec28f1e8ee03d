import { type Router } from '@angular/router';

/**
 * A one-line message a page left for the next one (`router.navigate([...], { state: { notice } })`), read by the
 * next page while it is being created. Not shown again when the page is reloaded (no previous navigation then).
 */
export function navigationNotice(router: Router): string | null {
  const navigation = router.currentNavigation();
  if (!navigation?.previousNavigation) {
    return null;
  }
  const notice: unknown = navigation.extras.state?.['notice'];
  return typeof notice === 'string' ? notice : null;
}
