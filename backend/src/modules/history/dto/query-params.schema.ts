import { ApiPropertyOptions } from '@nestjs/swagger';

/** The OpenAPI shape of `QueryParams`: an object of strings and string lists. */
export const QUERY_PARAMS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  description:
    "The query's parameters (docs/history-api.md): strings, `mode` a string list; keys sorted, empty values dropped",
  example: { mode: ['007', '010'], q: 'rail' },
};
