import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/app-config.service';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseStartupService } from './startup/database-startup.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({ ...buildDataSourceOptions(config), retryAttempts: 3 }),
    }),
  ],
  providers: [DatabaseStartupService],
  exports: [DatabaseStartupService],
})
export class DatabaseModule {}
