import catalogueJson from './data/oti-seed-catalogue.json';
import { CatalogueImport, importCatalogue, RawCatalogue } from './catalogue-importer';

/** The shipped OTI seed catalogue (16 modes, operators 000–030), as stored in data/oti-seed-catalogue.json. */
export const SEED_CATALOGUE: RawCatalogue = catalogueJson;

let cached: CatalogueImport | undefined;

/** The seed catalogue mapped and repaired (computed once per process; each caller gets its own copy). */
export function seedCatalogue(): CatalogueImport {
  cached ??= importCatalogue(SEED_CATALOGUE);
  return structuredClone(cached);
}
