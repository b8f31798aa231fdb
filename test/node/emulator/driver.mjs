// Drives the emulator with the official AWS SDK for JavaScript v3 client, as the conformance reference.
// stdin: { endpoint, region?, credentials?, maxAttempts?, requestTimeoutMs?, steps: [...] }, each step one of
//   { call: "GetExportTask", input: {...}, credentials?: {...} }
//   { paginate: "ListExportTasks", input: {...}, pageSize: 5 }
//   { control: "POST", path: "/_emulator/clock/advance", body?: {...} }
// stdout: { results: [...] }, one result per step. Errors are results, not crashes: the caller asserts on them.
import * as neptune from "@aws-sdk/client-neptune-graph";

const input = JSON.parse(await readStdin());
if (!input.endpoint || !Array.isArray(input.steps)) {
  console.error("driver.mjs: stdin must be JSON with 'endpoint' and a 'steps' array");
  process.exit(2);
}

const defaults = {
  region: input.region ?? "us-east-1",
  credentials: input.credentials ?? { accessKeyId: "AKIDEMULATOR", secretAccessKey: "emulator-secret" },
  maxAttempts: input.maxAttempts ?? 1,
};
const clients = new Map();
const results = [];
for (const step of input.steps) {
  results.push(await run(step));
}
process.stdout.write(JSON.stringify({ results }));

async function run(step) {
  if (step.control) {
    return control(step);
  }
  if (step.paginate) {
    return paginate(step);
  }
  if (step.call) {
    return call(step);
  }
  return { ok: false, name: "DriverError", message: `unknown step ${JSON.stringify(step)}` };
}

function clientFor(step) {
  const credentials = step.credentials ?? defaults.credentials;
  const key = JSON.stringify(credentials);
  if (!clients.has(key)) {
    clients.set(key, new neptune.NeptuneGraphClient({
      endpoint: input.endpoint,
      region: defaults.region,
      credentials,
      maxAttempts: defaults.maxAttempts,
      ...(input.requestTimeoutMs ? { requestHandler: { requestTimeout: input.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
    }));
  }
  return clients.get(key);
}

async function call(step) {
  const Command = neptune[`${step.call}Command`];
  if (!Command) {
    return { ok: false, name: "DriverError", message: `no command ${step.call}Command in @aws-sdk/client-neptune-graph` };
  }
  try {
    const output = await clientFor(step).send(new Command(step.input ?? {}));
    const { $metadata, ...rest } = output;
    return { ok: true, status: $metadata.httpStatusCode, attempts: $metadata.attempts, output: normalize(rest) };
  } catch (error) {
    return describeError(error);
  }
}

async function paginate(step) {
  const paginator = neptune[`paginate${step.paginate}`];
  if (!paginator) {
    return { ok: false, name: "DriverError", message: `no paginate${step.paginate} in @aws-sdk/client-neptune-graph` };
  }
  const pages = [];
  try {
    for await (const page of paginator({ client: clientFor(step), pageSize: step.pageSize }, step.input ?? {})) {
      const items = page.tasks ?? page.graphs ?? [];
      pages.push({ count: items.length, nextToken: page.nextToken ?? null, ids: items.map((item) => item.taskId ?? item.id) });
    }
    return { ok: true, pages };
  } catch (error) {
    return { ...describeError(error), pages };
  }
}

async function control(step) {
  const response = await fetch(new URL(step.path, input.endpoint), {
    method: step.control,
    headers: step.body === undefined ? {} : { "content-type": "application/json" },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  const text = await response.text();
  return { ok: response.ok, status: response.status, body: text ? JSON.parse(text) : null };
}

function describeError(error) {
  const Modeled = neptune[error.name];
  return {
    ok: false,
    name: error.name,
    status: error.$metadata?.httpStatusCode ?? null,
    attempts: error.$metadata?.attempts ?? null,
    message: error.message,
    reason: error.reason ?? null,
    fault: error.$fault ?? null,
    typed: typeof Modeled === "function" && error instanceof Modeled,
    serviceException: error instanceof neptune.NeptuneGraphServiceException,
    constructorName: error.constructor?.name ?? null,
  };
}

// Dates become epoch milliseconds so the caller can compare them exactly.
function normalize(value) {
  if (value instanceof Date) {
    return value.getTime();
  }
  if (Array.isArray(value)) {
    return value.map(normalize);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalize(item)]));
  }
  return value;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
