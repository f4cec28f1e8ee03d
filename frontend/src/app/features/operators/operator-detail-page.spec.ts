import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { anOperator } from '../../../testing/operator-fixtures';
import { type Role } from '../../core/auth/auth.model';
import { OPERATORS_URL } from './data/operators-client';
import { OperatorDetailPage } from './operator-detail-page';

describe('OperatorDetailPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OperatorDetailPage>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  function open(id: string, role: Role = 'viewer', operatorId: string | null = null): void {
    signInAs(role, role === 'operator' ? { operatorId } : {});
    fixture = TestBed.createComponent(OperatorDetailPage);
    fixture.componentRef.setInput('id', id);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
  }

  async function answer(body: object, status = 200): Promise<void> {
    http
      .expectOne(`${OPERATORS_URL}/019`)
      .flush(body, status === 200 ? {} : { status, statusText: status === 404 ? 'Not Found' : 'Error' });
    await fixture.whenStable();
  }

  it('shows every field, the modes and the MIPTA links', async () => {
    open('019');
    expect(getByRole(element, 'progressbar', { name: 'Loading the operator' })).toBeTruthy();
    await answer(
      anOperator({ phone: '0344 811 0141', miptaUrls: ['https://mipta.scotrail.co.uk/', 'https://m2.example.org/'] }),
    );

    expect(getByRole(element, 'heading', { level: 1, name: 'ScotRail' })).toBeTruthy();
    const terms = Array.from(element.querySelectorAll('dt')).map((dt) => dt.textContent?.trim());
    const values = Array.from(element.querySelectorAll('dd')).map((dd) => dd.textContent?.trim());
    expect(Object.fromEntries(terms.map((term, index) => [term, values[index]]))).toMatchObject({
      ID: '019',
      Kind: 'Transport operator',
      Homepage: 'www.scotrail.co.uk/',
      'Customer-account URL': 'https://opentransport.scotrail.co.uk/',
      Email: 'customer.relations@scotrail.co.uk',
      Phone: '0344 811 0141',
      'Default language': 'en',
    });
    expect(getByRole(element, 'link', { name: 'www.scotrail.co.uk/' }).getAttribute('href')).toBe(
      'https://www.scotrail.co.uk/',
    );
    const modes = getByRole(element, 'list', { name: 'Modes' });
    expect(queryAllByRole(modes, 'listitem').map((li) => li.textContent?.trim())).toEqual(['train (010)']);
    const mipta = getByRole(element, 'list', { name: 'MIPTA URLs' });
    expect(queryAllByRole(mipta, 'link').map((a) => a.getAttribute('href'))).toEqual([
      'https://mipta.scotrail.co.uk/',
      'https://m2.example.org/',
    ]);
    // A viewer reads only.
    expect(queryByRole(element, 'link', { name: 'Edit' })).toBeNull();
  });

  it('offers Edit to an admin and to the operator user of this operator only', async () => {
    open('019', 'admin');
    await answer(anOperator());
    expect(getByRole(element, 'link', { name: 'Edit' }).getAttribute('href')).toBe('/operators/019/edit');
    fixture.destroy();

    open('019', 'operator', '019');
    TestBed.tick();
    expect(getByRole(element, 'link', { name: 'Edit' })).toBeTruthy();
    fixture.destroy();

    open('019', 'operator', '029');
    TestBed.tick();
    expect(queryByRole(element, 'link', { name: 'Edit' })).toBeNull();
  });

  it('says clearly when the operator does not exist', async () => {
    open('019');
    await answer(anApiError('OPERATOR_NOT_FOUND', 404), 404);
    expect(getByRole(element, 'heading', { level: 1, name: 'Operator not found' })).toBeTruthy();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('There is no operator with ID 019.');
  });

  it('does not ask the server about an ID that cannot exist', async () => {
    open('scotrail');
    await fixture.whenStable();
    expect(getByText(element, 'There is no operator with ID scotrail.')).toBeTruthy();
  });

  it('offers to try again after a failure', async () => {
    open('019');
    await answer(anApiError('INTERNAL_ERROR', 500), 500);
    getByRole(getByRole(element, 'alert'), 'button', { name: 'Try again' }).click();
    TestBed.tick();
    await answer(anOperator());
    expect(getByRole(element, 'heading', { level: 1, name: 'ScotRail' })).toBeTruthy();
  });
});
