/** The browser build's `node:crypto`: only what upload.ts uses, from the Web Crypto API. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}
