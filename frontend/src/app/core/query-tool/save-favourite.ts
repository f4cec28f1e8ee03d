import { type MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

import { askFavouriteName } from './favourite-name-dialog';
import { type FavouritesClient } from './favourites-client';
import { querySummary } from './query-summary';
import { type FavouriteDto, MAX_FAVOURITE_NAME_LENGTH, QUERY_KIND_LABELS, type SavedQuery } from './query.model';

/** The query in words with its kind: `Operators: Name contains “scot”`. */
export function describeQuery(query: SavedQuery): string {
  return `${QUERY_KIND_LABELS[query.kind]}: ${querySummary(query)}`;
}

/** A name to start from: the query in words, cut to the longest name allowed. */
export function suggestedFavouriteName(query: SavedQuery): string {
  const name = describeQuery(query);
  return name.length <= MAX_FAVOURITE_NAME_LENGTH ? name : `${name.slice(0, MAX_FAVOURITE_NAME_LENGTH - 1)}…`;
}

/**
 * "Save as favourite" on a query page or a history entry: asks for a name and saves `query` under it. Resolves to the
 * new favourite, or null when the user cancelled; the page says what happened.
 */
export function saveAsFavourite(
  dialog: MatDialog,
  client: FavouritesClient,
  query: SavedQuery,
): Promise<FavouriteDto | null> {
  return askFavouriteName(dialog, {
    title: 'Save as favourite',
    description: describeQuery(query),
    initialName: suggestedFavouriteName(query),
    confirmLabel: 'Save',
    submit: (name) => firstValueFrom(client.create({ name, kind: query.kind, params: query.params })),
  });
}
