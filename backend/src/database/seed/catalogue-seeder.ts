import { EntityManager } from 'typeorm';
import { Mode } from '../../modules/operators/entities/mode.entity';
import { OperatorMiptaUrl } from '../../modules/operators/entities/operator-mipta-url.entity';
import { OperatorMode } from '../../modules/operators/entities/operator-mode.entity';
import { Operator } from '../../modules/operators/entities/operator.entity';
import { seedCatalogue } from './catalogue';
import { CatalogueImport } from './catalogue-importer';

export interface CatalogueSeedResult {
  modes: number;
  operators: number;
}

/**
 * Puts the seed catalogue into the database: modes that are missing (they are fixed by the OTI standard), and the
 * operators with their modes and MIPTA URLs only while the operators table is empty, so operators edited or deleted
 * later are never brought back. Run it inside a transaction.
 */
export async function ensureCatalogue(
  manager: EntityManager,
  catalogue: CatalogueImport = seedCatalogue(),
): Promise<CatalogueSeedResult> {
  const existing = new Set((await manager.find(Mode, { select: { id: true } })).map((m) => m.id));
  const modes = catalogue.modes.filter((m) => !existing.has(m.id));
  if (modes.length > 0) await manager.insert(Mode, modes);

  if ((await manager.count(Operator)) > 0) return { modes: modes.length, operators: 0 };
  await manager.insert(
    Operator,
    catalogue.operators.map(({ modeIds: _m, miptaUrls: _u, ...operator }) => operator),
  );
  await manager.insert(
    OperatorMode,
    catalogue.operators.flatMap((o) => o.modeIds.map((modeId, i) => ({ operatorId: o.id, modeId, position: i + 1 }))),
  );
  await manager.insert(
    OperatorMiptaUrl,
    catalogue.operators.flatMap((o) => o.miptaUrls.map((url, i) => ({ operatorId: o.id, position: i + 1, url }))),
  );
  return { modes: modes.length, operators: catalogue.operators.length };
}
