import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';

/** What the admin pages say about a failed user or API client action. */
export function adminErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'EMAIL_TAKEN':
      return 'A user with this email address already exists.';
    case 'USER_NOT_FOUND':
      return 'This user no longer exists. Reload the list.';
    case 'API_CLIENT_NOT_FOUND':
      return 'This API client no longer exists. Reload the list.';
    default:
      return genericErrorMessage(error);
  }
}
