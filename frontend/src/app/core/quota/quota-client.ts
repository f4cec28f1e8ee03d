import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type QuotaDto } from './quota.model';

export const QUOTA_URL = '/api/v1/me/quota';

/** HTTP for the signed-in user's request budget. */
@Injectable({ providedIn: 'root' })
export class QuotaClient {
  private readonly http = inject(HttpClient);

  get(): Observable<QuotaDto> {
    return this.http.get<QuotaDto>(QUOTA_URL);
  }
}
