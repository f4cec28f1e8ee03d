import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { RecordQuery } from '../history/record-query';
import { IdParamsDto } from './dto/id-params.dto';
import { OperatorDto, OperatorPageDto } from './dto/operator.dto';
import { OperatorExportQueryDto, OperatorQueryDto } from './dto/operator-query.dto';
import { CreateOperatorDto, UpdateOperatorDto } from './dto/operator-write.dto';
import { OperatorsService } from './operators.service';
import { DirectoryReaders } from './reader-access.decorator';
import { CachedFromSnapshot } from './snapshot-response-cache';

const validationFailed = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' });

@ApiTags('operator directory')
@Controller('v1/operators')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get()
  @DirectoryReaders()
  @RecordQuery('operators')
  @CachedFromSnapshot()
  @ApiOperation({ summary: 'Search operators: every given filter applies; sorted and paged' })
  @ApiOkResponse({ type: OperatorPageDto })
  @validationFailed
  search(@Query() query: OperatorQueryDto): Promise<OperatorPageDto> {
    return this.operators.search(query);
  }

  @Get('export')
  @DirectoryReaders()
  @ApiOperation({ summary: 'Every operator matching the filters, as a CSV or JSON download (streamed)' })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'A file (Content-Disposition: attachment)' })
  @validationFailed
  export(@Query() query: OperatorExportQueryDto): StreamableFile {
    return this.operators.export(query);
  }

  @Get(':id')
  @DirectoryReaders()
  @CachedFromSnapshot()
  @ApiOperation({ summary: 'One operator' })
  @ApiOkResponse({ type: OperatorDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'OPERATOR_NOT_FOUND' })
  get(@Param() { id }: IdParamsDto): Promise<OperatorDto> {
    return this.operators.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an operator' })
  @ApiCreatedResponse({ type: OperatorDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED or UNKNOWN_MODE' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'OPERATOR_EXISTS' })
  create(@Body() dto: CreateOperatorDto, @CurrentPrincipal() principal: Principal): Promise<OperatorDto> {
    return this.operators.createOperator(dto, principal);
  }

  @Patch(':id')
  @Roles('admin', 'operator')
  @ApiOperation({
    summary: 'Change an operator',
    description:
      'Admins: any field but the id. Operator users: only their own operator, and only homepage, ' +
      'customerAccountUrl, email, phone, defaultLanguage, modeIds and miptaUrls.',
  })
  @ApiOkResponse({ type: OperatorDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED or UNKNOWN_MODE' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'FORBIDDEN (another operator) or FIELD_NOT_ALLOWED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'OPERATOR_NOT_FOUND' })
  update(
    @Param() { id }: IdParamsDto,
    @Body() dto: UpdateOperatorDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OperatorDto> {
    return this.operators.updateOperator(id, dto, principal);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an operator (its modes and MIPTA URLs go with it)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'OPERATOR_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'OPERATOR_IN_USE (staff users or customers)' })
  remove(@Param() { id }: IdParamsDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.operators.deleteOperator(id, principal);
  }
}
