import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { RecordQuery } from '../history/record-query';
import { CustomerReaders } from './customer-readers.decorator';
import { CustomersService, RecordPage } from './customers.service';
import { CustomerDto, CustomerSearchPageDto } from './dto/customer.dto';
import {
  CustomerSearchQueryDto,
  NoQueryDto,
  OperatorCustomerParamsDto,
  RecordQueryDto,
} from './dto/customer-query.dto';
import { ConcessionPageDto, PurchasePageDto, UsagePageDto } from './dto/customer-records.dto';

const denied = ApiForbiddenResponse({
  type: ErrorResponseDto,
  description: "CUSTOMER_ACCESS_DENIED: another operator's customers (FORBIDDEN: viewers)",
});
const notFound = ApiNotFoundResponse({
  type: ErrorResponseDto,
  description: 'OPERATOR_NOT_FOUND (not hosted here) or CUSTOMER_NOT_FOUND',
});
const recordDocs = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary: `${summary}: records overlapping from/to, newest first, paged with a total` }),
    ApiBadRequestResponse({
      type: ErrorResponseDto,
      description: 'VALIDATION_FAILED (bad date, from after to, paging)',
    }),
    denied,
    notFound,
  );

/** Customer accounts for the staff query tool (docs/customers-api.md). Scoping: CustomerAccessPolicy. */
@ApiTags('customers')
@Controller('v1')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get('customers')
  @CustomerReaders()
  @RecordQuery('customers')
  @ApiOperation({
    summary: 'Find customers by name, email (contains) or customer id; ordered by name, keyset-paged',
  })
  @ApiOkResponse({ type: CustomerSearchPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED or INVALID_CURSOR' })
  @denied
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'OPERATOR_NOT_FOUND (not hosted here)' })
  search(
    @Query() query: CustomerSearchQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerSearchPageDto> {
    return this.customers.search(principal, query);
  }

  @Get('operators/:operatorId/customers/:customerId')
  @CustomerReaders()
  @RecordQuery('customer')
  @ApiOperation({ summary: "A customer's profile (personal fields masked without customer-account:pii)" })
  @ApiOkResponse({ type: CustomerDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @denied
  @notFound
  profile(
    @Param() params: OperatorCustomerParamsDto,
    @Query() _query: NoQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerDto> {
    return this.customers.profile(principal, params);
  }

  @Get('operators/:operatorId/customers/:customerId/purchases')
  @CustomerReaders()
  @RecordQuery('purchases')
  @recordDocs("A customer's purchases")
  @ApiOkResponse({ type: PurchasePageDto })
  purchases(
    @Param() params: OperatorCustomerParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'purchases'>> {
    return this.customers.records('purchases', principal, params, query);
  }

  @Get('operators/:operatorId/customers/:customerId/concessions')
  @CustomerReaders()
  @RecordQuery('concessions')
  @recordDocs("A customer's concessions")
  @ApiOkResponse({ type: ConcessionPageDto })
  concessions(
    @Param() params: OperatorCustomerParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'concessions'>> {
    return this.customers.records('concessions', principal, params, query);
  }

  @Get('operators/:operatorId/customers/:customerId/usages')
  @CustomerReaders()
  @RecordQuery('usages')
  @recordDocs("A customer's usages")
  @ApiOkResponse({ type: UsagePageDto })
  usages(
    @Param() params: OperatorCustomerParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'usages'>> {
    return this.customers.records('usages', principal, params, query);
  }
}
