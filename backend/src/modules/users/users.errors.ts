import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';

export const UserErrors = {
  notFound: () => new AppError('USER_NOT_FOUND', HttpStatus.NOT_FOUND, 'No such user'),
  emailTaken: () => new AppError('EMAIL_TAKEN', HttpStatus.CONFLICT, 'A user with this email already exists'),
  cannotModifySelf: () =>
    new AppError(
      'CANNOT_MODIFY_SELF',
      HttpStatus.CONFLICT,
      'Administrators cannot change their own role, operator or status; ask another administrator',
    ),
  operatorRequired: () =>
    CommonErrors.validationFailed([
      { field: 'operatorId', constraint: 'operatorRequired', message: 'operatorId is required for the operator role' },
    ]),
  operatorNotAllowed: () =>
    CommonErrors.validationFailed([
      {
        field: 'operatorId',
        constraint: 'operatorNotAllowed',
        message: 'operatorId must be null unless the role is operator',
      },
    ]),
  unknownOperator: () =>
    CommonErrors.validationFailed([
      { field: 'operatorId', constraint: 'operatorExists', message: 'operatorId names no operator' },
    ]),
};
