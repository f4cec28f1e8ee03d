import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UserPrincipal } from '../../common/auth/principal';
import { CurrentUser } from '../../common/decorators/current-principal.decorator';
import { Authenticated } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { EntryIdParamsDto, HistoryPageDto, HistoryQueryDto } from './dto/history.dto';
import { HistoryService } from './history.service';

const badId = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (id is not a UUID)' });

/** The signed-in user's own query history (docs/history-api.md). Staff only: API keys get 403. */
@ApiTags('history and favourites')
@Controller('v1/me/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your query history, newest first, optionally of one kind' })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (kind, paging)' })
  list(@Query() query: HistoryQueryDto, @CurrentUser() caller: UserPrincipal): Promise<HistoryPageDto> {
    return this.history.list(caller.user.id, query);
  }

  @Delete(':id')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete one of your history entries' })
  @ApiNoContentResponse()
  @badId
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'HISTORY_ENTRY_NOT_FOUND (also for ids not yours)' })
  remove(@Param() { id }: EntryIdParamsDto, @CurrentUser() caller: UserPrincipal): Promise<void> {
    return this.history.remove(caller.user.id, id);
  }

  @Delete()
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Clear your whole query history' })
  @ApiNoContentResponse()
  clear(@CurrentUser() caller: UserPrincipal): Promise<void> {
    return this.history.clear(caller.user.id);
  }
}
