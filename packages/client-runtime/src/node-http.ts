/**
 * Node only: the HTTP stack of `@smithy/node-http-handler`. `platform.ts`
 * loads it when the default request handler sends its first request, so a
 * client given its own handler never loads Node's `http`/`https` modules.
 */
export { NodeHttpHandler } from "@smithy/node-http-handler";
