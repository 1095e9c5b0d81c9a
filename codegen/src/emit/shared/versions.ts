/** The runtime packages generated code depends on, with the ranges written into package.json. */
export const RUNTIME_VERSIONS: Record<string, string> = {
  "@aws-crypto/sha256-browser": "^5.2.0",
  "@aws-sdk/credential-provider-node": "^3.972.98",
  "@aws-sdk/util-endpoints": "^3.996.55",
  "@smithy/core": "^3.41.1",
  "@smithy/fetch-http-handler": "^5.8.1",
  "@smithy/hash-node": "^4.5.2",
  "@smithy/md5-js": "^4.5.2",
  "@smithy/node-http-handler": "^4.14.2",
  "@smithy/signature-v4": "^5.7.5",
  "@smithy/smithy-client": "^4.15.2",
  "@smithy/types": "^4.20.0",
  "aws-sdk-client-mock": "^4.1.0",
  "esbuild": "^0.28.2",
  "fast-check": "^4.0.0",
};
