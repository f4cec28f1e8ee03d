import { AsyncResource } from 'node:async_hooks';

/**
 * A cheaper `AsyncResource#bind` for Node.js versions whose bound functions carry the deprecated `asyncResource`
 * property (DEP0172; Node 20 and 22): that property is a getter and a setter wrapped in `util.deprecate()`, built anew
 * for every function bound. NestJS binds one function per interceptor per request (InterceptorsConsumer), so on a
 * route with two interceptors this was about a sixth of the main thread's time per request in our measurements
 * (docs/performance.md). The replacement behaves the same in every other way: the function runs in the resource's
 * async scope (AsyncLocalStorage stores flow through it), with `this` as given or as called, and keeps its `length`.
 *
 * Installed once, at start-up (createApp); a no-op where bound functions have no such property.
 */
export function installLeanAsyncResourceBind(): boolean {
  const probe = new AsyncResource('probe').bind(() => undefined);
  if (!Object.prototype.hasOwnProperty.call(probe, 'asyncResource')) return false;
  AsyncResource.prototype.bind = function bind<Func extends (...args: never[]) => unknown>(
    this: AsyncResource,
    fn: Func,
    thisArg?: unknown,
  ): Func {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    const run = this.runInAsyncScope.bind(this);
    const target = fn as unknown as (...args: unknown[]) => unknown;
    const bound =
      thisArg === undefined
        ? function (this: unknown, ...args: unknown[]) {
            return run(target, this, ...args);
          }
        : (...args: unknown[]) => run(target, thisArg, ...args);
    Object.defineProperty(bound, 'length', {
      configurable: true,
      enumerable: false,
      value: fn.length,
      writable: false,
    });
    return bound as unknown as Func;
  } as typeof AsyncResource.prototype.bind;
  return true;
}
