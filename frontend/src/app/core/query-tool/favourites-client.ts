import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type Page } from '../auth/auth.model';
import { type CreateFavouriteRequest, type FavouriteDto } from './query.model';

export const FAVOURITES_URL = '/api/v1/me/favourites';
export const FAVOURITES_PAGE_SIZE = 50;

function favouriteUrl(id: string): string {
  return `${FAVOURITES_URL}/${encodeURIComponent(id)}`;
}

/**
 * HTTP for the signed-in user's favourites (`/api/v1/me/favourites`). In core because every query page saves
 * favourites; the favourites pages keep their own state.
 */
@Injectable({ providedIn: 'root' })
export class FavouritesClient {
  private readonly http = inject(HttpClient);

  list(page: number, pageSize = FAVOURITES_PAGE_SIZE): Observable<Page<FavouriteDto>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<FavouriteDto>>(FAVOURITES_URL, { params });
  }

  get(id: string): Observable<FavouriteDto> {
    return this.http.get<FavouriteDto>(favouriteUrl(id));
  }

  create(request: CreateFavouriteRequest): Observable<FavouriteDto> {
    return this.http.post<FavouriteDto>(FAVOURITES_URL, request);
  }

  rename(id: string, name: string): Observable<FavouriteDto> {
    return this.http.patch<FavouriteDto>(favouriteUrl(id), { name });
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(favouriteUrl(id));
  }
}
