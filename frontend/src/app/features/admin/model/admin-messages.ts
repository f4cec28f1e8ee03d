import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';

/** What the admin pages say about a failed action on users, API clients, the audit log or the IP lists. */
export function adminErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'EMAIL_TAKEN':
      return 'A user with this email address already exists.';
    case 'USER_NOT_FOUND':
      return 'This user no longer exists. Reload the list.';
    case 'API_CLIENT_NOT_FOUND':
      return 'This API client no longer exists. Reload the list.';
    case 'AUDIT_RECORD_NOT_FOUND':
      return 'There is no such audit record: it may have been removed by the retention purge.';
    case 'INVALID_IP_RANGE':
      return error.message
        ? `The address or range was not accepted: ${error.message}`
        : 'Enter an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24.';
    case 'IP_BLOCK_EXISTS':
      return 'This address or range is already blocked.';
    case 'IP_ALLOW_EXISTS':
      return 'This address or range is already on the allowlist.';
    case 'IP_BLOCK_SELF':
      return 'This range contains the address you are using now: blocking it would lock you out.';
    case 'IP_BLOCK_NOT_FOUND':
      return 'This block no longer exists (it may have expired). The list has been reloaded.';
    case 'IP_ALLOW_NOT_FOUND':
      return 'This allowlist entry no longer exists (it may have expired). The list has been reloaded.';
    default:
      return genericErrorMessage(error);
  }
}
