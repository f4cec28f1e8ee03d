import { applyDecorators } from '@nestjs/common';
import { Authenticated } from '../../common/decorators/roles.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';

/** Directory reads: any signed-in staff user, or an API client with `operator-info:read`. Declare per route. */
export const DirectoryReaders = () => applyDecorators(Authenticated(), Scopes('operator-info:read'));
