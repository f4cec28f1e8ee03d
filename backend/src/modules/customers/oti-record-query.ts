import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ErrorDetail } from '../../common/errors/app-error';
import { THREE_DIGITS } from '../operators/dto/validators';
import { OperatorErrors } from '../operators/operators.errors';
import { validateOtiQuery } from '../operators/oti-query.decorator';
import type { RecordKind } from './customers.repository';
import { DateWindow, parseDateWindow } from './date-window';
import { NO_CONTROL_CHARACTERS } from './dto/customer-query.dto';

/** A validated request of the OTI customer-account face (`/api/oti/v1/accounts/{operatorId}/…`). */
export interface OtiRecordQuery {
  operatorId: string;
  /** `filterString`: the operator's customer id. */
  customerId: string;
  window: DateWindow;
  limit: number;
  skip: number;
}

export const OTI_LIMIT = { default: 50, max: 500 } as const;
/** Largest `skip` (a 32-bit offset is plenty, and every driver binds it as an integer). */
export const OTI_MAX_SKIP = 2_147_483_647;

/** Each kind's window parameters; the first spelling is the spec's, later ones are accepted as the same parameter. */
export const OTI_WINDOW_PARAMETERS: Readonly<Record<RecordKind, { from: readonly string[]; to: readonly string[] }>> = {
  purchases: { from: ['travel-valid-during-from'], to: ['travel-valid-during-to'] },
  concessions: { from: ['concession-valid-during-from'], to: ['concession-valid-during-to'] },
  // The earlier system spelled it "occured"; clients written against it keep working.
  usages: {
    from: ['usage-occurred-during-from', 'usage-occured-during-from'],
    to: ['usage-occurred-during-to', 'usage-occured-during-to'],
  },
};

const COMMON_PARAMETERS = ['filterString', 'limit', 'skip'] as const;

export function otiParametersOf(kind: RecordKind): string[] {
  const window = OTI_WINDOW_PARAMETERS[kind];
  return [...COMMON_PARAMETERS, ...window.from, ...window.to];
}

const problem = (field: string, constraint: string, message: string): ErrorDetail => ({ field, constraint, message });

/** A non-negative decimal integer within [min, max], or undefined ("5", "005"; not "+5", "5.0", "1e3", " 5"). */
function boundedInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/**
 * Validates an OTI record request: only the kind's parameters, each at most once (else 400 BAD_INPUT_PARAMETER, as
 * the operator-info face); `filterString` required; `limit` 1–500 (default 50); `skip` ≥ 0 (default 0); window
 * edges as date-window.ts, `from` not after `to`; the path's operator id three digits. Every problem is reported.
 */
export function parseOtiRecordQuery(kind: RecordKind, operatorId: unknown, query: unknown): OtiRecordQuery {
  const raw = validateOtiQuery(query, otiParametersOf(kind));
  const details: ErrorDetail[] = [];

  if (typeof operatorId !== 'string' || !THREE_DIGITS.test(operatorId)) {
    details.push(problem('operatorId', 'isOperatorId', 'operatorId must be a 3-digit operator id'));
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!NO_CONTROL_CHARACTERS.test(value)) {
      details.push(problem(name, 'noControlCharacters', `${name} must not contain control characters`));
    }
  }
  const customerId = raw.filterString;
  if (customerId === undefined || customerId === '') {
    details.push(problem('filterString', 'required', 'filterString (the customer id) is required'));
  }
  const limit = raw.limit === undefined ? OTI_LIMIT.default : boundedInteger(raw.limit, 1, OTI_LIMIT.max);
  if (limit === undefined) {
    details.push(problem('limit', 'range', `limit must be a whole number from 1 to ${OTI_LIMIT.max}`));
  }
  const skip = raw.skip === undefined ? 0 : boundedInteger(raw.skip, 0, OTI_MAX_SKIP);
  if (skip === undefined) details.push(problem('skip', 'range', 'skip must be a whole number, 0 or more'));

  const edges: { from?: string; to?: string } = {};
  const names = { from: '', to: '' };
  for (const edge of ['from', 'to'] as const) {
    const given = OTI_WINDOW_PARAMETERS[kind][edge].filter((name) => raw[name] !== undefined);
    names[edge] = given[0] ?? OTI_WINDOW_PARAMETERS[kind][edge][0];
    if (given.length > 1) {
      details.push(problem(given[1], 'notRepeated', `give only one of ${given.join(', ')}`));
    } else if (given.length === 1) {
      edges[edge] = raw[given[0]];
    }
  }
  const parsed = parseDateWindow(edges, names);
  for (const p of parsed.problems) details.push(problem(p.parameter, 'isDateWindow', p.message));

  if (details.length || !parsed.window || customerId === undefined || limit === undefined || skip === undefined) {
    throw OperatorErrors.badInputParameter(details);
  }
  return { operatorId: operatorId as string, customerId, window: parsed.window, limit, skip };
}

/** The validated OTI record request of this route (path operator id and query), see parseOtiRecordQuery. */
export const OtiRecordRequest = createParamDecorator((kind: RecordKind, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: { operatorId?: string } }>>();
  return parseOtiRecordQuery(kind, request.params.operatorId, request.query);
});
