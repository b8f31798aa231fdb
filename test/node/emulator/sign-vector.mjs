// Prints the SigV4 Authorization header @smithy/signature-v4 produces for a fixed request, as an independent
// reference for the emulator's verifier. stdin: { method, path, query, headers, body, date, region, service, credentials }.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const signer = new SignatureV4({
  credentials: request.credentials,
  region: request.region,
  service: request.service,
  sha256: Sha256,
});
const signed = await signer.sign(
  {
    method: request.method,
    protocol: "http:",
    hostname: request.headers.host,
    path: request.path,
    query: request.query ?? {},
    headers: request.headers,
    body: request.body,
  },
  { signingDate: new Date(request.date) },
);
process.stdout.write(JSON.stringify(signed.headers));
