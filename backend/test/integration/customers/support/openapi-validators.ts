import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TestApp } from '../../../support/test-app';

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv, strictly: `nullable: true` becomes "or null" (Ajv refuses `nullable`
 * without `type`, which Nest emits beside `allOf: [$ref]`), and every object schema with properties forbids
 * properties it does not document, so an answer can hold nothing Swagger does not describe.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Schema;
  const converted: Schema = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strict(v)]));
  if (typeof converted.$ref === 'string') converted.$ref = converted.$ref.replace('#/components/', 'api#/components/');
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  if (converted.example !== undefined) delete converted.example;
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

/** Validators for the named component schemas of the app's OpenAPI document (`/api/docs-json`). */
export async function openApiValidators<N extends string>(
  t: TestApp,
  names: readonly N[],
): Promise<Record<N, ValidateFunction>> {
  const doc = (await t.inject({ method: 'GET', url: '/api/docs-json' })).json<{
    components: { schemas: Record<string, Schema> };
  }>();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ components: strict(doc.components) as object }, 'api');
  const entries = names.map((name) => {
    if (!doc.components.schemas[name]) throw new Error(`no schema ${name} in the OpenAPI document`);
    return [name, ajv.compile({ $ref: `api#/components/schemas/${name}` })] as const;
  });
  return Object.fromEntries(entries) as Record<N, ValidateFunction>;
}

/** Every object key at any depth of a JSON value. */
export function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)]);
  return [];
}
