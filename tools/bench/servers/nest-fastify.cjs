// A bare NestJS 11 app on Fastify 5: one module, one controller, one GET route answering the same small JSON body as
// raw-node.mjs. Plain CommonJS, with Nest's decorators applied through Reflect.decorate (as compiled TypeScript does),
// so nothing needs compiling. Nest's and Fastify's logging are both off, as in the app scenario.
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

const BODY = { status: 'ok', message: 'hello' };

let HelloController = class HelloController {
  hello() {
    return BODY;
  }
};
Reflect.decorate(
  [Get()],
  HelloController.prototype,
  'hello',
  Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'),
);
HelloController = Reflect.decorate([Controller()], HelloController);

let BenchModule = class BenchModule {};
BenchModule = Reflect.decorate([Module({ controllers: [HelloController] })], BenchModule);

async function main() {
  const app = await NestFactory.create(BenchModule, new FastifyAdapter({ logger: false }), { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
