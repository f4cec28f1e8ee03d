import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import type pino from 'pino';
import { AppModule, AppModuleOptions } from '../app.module';
import { AppConfig } from '../config/app-config';
import { installLeanAsyncResourceBind } from './async-resource-bind';
import { buildFastifyOptions } from './fastify-options';
import { buildLoggerParams, createRootLogger, registerRequestLogging } from './logger';
import { registerBodyParsers } from './http-hooks';
import { registerSecurityHooks } from '../modules/security/security-hooks';
import { registerCookies, registerSecurity } from './security';
import { registerSpa } from './spa';
import { setupSwagger } from './swagger';

export const API_PREFIX = 'api';

export interface CreateAppOptions extends Omit<AppModuleOptions, 'logger'> {
  /** The process's pino logger (main.ts passes its own so it can flush it); created from the config when absent. */
  rootLogger?: pino.Logger;
}

/**
 * Builds the whole application, as `main.ts` runs it and as integration tests exercise it: Nest on Fastify, the API
 * under /api, security headers, CORS, error handling, logging, Swagger and the web app at /. It does not listen and
 * does not touch the schema: call the database start-up (migrations, seed) and then `listen()` or `init()`.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  installLeanAsyncResourceBind();
  // One pino logger from the first line on, so start-up logs (and start-up failures) are structured like the rest.
  const { rootLogger = createRootLogger(config), ...moduleOptions } = options;
  const loggerParams = buildLoggerParams(rootLogger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { ...moduleOptions, logger: loggerParams }),
    new FastifyAdapter(buildFastifyOptions(config)),
    // Errors reach the caller (main.ts prints them; tests fail) instead of ending the process.
    { logger: new Logger(new PinoLogger(loggerParams), loggerParams), abortOnError: false },
  );

  app.setGlobalPrefix(API_PREFIX);
  // The IP blocklist runs before every other hook; automatic bans count 401s and 429s.
  registerSecurityHooks(app);
  registerRequestLogging(app, rootLogger);
  registerBodyParsers(app);
  await registerSecurity(app, config);
  await registerCookies(app);
  await registerSpa(app, config);
  setupSwagger(app);
  return app;
}
