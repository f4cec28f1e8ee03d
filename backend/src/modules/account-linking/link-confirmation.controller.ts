import { applyDecorators, Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { LinkTokenBodyDto, LinkTokenQueryDto } from './dto/account-link-requests.dto';
import { AccountLinkOutcomeDto, AccountLinkPreviewDto } from './dto/account-link.dto';
import { LinkConfirmationService } from './link-confirmation.service';

/** The token errors every public step can answer. */
const TokenErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED: no token, or not a string' }),
    ApiNotFoundResponse({ type: ErrorResponseDto, description: 'LINK_TOKEN_UNKNOWN (unknown or malformed)' }),
    ApiGoneResponse({
      type: ErrorResponseDto,
      description: 'LINK_TOKEN_EXPIRED, or LINK_TOKEN_SUPERSEDED (replaced by a resend, or the link was revoked)',
    }),
    ApiConflictResponse({ type: ErrorResponseDto, description: 'LINK_ALREADY_CONFIRMED or LINK_ALREADY_DECLINED' }),
  );

/**
 * The confirm page's API, open to anyone holding the emailed link (no login). Tokens travel in the query (preview,
 * the link as emailed) or the body; the access log records paths without query strings.
 */
@ApiTags('account-links')
@Controller('v1/account-links')
export class LinkConfirmationController {
  constructor(private readonly confirmation: LinkConfirmationService) {}

  @Get('preview')
  @Public()
  @ApiOperation({ summary: 'Who asks to link (masked); does not use the token up' })
  @ApiOkResponse({ type: AccountLinkPreviewDto })
  @TokenErrors()
  preview(@Query() query: LinkTokenQueryDto): Promise<AccountLinkPreviewDto> {
    return this.confirmation.preview(query.token);
  }

  @Post('confirm')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The account's owner confirms the link (once; records when and the client IP)" })
  @ApiOkResponse({ type: AccountLinkOutcomeDto })
  @TokenErrors()
  confirm(@Body() body: LinkTokenBodyDto, @Ip() ip: string | undefined): Promise<AccountLinkOutcomeDto> {
    return this.confirmation.confirm(body.token, ip ?? null);
  }

  @Post('decline')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '"This wasn\'t me": the owner declines; nothing is shared' })
  @ApiOkResponse({ type: AccountLinkOutcomeDto })
  @TokenErrors()
  decline(@Body() body: LinkTokenBodyDto): Promise<AccountLinkOutcomeDto> {
    return this.confirmation.decline(body.token);
  }
}
