import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { describe, expect, it } from 'vitest';

import { appConfig } from './app.config';
import { APP_ROUTES } from './app.routes';

describe('appConfig', () => {
  it('provides HTTP and the application routes', () => {
    TestBed.configureTestingModule({ providers: appConfig.providers });

    expect(TestBed.inject(HttpClient)).toBeInstanceOf(HttpClient);
    expect(TestBed.inject(Router).config).toEqual(APP_ROUTES);
  });
});
