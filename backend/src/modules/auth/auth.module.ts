import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { AppConfigService } from '../../config/app-config.service';
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
  imports: [
    // The access-token secret as a KeyObject: jsonwebtoken turns a string secret into a key on every sign and
    // verify (about 0.3 ms each on this machine), a KeyObject is used as is (about 7 µs).
    JwtModule.registerAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        secret: createSecretKey(Buffer.from(config.jwt.accessSecret, 'utf8')),
      }),
    }),
    ApiClientsModule,
  ],
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
