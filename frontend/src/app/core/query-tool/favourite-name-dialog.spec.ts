import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError } from '../../../testing/auth-fixtures';
import { aFavourite } from '../../../testing/query-fixtures';
import { getByLabelText, getByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { askFavouriteName, type FavouriteNameDialogData } from './favourite-name-dialog';
import { type FavouriteDto } from './query.model';

function httpError(status: number, code: string): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: anApiError(code, status) });
}

describe('FavouriteNameDialog', () => {
  let submit: ReturnType<typeof vi.fn<(name: string) => Promise<FavouriteDto>>>;
  let result: Promise<FavouriteDto | null>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    submit = vi.fn<(name: string) => Promise<FavouriteDto>>();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
  });

  async function open(overrides: Partial<FavouriteNameDialogData> = {}): Promise<HTMLElement> {
    result = askFavouriteName(TestBed.inject(MatDialog), {
      title: 'Save as favourite',
      description: 'Operators: Name contains “scot”',
      initialName: 'Operators: Name contains “scot”',
      confirmLabel: 'Save',
      submit,
      ...overrides,
    });
    await settle();
    return getByRole(document.body, 'dialog');
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  it('shows the query, suggests a name and closes with the saved favourite', async () => {
    const dialog = await open();
    expect(getByRole(dialog, 'heading', { name: 'Save as favourite' })).toBeTruthy();
    expect(dialog.textContent).toContain('Operators: Name contains “scot”');
    const name = getByLabelText(dialog, /^Name/) as HTMLInputElement;
    expect(name.value).toBe('Operators: Name contains “scot”');

    typeInto(dialog, /^Name/, '  Scottish rail  ');
    submit.mockResolvedValue(aFavourite());
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await settle();

    expect(submit).toHaveBeenCalledWith('Scottish rail');
    await expect(result).resolves.toEqual(aFavourite());
  });

  it('says beside the field that a name is taken (409), and stays open for another name', async () => {
    const dialog = await open();
    typeInto(dialog, /^Name/, 'Scottish rail');
    submit.mockRejectedValueOnce(httpError(409, 'FAVOURITE_NAME_TAKEN'));
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await settle();
    await settle();

    expect(
      queryByText(dialog, 'You already have a favourite called “Scottish rail”. Choose another name.'),
    ).toBeTruthy();
    expect(getByLabelText(dialog, /^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(getByRole(document.body, 'dialog')).toBe(dialog);

    typeInto(dialog, /^Name/, 'Scottish rail 2');
    submit.mockResolvedValueOnce(aFavourite({ name: 'Scottish rail 2' }));
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await settle();
    await expect(result).resolves.toMatchObject({ name: 'Scottish rail 2' });
  });

  it('asks for a name before saving', async () => {
    const dialog = await open({ initialName: '' });
    typeInto(dialog, /^Name/, '   ');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await settle();
    expect(queryByText(dialog, 'Enter a name.')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });

  it('explains other refusals in the dialog', async () => {
    const dialog = await open();
    submit.mockRejectedValueOnce(httpError(409, 'FAVOURITE_LIMIT'));
    getByRole(dialog, 'button', { name: 'Save' }).click();
    await settle();
    await settle();
    expect(getByRole(dialog, 'alert').textContent).toContain('You have as many favourites as there can be.');
  });

  it('resolves to null when cancelled, saving nothing', async () => {
    const dialog = await open();
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await settle();
    await expect(result).resolves.toBeNull();
    expect(submit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(queryByRole(document.body, 'dialog')).toBeNull());
  });
});
