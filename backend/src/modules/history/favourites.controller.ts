import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import {
  CreateFavouriteDto,
  FavouriteDto,
  FavouriteListQueryDto,
  FavouritePageDto,
  RenameFavouriteDto,
} from './dto/favourite.dto';
import { EntryIdParamsDto } from './dto/history.dto';
import { FavouritesService } from './favourites.service';

const notFound = ApiNotFoundResponse({
  type: ErrorResponseDto,
  description: 'FAVOURITE_NOT_FOUND (also for ids not yours)',
});
const badId = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (id is not a UUID)' });

/** The signed-in user's own favourites: named queries (docs/history-api.md). Staff only: API keys get 403. */
@ApiTags('history and favourites')
@Controller('v1/me/favourites')
export class FavouritesController {
  constructor(private readonly favourites: FavouritesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your favourites, ordered by name (ignoring case)' })
  @ApiOkResponse({ type: FavouritePageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (paging)' })
  list(@Query() query: FavouriteListQueryDto, @CurrentUser() caller: UserPrincipal): Promise<FavouritePageDto> {
    return this.favourites.list(caller.user.id, query);
  }

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Save a query as a favourite',
    description: 'The params are checked by the rules of the query of that kind and stored normalised.',
  })
  @ApiCreatedResponse({ type: FavouriteDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED (name, kind, or params by the query’s own rules; details name params.<field>)',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'FAVOURITE_NAME_TAKEN (ignoring case) or FAVOURITE_LIMIT (200 per user)',
  })
  create(@Body() dto: CreateFavouriteDto, @CurrentUser() caller: UserPrincipal): Promise<FavouriteDto> {
    return this.favourites.create(caller.user.id, dto);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One of your favourites' })
  @ApiOkResponse({ type: FavouriteDto })
  @badId
  @notFound
  get(@Param() { id }: EntryIdParamsDto, @CurrentUser() caller: UserPrincipal): Promise<FavouriteDto> {
    return this.favourites.get(caller.user.id, id);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Rename one of your favourites' })
  @ApiOkResponse({ type: FavouriteDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (id, name)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'FAVOURITE_NAME_TAKEN (ignoring case)' })
  @notFound
  rename(
    @Param() { id }: EntryIdParamsDto,
    @Body() dto: RenameFavouriteDto,
    @CurrentUser() caller: UserPrincipal,
  ): Promise<FavouriteDto> {
    return this.favourites.rename(caller.user.id, id, dto);
  }

  @Delete(':id')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete one of your favourites' })
  @ApiNoContentResponse()
  @badId
  @notFound
  remove(@Param() { id }: EntryIdParamsDto, @CurrentUser() caller: UserPrincipal): Promise<void> {
    return this.favourites.remove(caller.user.id, id);
  }
}
