import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { NEVER, type Observable, of, throwError } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError } from '../../../testing/auth-fixtures';
import { getByLabelText, getByRole, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { type HostedOperator } from '../customers/model/customers.model';
import { askToLinkAccount, type LinkAccountDialogData } from './link-account-dialog';
import { type AccountLinkAcceptedDto, type LinkEndInput } from './model/account-links.model';

const OPERATORS: HostedOperator[] = [
  { id: '029', name: 'PSD Buses' },
  { id: '030', name: 'PSD Ferries' },
  { id: '000', name: 'ScotRail' },
];
const ACCEPTED: AccountLinkAcceptedDto = {
  id: '0b7c2f9e-8d43-4c55-9d3e-2f1a6b0c9e11',
  status: 'pending',
  expiresAt: '2026-05-02T09:30:00.000Z',
};

function httpError(status: number, code: string, headers?: Record<string, string>): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: anApiError(code, status), headers: new HttpHeaders(headers) });
}

describe('LinkAccountDialog', () => {
  let submit: ReturnType<typeof vi.fn<(target: LinkEndInput) => Promise<AccountLinkAcceptedDto>>>;
  let result: Promise<AccountLinkAcceptedDto | null>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    submit = vi.fn<(target: LinkEndInput) => Promise<AccountLinkAcceptedDto>>();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  async function open(
    operators: () => Observable<readonly HostedOperator[]> = () => of(OPERATORS),
    overrides: Partial<LinkAccountDialogData> = {},
  ): Promise<HTMLElement> {
    result = askToLinkAccount(TestBed.inject(MatDialog), {
      source: { operatorId: '029', operatorName: 'PSD Buses', customerId: 'C000003' },
      operators,
      submit,
      ...overrides,
    });
    await settle();
    return getByRole(document.body, 'dialog');
  }

  async function chooseOperator(dialog: HTMLElement, name: string): Promise<void> {
    getByRole(dialog, 'combobox', { name: /Operator of the other account/ }).click();
    await settle();
    getByRole(document.body, 'option', { name }).click();
    await settle();
  }

  it('names the account to link from, and offers the other hosted operators only', async () => {
    const dialog = await open();
    expect(getByRole(dialog, 'heading', { name: 'Link another account' })).toBeTruthy();
    expect(dialog.textContent).toContain('PSD Buses (029) · customer C000003');

    getByRole(dialog, 'combobox', { name: /Operator of the other account/ }).click();
    await settle();
    expect(queryAllByRole(document.body, 'option').map((option) => option.textContent?.trim())).toEqual([
      'PSD Ferries (030)',
      'ScotRail (000)',
    ]);
  });

  it('sends the chosen operator and the trimmed customer id, and closes with the answer', async () => {
    const dialog = await open();
    await chooseOperator(dialog, 'PSD Ferries (030)');
    typeInto(dialog, /Customer ID at that operator/, '  C000003 ');
    submit.mockResolvedValue(ACCEPTED);
    getByRole(dialog, 'button', { name: 'Send request' }).click();
    await settle();

    expect(submit).toHaveBeenCalledWith({ operatorId: '030', customerId: 'C000003' });
    await expect(result).resolves.toEqual(ACCEPTED);
  });

  it('chooses the only other operator by itself', async () => {
    const dialog = await open(() => of(OPERATORS.slice(0, 2)));
    expect(getByRole(dialog, 'combobox', { name: /Operator of the other account/ }).textContent).toContain(
      'PSD Ferries (030)',
    );
  });

  it('asks for both fields before sending', async () => {
    const dialog = await open();
    getByRole(dialog, 'button', { name: 'Send request' }).click();
    await settle();
    expect(queryByText(dialog, 'Choose the operator.')).toBeTruthy();
    expect(queryByText(dialog, 'Enter the customer ID.')).toBeTruthy();
    expect(getByLabelText(dialog, /Customer ID at that operator/).getAttribute('aria-invalid')).toBe('true');

    typeInto(dialog, /Customer ID at that operator/, '   ');
    getByRole(dialog, 'button', { name: 'Send request' }).click();
    await settle();
    expect(queryByText(dialog, 'Enter the customer ID.')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });

  it('keeps the dialog open and says so when the accounts are already linked (409 LINK_EXISTS)', async () => {
    const dialog = await open();
    await chooseOperator(dialog, 'PSD Ferries (030)');
    typeInto(dialog, /Customer ID at that operator/, 'C000003');
    submit.mockRejectedValueOnce(httpError(409, 'LINK_EXISTS'));
    getByRole(dialog, 'button', { name: 'Send request' }).click();
    await settle();

    expect(getByRole(dialog, 'alert').textContent).toContain(
      'These two accounts already have a pending or confirmed link: see the Linked accounts tab.',
    );
    expect(getByRole(document.body, 'dialog')).toBe(dialog);

    submit.mockRejectedValueOnce(httpError(429, 'LINK_REQUEST_LIMIT', { 'Retry-After': '3600' }));
    getByRole(dialog, 'button', { name: 'Send request' }).click();
    await settle();
    expect(getByRole(dialog, 'alert').textContent).toContain('Try again in 1 hour.');
  });

  it('shows that the operators are loading', async () => {
    const dialog = await open(() => NEVER);
    expect(getByRole(dialog, 'progressbar', { name: 'Loading the operators' })).toBeTruthy();
  });

  it('shows a failure to load the operators, with a way to try again', async () => {
    let calls = 0;
    const dialog = await open(() => {
      calls++;
      return calls === 1 ? throwError(() => httpError(0, 'x')) : of(OPERATORS);
    });
    expect(getByRole(dialog, 'alert').textContent).toContain('The operators could not be loaded.');
    getByRole(dialog, 'button', { name: 'Try again' }).click();
    await settle();
    expect(queryByRole(dialog, 'alert')).toBeNull();
    expect(calls).toBe(2);
  });

  it('resolves to null when cancelled, sending nothing', async () => {
    const dialog = await open();
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await settle();
    await expect(result).resolves.toBeNull();
    expect(submit).not.toHaveBeenCalled();
  });
});
