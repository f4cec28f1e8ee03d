import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { aFavourite } from '../../../testing/query-fixtures';
import { MODES } from '../../../testing/operator-fixtures';
import { typeInto } from '../../../testing/user-events';
import { type Role } from '../../core/auth/auth.model';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { QUERY_TOOL_REQUEST } from '../../core/query-tool/query-source';
import { MODES_URL } from './data/operators-client';
import { OperatorsStore } from './data/operators-store';
import { ModesPage } from './modes-page';

describe('ModesPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ModesPage>;
  let element: HTMLElement;

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
  });

  afterEach(() => {
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  async function open(role: Role): Promise<void> {
    signInAs(role);
    fixture = TestBed.createComponent(ModesPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(MODES_URL).flush(MODES);
    await fixture.whenStable();
  }

  function rows(): string[][] {
    const table = getByRole(element, 'table', { name: 'Modes' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.trim() ?? ''));
  }

  it('shows a viewer the modes with ID, short and long description, read-only', async () => {
    await open('viewer');
    expect(getByRole(element, 'heading', { level: 1, name: 'Modes' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'Modes' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'ID',
      'Short description',
      'Long description',
    ]);
    expect(rows()[1]).toEqual(['010', 'train', 'includes intercity, Eurostar / TGV, etc.']);
    expect(queryByRole(element, 'button', { name: /Edit|Delete|Create/ })).toBeNull();
    expect(queryByRole(element, 'form')).toBeNull();
  });

  it('lets an admin create a mode and change its descriptions', async () => {
    await open('admin');
    const form = getByRole(element, 'form', { name: 'New mode' });
    typeInto(form, 'Mode ID', '17');
    getByRole(form, 'button', { name: 'Create mode' }).click();
    await settle();
    expect(getByText(form, 'Enter 3 digits, e.g. 017.')).toBeTruthy();

    typeInto(form, 'Mode ID', '017');
    typeInto(form, 'Short description', 'hovercraft');
    typeInto(form, 'Long description', 'air-cushion vehicles');
    getByRole(form, 'button', { name: 'Create mode' }).click();
    TestBed.tick();
    const post = http.expectOne({ method: 'POST', url: MODES_URL });
    expect(post.request.body).toEqual({ id: '017', shortDesc: 'hovercraft', longDesc: 'air-cushion vehicles' });
    post.flush(post.request.body as object, { status: 201, statusText: 'Created' });
    await settle();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Created mode 017 (hovercraft).');
    expect(rows().map((row) => row[0])).toEqual(['007', '010', '012', '017']);

    getByRole(element, 'button', { name: 'Edit mode train' }).click();
    await settle();
    const edit = getByRole(element, 'form', { name: 'Edit mode train' });
    typeInto(edit, 'Long description', 'intercity and regional trains');
    getByRole(edit, 'button', { name: 'Save mode' }).click();
    TestBed.tick();
    const patch = http.expectOne({ method: 'PATCH', url: `${MODES_URL}/010` });
    expect(patch.request.body).toEqual({ shortDesc: 'train', longDesc: 'intercity and regional trains' });
    patch.flush({ id: '010', shortDesc: 'train', longDesc: 'intercity and regional trains' });
    await settle();
    expect(rows()[1]?.slice(0, 3)).toEqual(['010', 'train', 'intercity and regional trains']);
  });

  it('asks for the modes as a query the history records, even when they were looked up before', async () => {
    signInAs('viewer');
    const store = TestBed.inject(OperatorsStore);
    store.loadModes();
    TestBed.tick();
    http.expectOne(MODES_URL).flush(MODES);

    fixture = TestBed.createComponent(ModesPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    const request = http.expectOne(MODES_URL);
    expect(request.request.context.get(QUERY_TOOL_REQUEST)).toBe(true);
    request.flush(MODES);
    await fixture.whenStable();
    expect(rows()).toHaveLength(3);
  });

  it('saves the modes query as a favourite and says so', async () => {
    await open('viewer');
    getByRole(element, 'button', { name: 'Save as favourite' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    typeInto(dialog, /^Name/, 'All the modes');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    const post = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(post.request.body).toEqual({ name: 'All the modes', kind: 'modes', params: {} });
    post.flush(aFavourite({ name: 'All the modes', kind: 'modes', params: {} }), {
      status: 201,
      statusText: 'Created',
    });
    await settle();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Saved “All the modes” to your favourites.');
    expect(getByRole(element, 'link', { name: 'favourites' }).getAttribute('href')).toBe('/favourites');
  });

  it('explains that a mode an operator runs cannot be deleted', async () => {
    await open('admin');
    getByRole(element, 'button', { name: 'Delete mode bus' }).click();
    await settle();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Delete' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${MODES_URL}/007` })
      .flush(anApiError('MODE_IN_USE', 409), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'This mode cannot be deleted: at least one operator runs it. Remove it from those operators first.',
    );
    expect(rows()).toHaveLength(3);
  });
});
