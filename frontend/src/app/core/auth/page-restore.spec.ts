import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it, vi } from 'vitest';

import { RELOAD_PAGE, provideReloadOnPageRestore } from './page-restore';

describe('provideReloadOnPageRestore', () => {
  function setUp(): () => void {
    const reload = vi.fn();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideReloadOnPageRestore(),
        { provide: RELOAD_PAGE, useValue: reload },
      ],
    });
    TestBed.inject(RELOAD_PAGE);
    return reload;
  }

  it('reloads a page the browser restored from its back/forward cache, so no stale data or session shows', () => {
    const reload = setUp();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('leaves an ordinary page load alone', () => {
    const reload = setUp();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(reload).not.toHaveBeenCalled();
  });
});
