import { createHash, createHmac } from "node:crypto";
import { Sha256Js } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebCryptoSha256 } from "../src/sha256.browser.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => new TextEncoder().encode(text);

// The browser build's default hash (Node 20 has WebCrypto, so it runs here as in a browser).
describe("WebCryptoSha256 (the browser build's sha256)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("hashes input given in several updates, and again after reset", async () => {
    const hash = new WebCryptoSha256();
    const buffer = bytes("hello, ");
    hash.update(buffer);
    buffer.fill(0); // the caller reusing its buffer must not change the digest
    hash.update(bytes("world"));
    expect(hex(await hash.digest())).toBe(createHash("sha256").update("hello, world").digest("hex"));
    hash.reset();
    expect(hex(await hash.digest())).toBe(createHash("sha256").update("").digest("hex"));
  });

  it("is an HMAC-SHA-256 with a secret (string or bytes), as SigV4 derives its keys", async () => {
    const hmac = new WebCryptoSha256("AWS4secret");
    hmac.update(bytes("20240503"));
    expect(hex(await hmac.digest())).toBe(createHmac("sha256", "AWS4secret").update("20240503").digest("hex"));
    const keyed = new WebCryptoSha256(bytes("key"));
    keyed.update(bytes("data"));
    expect(hex(await keyed.digest())).toBe(createHmac("sha256", "key").update("data").digest("hex"));
  });

  it("signs a request exactly as @smithy's Sha256Js does", async () => {
    const request = {
      method: "PUT",
      protocol: "https:",
      hostname: "connect.us-west-2.amazonaws.com",
      path: "/attached-files/i-1",
      query: { associatedResourceArn: "arn:aws:connect:us-west-2:1:instance/i-1" },
      headers: { host: "connect.us-west-2.amazonaws.com", "content-type": "application/json" },
      body: JSON.stringify({ FileName: "a.pdf" }),
    };
    const sign = (sha256: typeof Sha256Js | typeof WebCryptoSha256) =>
      new SignatureV4({ credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, region: "us-west-2", service: "connect", sha256, uriEscapePath: true, applyChecksum: true })
        .sign({ ...request, headers: { ...request.headers } }, { signingDate: new Date("2024-05-03T02:41:28Z") })
        .then((signed) => signed.headers);
    const ours = await sign(WebCryptoSha256);
    expect(ours.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/20240503\/us-west-2\/connect\/aws4_request, /);
    expect(ours).toEqual(await sign(Sha256Js));
  });

  it("without WebCrypto (a browser page outside a secure context) fails with an error that says what to do", async () => {
    vi.stubGlobal("crypto", {});
    const hash = new WebCryptoSha256();
    hash.update(bytes("x"));
    await expect(hash.digest()).rejects.toMatchObject({
      name: "WebCryptoUnavailableError",
      message: expect.stringContaining("pass a hash to the client (`sha256: Sha256Js` from @smithy/core/checksum)"),
    });
  });
});
