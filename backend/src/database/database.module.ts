import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/app-config.service';
import { buildDataSourceOptions } from './data-source-options';
import { createDataSource } from './sqlite-gate';
import { DatabaseStartupService } from './startup/database-startup.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({ ...buildDataSourceOptions(config), retryAttempts: 3 }),
      // On SQLite, the connection gate gives concurrent requests transactions of their own (see sqlite-gate.ts).
      dataSourceFactory: (options) => Promise.resolve(createDataSource(options!)),
    }),
  ],
  providers: [DatabaseStartupService],
  exports: [DatabaseStartupService],
})
export class DatabaseModule {}
