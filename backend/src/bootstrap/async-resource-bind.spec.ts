import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncResourceBind } from './async-resource-bind';

describe('installLeanAsyncResourceBind', () => {
  const original = AsyncResource.prototype.bind;
  beforeAll(() => installLeanAsyncResourceBind());
  afterAll(() => {
    AsyncResource.prototype.bind = original;
  });

  it('binds without the deprecated asyncResource property', () => {
    const bound = AsyncResource.bind(() => 1);
    expect(Object.prototype.hasOwnProperty.call(bound, 'asyncResource')).toBe(false);
    expect(bound()).toBe(1);
  });

  it('runs the function in the async context it was bound in (AsyncLocalStorage)', async () => {
    const storage = new AsyncLocalStorage<string>();
    const bound = storage.run('bound here', () => AsyncResource.bind(() => storage.getStore()));
    expect(storage.run('called here', () => bound())).toBe('bound here');
    await expect(new Promise((resolve) => setImmediate(() => resolve(bound())))).resolves.toBe('bound here');
  });

  it('passes arguments, keeps length, and uses thisArg or the caller’s this', () => {
    function add(this: unknown, a: number, b: number) {
      return ((this as { base?: number } | undefined)?.base ?? 0) + a + b;
    }
    const bound = AsyncResource.bind(add);
    expect(bound.length).toBe(2);
    expect(bound(1, 2)).toBe(3);
    expect(bound.call({ base: 10 }, 1, 2)).toBe(13);
    const bind = new AsyncResource('test').bind as (fn: typeof add, thisArg: unknown) => typeof add;
    const fixed = bind.call(new AsyncResource('test'), add, { base: 100 });
    expect(fixed.call({ base: 10 }, 1, 2)).toBe(103);
  });

  it('refuses what is not a function', () => {
    expect(() => new AsyncResource('test').bind(42 as unknown as () => void)).toThrow(TypeError);
  });
});
