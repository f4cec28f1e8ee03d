import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aUser, anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByLabelText, getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { selectOption, typeInto } from '../../../testing/user-events';
import { type Page, type UserDto } from '../../core/auth/auth.model';
import { USERS_URL } from './data/users-client';
import { UsersPage } from './users-page';

describe('UsersPage', () => {
  let fixture: ComponentFixture<UsersPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  const users: UserDto[] = [
    aUser({ id: 'u1', email: 'admin@example.org', displayName: 'Admin', role: 'admin' }),
    aUser({ id: 'u2', email: 'op@example.org', displayName: 'Olive Operator', role: 'operator', operatorId: 'op-7' }),
    aUser({ id: 'u3', email: 'new@example.org', displayName: 'New Viewer', verifiedAt: null, status: 'disabled' }),
  ];
  const page: Page<UserDto> = { items: users, total: 3, page: 1, pageSize: 25 };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('admin', { id: 'u1' });
    fixture = TestBed.createComponent(UsersPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    const list = http.expectOne(`${USERS_URL}?page=1&pageSize=25`);
    expect(list.request.method).toBe('GET');
    list.flush(page);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
  });

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Users' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.trim() ?? ''));
  }

  it('lists the users with email, name, role, operator, status and verification', () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Users' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'Users' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Email',
      'Name',
      'Role',
      'Operator',
      'Status',
      'Verified',
      'Actions',
    ]);
    const rows = rowTexts();
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 5)).toEqual(['op@example.org', 'Olive Operator', 'operator', 'op-7', 'Active']);
    expect(rows[2]?.slice(3, 6)).toEqual(['—', 'Disabled', 'Not yet']);
  });

  it('links each user to their actions in the audit log', () => {
    const table = getByRole(element, 'table', { name: 'Users' });
    expect(getByRole(table, 'link', { name: 'Audit log of op@example.org' }).getAttribute('href')).toBe(
      '/admin/audit?actor=u2',
    );
  });

  it('does not let the admin disable themself', () => {
    expect(getByRole(element, 'button', { name: 'Disable admin@example.org' }).hasAttribute('disabled')).toBe(true);
    expect(getByRole(element, 'button', { name: 'Enable new@example.org' }).hasAttribute('disabled')).toBe(false);
  });

  it('asks for the operator ID only when inviting operator staff, and sends the invitation', async () => {
    const form = getByRole(element, 'form', { name: 'Invite a user' });
    expect(queryByRole(form, 'textbox', { name: 'Operator ID' })).toBeNull();
    typeInto(form, 'Email', 'staff@example.org');
    typeInto(form, 'Display name', 'New Staff');
    selectOption(form, 'Role', 'operator');
    await fixture.whenStable();
    expect(getByLabelText(form, 'Operator ID')).toBeTruthy();

    getByRole(form, 'button', { name: 'Send invitation' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Enter the operator ID for an operator user.')).toBeTruthy();

    typeInto(form, 'Operator ID', 'op-9');
    getByRole(form, 'button', { name: 'Send invitation' }).click();
    TestBed.tick();
    const invite = http.expectOne({ method: 'POST', url: USERS_URL });
    expect(invite.request.body).toEqual({
      email: 'staff@example.org',
      displayName: 'New Staff',
      role: 'operator',
      operatorId: 'op-9',
    });
    invite.flush(aUser({ id: 'u4', email: 'staff@example.org' }), { status: 201, statusText: 'Created' });
    // The store reloads the list once the invitation has been answered.
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    http.expectOne(`${USERS_URL}?page=1&pageSize=25`).flush(page);
    await fixture.whenStable();

    expect(getByText(element, 'Invitation sent to staff@example.org.').getAttribute('role')).toBe('status');
  });

  it('explains an email that is already taken', async () => {
    const form = getByRole(element, 'form', { name: 'Invite a user' });
    typeInto(form, 'Email', 'op@example.org');
    typeInto(form, 'Display name', 'Again');
    getByRole(form, 'button', { name: 'Send invitation' }).click();
    TestBed.tick();
    http.expectOne({ method: 'POST', url: USERS_URL }).flush(anApiError('EMAIL_TAKEN', 409), {
      status: 409,
      statusText: 'Conflict',
    });
    await fixture.whenStable();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('A user with this email address already exists.');
  });

  it("edits a user's role and operator binding", async () => {
    getByRole(element, 'button', { name: 'Edit op@example.org' }).click();
    await fixture.whenStable();
    const form = getByRole(element, 'form', { name: 'Edit op@example.org' });
    expect((getByLabelText(form, 'Operator ID') as HTMLInputElement).value).toBe('op-7');

    selectOption(form, 'Role', 'viewer');
    getByRole(form, 'button', { name: 'Save changes' }).click();
    TestBed.tick();
    const update = http.expectOne({ method: 'PATCH', url: `${USERS_URL}/u2` });
    expect(update.request.body).toEqual({ role: 'viewer', operatorId: null });
    update.flush({ ...users[1], role: 'viewer', operatorId: null });
    await fixture.whenStable();

    expect(rowTexts()[1]?.slice(2, 4)).toEqual(['viewer', '—']);
    expect(queryByRole(element, 'form', { name: 'Edit op@example.org' })).toBeNull();
  });

  it('enables a disabled user', async () => {
    getByRole(element, 'button', { name: 'Enable new@example.org' }).click();
    await Promise.resolve();
    TestBed.tick();
    const update = http.expectOne({ method: 'PATCH', url: `${USERS_URL}/u3` });
    expect(update.request.body).toEqual({ status: 'active' });
    update.flush({ ...users[2], status: 'active' });
    await fixture.whenStable();
    expect(rowTexts()[2]?.[4]).toBe('Active');
  });
});
