import { Injectable } from '@nestjs/common';
import { DirectorySnapshotService } from './directory-snapshot.service';
import {
  catalogueOf,
  matchesFilterString,
  matchesSimpleSearch,
  OtiCatalogue,
  OtiMode,
  toOtiMode,
} from './oti-catalogue';

/** The OTI operator-info API 1.1.0 face, answered from the directory snapshot (rules: docs/operator-info.md). */
@Injectable()
export class OtiService {
  constructor(private readonly snapshots: DirectorySnapshotService) {}

  async modes(): Promise<OtiMode[]> {
    return (await this.snapshots.get()).modes.map(toOtiMode);
  }

  /** An array holding one catalogue, items ordered by operator id. */
  async operators(query: { filterString?: string }): Promise<OtiCatalogue[]> {
    const matches = matchesFilterString(query.filterString);
    const items = (await this.snapshots.get()).operators.filter(matches).map((o) => o.item);
    return [catalogueOf(items)];
  }

  /** Hypercat simple search: one catalogue, each operator at most once, ordered by operator id. */
  async search(query: { rel?: string; val?: string; href?: string }): Promise<OtiCatalogue> {
    const matches = matchesSimpleSearch(query);
    return catalogueOf((await this.snapshots.get()).operators.filter(matches).map((o) => o.item));
  }
}
