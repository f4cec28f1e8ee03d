import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { getByRole, getByText, queryAllByRole, queryByRole } from '../testing/dom-queries';
import { App } from './app';
import { APP_ROUTES } from './app.routes';

describe('App shell', () => {
  let element: HTMLElement;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(APP_ROUTES),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    router = TestBed.inject(Router);
    const fixture = TestBed.createComponent(App);
    element = fixture.nativeElement as HTMLElement;
    await router.navigateByUrl('/operators');
    await fixture.whenStable();
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
  });

  it('shows the app name in the toolbar banner', () => {
    const banner = getByRole(element, 'banner');
    expect(getByText(banner, 'Open Transport Hub')).toBeTruthy();
  });

  it('offers the main navigation with every feature', () => {
    const nav = getByRole(element, 'navigation', { name: 'Main' });
    const names = queryAllByRole(nav, 'link').map((link) => link.textContent?.trim());
    expect(names).toEqual(['Home', 'Operators', 'Customers', 'History', 'Favourites']);
    expect(getByRole(nav, 'link', { name: 'Customers' }).getAttribute('href')).toBe('/customers');
  });

  it('marks the current page in the navigation', () => {
    const nav = getByRole(element, 'navigation', { name: 'Main' });
    expect(getByRole(nav, 'link', { name: 'Operators' }).getAttribute('aria-current')).toBe('page');
    expect(getByRole(nav, 'link', { name: 'Home' }).hasAttribute('aria-current')).toBe(false);
  });

  it('renders the routed page inside the main landmark', () => {
    const main = getByRole(element, 'main');
    expect(getByRole(main, 'heading', { level: 1, name: 'Operators' })).toBeTruthy();
  });

  it('lets keyboard users skip to the main content', () => {
    getByRole(element, 'button', { name: 'Skip to main content' }).click();
    expect(document.activeElement).toBe(getByRole(element, 'main'));
  });

  it('keeps the navigation visible on wide screens, without a menu button', () => {
    expect(queryByRole(element, 'button', { name: 'Main navigation' })).toBeNull();
  });
});
