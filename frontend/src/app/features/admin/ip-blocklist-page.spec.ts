import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anIpAllow, anIpBlock } from '../../../testing/audit-fixtures';
import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { selectOption, typeInto } from '../../../testing/user-events';
import { formatDateTime } from '../../shared/format/date-time';
import { IP_ALLOWS_URL, IP_BLOCKS_URL } from './data/ip-rules-client';
import { IpBlocklistPage } from './ip-blocklist-page';
import { type IpAllowDto, type IpBlockDto } from './model/ip-rules.model';

const BLOCKS: IpBlockDto[] = [
  anIpBlock(),
  anIpBlock({
    id: 'block-2',
    range: '192.0.2.44',
    reason: 'Automatic: 50 failed sign-ins within 1 h',
    expiresAt: '2026-05-01T11:00:00.000Z',
    createdBy: null,
    createdAt: '2026-05-01T10:00:00.000Z',
    auto: true,
  }),
];
const ALLOWS: IpAllowDto[] = [anIpAllow()];

describe('IpBlocklistPage', () => {
  let fixture: ComponentFixture<IpBlocklistPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

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
    vi.useRealTimers();
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  async function render(blocks = BLOCKS, allows = ALLOWS): Promise<void> {
    fixture = TestBed.createComponent(IpBlocklistPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne({ method: 'GET', url: IP_BLOCKS_URL }).flush(blocks);
    http.expectOne({ method: 'GET', url: IP_ALLOWS_URL }).flush(allows);
    await fixture.whenStable();
  }

  function rowTexts(name: string): string[][] {
    const table = getByRole(element, 'table', { name });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  function blockForm(): HTMLElement {
    return getByRole(element, 'form', { name: 'Block an address or range' });
  }

  it('lists the blocks, manual and automatic, with reason, expiry and who added them', async () => {
    await render();
    expect(getByRole(element, 'heading', { level: 1, name: 'IP blocklist' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'IP blocks' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Address or range',
      'Kind',
      'Reason',
      'Expires',
      'Added',
      'Actions',
    ]);
    expect(rowTexts('IP blocks')).toEqual([
      [
        '203.0.113.0/24',
        'Manual',
        'Credential stuffing',
        'Never',
        `${formatDateTime('2026-05-01T09:00:00.000Z')} by Ada Lovelace`,
        'Remove',
      ],
      [
        '192.0.2.44',
        'Automatic',
        'Automatic: 50 failed sign-ins within 1 h',
        formatDateTime('2026-05-01T11:00:00.000Z'),
        `${formatDateTime('2026-05-01T10:00:00.000Z')} by the system`,
        'Remove',
      ],
    ]);
    expect(rowTexts('Allowlist')).toEqual([
      [
        '198.51.100.0/24',
        'Office network',
        'Never',
        `${formatDateTime('2026-04-01T09:00:00.000Z')} by Ada Lovelace`,
        'Remove',
      ],
    ]);
  });

  it('says when nothing is blocked and the allowlist is empty', async () => {
    await render([], []);
    expect(getByText(element, 'No address is blocked.')).toBeTruthy();
    expect(getByText(element, 'The allowlist is empty.')).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('blocks a range with a reason and a preset expiry, then reloads the list', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T12:00:00.000Z'));
    await render();
    const form = blockForm();
    typeInto(form, 'Address or CIDR range', ' 2001:db8::/48 ');
    typeInto(form, 'Reason', ' Scraping ');
    selectOption(form, 'Expires', '24h');
    getByRole(form, 'button', { name: 'Block' }).click();
    TestBed.tick();

    const request = http.expectOne({ method: 'POST', url: IP_BLOCKS_URL });
    expect(request.request.body).toEqual({
      range: '2001:db8::/48',
      reason: 'Scraping',
      expiresAt: '2026-05-02T12:00:00.000Z',
    });
    const created = anIpBlock({ id: 'block-3', range: '2001:db8::/48', reason: 'Scraping' });
    request.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne({ method: 'GET', url: IP_BLOCKS_URL }).flush([created, ...BLOCKS]);
    await settle();

    expect(getByRole(element, 'status').textContent?.trim()).toBe('Blocked 2001:db8::/48.');
    expect(rowTexts('IP blocks')[0]?.[0]).toBe('2001:db8::/48');
    expect((getByRole(form, 'textbox', { name: 'Address or CIDR range' }) as HTMLInputElement).value).toBe('');
  });

  it('blocks until a chosen time, sent as an instant', async () => {
    await render();
    const form = blockForm();
    typeInto(form, 'Address or CIDR range', '203.0.113.9');
    typeInto(form, 'Reason', 'Probing');
    selectOption(form, 'Expires', 'at');
    await fixture.whenStable();
    typeInto(form, 'Expires at', '2099-01-01T08:30');
    getByRole(form, 'button', { name: 'Block' }).click();
    TestBed.tick();
    const request = http.expectOne({ method: 'POST', url: IP_BLOCKS_URL });
    expect(request.request.body).toEqual({
      range: '203.0.113.9',
      reason: 'Probing',
      expiresAt: new Date('2099-01-01T08:30').toISOString(),
    });
    request.flush(anIpBlock({ id: 'block-4', range: '203.0.113.9' }));
    await settle();
    http.expectOne({ method: 'GET', url: IP_BLOCKS_URL }).flush(BLOCKS);
    await settle();
  });

  it('checks the range, the reason and the expiry before sending', async () => {
    await render();
    const form = blockForm();
    getByRole(form, 'button', { name: 'Block' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Enter an address or a range.')).toBeTruthy();
    expect(getByText(form, 'Say why, for whoever reads the list later.')).toBeTruthy();

    typeInto(form, 'Address or CIDR range', '203.0.113.5/24');
    typeInto(form, 'Reason', 'Typo in the prefix');
    await fixture.whenStable();
    expect(getByText(form, 'Host bits are set: the range is written 203.0.113.0/24.')).toBeTruthy();

    typeInto(form, 'Address or CIDR range', 'evil.example');
    await fixture.whenStable();
    expect(getByText(form, 'Enter an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24.')).toBeTruthy();

    typeInto(form, 'Address or CIDR range', '203.0.113.0/24');
    selectOption(form, 'Expires', 'at');
    await fixture.whenStable();
    typeInto(form, 'Expires at', '2001-01-01T00:00');
    getByRole(form, 'button', { name: 'Block' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Choose a time in the future.')).toBeTruthy();
  });

  it.each([
    ['IP_BLOCK_SELF', 409, 'This range contains the address you are using now: blocking it would lock you out.'],
    ['IP_BLOCK_EXISTS', 409, 'This address or range is already blocked.'],
    [
      'INVALID_IP_RANGE',
      400,
      'The address or range was not accepted: "10.0.0.0/33": the prefix length must be a whole number from 0 to 32',
    ],
  ])('explains %s and keeps what was entered', async (code, status, message) => {
    await render();
    const form = blockForm();
    typeInto(form, 'Address or CIDR range', '10.0.0.0/8');
    typeInto(form, 'Reason', 'Test');
    getByRole(form, 'button', { name: 'Block' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'POST', url: IP_BLOCKS_URL })
      .flush(anApiError(code, status, '"10.0.0.0/33": the prefix length must be a whole number from 0 to 32'), {
        status,
        statusText: 'Refused',
      });
    await settle();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe(message);
    expect((getByRole(form, 'textbox', { name: 'Address or CIDR range' }) as HTMLInputElement).value).toBe(
      '10.0.0.0/8',
    );
  });

  it('says an expiry the server found past plainly', async () => {
    await render();
    const form = blockForm();
    typeInto(form, 'Address or CIDR range', '10.0.0.0/8');
    typeInto(form, 'Reason', 'Test');
    selectOption(form, 'Expires', '1h');
    getByRole(form, 'button', { name: 'Block' }).click();
    TestBed.tick();
    http.expectOne({ method: 'POST', url: IP_BLOCKS_URL }).flush(
      {
        ...anApiError('VALIDATION_FAILED', 400, 'expiresAt must be in the future'),
        details: [{ field: 'expiresAt', constraint: 'inFuture', message: 'expiresAt must be in the future' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('Choose an expiry in the future.');
  });

  it('unblocks after confirmation and reloads the list', async () => {
    await render();
    getByRole(element, 'button', { name: 'Unblock 203.0.113.0/24' }).click();
    await fixture.whenStable();
    const dialog = getByRole(document.body, 'alertdialog', { name: 'Unblock 203.0.113.0/24?' });
    getByRole(dialog, 'button', { name: 'Unblock' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${IP_BLOCKS_URL}/block-1` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne({ method: 'GET', url: IP_BLOCKS_URL }).flush(BLOCKS.slice(1));
    await settle();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Unblocked 203.0.113.0/24.');
    expect(rowTexts('IP blocks').map((row) => row[0])).toEqual(['192.0.2.44']);
  });

  it('sends nothing when the unblock is cancelled', async () => {
    await render();
    getByRole(element, 'button', { name: 'Unblock 192.0.2.44' }).click();
    await fixture.whenStable();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Cancel' }).click();
    await settle();
    expect(queryByRole(element, 'status')).toBeNull();
  });

  it('explains a block that expired meanwhile, and shows the list as it is now', async () => {
    await render();
    getByRole(element, 'button', { name: 'Unblock 192.0.2.44' }).click();
    await fixture.whenStable();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Unblock' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${IP_BLOCKS_URL}/block-2` })
      .flush(anApiError('IP_BLOCK_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await settle();
    http.expectOne({ method: 'GET', url: IP_BLOCKS_URL }).flush(BLOCKS.slice(0, 1));
    await settle();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'This block no longer exists (it may have expired). The list has been reloaded.',
    );
    expect(queryByText(element, '192.0.2.44')).toBeNull();
  });

  it('adds to the allowlist and removes from it', async () => {
    await render();
    const form = getByRole(element, 'form', { name: 'Add to the allowlist' });
    typeInto(form, 'Address or CIDR range', '192.0.2.0/24');
    typeInto(form, 'Reason', 'Partner office');
    getByRole(form, 'button', { name: 'Add to the allowlist' }).click();
    TestBed.tick();
    const request = http.expectOne({ method: 'POST', url: IP_ALLOWS_URL });
    expect(request.request.body).toEqual({ range: '192.0.2.0/24', reason: 'Partner office' });
    const added = anIpAllow({ id: 'allow-2', range: '192.0.2.0/24', reason: 'Partner office' });
    request.flush(added, { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne({ method: 'GET', url: IP_ALLOWS_URL }).flush([added, ...ALLOWS]);
    await settle();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Added 192.0.2.0/24 to the allowlist.');

    getByRole(element, 'button', { name: 'Remove from the allowlist 198.51.100.0/24' }).click();
    await fixture.whenStable();
    const dialog = getByRole(document.body, 'alertdialog', { name: 'Remove 198.51.100.0/24 from the allowlist?' });
    getByRole(dialog, 'button', { name: 'Remove' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${IP_ALLOWS_URL}/allow-1` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne({ method: 'GET', url: IP_ALLOWS_URL }).flush([added]);
    await settle();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Removed 198.51.100.0/24 from the allowlist.');
  });

  it('explains an allowlist entry that exists already', async () => {
    await render();
    const form = getByRole(element, 'form', { name: 'Add to the allowlist' });
    typeInto(form, 'Address or CIDR range', '198.51.100.0/24');
    typeInto(form, 'Reason', 'Again');
    getByRole(form, 'button', { name: 'Add to the allowlist' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'POST', url: IP_ALLOWS_URL })
      .flush(anApiError('IP_ALLOW_EXISTS', 409), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('This address or range is already on the allowlist.');
  });

  it('explains lists that could not be loaded', async () => {
    fixture = TestBed.createComponent(IpBlocklistPage);
    element = fixture.nativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(IP_BLOCKS_URL).flush(anApiError('FORBIDDEN', 403), { status: 403, statusText: 'Forbidden' });
    http.expectOne(IP_ALLOWS_URL).flush(ALLOWS);
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(
      'The blocks could not be loaded. You are not allowed to do this.',
    );
    expect(queryByText(element, 'No address is blocked.')).toBeNull();
    expect(rowTexts('Allowlist')).toHaveLength(1);
  });
});
