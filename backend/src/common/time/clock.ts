import { Injectable } from '@nestjs/common';

/**
 * The current time, injectable so tests can move it (token expiry, lockout windows) without waiting:
 * `jest.spyOn(app.get(Clock), 'now').mockReturnValue(later)`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
