import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HistoryModule } from '../history/history.module';
import { DirectorySnapshotService } from './directory-snapshot.service';
import { ModesController } from './modes.controller';
import { OperatorsController } from './operators.controller';
import { OperatorsRepository } from './operators.repository';
import { OperatorsService } from './operators.service';
import { OtiController } from './oti.controller';
import { OtiService } from './oti.service';
import { SnapshotResponseCache } from './snapshot-response-cache';

/** The operator directory: the OTI operator-info face (/api/oti/v1) and the directory API (/api/v1). */
@Module({
  imports: [AuthModule, HistoryModule],
  controllers: [OtiController, ModesController, OperatorsController],
  providers: [OperatorsRepository, DirectorySnapshotService, OperatorsService, OtiService, SnapshotResponseCache],
  exports: [DirectorySnapshotService],
})
export class OperatorsModule {}
