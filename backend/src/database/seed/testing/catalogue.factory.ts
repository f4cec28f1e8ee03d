import { RawCatalogue, RawCatalogueItem, RawMode, RelVal, RELS } from '../catalogue-importer';

/** Test factories for raw PAS 212 catalogue data: small, valid defaults that each test overrides. */

export function rawMode(overrides: Partial<RawMode> = {}): RawMode {
  return {
    id: '007',
    'short-desc': 'bus',
    'long-desc': 'includes any vehicle typically greater than 8 seats',
    ...overrides,
  };
}

export interface ItemSpec {
  id: string;
  name: string;
  href: string;
  homepage: string;
  email: string;
  phone: string;
  language: string;
  modes: string[];
  /** The n of each `hasMode{n}#…` key; defaults to 1..modes.length. */
  modeKeys?: number[];
  /** Overrides `hasNumberModes` (defaults to modes.length). */
  declaredModes?: number;
  mipta: string[];
}

export function rawItem(overrides: Partial<ItemSpec> = {}): RawCatalogueItem {
  const spec: ItemSpec = {
    id: '029',
    name: 'PSD Buses',
    href: 'https://psdbuses.example.org/',
    homepage: 'https://psdbuses.example.org/',
    email: '',
    phone: '03432221234',
    language: 'en',
    modes: ['007'],
    mipta: ['https://mipta.psdbuses.example.org/'],
    ...overrides,
  };
  const keys = spec.modeKeys ?? spec.modes.map((_, i) => i + 1);
  const meta: RelVal[] = [
    { rel: RELS.name, val: spec.name },
    { rel: RELS.homepage, val: spec.homepage },
    { rel: RELS.id, val: spec.id },
    { rel: RELS.email, val: spec.email },
    { rel: RELS.phone, val: spec.phone },
    { rel: RELS.defaultLanguage, val: spec.language },
    { rel: RELS.numberModes, val: String(spec.declaredModes ?? spec.modes.length) },
    ...spec.modes.flatMap((code, i) => [
      { rel: `urn:X-opentransport:rels:hasMode${keys[i]}#Code`, val: code },
      { rel: `urn:X-opentransport:rels:hasMode${keys[i]}#Description`, val: `mode ${code}` },
    ]),
    { rel: RELS.numberMiptaUrls, val: String(spec.mipta.length) },
    ...spec.mipta.map((url) => ({ rel: RELS.miptaUrl, val: url })),
  ];
  return { id: spec.id, href: spec.href, 'item-metadata': meta };
}

export function rawCatalogue(overrides: Partial<RawCatalogue> = {}): RawCatalogue {
  return {
    modes: [
      rawMode(),
      rawMode({ id: '011', 'short-desc': 'water bus' }),
      rawMode({ id: '012', 'short-desc': 'water ferry' }),
    ],
    items: [rawItem()],
    ...overrides,
  };
}
