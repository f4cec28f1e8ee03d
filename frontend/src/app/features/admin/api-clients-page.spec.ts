import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { ApiClientsPage } from './api-clients-page';
import { API_CLIENTS_URL } from './data/api-clients-client';
import { type ApiClientDto } from './model/admin.model';

function anApiClient(overrides: Partial<ApiClientDto> = {}): ApiClientDto {
  return {
    id: 'client-1',
    name: 'Ticketing app',
    keyPrefix: 'oth_live_ab12',
    scopes: ['operator-info:read'],
    operatorId: null,
    expiresAt: null,
    revokedAt: null,
    dailyLimit: null,
    lastUsedAt: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const FULL_KEY = 'oth_live_cd34_0123456789abcdefghijklmnopqrstuv';

describe('ApiClientsPage', () => {
  let fixture: ComponentFixture<ApiClientsPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  const clients: ApiClientDto[] = [
    anApiClient(),
    anApiClient({
      id: 'client-2',
      name: 'Customer portal',
      keyPrefix: 'oth_live_ef56',
      scopes: ['customer-account:read', 'customer-account:pii'],
      operatorId: 'op-7',
      dailyLimit: 25000,
    }),
    anApiClient({ id: 'client-3', name: 'Old script', keyPrefix: 'oth_live_0000', revokedAt: '2026-02-01T10:00:00Z' }),
  ];

  /** Lets the dialog close and the action start; the pending request keeps `whenStable` waiting, so tick. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  /** The store reloads the list once an action has been answered. */
  async function answerReload(list: ApiClientDto[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    http.expectOne({ method: 'GET', url: API_CLIENTS_URL }).flush(list);
    await fixture.whenStable();
  }

  async function render(list: ApiClientDto[] = clients): Promise<void> {
    fixture = TestBed.createComponent(ApiClientsPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne({ method: 'GET', url: API_CLIENTS_URL }).flush(list);
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('admin');
  });

  afterEach(() => {
    http.verify();
  });

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'API clients' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  function createForm(): HTMLElement {
    return getByRole(element, 'form', { name: 'Create an API client' });
  }

  function tick(form: HTMLElement, scope: string): void {
    getByRole(form, 'checkbox', { name: scope }).click();
  }

  it('lists the clients with prefix, scopes, operator, daily limit and revocation', async () => {
    await render();
    expect(getByRole(element, 'heading', { level: 1, name: 'API clients' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'API clients' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Name',
      'Key prefix',
      'Scopes',
      'Operator',
      'Expires',
      'Daily limit',
      'Last used',
      'Revoked',
      'Audit log',
    ]);
    const rows = rowTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]?.slice(0, 7)).toEqual([
      'Ticketing app',
      'oth_live_ab12',
      'operator-info:read',
      '—',
      'Never',
      'Default Change',
      'Never',
    ]);
    expect(rows[1]?.slice(2, 4)).toEqual(['customer-account:read, customer-account:pii', 'op-7']);
    expect(rows[1]?.[5]).toBe(`${(25000).toLocaleString()} Change`);
    // A revoked client's limit no longer matters: no Change button.
    expect(rows[2]?.[5]).toBe('Default');
    expect(getByRole(table, 'link', { name: 'Audit log of Customer portal' }).getAttribute('href')).toBe(
      '/admin/audit?actor=client-2',
    );
    expect(getByRole(table, 'button', { name: 'Revoke Ticketing app' })).toBeTruthy();
    expect(queryByRole(table, 'button', { name: 'Revoke Old script' })).toBeNull();
  });

  it('says when there are no clients yet', async () => {
    await render([]);
    expect(getByText(element, 'No API clients yet.')).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('explains a list that could not be loaded, without claiming it is empty', async () => {
    fixture = TestBed.createComponent(ApiClientsPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http
      .expectOne({ method: 'GET', url: API_CLIENTS_URL })
      .flush(anApiError('FORBIDDEN', 403), { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'The API clients could not be loaded. You are not allowed to do this.',
    );
    expect(queryByText(element, 'No API clients yet.')).toBeNull();
  });

  it('creates a client with name, scopes, operator and expiry, and shows its key once', async () => {
    await render();
    const form = createForm();
    typeInto(form, 'Name', '  Customer sync ');
    tick(form, 'customer-account:read');
    typeInto(form, 'Operator ID', 'op-9');
    typeInto(form, 'Expires on', '2099-12-31');
    typeInto(form, 'Daily limit', '5000');
    getByRole(form, 'button', { name: 'Create API client' }).click();
    TestBed.tick();

    const request = http.expectOne({ method: 'POST', url: API_CLIENTS_URL });
    expect(request.request.body).toEqual({
      name: 'Customer sync',
      scopes: ['customer-account:read'],
      operatorId: 'op-9',
      expiresAt: new Date('2099-12-31T23:59:59').toISOString(),
      dailyLimit: 5000,
    });
    expect(getByRole(form, 'button', { name: 'Create API client' }).hasAttribute('disabled')).toBe(true);
    const created = anApiClient({
      id: 'client-4',
      name: 'Customer sync',
      keyPrefix: 'oth_live_cd34',
      scopes: ['customer-account:read'],
      operatorId: 'op-9',
      expiresAt: '2099-12-31T22:59:59.000Z',
    });
    request.flush({ client: created, key: FULL_KEY }, { status: 201, statusText: 'Created' });
    await answerReload([...clients, created]);

    const panel = getByRole(element, 'region', { name: 'New API key for Customer sync' });
    expect(getByRole(panel, 'alert').textContent?.trim()).toBe('Copy this key now. It will not be shown again.');
    expect(getByText(panel, FULL_KEY)).toBeTruthy();
    expect(getByRole(panel, 'button', { name: 'Copy key' })).toBeTruthy();
    // The key appears in the panel only: the list shows its prefix.
    expect(element.textContent?.split(FULL_KEY)).toHaveLength(2);
    expect(rowTexts()[3]?.slice(0, 2)).toEqual(['Customer sync', 'oth_live_cd34']);
    // The form is emptied for the next client.
    expect((getByRole(form, 'textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('');

    getByRole(panel, 'button', { name: 'Done' }).click();
    await fixture.whenStable();
    expect(queryByRole(element, 'region', { name: /New API key/ })).toBeNull();
    expect(element.textContent).not.toContain(FULL_KEY);
  });

  it('sends no operator or expiry when none is given', async () => {
    await render();
    const form = createForm();
    typeInto(form, 'Name', 'Timetable feed');
    tick(form, 'operator-info:read');
    getByRole(form, 'button', { name: 'Create API client' }).click();
    TestBed.tick();
    const request = http.expectOne({ method: 'POST', url: API_CLIENTS_URL });
    expect(request.request.body).toEqual({ name: 'Timetable feed', scopes: ['operator-info:read'] });
    request.flush({ client: anApiClient({ id: 'client-5', name: 'Timetable feed' }), key: FULL_KEY });
    await answerReload(clients);
  });

  it('checks name, scopes and the operator binding before sending', async () => {
    await render();
    const form = createForm();
    getByRole(form, 'button', { name: 'Create API client' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Enter a name.')).toBeTruthy();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('Choose at least one scope.');

    typeInto(form, 'Name', 'Customer sync');
    tick(form, 'customer-account:read');
    getByRole(form, 'button', { name: 'Create API client' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Customer-account scopes need an operator ID.')).toBeTruthy();
  });

  it('shows the server validation error and keeps what was entered', async () => {
    await render();
    const form = createForm();
    typeInto(form, 'Name', 'Customer sync');
    tick(form, 'customer-account:pii');
    typeInto(form, 'Operator ID', 'op-9');
    getByRole(form, 'button', { name: 'Create API client' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'POST', url: API_CLIENTS_URL })
      .flush(anApiError('VALIDATION_FAILED', 400, 'customer-account:pii needs customer-account:read'), {
        status: 400,
        statusText: 'Bad Request',
      });
    await fixture.whenStable();

    expect(getByRole(form, 'alert').textContent?.trim()).toBe(
      'Please check the form: customer-account:pii needs customer-account:read',
    );
    expect((getByRole(form, 'textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Customer sync');
    expect(queryByRole(element, 'region', { name: /New API key/ })).toBeNull();
  });

  it('asks for confirmation before revoking and sends DELETE once confirmed', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke Ticketing app' }).click();
    await fixture.whenStable();
    const dialog = getByRole(document.body, 'alertdialog', { name: 'Revoke Ticketing app?' });
    expect(
      getByText(dialog, 'Applications using this key are refused from now on. This cannot be undone.'),
    ).toBeTruthy();

    getByRole(dialog, 'button', { name: 'Revoke' }).click();
    await settle();
    expect(getByRole(element, 'button', { name: 'Revoke Ticketing app' }).hasAttribute('disabled')).toBe(true);
    const request = http.expectOne({ method: 'DELETE', url: `${API_CLIENTS_URL}/client-1` });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await answerReload([anApiClient({ revokedAt: '2026-03-01T10:00:00Z' }), ...clients.slice(1)]);

    expect(getByRole(element, 'status').textContent?.trim()).toBe('Ticketing app is revoked.');
    expect(queryByRole(element, 'button', { name: 'Revoke Ticketing app' })).toBeNull();
    expect(queryByRole(document.body, 'alertdialog')).toBeNull();
  });

  it('sends nothing when the revocation is cancelled', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke Ticketing app' }).click();
    await fixture.whenStable();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Cancel' }).click();
    await fixture.whenStable();
    expect(queryByRole(document.body, 'alertdialog')).toBeNull();
    expect(queryByRole(element, 'status')).toBeNull();
    expect(getByRole(element, 'button', { name: 'Revoke Ticketing app' }).hasAttribute('disabled')).toBe(false);
  });

  it('explains a revocation of a client that no longer exists', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke Customer portal' }).click();
    await fixture.whenStable();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Revoke' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${API_CLIENTS_URL}/client-2` })
      .flush(anApiError('API_CLIENT_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('This API client no longer exists. Reload the list.');
    expect(getByRole(element, 'button', { name: 'Revoke Customer portal' }).hasAttribute('disabled')).toBe(false);
  });

  function limitDialog(): HTMLElement {
    return getByRole(document.body, 'dialog', { name: /Daily limit of/ });
  }

  it('refuses a daily limit that is not a whole number in range, before sending', async () => {
    await render();
    const form = createForm();
    typeInto(form, 'Name', 'Timetable feed');
    tick(form, 'operator-info:read');
    typeInto(form, 'Daily limit', '0');
    getByRole(form, 'button', { name: 'Create API client' }).click();
    await fixture.whenStable();
    expect(getByText(form, `Enter a whole number from 1 to ${(10_000_000).toLocaleString()}.`)).toBeTruthy();
  });

  it("changes a client's daily limit in a dialog (PATCH) and shows the new limit", async () => {
    await render();
    getByRole(element, 'button', { name: 'Change the daily limit of Ticketing app' }).click();
    await fixture.whenStable();
    const dialog = limitDialog();
    expect(getByRole(dialog, 'heading', { name: 'Daily limit of Ticketing app' })).toBeTruthy();
    const field = getByRole(dialog, 'textbox', { name: 'Requests per day' }) as HTMLInputElement;
    expect(field.value).toBe('');

    typeInto(dialog, 'Requests per day', '12.5');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await fixture.whenStable();
    expect(
      getByText(dialog, `Enter a whole number from 1 to ${(10_000_000).toLocaleString()}, or leave it empty.`),
    ).toBeTruthy();

    typeInto(dialog, 'Requests per day', '1000');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    TestBed.tick();
    const request = http.expectOne({ method: 'PATCH', url: `${API_CLIENTS_URL}/client-1` });
    expect(request.request.body).toEqual({ dailyLimit: 1000 });
    request.flush(anApiClient({ dailyLimit: 1000 }));
    await settle();
    await fixture.whenStable();

    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(getByRole(element, 'status').textContent?.trim()).toBe(
      `The daily limit of Ticketing app is now ${(1000).toLocaleString()} requests.`,
    );
    expect(rowTexts()[0]?.[5]).toBe(`${(1000).toLocaleString()} Change`);
  });

  it('goes back to the default limit when the field is emptied', async () => {
    await render();
    getByRole(element, 'button', { name: 'Change the daily limit of Customer portal' }).click();
    await fixture.whenStable();
    const dialog = limitDialog();
    expect((getByRole(dialog, 'textbox', { name: 'Requests per day' }) as HTMLInputElement).value).toBe('25000');
    typeInto(dialog, 'Requests per day', '');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    TestBed.tick();
    const request = http.expectOne({ method: 'PATCH', url: `${API_CLIENTS_URL}/client-2` });
    expect(request.request.body).toEqual({ dailyLimit: null });
    request.flush(anApiClient({ id: 'client-2', name: 'Customer portal', dailyLimit: null }));
    await settle();
    await fixture.whenStable();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Customer portal now has the default daily limit.');
  });

  it('keeps the dialog open with the reason when the change is refused', async () => {
    await render();
    getByRole(element, 'button', { name: 'Change the daily limit of Ticketing app' }).click();
    await fixture.whenStable();
    const dialog = limitDialog();
    typeInto(dialog, 'Requests per day', '300');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'PATCH', url: `${API_CLIENTS_URL}/client-1` })
      .flush(anApiError('API_CLIENT_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(getByRole(dialog, 'alert').textContent?.trim()).toBe('This API client no longer exists. Reload the list.');
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await fixture.whenStable();
    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(queryByRole(element, 'status')).toBeNull();
  });
});
