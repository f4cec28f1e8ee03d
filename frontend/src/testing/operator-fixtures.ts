import { type Page } from '../app/core/auth/auth.model';
import { type ModeDto, type OperatorDto } from '../app/features/operators/model/operators.model';

/** Small factories with overridable defaults for operator test data. */
export function aMode(overrides: Partial<ModeDto> = {}): ModeDto {
  return { id: '010', shortDesc: 'train', longDesc: 'includes intercity, Eurostar / TGV, etc.', ...overrides };
}

export const MODES: readonly ModeDto[] = [
  aMode({ id: '007', shortDesc: 'bus', longDesc: 'includes any vehicle typically greater than 8 seats' }),
  aMode({ id: '010' }),
  aMode({ id: '012', shortDesc: 'water ferry', longDesc: 'includes passenger only and also passenger & vehicle' }),
];

export function anOperator(overrides: Partial<OperatorDto> = {}): OperatorDto {
  return {
    id: '019',
    name: 'ScotRail',
    kind: 'operator',
    homepage: 'www.scotrail.co.uk/',
    customerAccountUrl: 'https://opentransport.scotrail.co.uk/',
    email: 'customer.relations@scotrail.co.uk',
    phone: '',
    defaultLanguage: 'en',
    modes: [{ id: '010', shortDesc: 'train' }],
    miptaUrls: ['https://mipta.scotrail.co.uk/'],
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

export function aPage<T>(items: readonly T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return { items, total: items.length, page: 1, pageSize: 20, ...overrides };
}
