import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';

/** Access to a customer was refused: another operator's customer, or a role without customer access. */
export function isAccessDenied(error: ApiError | null): boolean {
  return error?.code === 'CUSTOMER_ACCESS_DENIED' || error?.code === 'FORBIDDEN';
}

/** The customer (or its operator) does not exist, or the link cannot name one. */
export function isCustomerNotFound(error: ApiError | null): boolean {
  return error?.code === 'CUSTOMER_NOT_FOUND' || error?.code === 'OPERATOR_NOT_FOUND';
}

/** What the customer pages say about a failed request, by the server's error code. */
export function customersErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'CUSTOMER_ACCESS_DENIED':
    case 'FORBIDDEN':
      return "You are not allowed to see this operator's customers.";
    case 'CUSTOMER_NOT_FOUND':
      return 'This customer does not exist.';
    case 'OPERATOR_NOT_FOUND':
      return 'This operator does not exist or its customer accounts are not kept here.';
    case 'INVALID_CURSOR':
      return 'This results page has expired. Start the search again from the first page.';
    case 'VALIDATION_FAILED':
    case 'BAD_INPUT_PARAMETER':
      return 'The search or the date filter is not valid. Check it and try again.';
    default:
      return genericErrorMessage(error);
  }
}
