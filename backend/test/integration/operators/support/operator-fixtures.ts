import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { DataSource } from 'typeorm';
import { Mode } from '../../../../src/modules/operators/entities/mode.entity';
import { Operator } from '../../../../src/modules/operators/entities/operator.entity';
import type { TestApp } from '../../../support/test-app';

/** A create-operator body with overridable defaults; `tag` makes names unique per test file run. */
export interface OperatorPayload {
  id: string;
  name: string;
  kind: 'operator' | 'maas';
  homepage: string;
  customerAccountUrl: string;
  accountsHosted?: boolean;
  email: string;
  phone: string;
  defaultLanguage: string;
  modeIds: string[];
  miptaUrls: string[];
}

/** A short random word, so one run's operators can be told apart from the seed catalogue and other runs. */
export const uniqueTag = (label = 'op') => `${label}${randomBytes(3).toString('hex')}`;

let nextId = 900 + Math.floor(Math.random() * 20) * 4;
/** Ids 900–999 are never in the seed catalogue; each call takes the next free one. */
export async function freeOperatorId(t: TestApp): Promise<string> {
  const repo = t.app.get(DataSource).getRepository(Operator);
  for (let i = 0; i < 100; i++) {
    const id = String(900 + ((nextId++ - 900) % 100));
    if (!(await repo.existsBy({ id }))) return id;
  }
  throw new Error('no free operator id in 900–999');
}

/** A mode id no mode has yet (600–699: the seed's modes are 001–016). */
export async function freeModeId(t: TestApp): Promise<string> {
  const repo = t.app.get(DataSource).getRepository(Mode);
  const start = Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const id = String(600 + ((start + i) % 100));
    if (!(await repo.existsBy({ id }))) return id;
  }
  throw new Error('no free mode id in 600–699');
}

export function operatorPayload(id: string, overrides: Partial<OperatorPayload> = {}): OperatorPayload {
  const host = `op${id}.example.org`;
  return {
    id,
    name: `Test Operator ${id}`,
    kind: 'operator',
    homepage: `https://www.${host}/`,
    customerAccountUrl: `https://api.${host}/oti/`,
    email: `info@${host}`,
    phone: '+44 20 7946 0000',
    defaultLanguage: 'en',
    modeIds: ['007'],
    miptaUrls: [`https://mipta.${host}/`],
    ...overrides,
  };
}

/** Creates an operator through the API (so the snapshot and events see it) and returns the body sent. */
export async function createOperator(
  t: TestApp,
  headers: Record<string, string>,
  overrides: Partial<OperatorPayload> = {},
): Promise<OperatorPayload> {
  const payload = operatorPayload(overrides.id ?? (await freeOperatorId(t)), overrides);
  const res = await t.inject({ method: 'POST', url: '/api/v1/operators', headers, payload });
  if (res.statusCode !== 201) throw new Error(`create operator failed: ${res.statusCode} ${res.body}`);
  return payload;
}

export async function deleteOperators(t: TestApp, headers: Record<string, string>, ids: string[]): Promise<void> {
  for (const id of ids) await t.inject({ method: 'DELETE', url: `/api/v1/operators/${id}`, headers });
}

/** An API key for a new client with the given scopes (created by an admin), bound to an operator if given. */
export async function apiKey(
  t: TestApp,
  adminHeaders: Record<string, string>,
  scopes: string[],
  operatorId?: string,
): Promise<string> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/v1/api-clients',
    headers: adminHeaders,
    payload: { name: uniqueTag('client'), scopes, ...(operatorId && { operatorId }) },
  });
  if (res.statusCode !== 201) throw new Error(`create client failed: ${res.body}`);
  return res.json<{ key: string }>().key;
}

/**
 * Text that must never reach an error body: driver errors, SQL messages and stack traces (the hostile-input tests match
 * every non-200 body against it, as customer-scoping.int-spec.ts does).
 */
export const INTERNALS = /QueryFailedError|SQLITE_|syntax error|relation|column|stack|at \//i;

/** A copy of ../shared/reference/operator-info-1.1.0.yaml (Apache-2.0), kept with the tests. */
const SPEC_FILE = join(__dirname, 'operator-info-1.1.0.yaml');

/** Validators compiled from the OTI spec file (root `host` removed), plus our error body. */
export function otiValidators(): {
  mode: ValidateFunction;
  operator: ValidateFunction;
  catalogue: ValidateFunction;
  error: ValidateFunction;
} {
  const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as Record<string, unknown> & {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>;
    components: { schemas: Record<string, object> };
  };
  delete spec.host;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Component schemas under their OpenAPI refs, so `#/components/schemas/…` resolves inside the spec document.
  ajv.addSchema({ components: spec.components }, 'spec');
  const withRefs = (schema: object) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')) as object;
  const response = (path: string) => withRefs(spec.paths[path].get.responses['200'].content['application/json'].schema);
  return {
    mode: ajv.compile(response('/mode')),
    operator: ajv.compile(response('/operator')),
    catalogue: ajv.compile(withRefs({ $ref: '#/components/schemas/operator' })),
    error: ajv.compile({
      type: 'object',
      required: ['statusCode', 'code', 'message', 'requestId'],
      additionalProperties: false,
      properties: {
        statusCode: { type: 'integer' },
        code: { type: 'string' },
        message: { type: 'string' },
        requestId: { type: 'string', minLength: 1 },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['message'],
            additionalProperties: false,
            properties: { field: { type: 'string' }, constraint: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    }),
  };
}
