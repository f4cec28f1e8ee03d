import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type AuditFilters, type AuditQuery, auditExportParams, auditListParams } from '../model/audit-query';
import { type AuditPage, type AuditRecordDetail, type AuditVerification } from '../model/audit.model';

export const AUDIT_URL = '/api/v1/admin/audit';

/** HTTP for the audit log's admin routes (docs/audit-api.md). */
@Injectable({ providedIn: 'root' })
export class AuditClient {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<AuditPage> {
    return this.http.get<AuditPage>(AUDIT_URL, { params: auditListParams(query) });
  }

  get(id: number): Observable<AuditRecordDetail> {
    return this.http.get<AuditRecordDetail>(`${AUDIT_URL}/${id}`);
  }

  /** Every matching record as CSV: the route needs the bearer token, so it is fetched as a blob, not linked. */
  export(filters: AuditFilters): Observable<HttpResponse<Blob>> {
    return this.http.get(`${AUDIT_URL}/export`, {
      params: auditExportParams(filters),
      responseType: 'blob',
      observe: 'response',
    });
  }

  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>(`${AUDIT_URL}/verify`);
  }
}
