import { DemoContext } from '../demo/demo-generator';

/** A demo generation context with fixed defaults (seed, reference day, the PSD operators and a rail operator). */
export function demoContext(overrides: Partial<DemoContext> = {}): DemoContext {
  return {
    seed: 1234,
    now: new Date('2026-06-01T00:00:00Z'),
    operatorModes: new Map([
      ['029', ['007']],
      ['030', ['011', '012']],
      ['010', ['010']],
    ]),
    recordsPerKind: { min: 1, max: 3 },
    ...overrides,
  };
}
