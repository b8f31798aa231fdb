// Verifies captured requests' SigV4 signatures with @smithy/signature-v4, independently of the client that signed them.
// stdin: {"credentials":{...},"region":"us-east-1","service":"sns","requests":[{"method","rawUrl","headers":{lowercase: value},"bodyBase64"}]}
// stdout: [{"ok":bool,"reason":string|null,"expected":string|null,"actual":string|null}]
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createHash } from "node:crypto";

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

const parseAmzDate = (text) =>
  new Date(Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(9, 11), +text.slice(11, 13), +text.slice(13, 15)));

const input = await readStdin();
const signer = new SignatureV4({
  credentials: input.credentials,
  region: input.region,
  service: input.service,
  sha256: Sha256,
  uriEscapePath: true,
  applyChecksum: false,
});

const verify = async (captured) => {
  const actual = captured.headers["authorization"] ?? null;
  const fail = (reason, expected = null) => ({ ok: false, reason, expected, actual });
  if (!actual) return fail("no Authorization header");
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(actual);
  if (!match) return fail("Authorization header is not SigV4");
  const signedHeaders = match[2].split(";");
  for (const required of ["host", "x-amz-date"]) {
    if (!signedHeaders.includes(required)) return fail(`${required} is not signed`);
  }
  const body = Buffer.from(captured.bodyBase64 ?? "", "base64");
  const bodyHash = createHash("sha256").update(body).digest("hex");
  const claimed = captured.headers["x-amz-content-sha256"];
  if (claimed !== undefined && claimed !== bodyHash) return fail(`x-amz-content-sha256 ${claimed} is not the body's hash ${bodyHash}`);
  if (input.credentials.sessionToken && captured.headers["x-amz-security-token"] !== input.credentials.sessionToken) {
    return fail("x-amz-security-token is missing or wrong");
  }
  const headers = {};
  for (const name of signedHeaders) {
    if (captured.headers[name] === undefined) return fail(`signed header ${name} was not sent`);
    headers[name] = captured.headers[name];
  }
  const url = new URL(captured.rawUrl, "http://placeholder");
  const query = {};
  for (const [key, value] of url.searchParams) {
    query[key] = key in query ? [].concat(query[key], value) : value;
  }
  // The wire path is already percent-encoded; SigV4 for these services encodes it once more, as the signer does.
  const rawPath = captured.rawUrl.split("?")[0];
  const signed = await signer.sign(
    { method: captured.method, protocol: "http:", hostname: url.hostname, path: rawPath, query, headers, body: body.length ? body : undefined },
    { signingDate: parseAmzDate(captured.headers["x-amz-date"]), signableHeaders: new Set(signedHeaders) },
  );
  const expected = signed.headers["authorization"];
  return expected === actual ? { ok: true, reason: null, expected, actual } : fail("signature mismatch", expected);
};

const results = [];
for (const captured of input.requests) results.push(await verify(captured));
process.stdout.write(JSON.stringify(results));
