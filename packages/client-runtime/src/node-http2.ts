/**
 * Node only: `@smithy/node-http-handler`'s HTTP/2 handler, which `platform.ts` loads for the clients
 * whose event streams need HTTP/2 (see `http2PlatformDefaults`) when they send their first request.
 */
export { NodeHttp2Handler } from "@smithy/node-http-handler";
