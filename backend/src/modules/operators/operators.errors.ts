import { HttpStatus } from '@nestjs/common';
import { AppError, ErrorDetail } from '../../common/errors/app-error';
import { CommonErrorCode } from '../../common/errors/common.errors';

export const OperatorErrorCode = {
  BAD_INPUT_PARAMETER: 'BAD_INPUT_PARAMETER',
  OPERATOR_NOT_FOUND: 'OPERATOR_NOT_FOUND',
  OPERATOR_EXISTS: 'OPERATOR_EXISTS',
  OPERATOR_IN_USE: 'OPERATOR_IN_USE',
  MODE_NOT_FOUND: 'MODE_NOT_FOUND',
  MODE_EXISTS: 'MODE_EXISTS',
  MODE_IN_USE: 'MODE_IN_USE',
  UNKNOWN_MODE: 'UNKNOWN_MODE',
  FIELD_NOT_ALLOWED: 'FIELD_NOT_ALLOWED',
} as const;

export const OperatorErrors = {
  /** The OTI face's "bad input parameter" (spec: 400). */
  badInputParameter: (details: ErrorDetail[]) =>
    new AppError(OperatorErrorCode.BAD_INPUT_PARAMETER, HttpStatus.BAD_REQUEST, 'bad input parameter', details),
  operatorNotFound: (id: string) =>
    new AppError(OperatorErrorCode.OPERATOR_NOT_FOUND, HttpStatus.NOT_FOUND, `Operator ${id} does not exist`),
  operatorExists: (id: string) =>
    new AppError(OperatorErrorCode.OPERATOR_EXISTS, HttpStatus.CONFLICT, `Operator ${id} already exists`),
  operatorInUse: (id: string) =>
    new AppError(
      OperatorErrorCode.OPERATOR_IN_USE,
      HttpStatus.CONFLICT,
      `Operator ${id} still has staff users or customer records`,
    ),
  modeNotFound: (id: string) =>
    new AppError(OperatorErrorCode.MODE_NOT_FOUND, HttpStatus.NOT_FOUND, `Mode ${id} does not exist`),
  modeExists: (id: string) =>
    new AppError(OperatorErrorCode.MODE_EXISTS, HttpStatus.CONFLICT, `Mode ${id} already exists`),
  modeInUse: (id: string) =>
    new AppError(
      OperatorErrorCode.MODE_IN_USE,
      HttpStatus.CONFLICT,
      `Mode ${id} is run by an operator or used by records`,
    ),
  unknownModes: (ids: string[]) =>
    new AppError(
      OperatorErrorCode.UNKNOWN_MODE,
      HttpStatus.BAD_REQUEST,
      `Unknown mode id ${ids.join(', ')}`,
      ids.map((id) => ({ field: 'modeIds', constraint: 'modeExists', message: `mode ${id} does not exist` })),
    ),
  fieldsNotAllowed: (fields: string[]) =>
    new AppError(
      OperatorErrorCode.FIELD_NOT_ALLOWED,
      HttpStatus.FORBIDDEN,
      `Operator users may not change ${fields.join(', ')}`,
      fields.map((field) => ({ field, constraint: 'fieldAllowed', message: `${field} may be changed by admins only` })),
    ),
  notYourOperator: () =>
    new AppError(CommonErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN, 'Operator users may change only their own operator'),
};
