import { type Router } from '@angular/router';

/**
 * Navigation state of a query run from History or Favourites (`router.navigate(…, { state: QUERY_RUN_STATE })`,
 * `[state]` on a router link): the query page then asks the API afresh even when it holds the answer already, so a
 * run is a new request with the current session, never a replay.
 */
export const QUERY_RUN_STATE: Readonly<Record<string, unknown>> = { queryRun: true };

/** Whether the page being created was opened as a run of a saved query. Call while the page is created. */
export function isQueryRun(router: Router): boolean {
  return router.currentNavigation()?.extras.state?.['queryRun'] === true;
}
