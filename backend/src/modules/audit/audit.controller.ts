import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { AuditService } from './audit.service';
import { AuditFilterQueryDto, AuditIdParamsDto, AuditQueryDto } from './dto/audit-query.dto';
import { AuditPageDto, AuditRecordDetailDto } from './dto/audit-record.dto';
import { AuditVerificationDto } from './dto/audit-verification.dto';
import { NoQueryDto } from '../customers/dto/customer-query.dto';

const validationFailed = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' });

/** The audit log, for administrators (docs/audit-api.md). */
@ApiTags('audit')
@Controller('v1/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Search the audit log: every given filter applies; newest first, keyset pages' })
  @ApiOkResponse({ type: AuditPageDto })
  @validationFailed
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({
    summary: 'Check the hash chain from its anchor to its head; names the first record altered or removed',
  })
  @ApiOkResponse({ type: AuditVerificationDto, description: 'ok false and problem set when the chain is broken' })
  @validationFailed
  verify(@Query() _query: NoQueryDto): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }

  @Get('export')
  @Roles('admin')
  @ApiOperation({ summary: 'Every record matching the filters as a CSV download (streamed), newest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'A CSV file (Content-Disposition: attachment)' })
  @validationFailed
  export(@Query() query: AuditFilterQueryDto): StreamableFile {
    return this.audit.export(query);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One record with before/after and the field diff' })
  @ApiOkResponse({ type: AuditRecordDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'AUDIT_RECORD_NOT_FOUND' })
  @validationFailed
  get(@Param() { id }: AuditIdParamsDto, @Query() _query: NoQueryDto): Promise<AuditRecordDetailDto> {
    return this.audit.get(id);
  }
}
