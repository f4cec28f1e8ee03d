import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';

export const ApiClientErrors = {
  notFound: () => new AppError('API_CLIENT_NOT_FOUND', HttpStatus.NOT_FOUND, 'No such API client'),
  operatorRequired: () =>
    CommonErrors.validationFailed([
      {
        field: 'operatorId',
        constraint: 'operatorRequired',
        message: 'operatorId is required for customer-account scopes',
      },
    ]),
  piiNeedsRead: () =>
    CommonErrors.validationFailed([
      { field: 'scopes', constraint: 'piiNeedsRead', message: 'customer-account:pii needs customer-account:read' },
    ]),
  unknownOperator: () =>
    CommonErrors.validationFailed([
      { field: 'operatorId', constraint: 'operatorExists', message: 'operatorId names no operator' },
    ]),
  expiryInPast: () =>
    CommonErrors.validationFailed([
      { field: 'expiresAt', constraint: 'inFuture', message: 'expiresAt must be in the future' },
    ]),
};
