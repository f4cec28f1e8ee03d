import { Injectable } from '@nestjs/common';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfigService } from '../../config/app-config.service';

export const REFRESH_COOKIE = 'oth_refresh';
/** The cookie goes only to the auth routes (refresh, logout), never to the rest of the API or the web app. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** The refresh-token cookie: HttpOnly, SameSite=Strict, limited to the auth path, Secure whenever HTTPS is in use. */
@Injectable()
export class RefreshCookie {
  private readonly secure: boolean;

  constructor(config: AppConfigService) {
    this.secure = Boolean(config.tls) || config.publicUrl.startsWith('https://');
  }

  read(request: FastifyRequest): string | undefined {
    return request.cookies?.[REFRESH_COOKIE] || undefined;
  }

  set(reply: FastifyReply, token: string, expiresAt: Date): void {
    reply.setCookie(REFRESH_COOKIE, token, { ...this.options(), expires: expiresAt });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, this.options());
  }

  private options() {
    return { httpOnly: true, secure: this.secure, sameSite: 'strict' as const, path: REFRESH_COOKIE_PATH };
  }
}
