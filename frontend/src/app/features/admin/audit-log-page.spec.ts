import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ADMIN_ID, aRecordDetail, aRequestRecord, aVerification, anEventRecord } from '../../../testing/audit-fixtures';
import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import {
  accessibleName,
  getByRole,
  getByText,
  queryAllByRole,
  queryByRole,
  queryByText,
} from '../../../testing/dom-queries';
import { selectOption, typeInto } from '../../../testing/user-events';
import { AuditLogPage } from './audit-log-page';
import { AUDIT_URL } from './data/audit-client';
import { AUDIT_CLOCK_FORMAT, AUDIT_DATE_FORMAT } from './model/audit-format';
import { type AuditRecord } from './model/audit.model';

const OTHER_USER = '5b0e1c2a-7d3f-4c1e-9a8b-0c1d2e3f4a5b';

const RECORDS: AuditRecord[] = [
  anEventRecord({ id: 3, at: '2026-05-01T10:00:01.000Z' }),
  aRequestRecord({ id: 2, method: 'PATCH', status: 200, durationMs: 31 }),
  aRequestRecord({
    id: 1,
    actor: { kind: 'user', id: OTHER_USER, role: 'viewer' },
    ip: '198.51.100.9',
    method: 'POST',
    route: '/api/v1/operators',
    path: '/api/v1/operators',
    status: 403,
    errorCode: 'FORBIDDEN',
    durationMs: 4,
  }),
];

describe('AuditLogPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'admin/audit', component: AuditLogPage }]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('admin', { id: ADMIN_ID });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  function listRequest(): TestRequest {
    TestBed.tick();
    return http.expectOne((request) => request.url === AUDIT_URL && request.method === 'GET');
  }

  async function open(url = '/admin/audit', records = RECORDS, nextCursor: string | null = null): Promise<TestRequest> {
    await harness.navigateByUrl(url, AuditLogPage);
    element = harness.routeNativeElement as HTMLElement;
    const request = listRequest();
    request.flush({ items: records, nextCursor });
    await settle();
    return request;
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Audit records' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => accessibleName(cell)));
  }

  function filters(): HTMLElement {
    return getByRole(element, 'search', { name: 'Audit log filters' });
  }

  function sheet(): HTMLElement {
    return getByRole(document.body, 'dialog', { name: /^Audit record/ });
  }

  it('shows the newest records: time, actor, address, request or event, status and duration', async () => {
    const request = await open();
    expect(request.request.urlWithParams).toBe(`${AUDIT_URL}?limit=50`);
    expect(getByRole(element, 'heading', { level: 1, name: 'Audit log' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'Audit records' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Time',
      'Actor',
      'IP address',
      'Request or event',
      'Status',
      'Duration',
      'Actions',
    ]);
    const rows = rowTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]?.slice(0, 6)).toEqual([
      `${AUDIT_DATE_FORMAT.format(Date.parse('2026-05-01T10:00:01.000Z'))} ${AUDIT_CLOCK_FORMAT.format(Date.parse('2026-05-01T10:00:01.000Z'))}`,
      'You admin',
      '—',
      'operator.updated operator 012',
      '—',
      '—',
    ]);
    expect(rows[1]?.slice(1, 6)).toEqual([
      'You admin',
      '203.0.113.7',
      'PATCH /api/v1/operators/:id /api/v1/operators/012',
      '200',
      '31 ms',
    ]);
    // Another user: role and a short form of the id; a refusal shows its error code.
    expect(rows[2]?.slice(1, 5)).toEqual([
      'Staff user viewer · 5b0e1c2a…',
      '198.51.100.9',
      'POST /api/v1/operators FORBIDDEN',
      '403',
    ]);
    expect(queryByRole(element, 'button', { name: 'Newer' })).toBeNull();
    expect(getByRole(element, 'button', { name: 'Older' }).hasAttribute('disabled')).toBe(true);
  });

  it('sends the filters of the URL to the API and shows them in the form', async () => {
    const request = await open(
      `/admin/audit?actor=${OTHER_USER}&status=4xx&type=auth.*&from=2026-05-01T08:00:00.000Z&limit=100`,
    );
    expect(request.request.params.get('actor')).toBe(OTHER_USER);
    expect(request.request.params.get('status')).toBe('4xx');
    expect(request.request.params.get('type')).toBe('auth.*');
    expect(request.request.params.get('from')).toBe('2026-05-01T08:00:00.000Z');
    expect(request.request.params.get('limit')).toBe('100');
    const form = filters();
    expect((getByRole(form, 'textbox', { name: 'Actor ID' }) as HTMLInputElement).value).toBe(OTHER_USER);
    expect((getByRole(form, 'combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('4xx');
    expect((getByRole(form, 'combobox', { name: 'Event type' }) as HTMLInputElement).value).toBe('auth.*');
  });

  it('keeps the filters the user applies in the URL and asks again', async () => {
    await open();
    const form = filters();
    typeInto(form, 'IP address', ' 198.51.100.9 ');
    selectOption(form, 'Status', '4xx');
    typeInto(form, 'Route or path contains', 'auth/login');
    getByRole(form, 'button', { name: 'Only my actions' }).click();
    getByRole(form, 'button', { name: 'Apply filters' }).click();
    await settle();

    expect(url()).toBe(`/admin/audit?actor=${ADMIN_ID}&ip=198.51.100.9&status=4xx&route=auth%2Flogin`);
    const request = listRequest();
    expect(request.request.params.keys().sort()).toEqual(['actor', 'ip', 'limit', 'route', 'status']);
    request.flush({ items: [], nextCursor: null });
    await settle();
    expect(getByText(element, 'No records match these filters.')).toBeTruthy();
  });

  it('checks the address, actor, type and time order before asking', async () => {
    await open();
    const form = filters();
    typeInto(form, 'IP address', '203.0.113');
    typeInto(form, 'Actor ID', 'not an id!');
    typeInto(form, 'Event type', 'Operator Updated');
    typeInto(form, 'From', '2026-05-02T10:00');
    typeInto(form, 'To', '2026-05-01T10:00');
    getByRole(form, 'button', { name: 'Apply filters' }).click();
    await settle();

    expect(getByText(form, 'Enter an IPv4 or IPv6 address.')).toBeTruthy();
    expect(getByText(form, 'Enter a staff user or API client ID.')).toBeTruthy();
    expect(getByText(form, 'Enter request, an event type or a family such as auth.*')).toBeTruthy();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('Choose a time after From.');
    expect(url()).toBe('/admin/audit');
  });

  it('turns the local times of the form into instants, To including its whole minute', async () => {
    await open();
    const form = filters();
    typeInto(form, 'From', '2026-05-01T09:30');
    typeInto(form, 'To', '2026-05-01T10:00');
    getByRole(form, 'button', { name: 'Apply filters' }).click();
    await settle();
    const request = listRequest();
    expect(request.request.params.get('from')).toBe(new Date('2026-05-01T09:30').toISOString());
    expect(request.request.params.get('to')).toBe(
      new Date(new Date('2026-05-01T10:00').getTime() + 59_999).toISOString(),
    );
    request.flush({ items: RECORDS, nextCursor: null });
    await settle();
  });

  it('clears every filter', async () => {
    await open('/admin/audit?status=5xx&requestId=req-9');
    getByRole(filters(), 'button', { name: 'Clear filters' }).click();
    await settle();
    expect(url()).toBe('/admin/audit');
    listRequest().flush({ items: RECORDS, nextCursor: null });
    await settle();
  });

  it('shows a filter set by a link as a chip that can be removed', async () => {
    await open('/admin/audit?requestId=req-0123456789abcdef&type=request');
    const chips = getByRole(element, 'list', { name: 'More filters' });
    expect(chips.textContent?.replace(/\s+/g, ' ').trim()).toBe('Request: req-0123…');
    getByRole(chips, 'button', { name: 'Remove the filter Request req-0123456789abcdef' }).click();
    await settle();
    expect(url()).toBe('/admin/audit?type=request');
    listRequest().flush({ items: RECORDS, nextCursor: null });
    await settle();
    expect(queryByRole(element, 'list', { name: 'More filters' })).toBeNull();
  });

  it('opens a change event in a side sheet with its field changes, and closes it without reloading the list', async () => {
    await open();
    getByRole(element, 'button', { name: 'Details of record 3: operator.updated · operator 012' }).click();
    await settle();
    expect(url()).toBe('/admin/audit?record=3');
    const detail = http.expectOne(`${AUDIT_URL}/3`);
    detail.flush(aRecordDetail(RECORDS[0]));
    await settle();

    const panel = sheet();
    expect(getByRole(panel, 'heading', { name: 'Audit record 3' })).toBeTruthy();
    const changes = getByRole(panel, 'table', { name: 'Changes' });
    const rows = queryAllByRole(changes, 'row')
      .slice(1)
      .map((row) =>
        [...queryAllByRole(row, 'columnheader'), ...queryAllByRole(row, 'cell')].map((cell) => accessibleName(cell)),
      );
    expect(rows).toEqual([
      ['modes Changed', '[ "010" ]', '[ "010", "020" ]'],
      ['name Changed', 'ScotRail', 'ScotRail Trains'],
    ]);
    expect(getByText(panel, 'a'.repeat(64))).toBeTruthy();
    expect(getByRole(panel, 'link', { name: 'Every event about operator 012' }).getAttribute('href')).toBe(
      '/admin/audit?entity=operator&entityId=012',
    );
    expect(getByRole(panel, 'link', { name: 'The request that caused it' }).getAttribute('href')).toBe(
      '/admin/audit?requestId=req-1',
    );

    getByRole(panel, 'button', { name: 'Close' }).click();
    await settle();
    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(url()).toBe('/admin/audit');
  });

  it('opens the record a URL names, and shows what a request record holds', async () => {
    await harness.navigateByUrl('/admin/audit?status=2xx&record=2', AuditLogPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush({ items: RECORDS, nextCursor: null });
    http.expectOne(`${AUDIT_URL}/2`).flush(aRecordDetail(RECORDS[1], { before: null, after: null, diff: [] }));
    await settle();

    const panel = sheet();
    expect(getByText(panel, 'PATCH /api/v1/operators/012')).toBeTruthy();
    expect(getByText(panel, '31 ms')).toBeTruthy();
    expect(queryByRole(panel, 'table', { name: 'Changes' })).toBeNull();
    expect(getByRole(panel, 'link', { name: 'Events this request caused' }).getAttribute('href')).toBe(
      '/admin/audit?requestId=req-1',
    );
    expect(getByRole(panel, 'link', { name: 'Everything this actor did' }).getAttribute('href')).toBe(
      `/admin/audit?actor=${ADMIN_ID}`,
    );
    getByRole(panel, 'button', { name: 'Close' }).click();
    await settle();
    expect(url()).toBe('/admin/audit?status=2xx');
  });

  it('shows a creation once, as the fields it was created with', async () => {
    await harness.navigateByUrl('/admin/audit?record=3', AuditLogPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush({ items: RECORDS, nextCursor: null });
    http.expectOne(`${AUDIT_URL}/3`).flush(
      aRecordDetail(anEventRecord({ id: 3, type: 'api-client.created', entity: 'api-client', entityId: 'c-1' }), {
        before: null,
        after: { name: 'Ticketing app' },
        diff: [{ path: 'name', kind: 'added', after: 'Ticketing app' }],
      }),
    );
    await settle();
    const panel = sheet();
    expect(getByText(panel, 'Created: every field is new.')).toBeTruthy();
    const changes = getByRole(panel, 'table', { name: 'Changes' });
    expect(queryAllByRole(changes, 'columnheader').map((th) => accessibleName(th))).toEqual(['Field', 'After', 'name']);
    expect(queryAllByRole(changes, 'cell').map((td) => accessibleName(td))).toEqual(['Ticketing app']);
    getByRole(panel, 'button', { name: 'Close the record' }).click();
    await settle();
    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(url()).toBe('/admin/audit');
  });

  it('says when a record no longer exists', async () => {
    await harness.navigateByUrl('/admin/audit?record=99', AuditLogPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush({ items: RECORDS, nextCursor: null });
    http
      .expectOne(`${AUDIT_URL}/99`)
      .flush(anApiError('AUDIT_RECORD_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(getByRole(sheet(), 'alert').textContent?.trim()).toBe(
      'The record could not be loaded. There is no such audit record: it may have been removed by the retention purge.',
    );
    getByRole(sheet(), 'button', { name: 'Close' }).click();
    await settle();
  });

  it('pages to older records with the cursor, and back to newer ones', async () => {
    await open('/admin/audit?type=request', RECORDS, '1');
    getByRole(element, 'button', { name: 'Older' }).click();
    await settle();
    expect(url()).toBe('/admin/audit?type=request&cursor=1');
    const older = listRequest();
    expect(older.request.params.get('cursor')).toBe('1');
    expect(older.request.params.get('type')).toBe('request');
    older.flush({ items: [aRequestRecord({ id: 0 })], nextCursor: null });
    await settle();
    expect(getByRole(element, 'button', { name: 'Older' }).hasAttribute('disabled')).toBe(true);

    getByRole(element, 'button', { name: 'Newer' }).click();
    await settle();
    expect(url()).toBe('/admin/audit?type=request');
    listRequest().flush({ items: RECORDS, nextCursor: '1' });
    await settle();
  });

  it('changes the page size, starting again from the newest records', async () => {
    await open('/admin/audit?cursor=40');
    selectOption(element, 'Per page', '200');
    await settle();
    expect(url()).toBe('/admin/audit?limit=200');
    const request = listRequest();
    expect(request.request.params.get('limit')).toBe('200');
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: [], nextCursor: null });
    await settle();
  });

  it('exports the filtered records as CSV through an object URL', async () => {
    await open('/admin/audit?actor=user-1&status=2xx&limit=25&cursor=9');
    const createObjectURL = vi.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    getByRole(element, 'button', { name: 'Export CSV' }).click();
    TestBed.tick();
    const request = http.expectOne((candidate) => candidate.url === `${AUDIT_URL}/export`);
    expect(request.request.urlWithParams).toBe(`${AUDIT_URL}/export?actor=user-1&status=2xx`);
    expect(request.request.responseType).toBe('blob');
    const csv = new Blob(['id,at\r\n3,2026-05-01T10:00:01.000Z\r\n'], { type: 'text/csv' });
    request.flush(csv, { headers: { 'Content-Disposition': 'attachment; filename="audit-2026-05-01.csv"' } });
    await settle();

    expect(createObjectURL).toHaveBeenCalledWith(csv);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('audit-2026-05-01.csv');
    expect(getByRole(element, 'status').textContent?.trim()).toBe(
      'Exported the matching records as audit-2026-05-01.csv.',
    );
    click.mockRestore();
  });

  it("says why an export was refused, read from the error's body", async () => {
    await open();
    getByRole(element, 'button', { name: 'Export CSV' }).click();
    TestBed.tick();
    http
      .expectOne(`${AUDIT_URL}/export`)
      .flush(new Blob([JSON.stringify(anApiError('VALIDATION_FAILED', 400, 'to must not be before from'))]), {
        status: 400,
        statusText: 'Bad Request',
      });
    await settle();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'The export did not work. Please check the form: to must not be before from',
    );
  });

  it('verifies the chain and says it is intact', async () => {
    await open();
    getByRole(element, 'button', { name: 'Verify chain' }).click();
    TestBed.tick();
    expect(getByRole(element, 'button', { name: 'Verifying…' }).hasAttribute('disabled')).toBe(true);
    expect(getByText(element, 'Checking every record of the chain. This can take a few seconds.')).toBeTruthy();
    http.expectOne(`${AUDIT_URL}/verify`).flush(aVerification());
    await settle();

    const result = getByRole(element, 'status');
    expect(getByRole(result, 'heading', { name: 'Audit chain intact' })).toBeTruthy();
    expect(result.textContent).toContain(
      `${(1234).toLocaleString('en-US')} records checked (records 1 to 1234): every record matches its hash`,
    );
    getByRole(result, 'button', { name: 'Dismiss the verification result' }).click();
    await settle();
    expect(queryByText(element, 'Audit chain intact')).toBeNull();
  });

  it('names the first altered record of a broken chain, with a link to it', async () => {
    await open('/admin/audit?status=4xx');
    getByRole(element, 'button', { name: 'Verify chain' }).click();
    TestBed.tick();
    http.expectOne(`${AUDIT_URL}/verify`).flush(
      aVerification({
        ok: false,
        checked: 1040,
        problem: { id: 1041, kind: 'altered', message: 'Record 1041 does not match its hash' },
      }),
    );
    await settle();

    const result = getByRole(element, 'alert');
    expect(getByRole(result, 'heading', { name: 'Audit chain broken' })).toBeTruthy();
    expect(result.textContent).toContain('Record 1041 does not match its hash.');
    expect(getByRole(result, 'link', { name: 'Open record 1041' }).getAttribute('href')).toBe(
      '/admin/audit?status=4xx&record=1041',
    );
  });

  it('explains a list that could not be loaded and offers to try again', async () => {
    await harness.navigateByUrl('/admin/audit', AuditLogPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush(anApiError('FORBIDDEN', 403), { status: 403, statusText: 'Forbidden' });
    await settle();
    const alert = getByRole(element, 'alert');
    expect(alert.textContent).toContain('The audit log could not be loaded. You are not allowed to do this.');
    getByRole(alert, 'button', { name: 'Try again' }).click();
    listRequest().flush({ items: RECORDS, nextCursor: null });
    await settle();
    expect(rowTexts()).toHaveLength(3);
  });
});
