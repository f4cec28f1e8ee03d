import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
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
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { RecordQuery } from '../history/record-query';
import { IdParamsDto } from './dto/id-params.dto';
import { CreateModeDto, ModeDto, UpdateModeDto } from './dto/mode.dto';
import { OperatorsService } from './operators.service';
import { DirectoryReaders } from './reader-access.decorator';
import { CachedFromSnapshot } from './snapshot-response-cache';

@ApiTags('operator directory')
@Controller('v1/modes')
export class ModesController {
  constructor(private readonly operators: OperatorsService) {}

  @Get()
  @DirectoryReaders()
  @RecordQuery('modes')
  @CachedFromSnapshot()
  @ApiOperation({ summary: 'The transport modes, ordered by id' })
  @ApiOkResponse({ type: [ModeDto] })
  list(): Promise<ModeDto[]> {
    return this.operators.listModes();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a mode' })
  @ApiCreatedResponse({ type: ModeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MODE_EXISTS' })
  create(@Body() dto: CreateModeDto, @CurrentPrincipal() principal: Principal): Promise<ModeDto> {
    return this.operators.createMode(dto, principal);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: "Change a mode's descriptions" })
  @ApiOkResponse({ type: ModeDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MODE_NOT_FOUND' })
  update(
    @Param() { id }: IdParamsDto,
    @Body() dto: UpdateModeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModeDto> {
    return this.operators.updateMode(id, dto, principal);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a mode no operator runs' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MODE_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MODE_IN_USE' })
  remove(@Param() { id }: IdParamsDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.operators.deleteMode(id, principal);
  }
}
