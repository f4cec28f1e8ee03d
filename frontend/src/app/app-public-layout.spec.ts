import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInAs } from '../testing/auth-fixtures';
import { getByRole, getByText, queryByRole } from '../testing/dom-queries';
import { App } from './app';
import { PUBLIC_LAYOUT, layoutOf } from './core/layout/shell-layout';

@Component({
  selector: 'app-public-stub',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Confirm an account link</h1>',
})
class PublicStub {}

@Component({
  selector: 'app-staff-stub',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Staff page</h1>',
})
class StaffStub {}

describe('App shell on public pages', () => {
  let fixture: ComponentFixture<App>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'link', children: [{ path: 'confirm', component: PublicStub, data: PUBLIC_LAYOUT }] },
          { path: '**', component: StaffStub },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
  });

  async function render(url: string): Promise<void> {
    fixture = TestBed.createComponent(App);
    element = fixture.nativeElement as HTMLElement;
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
  }

  it('shows the app name only: no staff navigation, no sign-in link', async () => {
    await render('/link/confirm');
    const banner = getByRole(element, 'banner');
    expect(getByText(banner, 'Open Transport Hub')).toBeTruthy();
    expect(queryByRole(banner, 'link')).toBeNull();
    expect(queryByRole(element, 'navigation', { name: 'Main' })).toBeNull();
    expect(
      getByRole(getByRole(element, 'main'), 'heading', { level: 1, name: 'Confirm an account link' }),
    ).toBeTruthy();
  });

  it('shows no account controls to a signed-in user either', async () => {
    signInAs('operator', { operatorId: '029' });
    await render('/link/confirm');
    expect(queryByRole(element, 'button', { name: 'Sign out' })).toBeNull();
    expect(queryByRole(element, 'navigation', { name: 'Main' })).toBeNull();
  });

  it('brings the staff shell back on other pages', async () => {
    await render('/link/confirm');
    await TestBed.inject(Router).navigateByUrl('/somewhere');
    await fixture.whenStable();
    expect(getByRole(element, 'navigation', { name: 'Main' })).toBeTruthy();
    expect(getByRole(getByRole(element, 'banner'), 'link', { name: 'Sign in' })).toBeTruthy();
  });

  it('reads the layout from the page shown (the deepest route)', async () => {
    await render('/link/confirm');
    expect(layoutOf(TestBed.inject(Router).routerState.snapshot.root)).toBe('public');
    await TestBed.inject(Router).navigateByUrl('/elsewhere');
    expect(layoutOf(TestBed.inject(Router).routerState.snapshot.root)).toBe('staff');
  });
});
