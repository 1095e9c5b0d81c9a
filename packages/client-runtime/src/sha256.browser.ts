/**
 * SHA-256 and HMAC-SHA-256 for browsers, on WebCrypto alone: the default `sha256` of the browser
 * build (SigV4 hashes the payload and derives its signing key with it).
 *
 * Our own class rather than `@smithy/core/checksum`'s `Sha256WebCrypto`, because a measurement
 * justifies it: that class falls back to the pure-JavaScript `Sha256Js` (where `crypto.subtle` is
 * missing, or past 8 MiB of pending input), and that fallback with its round-constant table is
 * ~1.65 KB of the ~27 KB (gzip) browser bundle of a client, the largest single piece `pnpm bench`
 * found. Browsers have WebCrypto in every secure context (https, localhost), where AWS credentials
 * belong anyway; outside one, the digest fails with a clear error telling the caller to pass a
 * hash (`sha256: Sha256Js` from `@smithy/core/checksum`) instead of signing with no hash at all.
 * Large bodies are digested by WebCrypto in one piece (they are in memory already).
 */
import { concatBytes, toUint8Array } from "@smithy/core/serde";
import type { Checksum, SourceData } from "@smithy/types";

/** The hash needs WebCrypto (`crypto.subtle`), which this environment lacks. */
export class WebCryptoUnavailableError extends Error {
  override readonly name = "WebCryptoUnavailableError";
  constructor() {
    super(
      "SHA-256 needs WebCrypto (crypto.subtle), which browsers offer only in secure contexts (https or localhost): " +
        "serve the page over https, or pass a hash to the client (`sha256: Sha256Js` from @smithy/core/checksum).",
    );
  }
}

export class WebCryptoSha256 implements Checksum {
  readonly digestLength = 32;
  private chunks: Uint8Array[] = [];
  private readonly secret: Uint8Array<ArrayBuffer> | undefined;

  /** With a `secret`, an HMAC-SHA-256 keyed by it. */
  constructor(secret?: SourceData) {
    if (secret !== undefined) this.secret = toUint8Array(secret).slice();
  }

  update(data: Uint8Array): void {
    // A copy: the caller may reuse its buffer before `digest`.
    this.chunks.push(toUint8Array(data).slice());
  }

  async digest(): Promise<Uint8Array> {
    const subtle = globalThis.crypto?.subtle;
    if (typeof subtle?.digest !== "function") throw new WebCryptoUnavailableError();
    // Our own copies (see `update`), never shared memory: what WebCrypto takes.
    const data = concatBytes(this.chunks) as Uint8Array<ArrayBuffer>;
    if (this.secret === undefined) return new Uint8Array(await subtle.digest("SHA-256", data));
    const key = await subtle.importKey("raw", this.secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await subtle.sign("HMAC", key, data));
  }

  reset(): void {
    this.chunks = [];
  }
}
