import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UserPrincipal } from '../../common/auth/principal';
import { CurrentUser } from '../../common/decorators/current-principal.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { ApiClientsService } from './api-clients.service';
import { ApiClientDto, CreateApiClientDto, CreatedApiClientDto, UpdateApiClientDto } from './dto/api-client.dto';

@ApiTags('api-clients')
@Controller('v1/api-clients')
@Roles('admin')
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @Get()
  @ApiOperation({ summary: 'Every API client, newest first (revoked ones included)' })
  @ApiOkResponse({ type: [ApiClientDto] })
  list(): Promise<ApiClientDto[]> {
    return this.clients.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API client; the key is in this answer only' })
  @ApiCreatedResponse({ type: CreatedApiClientDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  create(@Body() dto: CreateApiClientDto, @CurrentUser() admin: UserPrincipal): Promise<CreatedApiClientDto> {
    return this.clients.create(dto, admin);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Set the client's daily request budget (null: the default); applies at once" })
  @ApiOkResponse({ type: ApiClientDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'API_CLIENT_NOT_FOUND' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateApiClientDto,
    @CurrentUser() admin: UserPrincipal,
  ): Promise<ApiClientDto> {
    return this.clients.update(id, dto, admin);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API client: its key stops working at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'API_CLIENT_NOT_FOUND' })
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() admin: UserPrincipal): Promise<void> {
    return this.clients.revoke(id, admin);
  }
}
