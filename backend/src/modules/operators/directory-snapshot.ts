import type { ModeDto } from './dto/mode.dto';
import type { OperatorDto } from './dto/operator.dto';
import { buildOtiItem, OtiItem } from './oti-catalogue';

/** One operator as the snapshot keeps it: the API shape, its PAS 212 item, and lower-cased search keys. */
export interface SnapshotOperator {
  readonly dto: Readonly<OperatorDto>;
  readonly item: Readonly<OtiItem>;
  /** Lower-cased, for case-insensitive "contains" filters. */
  readonly search: {
    readonly name: string;
    readonly email: string;
    readonly phone: string;
    readonly homepage: string;
    readonly language: string;
    readonly mipta: readonly string[];
    /** The name and every item-metadata value (the OTI filterString). */
    readonly metadata: readonly string[];
  };
  readonly modeIds: ReadonlySet<string>;
}

/** The whole directory in memory, immutable; replaced as a whole on reload. */
export interface DirectorySnapshot {
  /** The `directory_versions.version` it was loaded at. */
  readonly version: number;
  readonly modes: readonly Readonly<ModeDto>[];
  /** Ordered by id. */
  readonly operators: readonly SnapshotOperator[];
  readonly byId: ReadonlyMap<string, SnapshotOperator>;
}

export interface OperatorRow {
  id: string;
  name: string;
  kind: OperatorDto['kind'];
  homepage: string;
  /** As stored: the operator's own customer-account API (used unless `accountsHosted`). */
  customerAccountUrl: string;
  accountsHosted: boolean;
  email: string;
  phone: string;
  defaultLanguage: string;
  modeIds: string[];
  miptaUrls: string[];
  updatedAt: Date;
}

/** Where this hub serves an operator's OTI customer-account API (`publicUrl` without a trailing slash). */
export function hostedAccountsUrl(publicUrl: string, operatorId: string): string {
  return `${publicUrl}/api/oti/v1/accounts/${operatorId}`;
}

/** The catalogue `href`: this hub's customer-account API for hosted operators, the published URL otherwise. */
export function effectiveCustomerAccountUrl(
  row: Pick<OperatorRow, 'id' | 'customerAccountUrl' | 'accountsHosted'>,
  publicUrl: string,
): string {
  return row.accountsHosted ? hostedAccountsUrl(publicUrl, row.id) : row.customerAccountUrl;
}

export function toOperatorDto(row: OperatorRow, modes: ReadonlyMap<string, ModeDto>, publicUrl: string): OperatorDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    homepage: row.homepage,
    customerAccountUrl: effectiveCustomerAccountUrl(row, publicUrl),
    accountsHosted: row.accountsHosted,
    email: row.email,
    phone: row.phone,
    defaultLanguage: row.defaultLanguage,
    modes: row.modeIds.map((id) => ({ id, shortDesc: modes.get(id)?.shortDesc ?? '' })),
    miptaUrls: [...row.miptaUrls],
    updatedAt: row.updatedAt.toISOString(),
  };
}

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

/** `publicUrl` (no trailing slash) makes the `href` of operators whose accounts this hub hosts. */
export function buildSnapshot(
  version: number,
  modes: ModeDto[],
  rows: OperatorRow[],
  publicUrl: string,
): DirectorySnapshot {
  const modeMap = new Map(modes.map((m) => [m.id, m]));
  const operators = [...rows]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row): SnapshotOperator => {
      const dto = toOperatorDto(row, modeMap, publicUrl);
      const item = buildOtiItem({ ...row, customerAccountUrl: dto.customerAccountUrl }, modeMap);
      return deepFreeze({
        dto,
        item,
        search: {
          name: row.name.toLowerCase(),
          email: row.email.toLowerCase(),
          phone: row.phone.toLowerCase(),
          homepage: row.homepage.toLowerCase(),
          language: row.defaultLanguage.toLowerCase(),
          mipta: row.miptaUrls.map((u) => u.toLowerCase()),
          metadata: item['item-metadata'].map((m) => m.val.toLowerCase()),
        },
        modeIds: new Set(row.modeIds),
      });
    });
  return {
    version,
    modes: deepFreeze([...modes].sort((a, b) => (a.id < b.id ? -1 : 1))),
    operators,
    byId: new Map(operators.map((o) => [o.dto.id, o])),
  };
}
