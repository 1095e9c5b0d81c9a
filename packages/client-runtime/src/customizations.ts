/**
 * Service customizations: behaviour a service needs that its model does not describe, applied by
 * the generator to the services it names (by service shape id, as smithy-typescript's
 * `TypeScriptIntegration`s do for the AWS SDK), and covered by Smithy's protocol tests. They
 * follow `@aws-sdk/middleware-sdk-api-gateway` and `@aws-sdk/middleware-sdk-glacier`, as
 * `OperationMiddleware` for this runtime's composition. A client whose service needs none does not
 * import them.
 */
import { HttpRequest } from "@smithy/core/protocols";
import { toHex } from "@smithy/core/serde";
import { TreeHash } from "@aws-sdk/sha256-tree-hash";
import type { OperationMiddleware } from "./middleware.js";
import { fileStreamCopy } from "./platform.js";
import { type SerdeContext, collectBody } from "./serde.js";

/** The build step, after the serializer has made the request and before it is signed (see `MiddlewareEntry.order`). */
const BUILD = 45;

/** API Gateway answers in JSON only when asked to: every request says `Accept: application/json`, unless the caller set one. */
export const apiGatewayMiddleware: OperationMiddleware = () => [
  {
    order: BUILD,
    middleware: (next) => (args: { request: unknown }) => {
      if (HttpRequest.isInstance(args.request) && args.request.headers.accept === undefined) args.request.headers.accept = "application/json";
      return next(args);
    },
    options: { name: "acceptHeaderMiddleware", step: "build", tags: ["SET_ACCEPT_HEADER", "ACCEPT_HEADER"], override: true },
  },
];

/**
 * Glacier: an `accountId` left empty means the caller's own account (`-`); every request carries
 * the API version in `x-amz-glacier-version`; and a request with a body carries its SHA-256
 * (`x-amz-content-sha256`) and its SHA-256 tree hash (`x-amz-sha256-tree-hash`), unless the
 * caller gave them. Both hashes need the whole body before the request goes out: a file stream is
 * hashed from its file, any other stream is read into memory first.
 */
export const glacierMiddleware: OperationMiddleware = (config) => [
  {
    // Before input validation (20), so that the default counts as the required account id.
    order: 15,
    middleware: (next) => (args: { input: Record<string, unknown> }) => next(args.input.accountId ? args : { ...args, input: { ...args.input, accountId: "-" } }),
    options: { name: "accountIdDefaultMiddleware", step: "initialize", tags: ["ACCOUNT_ID_DEFAULT"], override: true },
  },
  {
    order: BUILD,
    middleware: (next) => async (args: { request: unknown }) => {
      if (!HttpRequest.isInstance(args.request)) return next(args);
      const request = args.request;
      request.headers["x-amz-glacier-version"] = config.apiVersion;
      if (request.body !== undefined && request.body !== null && request.body !== "") {
        const needed = ["x-amz-content-sha256", "x-amz-sha256-tree-hash"].filter((name) => request.headers[name] === undefined);
        if (needed.length) {
          const contentHash = new config.sha256();
          const treeHash = new TreeHash(config.sha256, config.utf8Decoder);
          let length = 0;
          const update = (chunk: Uint8Array) => {
            contentHash.update(chunk);
            treeHash.update(chunk);
            length += chunk.byteLength;
          };
          // A file stream is hashed from a second read of its file, as the AWS SDK does; any other
          // stream is read into memory (the AWS SDK refuses those).
          const copy = await fileStreamCopy(request.body);
          if (copy) for await (const chunk of copy) update(chunk);
          else update((request.body = await collectBody(request.body, config as unknown as SerdeContext)));
          const hashes: Record<string, string> = {
            "x-amz-content-sha256": toHex(await contentHash.digest()),
            "x-amz-sha256-tree-hash": toHex(await treeHash.digest()),
          };
          for (const name of needed) request.headers[name] = hashes[name]!;
          if (request.headers["content-length"] === undefined) request.headers["content-length"] = String(length);
        }
      }
      return next(args);
    },
    options: { name: "addGlacierHeadersMiddleware", step: "build", tags: ["SET_GLACIER_VERSION", "SET_CHECKSUM_HEADERS"], override: true },
  },
];
