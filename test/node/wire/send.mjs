// Sends calls through the official AWS SDK for JavaScript v3 and prints what it produced, as the wire reference.
// stdin: {"service":"neptune-graph"|"sns"|"events","endpoint":"http://127.0.0.1:N","region":"us-east-1",
//         "credentials":{"accessKeyId","secretAccessKey","sessionToken"},"calls":[{"operation":"GetExportTask","input":{...}}]}
// stdout: [{"ok":true,"output":{...}} | {"ok":false,"error":{"name","message","statusCode","requestId","fields":{...}}}]
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as neptune from "@aws-sdk/client-neptune-graph";
import * as sns from "@aws-sdk/client-sns";

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

// JSON cannot carry dates or bytes: dates become epoch seconds (millisecond precision), bytes base64.
const plain = (value) => {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === "$metadata" || item === undefined) continue;
      out[key] = plain(item);
    }
    return out;
  }
  return value;
};

// SNS binary attributes arrive as base64 in the case file.
const snsInput = (input) => {
  if (!input.MessageAttributes) return input;
  const attributes = {};
  for (const [name, value] of Object.entries(input.MessageAttributes)) {
    attributes[name] = value.BinaryValue === undefined ? value : { ...value, BinaryValue: Buffer.from(value.BinaryValue, "base64") };
  }
  return { ...input, MessageAttributes: attributes };
};

// EventBridge entry times arrive as epoch seconds in the case file.
const eventBridgeInput = (input) => {
  if (!Array.isArray(input.Entries)) return input;
  const entries = input.Entries.map((entry) => (typeof entry?.Time === "number" ? { ...entry, Time: new Date(Math.round(entry.Time * 1000)) } : entry));
  return { ...input, Entries: entries };
};

const request = await readStdin();
const common = {
  region: request.region,
  endpoint: request.endpoint,
  credentials: request.credentials,
  maxAttempts: 1,
};
const services = {
  sns: { client: () => new sns.SNSClient(common), commands: sns, input: snsInput },
  events: { client: () => new eventbridge.EventBridgeClient(common), commands: eventbridge, input: eventBridgeInput },
  "neptune-graph": { client: () => new neptune.NeptuneGraphClient(common), commands: neptune, input: (input) => input },
};
const service = services[request.service];
if (!service) throw new Error(`unknown service ${request.service}`);
const client = service.client();
const commands = service.commands;
const results = [];
for (const call of request.calls) {
  const Command = commands[`${call.operation}Command`];
  if (!Command) {
    results.push({ ok: false, error: { name: "NoSuchOperation", message: call.operation } });
    continue;
  }
  try {
    const output = await client.send(new Command(service.input(call.input)));
    results.push({ ok: true, output: plain(output), requestId: output.$metadata?.requestId ?? null });
  } catch (error) {
    const fields = {};
    for (const [key, value] of Object.entries(error)) {
      if (["$metadata", "$response", "$fault", "$retryable", "name", "message", "stack", "Message"].includes(key)) continue;
      fields[key] = plain(value);
    }
    results.push({
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        fault: error.$fault ?? null,
        statusCode: error.$metadata?.httpStatusCode ?? null,
        requestId: error.$metadata?.requestId ?? null,
        fields,
      },
    });
  }
}
client.destroy();
process.stdout.write(JSON.stringify(results));
