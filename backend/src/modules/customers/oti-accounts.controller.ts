import { applyDecorators, Controller, Get } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { CustomerReaders } from './customer-readers.decorator';
import type { RecordKind } from './customers.repository';
import { OtiConcessionDto, OtiPurchaseDto, OtiUsageDto } from './dto/oti-records.dto';
import { OTI_LIMIT, OTI_WINDOW_PARAMETERS, OtiRecordQuery, OtiRecordRequest } from './oti-record-query';
import { OtiAccountsService } from './oti-accounts.service';

const WINDOW_DESCRIPTION =
  'ISO 8601 date (from: 00:00Z, to: 23:59:59.999Z that day) or date-time with an offset; records whose period ' +
  'overlaps the window are returned, edges included';

/** Swagger for the parameters every OTI record route shares, plus the kind's window parameters. */
const OtiRecordDocs = (kind: RecordKind) =>
  applyDecorators(
    ApiParam({ name: 'operatorId', example: '029', description: 'A hosted operator (accountsHosted)' }),
    ApiQuery({ name: 'filterString', required: true, description: "The operator's customer id", example: 'C000001' }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: OTI_LIMIT.max, default: OTI_LIMIT.default },
    }),
    ApiQuery({
      name: 'skip',
      required: false,
      schema: { type: 'integer', minimum: 0, default: 0 },
      description: 'Offset',
    }),
    ...[...OTI_WINDOW_PARAMETERS[kind].from, ...OTI_WINDOW_PARAMETERS[kind].to].map((name) =>
      ApiQuery({
        name,
        required: false,
        type: String,
        description: name.includes('occured')
          ? 'The earlier system’s spelling, accepted as the same parameter (give one of the two)'
          : WINDOW_DESCRIPTION,
      }),
    ),
    ApiBadRequestResponse({
      type: ErrorResponseDto,
      description: 'BAD_INPUT_PARAMETER: missing filterString; unknown, repeated or malformed parameter',
    }),
    ApiForbiddenResponse({
      type: ErrorResponseDto,
      description: "CUSTOMER_ACCESS_DENIED: another operator's customers",
    }),
    ApiNotFoundResponse({
      type: ErrorResponseDto,
      description: 'OPERATOR_NOT_FOUND (not hosted here) or CUSTOMER_NOT_FOUND',
    }),
  );

/**
 * OTI customer-account API 1.0.1 (the standard face), one per hosted operator. Read-only: no write or delete route
 * exists. Staff admins/operator users, or API clients with customer-account:read, scoped by CustomerAccessPolicy.
 */
@ApiTags('OTI customer-account')
@Controller('oti/v1/accounts/:operatorId')
export class OtiAccountsController {
  constructor(private readonly accounts: OtiAccountsService) {}

  @Get('purchase')
  @CustomerReaders()
  @ApiOperation({ summary: "A customer's purchases (tickets bought), newest first", operationId: 'getPurchase' })
  @OtiRecordDocs('purchases')
  @ApiOkResponse({ type: [OtiPurchaseDto] })
  purchases(
    @OtiRecordRequest('purchases') query: OtiRecordQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OtiPurchaseDto[]> {
    return this.accounts.purchases(principal, query);
  }

  @Get('concession')
  @CustomerReaders()
  @ApiOperation({ summary: "A customer's concessions (discounts held), newest first", operationId: 'getConcession' })
  @OtiRecordDocs('concessions')
  @ApiOkResponse({ type: [OtiConcessionDto] })
  concessions(
    @OtiRecordRequest('concessions') query: OtiRecordQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OtiConcessionDto[]> {
    return this.accounts.concessions(principal, query);
  }

  @Get('usage')
  @CustomerReaders()
  @ApiOperation({ summary: "A customer's usages (journeys made), newest first", operationId: 'getUsage' })
  @OtiRecordDocs('usages')
  @ApiOkResponse({ type: [OtiUsageDto] })
  usages(
    @OtiRecordRequest('usages') query: OtiRecordQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OtiUsageDto[]> {
    return this.accounts.usages(principal, query);
  }
}
