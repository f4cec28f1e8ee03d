import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import type { RecordPage } from '../customers/customers.service';
import { NoQueryDto, RecordQueryDto } from '../customers/dto/customer-query.dto';
import { ConcessionPageDto, PurchasePageDto, UsagePageDto } from '../customers/dto/customer-records.dto';
import { AccountLinkingService } from './account-linking.service';
import { AccountLinkIdParamsDto, AccountLinkListQueryDto, CreateAccountLinkDto } from './dto/account-link-requests.dto';
import { AccountLinkAcceptedDto, AccountLinkDto } from './dto/account-link.dto';

/** Staff admins and operator users, or API clients with `account-linking:write` (bound to an operator). */
const LinkManagers = () => applyDecorators(Roles('admin', 'operator'), Scopes('account-linking:write'));

const badRequest = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' });
const notFound = ApiNotFoundResponse({
  type: ErrorResponseDto,
  description: 'LINK_NOT_FOUND: no such link, or not one the caller may see',
});
const recordDocs = (what: string) =>
  applyDecorators(
    Roles('admin', 'operator'),
    ApiOperation({
      summary:
        `The other account's ${what} through a confirmed link (source side and admins: the target's; target side: ` +
        "the source's), newest first, paged as in the customers API",
    }),
    ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED (id, dates, paging)' }),
    notFound,
    ApiConflictResponse({ type: ErrorResponseDto, description: 'LINK_NOT_CONFIRMED' }),
  );

/**
 * Account links between customer accounts at two hosted operators (docs/account-linking-api.md). The public
 * confirmation routes are in LinkConfirmationController.
 */
@ApiTags('account-links')
@Controller('v1/account-links')
export class AccountLinkingController {
  constructor(private readonly linking: AccountLinkingService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @LinkManagers()
  @ApiOperation({
    summary:
      'Ask the owner of an account at another operator to confirm a link (by email to the address on file); ' +
      'the same answer whether or not that account exists',
  })
  @ApiAcceptedResponse({ type: AccountLinkAcceptedDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, SAME_OPERATOR or OPERATOR_NOT_HOSTED',
  })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: "CUSTOMER_ACCESS_DENIED: the source is not the caller's operator (FORBIDDEN: viewers)",
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'OPERATOR_NOT_FOUND (source not hosted) or CUSTOMER_NOT_FOUND (source account)',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LINK_EXISTS: a pending or confirmed link joins them' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'LINK_REQUEST_LIMIT: 5 requests a day per target account (Retry-After)',
  })
  request(
    @Body() body: CreateAccountLinkDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountLinkAcceptedDto> {
    return this.linking.request(principal, body);
  }

  @Get()
  @LinkManagers()
  @ApiOperation({ summary: "An account's links (as source, or as target), newest first" })
  @ApiOkResponse({ type: [AccountLinkDto] })
  @badRequest
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: "CUSTOMER_ACCESS_DENIED: another operator's account" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'OPERATOR_NOT_FOUND or CUSTOMER_NOT_FOUND' })
  list(@Query() query: AccountLinkListQueryDto, @CurrentPrincipal() principal: Principal): Promise<AccountLinkDto[]> {
    return this.linking.list(principal, query);
  }

  @Get(':id')
  @LinkManagers()
  @ApiOperation({ summary: 'One link (staff or clients of either operator, admins)' })
  @ApiOkResponse({ type: AccountLinkDto })
  @badRequest
  @notFound
  get(
    @Param() params: AccountLinkIdParamsDto,
    @Query() _query: NoQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountLinkDto> {
    return this.linking.get(principal, params.id);
  }

  @Get(':id/purchases')
  @recordDocs('purchases')
  @ApiOkResponse({ type: PurchasePageDto })
  purchases(
    @Param() params: AccountLinkIdParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'purchases'>> {
    return this.linking.records('purchases', principal, params.id, query);
  }

  @Get(':id/concessions')
  @recordDocs('concessions')
  @ApiOkResponse({ type: ConcessionPageDto })
  concessions(
    @Param() params: AccountLinkIdParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'concessions'>> {
    return this.linking.records('concessions', principal, params.id, query);
  }

  @Get(':id/usages')
  @recordDocs('usages')
  @ApiOkResponse({ type: UsagePageDto })
  usages(
    @Param() params: AccountLinkIdParamsDto,
    @Query() query: RecordQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordPage<'usages'>> {
    return this.linking.records('usages', principal, params.id, query);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @LinkManagers()
  @ApiOperation({ summary: 'Revoke a pending or confirmed link (either side, admins); access ends at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @badRequest
  @notFound
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LINK_NOT_ACTIVE: declined, expired or revoked' })
  revoke(
    @Param() params: AccountLinkIdParamsDto,
    @Query() _query: NoQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    return this.linking.revoke(principal, params.id);
  }

  @Post(':id/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @LinkManagers()
  @ApiOperation({ summary: 'Send the confirmation email again with a new link (the old one stops working)' })
  @ApiAcceptedResponse({ type: AccountLinkAcceptedDto })
  @badRequest
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'CUSTOMER_ACCESS_DENIED: the target side' })
  @notFound
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LINK_NOT_PENDING' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'LINK_RESEND_COOLDOWN (one per 10 minutes) or LINK_RESEND_LIMIT (5 a day per target account); Retry-After',
  })
  resend(
    @Param() params: AccountLinkIdParamsDto,
    @Query() _query: NoQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccountLinkAcceptedDto> {
    return this.linking.resend(principal, params.id);
  }
}
