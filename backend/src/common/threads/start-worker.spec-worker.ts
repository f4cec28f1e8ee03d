// A worker for start-worker.spec.ts (not part of the app): echoes its data and reports a decorator's design type,
// which only decorator metadata, as the app's entities use it, provides.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';

const types: string[] = [];
const Recorded = (): PropertyDecorator => (target, key) => {
  types.push((Reflect.getMetadata('design:type', target, key) as { name: string }).name);
};

class Sample {
  @Recorded() count!: number;
  @Recorded() name!: string;
}

parentPort?.postMessage({ workerData: workerData as unknown, types, sample: Sample.name });
