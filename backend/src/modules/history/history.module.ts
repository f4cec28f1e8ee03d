import { Module } from '@nestjs/common';
import { FavouritesController } from './favourites.controller';
import { FavouritesService } from './favourites.service';
import { HistoryController } from './history.controller';
import { HistoryRecorder } from './history-recorder';
import { HistoryRepository } from './history.repository';
import { HistoryRetentionService } from './history-retention.service';
import { HistoryService } from './history.service';
import { QueryRecordingHooks } from './record-query';

/**
 * Query history and favourites of staff users (/api/v1/me/history, /api/v1/me/favourites). Query routes that are
 * recorded are marked with `@RecordQuery(kind)`; QueryRecordingHooks records them from Fastify hooks.
 */
@Module({
  controllers: [HistoryController, FavouritesController],
  providers: [
    HistoryRepository,
    HistoryService,
    FavouritesService,
    HistoryRecorder,
    HistoryRetentionService,
    QueryRecordingHooks,
  ],
  exports: [HistoryRecorder],
})
export class HistoryModule {}
