import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type ApiClientDto,
  type CreateApiClientRequest,
  type CreatedApiClient,
  type UpdateApiClientRequest,
} from '../model/admin.model';

export const API_CLIENTS_URL = '/api/v1/api-clients';

/** HTTP for the admin API client routes. */
@Injectable({ providedIn: 'root' })
export class ApiClientsClient {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiClientDto[]> {
    return this.http.get<ApiClientDto[]>(API_CLIENTS_URL);
  }

  create(request: CreateApiClientRequest): Observable<CreatedApiClient> {
    return this.http.post<CreatedApiClient>(API_CLIENTS_URL, request);
  }

  update(id: string, changes: UpdateApiClientRequest): Observable<ApiClientDto> {
    return this.http.patch<ApiClientDto>(`${API_CLIENTS_URL}/${encodeURIComponent(id)}`, changes);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`${API_CLIENTS_URL}/${encodeURIComponent(id)}`);
  }
}
