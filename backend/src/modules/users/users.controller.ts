import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UserPrincipal } from '../../common/auth/principal';
import { CurrentUser } from '../../common/decorators/current-principal.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UserDto } from './dto/user.dto';
import { UserPageDto } from './dto/user-page.dto';
import { InviteUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Staff users, oldest first, optionally filtered by email or name' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Invite a user: the account is created and a set-password link emailed (72 h)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (e.g. role/operator mismatch)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'EMAIL_TAKEN' })
  invite(@Body() dto: InviteUserDto, @CurrentUser() admin: UserPrincipal): Promise<UserDto> {
    return this.users.invite(dto, admin);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change role, operator, name or status; disabling ends the user's sessions at once" })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'USER_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CANNOT_MODIFY_SELF' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() admin: UserPrincipal,
  ): Promise<UserDto> {
    return this.users.update(id, dto, admin);
  }
}
