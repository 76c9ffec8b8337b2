import { parseArgs } from "node:util";
import { startFakeOpenPhone } from "../lib/openphone/fake/server";

// npm run fake-openphone -- --port 4114 [--api-key KEY] [--host 127.0.0.1]
const { values } = parseArgs({
  options: { port: { type: "string", default: "4114" }, "api-key": { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}
const fake = await startFakeOpenPhone({ port, host: values.host, apiKey: values["api-key"] });
console.log(`Fake OpenPhone API on ${fake.url}`);
console.log(`  OPENPHONE_API_BASE_URL=${fake.url} OPENPHONE_API_KEY=${fake.apiKey}`);
console.log(`  faults: curl -X POST ${fake.url}/__fake/faults -d '{"rateLimit":{"count":5,"retryAfterSeconds":1}}'`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
