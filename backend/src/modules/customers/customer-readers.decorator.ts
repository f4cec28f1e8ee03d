import { applyDecorators } from '@nestjs/common';
import { Roles } from '../../common/decorators/roles.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';

/**
 * Customer reads: staff admins and operator users, or API clients with `customer-account:read`. Viewers are refused
 * by the role (403 FORBIDDEN); which customers each may reach is the CustomerAccessPolicy's decision. Declare per route.
 */
export const CustomerReaders = () => applyDecorators(Roles('admin', 'operator'), Scopes('customer-account:read'));
