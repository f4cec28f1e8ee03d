/**
 * The OTI operator-info API 1.1.0 shapes (PAS 212 / Hypercat catalogue, kebab-case) and its searches. Pure: the
 * snapshot builds every item once; requests only pick items. Rules documented in docs/operator-info.md.
 */
import { RELS } from '../../database/seed/catalogue-importer';
import type { ModeDto } from './dto/mode.dto';

export interface OtiRelVal {
  rel: string;
  val: string;
}
export interface OtiItem {
  href: string;
  'item-metadata': OtiRelVal[];
}
export interface OtiCatalogue {
  'catalogue-metadata': OtiRelVal[];
  items: OtiItem[];
}
export interface OtiMode {
  id: string;
  'short-desc': string;
  'long-desc': string;
}

export const CATALOGUE_METADATA: readonly OtiRelVal[] = Object.freeze([
  { rel: 'urn:X-hypercat:rels:isContentType', val: 'application/vnd.hypercat.catalogue+json' },
  { rel: 'urn:X-hypercat:rels:hasDescription:en', val: 'OpenTransport Operator Catalogue' },
  { rel: 'urn:X-hypercat:rels:supportsSearch', val: 'urn:X-hypercat:search:simple' },
]);

const MODE_REL = 'urn:X-opentransport:rels:hasMode';

export interface OtiSource {
  id: string;
  name: string;
  homepage: string;
  customerAccountUrl: string;
  email: string;
  phone: string;
  defaultLanguage: string;
  modeIds: readonly string[];
  miptaUrls: readonly string[];
}

/** One operator as a catalogue item: metadata in the order of DOMAIN.md, every value a string. */
export function buildOtiItem(op: OtiSource, modes: ReadonlyMap<string, Pick<ModeDto, 'shortDesc'>>): OtiItem {
  return {
    href: op.customerAccountUrl,
    'item-metadata': [
      { rel: RELS.name, val: op.name },
      { rel: RELS.homepage, val: op.homepage },
      { rel: RELS.id, val: op.id },
      { rel: RELS.email, val: op.email },
      { rel: RELS.phone, val: op.phone },
      { rel: RELS.defaultLanguage, val: op.defaultLanguage },
      { rel: RELS.numberModes, val: String(op.modeIds.length) },
      ...op.modeIds.flatMap((code, i) => [
        { rel: `${MODE_REL}${i + 1}#Code`, val: code },
        { rel: `${MODE_REL}${i + 1}#Description`, val: modes.get(code)?.shortDesc ?? '' },
      ]),
      { rel: RELS.numberMiptaUrls, val: String(op.miptaUrls.length) },
      ...op.miptaUrls.map((url) => ({ rel: RELS.miptaUrl, val: url })),
    ],
  };
}

export function toOtiMode(mode: ModeDto): OtiMode {
  return { id: mode.id, 'short-desc': mode.shortDesc, 'long-desc': mode.longDesc };
}

export function catalogueOf(items: OtiItem[]): OtiCatalogue {
  return { 'catalogue-metadata': [...CATALOGUE_METADATA], items };
}

const OPERATOR_ID = /^\d{3}$/;

/** Searchable view of an item: its id and lower-cased metadata values (see DirectorySnapshot). */
export interface OtiSearchable {
  readonly dto: { readonly id: string };
  readonly item: OtiItem;
  readonly search: { readonly metadata: readonly string[] };
}

/**
 * `filterString`: three digits → the operator with exactly that id; otherwise items whose name or any metadata value
 * contains it, case-insensitively. Blank → every item.
 */
export function matchesFilterString(filter: string | undefined): (op: OtiSearchable) => boolean {
  const text = filter?.trim() ?? '';
  if (text === '') return () => true;
  if (OPERATOR_ID.test(text)) return (op) => op.dto.id === text;
  const needle = text.toLowerCase();
  return (op) => op.search.metadata.some((value) => value.includes(needle));
}

/**
 * Hypercat simple search: `rel` and `val` must match (exactly, case-sensitively) the same metadata pair, `href` the
 * item link; every given parameter must hold. Each item is tested once, so it appears at most once.
 */
export function matchesSimpleSearch(params: {
  rel?: string;
  val?: string;
  href?: string;
}): (op: OtiSearchable) => boolean {
  const { rel, val, href } = params;
  return (op) =>
    (href === undefined || op.item.href === href) &&
    (rel === undefined && val === undefined
      ? true
      : op.item['item-metadata'].some(
          (m) => (rel === undefined || m.rel === rel) && (val === undefined || m.val === val),
        ));
}
