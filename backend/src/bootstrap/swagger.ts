import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { appVersion } from '../common/app-version';
import { ErrorResponseDto } from '../common/errors/error-response.dto';

export const SWAGGER_PATH = 'api/docs';
/** Name of the API-key security scheme; routes that accept it use `@ApiSecurity(API_KEY_SCHEME)`. */
export const API_KEY_SCHEME = 'api-key';
export const API_KEY_HEADER = 'X-API-Key';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Open Transport Hub API')
    .setDescription(
      'Operator directory and customer-account APIs of the Open Transport Initiative, and the staff tools around them. ' +
        'Every error response has the body `{ statusCode, code, message, details?, requestId }`.',
    )
    .setVersion(appVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', name: API_KEY_HEADER, in: 'header' }, API_KEY_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
}

/**
 * Swagger UI at /api/docs, the document at /api/docs-json. Swagger UI loads its scripts as files (no inline
 * script), so it runs under the app's strict Content-Security-Policy unchanged.
 */
export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup(SWAGGER_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${SWAGGER_PATH}-json`,
    raw: ['json'],
    customSiteTitle: 'Open Transport Hub API',
    swaggerOptions: {
      persistAuthorization: false,
      // No call-out to the public validator badge (it would also be blocked by the CSP).
      validatorUrl: null,
    },
  });
}
