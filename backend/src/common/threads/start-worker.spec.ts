import { join } from 'node:path';
import { startWorker } from './start-worker';

describe('startWorker', () => {
  it('runs a TypeScript module in a worker thread when no compiled file exists, decorator metadata included', async () => {
    const worker = startWorker(join(__dirname, 'start-worker.spec-worker'), { workerData: { hello: 'world' } });
    try {
      const message = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(message).toEqual({ workerData: { hello: 'world' }, types: ['Number', 'String'], sample: 'Sample' });
    } finally {
      await worker.terminate();
    }
  });

  it('says which files are missing', () => {
    expect(() => startWorker(join(__dirname, 'no-such-module'))).toThrow(/neither .*no-such-module\.js nor .*\.ts/);
  });
});
