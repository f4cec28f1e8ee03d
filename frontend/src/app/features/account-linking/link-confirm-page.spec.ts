import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aLinkPreview } from '../../../testing/account-link-fixtures';
import { anApiError } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { ACCOUNT_LINKS_URL } from './data/account-links-client';
import { LinkConfirmPage } from './link-confirm-page';
import { LINK_ROUTES } from './link.routes';
import { TOKEN_PROBLEM_TEXT } from './model/link-confirmation';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

const TOKEN = 'q8Xv3Jk-Sl0_token-from-the-email_aaaaaaaaaaa';
const PREVIEW_URL = `${ACCOUNT_LINKS_URL}/preview`;

const STATUS_BY_CODE: Record<string, number> = {
  LINK_TOKEN_UNKNOWN: 404,
  LINK_TOKEN_EXPIRED: 410,
  LINK_ALREADY_CONFIRMED: 409,
  LINK_ALREADY_DECLINED: 409,
  LINK_TOKEN_SUPERSEDED: 410,
  VALIDATION_FAILED: 400,
};

describe('LinkConfirmPage', () => {
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'link', children: LINK_ROUTES },
            { path: '**', component: Blank },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
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

  async function open(url: string): Promise<void> {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, LinkConfirmPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
  }

  /** Opens the emailed link and returns the preview request. */
  async function openLink(query = ''): Promise<TestRequest> {
    await open(`/link/confirm?token=${TOKEN}${query}`);
    return http.expectOne((request) => request.url === PREVIEW_URL);
  }

  function fail(request: TestRequest, code: string): void {
    const status = STATUS_BY_CODE[code] ?? 500;
    request.flush(anApiError(code, status), { status, statusText: 'Error' });
  }

  function buttonNames(): (string | undefined)[] {
    return queryAllByRole(element, 'button').map((button) => button.textContent?.trim());
  }

  it('takes the token out of the address, then shows the masked request', async () => {
    const preview = await openLink();
    expect(preview.request.params.get('token')).toBe(TOKEN);
    expect(TestBed.inject(Router).url).toBe('/link/confirm');
    expect(TestBed.inject(Location).path()).toBe('/link/confirm');
    expect(getByRole(element, 'progressbar', { name: 'Loading the request' })).toBeTruthy();
    preview.flush(aLinkPreview());
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'Link your PSD Ferries account?' })).toBeTruthy();
    expect(element.textContent).toContain('PSD Buses asks to link your PSD Ferries account');
    const request = getByRole(element, 'region', { name: 'Who asks to link' });
    expect(getByText(request, 'A*** B***')).toBeTruthy();
    expect(getByText(request, 'a***@example.com')).toBeTruthy();
    expect(getByText(request, 'PSD Buses')).toBeTruthy();
    expect(element.textContent).toContain('This link works once and expires');
    expect(buttonNames()).toEqual(['Confirm', 'This wasn’t me']);
    expect(element.innerHTML).not.toContain(TOKEN);
  });

  it('confirms with the token and says the accounts are linked', async () => {
    (await openLink()).flush(aLinkPreview());
    await settle();
    getByRole(element, 'button', { name: 'Confirm' }).click();
    TestBed.tick();
    const confirm = http.expectOne(`${ACCOUNT_LINKS_URL}/confirm`);
    expect(confirm.request.method).toBe('POST');
    expect(confirm.request.body).toEqual({ token: TOKEN });
    confirm.flush({ status: 'confirmed' });
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'Your accounts are linked' })).toBeTruthy();
    expect(getByRole(element, 'status').textContent).toContain(
      'PSD Buses can now see the purchases, concessions and journeys of your PSD Ferries account.',
    );
    expect(queryByRole(element, 'button')).toBeNull();
  });

  it('puts "This wasn\'t me" first when the email\'s decline link was followed, and declines', async () => {
    const preview = await openLink('&action=decline');
    expect(TestBed.inject(Router).url).toBe('/link/confirm?action=decline');
    preview.flush(aLinkPreview());
    await settle();

    expect(getByRole(element, 'status').textContent).toContain('You chose “This wasn’t me” in the email.');
    expect(buttonNames()).toEqual(['This wasn’t me', 'Confirm']);
    getByRole(element, 'button', { name: 'This wasn’t me' }).click();
    TestBed.tick();
    const decline = http.expectOne(`${ACCOUNT_LINKS_URL}/decline`);
    expect(decline.request.body).toEqual({ token: TOKEN });
    decline.flush({ status: 'declined' });
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'Request declined' })).toBeTruthy();
    expect(getByRole(element, 'status').textContent).toContain(
      'Nothing is shared: PSD Buses cannot see your PSD Ferries account.',
    );
  });

  it.each([
    ['LINK_TOKEN_UNKNOWN', 'This link is not valid', 'alert', 'unknown'],
    ['VALIDATION_FAILED', 'This link is not valid', 'alert', 'unknown'],
    ['LINK_TOKEN_EXPIRED', 'This link has expired', 'alert', 'expired'],
    ['LINK_ALREADY_CONFIRMED', 'This link has already been used', 'status', 'already-confirmed'],
    ['LINK_ALREADY_DECLINED', 'This request was declined', 'status', 'already-declined'],
    ['LINK_TOKEN_SUPERSEDED', 'This link has been replaced', 'alert', 'superseded'],
  ] as const)('gives %s its own page: "%s"', async (code, title, role, problem) => {
    fail(await openLink(), code);
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: title })).toBeTruthy();
    expect(getByRole(element, role).textContent).toBe(TOKEN_PROBLEM_TEXT[problem].message);
    expect(queryByRole(element, 'button')).toBeNull();
  });

  it('shows the token page when the answer is refused (confirmed meanwhile, in another tab)', async () => {
    (await openLink()).flush(aLinkPreview());
    await settle();
    getByRole(element, 'button', { name: 'Confirm' }).click();
    TestBed.tick();
    fail(http.expectOne(`${ACCOUNT_LINKS_URL}/confirm`), 'LINK_ALREADY_CONFIRMED');
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'This link has already been used' })).toBeTruthy();
  });

  it('keeps the question when the answer fails for another reason, and says so', async () => {
    (await openLink()).flush(aLinkPreview());
    await settle();
    getByRole(element, 'button', { name: 'Confirm' }).click();
    TestBed.tick();
    http.expectOne(`${ACCOUNT_LINKS_URL}/confirm`).error(new ProgressEvent('error'));
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The server could not be reached.');
    expect(buttonNames()).toEqual(['Confirm', 'This wasn’t me']);
  });

  it('offers to try again when the request cannot be loaded', async () => {
    fail(await openLink(), 'INTERNAL_ERROR');
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The request could not be loaded.');
    getByRole(element, 'button', { name: 'Try again' }).click();
    TestBed.tick();
    http.expectOne((request) => request.url === PREVIEW_URL).flush(aLinkPreview());
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Link your PSD Ferries account?' })).toBeTruthy();
  });

  it('asks for the emailed link when the page has no token (opened by hand, or reloaded)', async () => {
    await open('/link/confirm');
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Open the link from your email' })).toBeTruthy();
    http.expectNone(() => true);
  });
});
