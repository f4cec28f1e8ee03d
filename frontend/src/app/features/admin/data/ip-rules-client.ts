import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type CreateIpRuleRequest, type IpAllowDto, type IpBlockDto } from '../model/ip-rules.model';

export const IP_BLOCKS_URL = '/api/v1/admin/ip-blocks';
export const IP_ALLOWS_URL = '/api/v1/admin/ip-allows';

/** HTTP for the admin IP blocklist and allowlist routes. */
@Injectable({ providedIn: 'root' })
export class IpRulesClient {
  private readonly http = inject(HttpClient);

  blocks(): Observable<IpBlockDto[]> {
    return this.http.get<IpBlockDto[]>(IP_BLOCKS_URL);
  }

  block(request: CreateIpRuleRequest): Observable<IpBlockDto> {
    return this.http.post<IpBlockDto>(IP_BLOCKS_URL, request);
  }

  unblock(id: string): Observable<void> {
    return this.http.delete<void>(`${IP_BLOCKS_URL}/${encodeURIComponent(id)}`);
  }

  allows(): Observable<IpAllowDto[]> {
    return this.http.get<IpAllowDto[]>(IP_ALLOWS_URL);
  }

  allow(request: CreateIpRuleRequest): Observable<IpAllowDto> {
    return this.http.post<IpAllowDto>(IP_ALLOWS_URL, request);
  }

  removeAllow(id: string): Observable<void> {
    return this.http.delete<void>(`${IP_ALLOWS_URL}/${encodeURIComponent(id)}`);
  }
}
