import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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
import type { UserPrincipal } from '../../../common/auth/principal';
import { CurrentUser } from '../../../common/decorators/current-principal.decorator';
import { Roles } from '../../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../../common/errors/error-response.dto';
import { CreateIpRuleDto, IpAllowDto, IpBlockDto } from './dto/ip-rule.dto';
import { IpRulesService } from './ip-rules.service';

@ApiTags('admin: IP blocklist')
@Controller('v1/admin/ip-blocks')
@Roles('admin')
export class IpBlocksController {
  constructor(private readonly rules: IpRulesService) {}

  @Get()
  @ApiOperation({ summary: 'Blocks in force, manual and automatic, newest first' })
  @ApiOkResponse({ type: [IpBlockDto] })
  list(): Promise<IpBlockDto[]> {
    return this.rules.listBlocks();
  }

  @Post()
  @ApiOperation({ summary: 'Block an address or CIDR range (applies at once, on every instance)' })
  @ApiCreatedResponse({ type: IpBlockDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_IP_RANGE, VALIDATION_FAILED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'IP_BLOCK_EXISTS, IP_BLOCK_SELF' })
  create(@Body() dto: CreateIpRuleDto, @CurrentUser() admin: UserPrincipal, @Ip() ip: string): Promise<IpBlockDto> {
    return this.rules.createBlock(dto, admin, ip);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a block (manual or automatic)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'IP_BLOCK_NOT_FOUND' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() admin: UserPrincipal): Promise<void> {
    return this.rules.deleteBlock(id, admin);
  }
}

@ApiTags('admin: IP blocklist')
@Controller('v1/admin/ip-allows')
@Roles('admin')
export class IpAllowsController {
  constructor(private readonly rules: IpRulesService) {}

  @Get()
  @ApiOperation({ summary: 'Allowlist entries in force (never banned automatically), newest first' })
  @ApiOkResponse({ type: [IpAllowDto] })
  list(): Promise<IpAllowDto[]> {
    return this.rules.listAllows();
  }

  @Post()
  @ApiOperation({ summary: 'Exempt an address or CIDR range from automatic bans' })
  @ApiCreatedResponse({ type: IpAllowDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'INVALID_IP_RANGE, VALIDATION_FAILED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'IP_ALLOW_EXISTS' })
  create(@Body() dto: CreateIpRuleDto, @CurrentUser() admin: UserPrincipal): Promise<IpAllowDto> {
    return this.rules.createAllow(dto, admin);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an allowlist entry' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'IP_ALLOW_NOT_FOUND' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() admin: UserPrincipal): Promise<void> {
    return this.rules.deleteAllow(id, admin);
  }
}
