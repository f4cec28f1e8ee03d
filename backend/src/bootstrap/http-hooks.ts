import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommonErrors } from '../common/errors/common.errors';
import { BODY_LIMIT_BYTES } from './fastify-options';

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
