import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ApiClientsModule } from '../api-clients/api-clients.module';
import { AccessTokenService } from './access-token.service';
import { AuthHousekeepingService } from './auth-housekeeping.service';
import { AuthMailService } from './auth-mail.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailTokenService } from './email-token.service';
import { AuthGuard } from './guards/auth.guard';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { RefreshCookie } from './refresh-cookie';
import { SessionCache } from './session-cache';
import { SessionService } from './session.service';

/**
 * Staff authentication: sign-in, sessions, emailed-token flows, and the global AuthGuard's dependencies. Secrets are
 * passed per call (access tokens use JWT_ACCESS_SECRET; refresh tokens are opaque, HMAC-ed with JWT_REFRESH_SECRET).
 */
@Module({
  imports: [JwtModule.register({}), ApiClientsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokenService,
    AuthHousekeepingService,
    AuthMailService,
    EmailTokenService,
    LoginThrottleService,
    PasswordService,
    RefreshCookie,
    SessionCache,
    SessionService,
    AuthGuard,
  ],
  exports: [AuthGuard, AuthMailService, EmailTokenService, PasswordService, SessionService],
})
export class AuthModule {}
