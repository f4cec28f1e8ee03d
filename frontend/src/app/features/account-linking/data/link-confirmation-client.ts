import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type AccountLinkOutcomeDto, type AccountLinkPreviewDto } from '../model/account-links.model';
import { ACCOUNT_LINKS_URL } from './account-links-client';

/**
 * HTTP for the public confirm page (no login): the masked request, and the owner's answer. The token goes in the
 * query for the preview (as the contract has it) and in the body for the answer; it is never logged.
 */
@Injectable({ providedIn: 'root' })
export class LinkConfirmationClient {
  private readonly http = inject(HttpClient);

  /** Who asks, masked; does not use the token up. */
  preview(token: string): Observable<AccountLinkPreviewDto> {
    return this.http.get<AccountLinkPreviewDto>(`${ACCOUNT_LINKS_URL}/preview`, {
      params: new HttpParams().set('token', token),
    });
  }

  confirm(token: string): Observable<AccountLinkOutcomeDto> {
    return this.http.post<AccountLinkOutcomeDto>(`${ACCOUNT_LINKS_URL}/confirm`, { token });
  }

  decline(token: string): Observable<AccountLinkOutcomeDto> {
    return this.http.post<AccountLinkOutcomeDto>(`${ACCOUNT_LINKS_URL}/decline`, { token });
  }
}
