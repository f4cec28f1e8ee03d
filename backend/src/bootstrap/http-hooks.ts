import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors } from '../common/errors/common.errors';
import { isApiUrl } from '../common/http/request-info';
import { BODY_LIMIT_BYTES } from './fastify-options';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Headers on every response, set when it is sent (so error responses and 404s get them too):
 * the request id, and no caching of anything under /api — API responses hold personal data that must not survive
 * a logout in the browser cache or the back button.
 */
export function registerResponseHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      if (isApiUrl(request.url)) {
        reply.header('cache-control', 'no-store');
        reply.header('pragma', 'no-cache');
      }
      done(null, payload);
    });
}

/**
 * Request bodies: JSON only. Malformed JSON becomes 400 MALFORMED_JSON (Fastify's own parse error would reach the
 * error filter as a code-less 400). Other media types, text/plain and forms included, are answered with 415,
 * which also keeps HTML forms from posting to the API.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    void parseJson(request as Parameters<typeof parseJson>[0], body.toString('utf8'), (err, value) => {
      if (err && body.length === 0) done(CommonErrors.malformedJson('The request body is empty but declared as JSON'));
      else if (err) done(CommonErrors.malformedJson());
      else done(null, value);
    });
  });
  fastify.removeContentTypeParser('text/plain');
}
