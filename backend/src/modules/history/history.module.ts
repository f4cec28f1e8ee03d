import { Module } from '@nestjs/common';
import { FavouritesController } from './favourites.controller';
import { FavouritesService } from './favourites.service';
import { HistoryController } from './history.controller';
import { HistoryRecorder } from './history-recorder';
import { HistoryRepository } from './history.repository';
import { HistoryRetentionService } from './history-retention.service';
import { HistoryService } from './history.service';

/**
 * Query history and favourites of staff users (/api/v1/me/history, /api/v1/me/favourites). Modules whose query
 * routes are recorded import this one and mark those handlers with `@RecordQuery(kind)`: Nest builds
 * RecordQueryInterceptor in their scope, from the HistoryRecorder exported here.
 */
@Module({
  controllers: [HistoryController, FavouritesController],
  providers: [HistoryRepository, HistoryService, FavouritesService, HistoryRecorder, HistoryRetentionService],
  exports: [HistoryRecorder],
})
export class HistoryModule {}
