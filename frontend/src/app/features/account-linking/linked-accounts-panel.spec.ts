import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anAccountLink, aPendingLink, LINK_ID } from '../../../testing/account-link-fixtures';
import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { DISPLAY_FORMAT } from '../customers/model/display-format';
import { ACCOUNT_LINKS_URL } from './data/account-links-client';
import { LinkedAccountsPanel } from './linked-accounts-panel';

const LIST_URL = `${ACCOUNT_LINKS_URL}?operatorId=029&customerId=C000003`;
const PENDING_ID = '5d1c9a7e-1111-4c55-9d3e-2f1a6b0c9e22';
const otherFerry = { operatorId: '030', operatorName: 'PSD Ferries', customerId: 'C000042' };

describe('LinkedAccountsPanel', () => {
  let fixture: ComponentFixture<LinkedAccountsPanel>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: DISPLAY_FORMAT, useValue: { locale: 'en-GB', timeZone: 'UTC' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator', { operatorId: '029' });
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  async function render(links = [anAccountLink(), aPendingLink({ id: PENDING_ID, target: otherFerry })]) {
    fixture = TestBed.createComponent(LinkedAccountsPanel);
    fixture.componentRef.setInput('account', { operatorId: '029', operatorName: 'PSD Buses', customerId: 'C000003' });
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Loading the linked accounts' })).toBeTruthy();
    http.expectOne(LIST_URL).flush(links);
    await settle();
  }

  function rowOf(text: string): HTMLElement {
    const rows = queryAllByRole(getByRole(element, 'table', { name: 'Linked accounts' }), 'row').filter((row) =>
      row.textContent?.includes(text),
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  function cells(row: HTMLElement): string[] {
    return queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  it("lists the account's links: status, the other account, dates and actions", async () => {
    await render();
    const table = getByRole(element, 'table', { name: 'Linked accounts' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Status',
      'Linked account',
      'Requested',
      'Confirmed',
      'Actions',
    ]);

    const confirmed = rowOf('C000003');
    expect(cells(confirmed)).toEqual([
      'Confirmed',
      'PSD Ferries (030) Customer C000003',
      '1 May 2026, 09:30 Requested by PSD Buses',
      '1 May 2026, 10:15',
      'View records Revoke',
    ]);
    expect(
      getByRole(confirmed, 'link', { name: 'View records of PSD Ferries account C000003' }).getAttribute('href'),
    ).toBe(`/customers/029/C000003/links/${LINK_ID}`);
    expect(queryByRole(confirmed, 'button', { name: /^Resend/ })).toBeNull();

    const pending = rowOf('C000042');
    expect(cells(pending)).toEqual([
      'Pending Expires 2 May 2026, 09:30',
      'PSD Ferries (030) Customer C000042',
      '1 May 2026, 09:30 Requested by PSD Buses',
      '—',
      'Resend Revoke',
    ]);
    expect(queryByRole(pending, 'link')).toBeNull();
  });

  it('says when there are no links', async () => {
    await render([]);
    expect(getByText(element, /^No linked accounts\./)).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('shows a failure with a way to try again', async () => {
    fixture = TestBed.createComponent(LinkedAccountsPanel);
    fixture.componentRef.setInput('account', { operatorId: '029', operatorName: 'PSD Buses', customerId: 'C000003' });
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(LIST_URL).flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Error' });
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The linked accounts could not be loaded.');

    getByRole(element, 'button', { name: 'Try again' }).click();
    TestBed.tick();
    http.expectOne(LIST_URL).flush([anAccountLink()]);
    await settle();
    expect(queryByRole(element, 'alert')).toBeNull();
    expect(rowOf('C000003')).toBeTruthy();
  });

  it('sends the confirmation email again and says until when the new link works', async () => {
    await render();
    getByRole(element, 'button', { name: 'Resend the confirmation email for PSD Ferries account C000042' }).click();
    TestBed.tick();
    const resend = http.expectOne(`${ACCOUNT_LINKS_URL}/${PENDING_ID}/resend`);
    expect(resend.request.method).toBe('POST');
    resend.flush({ id: PENDING_ID, status: 'pending', expiresAt: '2026-05-03T11:00:00.000Z' });
    await settle();
    http.expectOne(LIST_URL).flush([aPendingLink({ id: PENDING_ID, target: otherFerry, canResend: false })]);
    await settle();

    expect(getByRole(element, 'status').textContent).toContain(
      'The confirmation email for PSD Ferries account C000042 was sent again. The earlier link no longer works; the new one expires 3 May 2026, 11:00.',
    );
  });

  it('says how long to wait when the email was sent moments ago (429 with Retry-After)', async () => {
    await render();
    getByRole(element, 'button', { name: /^Resend the confirmation email/ }).click();
    TestBed.tick();
    http.expectOne(`${ACCOUNT_LINKS_URL}/${PENDING_ID}/resend`).flush(anApiError('LINK_RESEND_COOLDOWN', 429), {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': '540' },
    });
    await settle();

    expect(getByRole(element, 'alert').textContent).toBe(
      'The confirmation email was sent less than 10 minutes ago. You can send it again in 9 minutes.',
    );
    http.expectNone(LIST_URL);
  });

  it('revokes a link after a confirmation, then shows the links as they are now', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke the link with PSD Ferries account C000003' }).click();
    await settle();
    const dialog = getByRole(document.body, 'alertdialog');
    expect(getByRole(dialog, 'heading', { name: 'Revoke this link?' })).toBeTruthy();
    expect(dialog.textContent).toContain("Neither operator's staff will see the other account's records");
    getByRole(dialog, 'button', { name: 'Revoke' }).click();

    const revoke = await vi.waitFor(() => http.expectOne(`${ACCOUNT_LINKS_URL}/${LINK_ID}`));
    expect(revoke.request.method).toBe('DELETE');
    revoke.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne(LIST_URL).flush([anAccountLink({ status: 'revoked', revokedAt: '2026-05-04T12:00:00.000Z' })]);
    await settle();

    expect(getByRole(element, 'status').textContent).toContain(
      'The link with PSD Ferries account C000003 was revoked.',
    );
    expect(cells(rowOf('C000003'))[0]).toBe('Revoked 4 May 2026, 12:00');
    expect(queryByRole(element, 'button', { name: /^Revoke the link/ })).toBeNull();
  });

  it('revokes nothing when the confirmation is cancelled', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke the link with PSD Ferries account C000042' }).click();
    await settle();
    const dialog = getByRole(document.body, 'alertdialog');
    expect(dialog.textContent).toContain('The confirmation link emailed for PSD Ferries account C000042 stops working');
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await vi.waitFor(() => expect(queryByRole(document.body, 'alertdialog')).toBeNull());
    await settle();
    http.expectNone(`${ACCOUNT_LINKS_URL}/${PENDING_ID}`);
    expect(queryByText(element, /was revoked/)).toBeNull();
  });

  it('says why a revoke was refused, and shows the links again', async () => {
    await render();
    getByRole(element, 'button', { name: 'Revoke the link with PSD Ferries account C000003' }).click();
    await settle();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Revoke' }).click();
    (await vi.waitFor(() => http.expectOne(`${ACCOUNT_LINKS_URL}/${LINK_ID}`))).flush(
      anApiError('LINK_NOT_ACTIVE', 409),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    http.expectOne(LIST_URL).flush([anAccountLink({ status: 'declined', confirmedAt: null })]);
    await settle();
    expect(getByRole(element, 'alert').textContent).toBe('This link is already declined, expired or revoked.');
  });
});
