import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type Page, type UserDto } from '../../../core/auth/auth.model';
import { type InviteUserRequest, type UpdateUserRequest, type UsersQuery } from '../model/admin.model';

export const USERS_URL = '/api/v1/users';

/** HTTP for the admin user routes. */
@Injectable({ providedIn: 'root' })
export class UsersClient {
  private readonly http = inject(HttpClient);

  list(query: UsersQuery): Observable<Page<UserDto>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.q) {
      params = params.set('q', query.q);
    }
    return this.http.get<Page<UserDto>>(USERS_URL, { params });
  }

  invite(request: InviteUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(USERS_URL, request);
  }

  update(id: string, changes: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${USERS_URL}/${encodeURIComponent(id)}`, changes);
  }
}
