import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByLabelText, getByRole, getByText, queryByRole } from '../../../testing/dom-queries';
import { MODES, aPage, anOperator } from '../../../testing/operator-fixtures';
import { typeInto } from '../../../testing/user-events';
import { type Role } from '../../core/auth/auth.model';
import { MODES_URL, OPERATORS_URL } from './data/operators-client';
import { OPERATORS_ROUTES } from './operators.routes';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '<h1>Not allowed</h1>' })
class Forbidden {}

const FIELDS = [
  'ID',
  'Name',
  'Kind',
  'Homepage',
  'Customer-account URL',
  'Email',
  'Phone',
  'Default language',
  'MIPTA URLs',
] as const;

describe('OperatorEditPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        provideRouter(
          [
            { path: 'operators', children: OPERATORS_ROUTES },
            { path: 'forbidden', component: Forbidden },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
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

  async function open(url: string, role: Role, operatorId: string | null = null, answer = anOperator()): Promise<void> {
    signInAs(role, role === 'operator' ? { operatorId } : {});
    await harness.navigateByUrl(url);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(MODES_URL).flush(MODES);
    if (!url.endsWith('/new')) {
      http.expectOne(`${OPERATORS_URL}/${answer.id}`).flush(answer);
    }
    await settle();
  }

  function field(label: string): HTMLInputElement {
    return getByLabelText(element, label) as HTMLInputElement;
  }

  function enabledFields(): string[] {
    return FIELDS.filter((label) => !field(label).disabled);
  }

  function save(): void {
    getByRole(element, 'button', { name: /^(Save changes|Create operator)$/ }).click();
    TestBed.tick();
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  it('lets an admin change every field but the ID, and sends only what changed', async () => {
    await open('/operators/019/edit', 'admin');
    expect(getByRole(element, 'heading', { level: 1, name: 'Edit ScotRail' })).toBeTruthy();
    expect(enabledFields()).toEqual(FIELDS.filter((label) => label !== 'ID'));
    expect(getByRole(element, 'combobox', { name: 'Modes' }).getAttribute('aria-disabled')).toBe('false');
    expect(field('ID').value).toBe('019');

    typeInto(element, 'Name', 'ScotRail Trains');
    typeInto(element, 'Phone', '0344 811 0141');
    save();
    const patch = http.expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` });
    expect(patch.request.body).toEqual({ name: 'ScotRail Trains', phone: '0344 811 0141' });
    patch.flush(anOperator({ name: 'ScotRail Trains', phone: '0344 811 0141' }));
    await settle();
    expect(url()).toBe('/operators/019');
  });

  it('shows an operator user the other fields read-only and sends only the fields it may change', async () => {
    await open('/operators/029/edit', 'operator', '029', anOperator({ id: '029', name: 'PSD Buses' }));
    expect(enabledFields()).toEqual([
      'Homepage',
      'Customer-account URL',
      'Email',
      'Phone',
      'Default language',
      'MIPTA URLs',
    ]);
    expect(field('Name').value).toBe('PSD Buses');
    expect(getByRole(element, 'combobox', { name: 'Modes' }).getAttribute('aria-disabled')).toBe('false');
    expect(queryByRole(element, 'button', { name: 'Delete operator' })).toBeNull();

    typeInto(element, 'Phone', '+44 (0)343 222 1234');
    typeInto(element, 'MIPTA URLs', 'https://mipta.psdbuses.example.org/\n\nhttps://m2.example.org/ ');
    save();
    const patch = http.expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/029` });
    expect(patch.request.body).toEqual({
      phone: '+44 (0)343 222 1234',
      miptaUrls: ['https://mipta.psdbuses.example.org/', 'https://m2.example.org/'],
    });
    patch.flush(anOperator({ id: '029', name: 'PSD Buses' }));
    await settle();
    expect(url()).toBe('/operators/029');
  });

  it("sends an operator user to the Not allowed page for another operator's edit URL", async () => {
    signInAs('operator', { operatorId: '029' });
    await harness.navigateByUrl('/operators/030/edit');
    expect(url()).toBe('/forbidden');
    expect(getByText(harness.routeNativeElement as HTMLElement, 'Not allowed')).toBeTruthy();
  });

  it('sends viewers to the Not allowed page for edit and new', async () => {
    signInAs('viewer');
    await harness.navigateByUrl('/operators/019/edit');
    expect(url()).toBe('/forbidden');
    await harness.navigateByUrl('/operators/new');
    expect(url()).toBe('/forbidden');
  });

  it('checks the values before sending, but keeps unchanged catalogue values that predate the rules', async () => {
    await open('/operators/019/edit', 'operator', '019');
    // The catalogue's homepage has no scheme; left alone it does not block saving other fields.
    expect(field('Homepage').value).toBe('www.scotrail.co.uk/');

    typeInto(element, 'Phone', 'call us');
    typeInto(element, 'Email', 'not-an-email');
    typeInto(element, 'Default language', 'eng');
    typeInto(element, 'Customer-account URL', 'ftp://example.org');
    typeInto(element, 'MIPTA URLs', 'https://ok.example.org/\nmipta');
    save();
    await settle();
    http.expectNone({ method: 'PATCH' });
    expect(getByText(element, 'Enter a phone number with 6 to 20 digits (spaces, +, ( ) and - allowed).')).toBeTruthy();
    expect(getByText(element, 'Enter a valid email address, e.g. help@example.org.')).toBeTruthy();
    expect(getByText(element, 'Enter a 2-letter ISO 639-1 language code in lower case, e.g. en.')).toBeTruthy();
    expect(getByText(element, 'Enter a web address starting with http:// or https://.')).toBeTruthy();
    expect(getByText(element, 'Each line must be a web address starting with http:// or https://.')).toBeTruthy();
  });

  it("shows the server's validation messages at their fields", async () => {
    await open('/operators/019/edit', 'operator', '019');
    typeInto(element, 'Phone', '0344 811 0141');
    save();
    http.expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` }).flush(
      {
        ...anApiError('VALIDATION_FAILED', 400),
        details: [{ field: 'phone', constraint: 'isPhone', message: 'phone is not a reachable number' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(getByText(element, 'phone is not a reachable number')).toBeTruthy();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'Some values are not valid. Check the highlighted fields.',
    );
    expect(url()).toBe('/operators/019/edit');
  });

  it('explains FIELD_NOT_ALLOWED, and sends a FORBIDDEN answer to the Not allowed page', async () => {
    await open('/operators/019/edit', 'operator', '019');
    typeInto(element, 'Email', 'help@scotrail.example.org');
    save();
    http
      .expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` })
      .flush(anApiError('FIELD_NOT_ALLOWED', 403), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'You may not change one of these fields. Only an administrator can.',
    );

    save();
    http
      .expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` })
      .flush(anApiError('FORBIDDEN', 403), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(url()).toBe('/forbidden');
  });

  it('lets an admin create an operator, with the ID checked and a taken ID explained', async () => {
    await open('/operators/new', 'admin');
    expect(getByRole(element, 'heading', { level: 1, name: 'New operator' })).toBeTruthy();
    expect(enabledFields()).toEqual([...FIELDS]);
    expect(field('Default language').value).toBe('en');

    typeInto(element, 'ID', '31');
    typeInto(element, 'Name', 'Tay Ferries');
    typeInto(element, 'Homepage', 'https://tayferries.example.org/');
    typeInto(element, 'Customer-account URL', 'https://tayferries.example.org/oti/');
    save();
    await settle();
    expect(getByText(element, 'Enter 3 digits, e.g. 031.')).toBeTruthy();
    http.expectNone({ method: 'POST' });

    typeInto(element, 'ID', '031');
    save();
    const post = http.expectOne({ method: 'POST', url: OPERATORS_URL });
    expect(post.request.body).toEqual({
      id: '031',
      name: 'Tay Ferries',
      kind: 'operator',
      homepage: 'https://tayferries.example.org/',
      customerAccountUrl: 'https://tayferries.example.org/oti/',
      defaultLanguage: 'en',
      modeIds: [],
      miptaUrls: [],
    });
    post.flush(anApiError('OPERATOR_EXISTS', 409), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'An operator with this ID already exists. Choose another ID.',
    );
  });

  it('lets an admin delete an operator after confirming', async () => {
    await open('/operators/019/edit', 'admin');
    getByRole(element, 'button', { name: 'Delete operator' }).click();
    await settle();
    const dialog = getByRole(document.body, 'alertdialog');
    expect(getByText(dialog, 'Delete ScotRail (019)?')).toBeTruthy();
    getByRole(dialog, 'button', { name: 'Delete' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${OPERATORS_URL}/019` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(url()).toBe('/operators');
    TestBed.tick();
    // The operators page loads the results afresh.
    http.expectOne((request) => request.url === OPERATORS_URL).flush(aPage([]));
  });
});
