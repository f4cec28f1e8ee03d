// Baseline: Node's own http server answering the same small JSON body as the Nest scenario. No framework, no logging.
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ status: 'ok', message: 'hello' }));
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
