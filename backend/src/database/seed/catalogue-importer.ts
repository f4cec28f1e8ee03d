/**
 * Maps the OTI seed catalogue (PAS 212 / Hypercat shape, see oti-seed-catalogue.json) to rows for the `modes`,
 * `operators`, `operator_modes` and `operator_mipta_urls` tables, repairing the defects the earlier system shipped:
 *
 * 1. Mode keys numbered wrongly: operator 030 declares 2 modes but keys both `hasMode1#…`. Modes are taken in
 *    document order, each `#Code` paired with the `#Description` after it, and renumbered 1..n.
 * 2. A MIPTA URL copied from another operator: 021 (Southeastern) carries 020's `https://mipta.southwesternrailway.com`.
 *    Every other operator's MIPTA URL is `https://mipta.` + its homepage without scheme and `www.` (checked by a unit
 *    test), so a URL that another operator also uses and that does not follow that rule for this operator is replaced
 *    by the one derived from this operator's own homepage: 021 → `https://mipta.southeasternrailway.co.uk/`.
 *
 * Blank emails and phones stay blank (''): nothing is invented. Anything else malformed throws.
 * Pure: no I/O, so the unit tests call it with small factories.
 */
import type { OperatorKind } from '../../modules/operators/entities/operator.entity';

export interface RelVal {
  rel: string;
  val: string;
}

export interface RawMode {
  id: string;
  'short-desc': string;
  'long-desc': string;
}

export interface RawCatalogueItem {
  id?: string;
  href: string;
  'item-metadata': RelVal[];
}

export interface RawCatalogue {
  modes: RawMode[];
  'catalogue-metadata'?: RelVal[];
  items: RawCatalogueItem[];
}

export interface ModeSeed {
  id: string;
  shortDesc: string;
  longDesc: string;
}

export interface OperatorSeed {
  id: string;
  name: string;
  kind: OperatorKind;
  homepage: string;
  customerAccountUrl: string;
  email: string;
  phone: string;
  defaultLanguage: string;
  /** Mode ids in catalogue order. */
  modeIds: string[];
  /** MIPTA URLs in catalogue order. */
  miptaUrls: string[];
}

export interface CatalogueRepair {
  operatorId: string;
  field: 'modes' | 'miptaUrls';
  description: string;
}

export interface CatalogueImport {
  modes: ModeSeed[];
  operators: OperatorSeed[];
  repairs: CatalogueRepair[];
}

export class CatalogueImportError extends Error {
  override name = 'CatalogueImportError';
}

const HC = 'urn:X-hypercat:rels:';
const OT = 'urn:X-opentransport:rels:';
export const RELS = {
  name: `${HC}hasDescription:en`,
  homepage: `${HC}hasHomepage`,
  id: `${OT}hasId`,
  email: `${OT}hasEmail`,
  phone: `${OT}hasPhone`,
  defaultLanguage: `${OT}hasDefaultLanguage`,
  numberModes: `${OT}hasNumberModes`,
  numberMiptaUrls: `${OT}hasNumberMIPTAURLs`,
  miptaUrl: `${OT}hasMIPTAURL`,
} as const;
const MODE_CODE = /^urn:X-opentransport:rels:hasMode(\d+)#Code$/;
const THREE_DIGITS = /^\d{3}$/;

/** The MIPTA URL the catalogue's convention gives an operator: `https://mipta.` + homepage host and path, no `www.`. */
export function deriveMiptaUrl(homepage: string): string {
  const rest = homepage
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '');
  return `https://mipta.${rest}`;
}

export function importCatalogue(raw: RawCatalogue): CatalogueImport {
  const modes = raw.modes.map((m): ModeSeed => {
    if (!THREE_DIGITS.test(m.id)) throw new CatalogueImportError(`mode id "${m.id}" is not three digits`);
    return { id: m.id, shortDesc: m['short-desc'].trim(), longDesc: m['long-desc'].trim() };
  });
  const modeIds = new Set(modes.map((m) => m.id));
  if (modeIds.size !== modes.length) throw new CatalogueImportError('duplicate mode ids');

  const repairs: CatalogueRepair[] = [];
  const operators = raw.items.map((item) => mapItem(item, modeIds, repairs));
  const ids = new Set(operators.map((o) => o.id));
  if (ids.size !== operators.length) throw new CatalogueImportError('duplicate operator ids');

  repairCopiedMiptaUrls(operators, repairs);
  return { modes, operators, repairs };
}

function mapItem(item: RawCatalogueItem, modeIds: Set<string>, repairs: CatalogueRepair[]): OperatorSeed {
  const meta = item['item-metadata'];
  const first = (rel: string) => meta.find((m) => m.rel === rel)?.val.trim();
  const id = first(RELS.id) ?? item.id ?? '';
  const where = `catalogue item ${item.id ?? item.href}`;
  if (!THREE_DIGITS.test(id)) throw new CatalogueImportError(`${where}: operator id "${id}" is not three digits`);
  if (item.id !== undefined && item.id !== id) throw new CatalogueImportError(`${where}: id differs from hasId ${id}`);
  const name = first(RELS.name);
  if (!name) throw new CatalogueImportError(`operator ${id}: no name (${RELS.name})`);
  if (!item.href) throw new CatalogueImportError(`operator ${id}: no href`);

  return {
    id,
    name,
    kind: 'operator',
    homepage: first(RELS.homepage) ?? '',
    customerAccountUrl: item.href.trim(),
    email: first(RELS.email) ?? '',
    phone: first(RELS.phone) ?? '',
    defaultLanguage: first(RELS.defaultLanguage) || 'en',
    modeIds: readModes(id, meta, first(RELS.numberModes), modeIds, repairs),
    miptaUrls: readMiptaUrls(id, meta, first(RELS.numberMiptaUrls)),
  };
}

function readModes(
  operatorId: string,
  meta: RelVal[],
  declared: string | undefined,
  known: Set<string>,
  repairs: CatalogueRepair[],
): string[] {
  const keyed = meta.flatMap((m) => {
    const match = MODE_CODE.exec(m.rel);
    return match ? [{ index: Number(match[1]), code: m.val.trim() }] : [];
  });
  const count = Number(declared ?? keyed.length);
  if (keyed.length !== count) {
    throw new CatalogueImportError(`operator ${operatorId}: declares ${count} modes but lists ${keyed.length}`);
  }
  const codes = keyed.map((k) => k.code);
  for (const code of codes) {
    if (!known.has(code)) throw new CatalogueImportError(`operator ${operatorId}: unknown mode "${code}"`);
  }
  if (new Set(codes).size !== codes.length) throw new CatalogueImportError(`operator ${operatorId}: repeated mode`);
  if (keyed.some((k, i) => k.index !== i + 1)) {
    repairs.push({
      operatorId,
      field: 'modes',
      description:
        `mode keys ${keyed.map((k) => `hasMode${k.index}`).join(', ')} renumbered in document order as ` +
        keyed.map((k, i) => `hasMode${i + 1}=${k.code}`).join(', '),
    });
  }
  return codes;
}

function readMiptaUrls(operatorId: string, meta: RelVal[], declared: string | undefined): string[] {
  const urls = meta.filter((m) => m.rel === RELS.miptaUrl).map((m) => m.val.trim());
  const count = Number(declared ?? urls.length);
  if (urls.length !== count) {
    throw new CatalogueImportError(`operator ${operatorId}: declares ${count} MIPTA URLs but lists ${urls.length}`);
  }
  return urls;
}

function repairCopiedMiptaUrls(operators: OperatorSeed[], repairs: CatalogueRepair[]): void {
  const owners = new Map<string, OperatorSeed[]>();
  for (const op of operators) for (const url of op.miptaUrls) owners.set(url, [...(owners.get(url) ?? []), op]);

  for (const op of operators) {
    const own = deriveMiptaUrl(op.homepage);
    op.miptaUrls = op.miptaUrls.map((url) => {
      const others = (owners.get(url) ?? []).filter((o) => o !== op);
      if (others.length === 0 || url === own || !op.homepage) return url;
      repairs.push({
        operatorId: op.id,
        field: 'miptaUrls',
        description: `MIPTA URL ${url} is a copy of operator ${others.map((o) => o.id).join(', ')}'s; replaced by ${own}`,
      });
      return own;
    });
  }
}
