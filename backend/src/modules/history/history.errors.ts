import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';

/** Error codes of the history module (docs/history-api.md); bad input is the common VALIDATION_FAILED. */
export const HistoryErrorCode = {
  HISTORY_ENTRY_NOT_FOUND: 'HISTORY_ENTRY_NOT_FOUND',
  FAVOURITE_NOT_FOUND: 'FAVOURITE_NOT_FOUND',
  FAVOURITE_NAME_TAKEN: 'FAVOURITE_NAME_TAKEN',
  FAVOURITE_LIMIT: 'FAVOURITE_LIMIT',
} as const;

export const HistoryErrors = {
  /** No such entry among the caller's own: another user's id gets this very answer. */
  entryNotFound: () =>
    new AppError(HistoryErrorCode.HISTORY_ENTRY_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such history entry'),
  /** No such favourite among the caller's own: another user's id gets this very answer. */
  favouriteNotFound: () =>
    new AppError(HistoryErrorCode.FAVOURITE_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such favourite'),
  nameTaken: () =>
    new AppError(
      HistoryErrorCode.FAVOURITE_NAME_TAKEN,
      HttpStatus.CONFLICT,
      'You already have a favourite with this name (names are compared ignoring case)',
      [{ field: 'name', constraint: 'uniqueName', message: 'name is already used by another of your favourites' }],
    ),
  limitReached: (limit: number) =>
    new AppError(
      HistoryErrorCode.FAVOURITE_LIMIT,
      HttpStatus.CONFLICT,
      `You have ${limit} favourites, the most allowed: delete one first`,
    ),
};
