import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** One Clock for the whole app (tests replace its `now`). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
