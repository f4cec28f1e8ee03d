/** Types of the operators directory API contract (docs/operators-api.md). */

export const OPERATOR_KINDS = ['operator', 'maas'] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

export const OPERATOR_KIND_LABELS: Readonly<Record<OperatorKind, string>> = {
  operator: 'Transport operator',
  maas: 'MaaS platform',
};

/** For narrow table cells. */
export const OPERATOR_KIND_SHORT_LABELS: Readonly<Record<OperatorKind, string>> = {
  operator: 'Operator',
  maas: 'MaaS',
};

export interface ModeDto {
  readonly id: string;
  readonly shortDesc: string;
  readonly longDesc: string;
}

export interface OperatorModeDto {
  readonly id: string;
  readonly shortDesc: string;
}

export interface OperatorDto {
  /** Three digits, '000'…'999'. */
  readonly id: string;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly homepage: string;
  /** The operator's own customer-account API (the catalogue item href). */
  readonly customerAccountUrl: string;
  /** '' when the catalogue has none. */
  readonly email: string;
  /** '' when the catalogue has none. */
  readonly phone: string;
  /** ISO 639-1, e.g. 'en'. */
  readonly defaultLanguage: string;
  /** In the operator's order. */
  readonly modes: readonly OperatorModeDto[];
  readonly miptaUrls: readonly string[];
  readonly updatedAt: string;
}

export const OPERATOR_SORTS = ['name', '-name', 'id', '-id'] as const;
export type OperatorSort = (typeof OPERATOR_SORTS)[number];

export const DEFAULT_SORT: OperatorSort = 'name';
export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZE_OPTIONS: readonly number[] = [10, 20, 50, 100];
export const MAX_PAGE_SIZE = 100;

/** The filters of `GET /operators` (and of the export); '' / [] means "not filtered". */
export interface OperatorFilters {
  /** Name contains (case-insensitive). */
  readonly q: string;
  readonly id: string;
  /** Operators running all of these modes. */
  readonly modes: readonly string[];
  readonly email: string;
  readonly phone: string;
  readonly homepage: string;
  readonly language: string;
  /** A MIPTA URL contains. */
  readonly mipta: string;
}

export interface OperatorsQuery extends OperatorFilters {
  readonly sort: OperatorSort;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export const EMPTY_FILTERS: OperatorFilters = {
  q: '',
  id: '',
  modes: [],
  email: '',
  phone: '',
  homepage: '',
  language: '',
  mipta: '',
};

export const DEFAULT_QUERY: OperatorsQuery = {
  ...EMPTY_FILTERS,
  sort: DEFAULT_SORT,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

export type ExportFormat = 'csv' | 'json';

export interface ExportedFile {
  readonly blob: Blob;
  readonly filename: string;
}

/** The fields an operator user may change on its own operator (everything else is admin-only). */
export const OPERATOR_USER_FIELDS = [
  'homepage',
  'customerAccountUrl',
  'email',
  'phone',
  'defaultLanguage',
  'modeIds',
  'miptaUrls',
] as const;

export interface CreateOperatorRequest {
  readonly id: string;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly homepage: string;
  readonly customerAccountUrl: string;
  readonly email?: string;
  readonly phone?: string;
  readonly defaultLanguage: string;
  readonly modeIds: readonly string[];
  readonly miptaUrls: readonly string[];
}

export type OperatorField = keyof CreateOperatorRequest;

/** PATCH body: any subset of the create fields but the id. */
export type UpdateOperatorRequest = Partial<Omit<CreateOperatorRequest, 'id'>>;

export interface CreateModeRequest {
  readonly id: string;
  readonly shortDesc: string;
  readonly longDesc: string;
}

export type UpdateModeRequest = Partial<Omit<CreateModeRequest, 'id'>>;
