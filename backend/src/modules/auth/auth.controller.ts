import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../common/auth/principal';
import { CurrentUser } from '../../common/decorators/current-principal.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Authenticated } from '../../common/decorators/roles.decorator';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UserDto } from '../users/dto/user.dto';
import { AuthService, SignedInSession } from './auth.service';
import {
  ChangePasswordDto,
  EmailTokenDto,
  ForgotPasswordDto,
  LoginDto,
  RegisterDto,
  TokenAndPasswordDto,
  UpdateMeDto,
} from './dto/auth-requests.dto';
import { MessageDto, SessionDto } from './dto/auth-responses.dto';
import { REFRESH_COOKIE, RefreshCookie } from './refresh-cookie';

const EMAIL_TOKEN_ERRORS = 'TOKEN_INVALID (400), TOKEN_EXPIRED (410), TOKEN_USED (409)';

function clientInfo(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: RefreshCookie,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Create an unverified viewer account; the same answer whether or not the email exists' })
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED or PASSWORD_TOO_COMMON' })
  register(@Body() dto: RegisterDto): Promise<MessageDto> {
    return this.auth.register(dto);
  }

  @Post('verify-email')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify an email address with the emailed token' })
  @ApiOkResponse({ type: MessageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: EMAIL_TOKEN_ERRORS })
  @ApiGoneResponse({ type: ErrorResponseDto, description: 'TOKEN_EXPIRED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TOKEN_USED' })
  verifyEmail(@Body() dto: EmailTokenDto): Promise<MessageDto> {
    return this.auth.verifyEmail(dto.token);
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: `Sign in; sets the ${REFRESH_COOKIE} cookie` })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'INVALID_CREDENTIALS' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'EMAIL_NOT_VERIFIED or ACCOUNT_DISABLED' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'ACCOUNT_LOCKED or TOO_MANY_ATTEMPTS' })
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.answer(reply, await this.auth.login(dto, clientInfo(request)));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: `A new access token for the ${REFRESH_COOKIE} cookie, which is rotated`,
    description:
      'A concurrent refresh with the token rotated a moment ago (REFRESH_REUSE_GRACE_SECONDS) gets an access token ' +
      'and no new cookie; any other reuse of a rotated token revokes the session.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'REFRESH_TOKEN_INVALID or REFRESH_TOKEN_REUSED' })
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    try {
      return this.answer(reply, await this.auth.refresh(this.cookie.read(request)));
    } catch (error) {
      this.cookie.clear(reply);
      throw error;
    }
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this session at once and clear the cookie' })
  @ApiNoContentResponse()
  async logout(@CurrentUser() principal: UserPrincipal, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(principal);
    this.cookie.clear(reply);
  }

  @Post('logout-all')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End every session of the signed-in user' })
  @ApiNoContentResponse()
  async logoutAll(@CurrentUser() principal: UserPrincipal, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logoutAll(principal);
    this.cookie.clear(reply);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() principal: UserPrincipal): Promise<UserDto> {
    return this.auth.me(principal);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({ summary: 'Change your display name (nothing else: other fields give 400)' })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  updateMe(@CurrentUser() principal: UserPrincipal, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.auth.updateMe(principal, dto);
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'CURRENT_PASSWORD_WRONG, PASSWORD_TOO_COMMON or VALIDATION_FAILED',
  })
  changePassword(@CurrentUser() principal: UserPrincipal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(principal, dto);
  }

  @Post('forgot-password')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Email a password-reset link; always the same answer' })
  @ApiAcceptedResponse({ type: MessageDto })
  forgotPassword(@Body() dto: ForgotPasswordDto): Promise<MessageDto> {
    return this.auth.forgotPassword(dto);
  }

  @Post('reset-password')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with the emailed token; every session of the user ends' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: `${EMAIL_TOKEN_ERRORS}, PASSWORD_TOO_COMMON` })
  @ApiGoneResponse({ type: ErrorResponseDto, description: 'TOKEN_EXPIRED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TOKEN_USED' })
  resetPassword(@Body() dto: TokenAndPasswordDto): Promise<void> {
    return this.auth.resetPassword(dto);
  }

  @Post('accept-invitation')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Choose a password with the invitation token (verifies the email too)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: `${EMAIL_TOKEN_ERRORS}, PASSWORD_TOO_COMMON` })
  @ApiGoneResponse({ type: ErrorResponseDto, description: 'TOKEN_EXPIRED' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TOKEN_USED' })
  acceptInvitation(@Body() dto: TokenAndPasswordDto): Promise<void> {
    return this.auth.acceptInvitation(dto);
  }

  /** The body, and the refresh cookie when the session got a new refresh token. */
  private answer(reply: FastifyReply, session: SignedInSession): SessionDto {
    if (session.refresh) this.cookie.set(reply, session.refresh.token, session.refresh.expiresAt);
    return session.body;
  }
}
