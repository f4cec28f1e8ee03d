import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { CustomersController } from '../customers/customers.controller';
import { ModesController } from '../operators/modes.controller';
import { OperatorsController } from '../operators/operators.controller';
import { SnapshotResponseCache } from '../operators/snapshot-response-cache';
import { QUERY_KINDS, type QueryKind } from './query-kinds';
import { KIND_RULES } from './query-params';
import { RECORD_QUERY_KIND } from './record-query';

/** The handler of each recorded query route. */
const HANDLERS: Record<QueryKind, [object, string]> = {
  operators: [OperatorsController.prototype, 'search'],
  modes: [ModesController.prototype, 'list'],
  customers: [CustomersController.prototype, 'search'],
  customer: [CustomersController.prototype, 'profile'],
  purchases: [CustomersController.prototype, 'purchases'],
  concessions: [CustomersController.prototype, 'concessions'],
  usages: [CustomersController.prototype, 'usages'],
};

describe('@RecordQuery on the query routes', () => {
  it.each(QUERY_KINDS)(
    '%s: recorded as its kind (route config for the recording hooks), checked by the route’s own DTOs',
    (kind) => {
      const [prototype, method] = HANDLERS[kind];
      const handler = (prototype as Record<string, object>)[method];
      expect(Reflect.getMetadata(RECORD_QUERY_KIND, handler)).toBe(kind);
      expect(Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler)).toEqual({ [RECORD_QUERY_KIND]: kind });

      // The rules history applies are the DTOs the handler validates its parameters with (drift guard).
      const parameterTypes = Reflect.getMetadata('design:paramtypes', prototype, method) as unknown[];
      const rules = KIND_RULES[kind];
      if (rules.route) expect(parameterTypes).toContain(rules.route.dto);
      if (!rules.ignoresQueryString) expect(parameterTypes).toContain(rules.query);
    },
  );

  it('leaves the operator and mode lists one interceptor, their response cache (recording is not one)', () => {
    for (const kind of ['operators', 'modes'] as const) {
      const [prototype, method] = HANDLERS[kind];
      const handler = (prototype as Record<string, object>)[method];
      expect(Reflect.getMetadata(INTERCEPTORS_METADATA, handler)).toEqual([SnapshotResponseCache]);
    }
  });
});
