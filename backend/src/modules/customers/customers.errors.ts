import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { OperatorErrorCode } from '../operators/operators.errors';
import { CustomerSearchErrorCode } from './customer-search';

/**
 * Error codes of the customers module (docs/customers-api.md). The OTI face's `BAD_INPUT_PARAMETER` and the
 * search's `INVALID_CURSOR` are made where their rules live (operators.errors.ts, customer-search.ts).
 */
export const CustomerErrorCode = {
  CUSTOMER_ACCESS_DENIED: 'CUSTOMER_ACCESS_DENIED',
  CUSTOMER_NOT_FOUND: 'CUSTOMER_NOT_FOUND',
  OPERATOR_NOT_FOUND: OperatorErrorCode.OPERATOR_NOT_FOUND,
  BAD_INPUT_PARAMETER: OperatorErrorCode.BAD_INPUT_PARAMETER,
  INVALID_CURSOR: CustomerSearchErrorCode.INVALID_CURSOR,
} as const;

export const CustomerErrors = {
  /** The caller may not read this operator's customers (nor this customer): same answer whether it exists or not. */
  accessDenied: () =>
    new AppError(
      CustomerErrorCode.CUSTOMER_ACCESS_DENIED,
      HttpStatus.FORBIDDEN,
      "You are not allowed to read this operator's customer accounts",
    ),
  /** Within a reachable operator: no such customer id. The id is the caller's own input, safe to echo. */
  customerNotFound: () =>
    new AppError(CustomerErrorCode.CUSTOMER_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such customer account'),
  /** The operator does not exist or this hub does not host its customer accounts. */
  operatorNotHosted: (operatorId: string) =>
    new AppError(
      CustomerErrorCode.OPERATOR_NOT_FOUND,
      HttpStatus.NOT_FOUND,
      `Operator ${operatorId} has no customer accounts hosted here`,
    ),
};
