/**
 * Starting the fake's servers: checked ports, and listen failures turned into
 * one clear, typed error.
 */
import type { Server } from "node:http";

/** The fake could not start: a bad option, or a port it cannot listen on. Nothing is left running. */
export class FakeServiceStartError extends Error {
  override readonly name = "FakeServiceStartError";

  constructor(
    message: string,
    /** `ERR_SOCKET_BAD_PORT` for a bad port option, or the system error code when listening failed, e.g. `EADDRINUSE`. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Throws a {@link FakeServiceStartError} unless `port` is absent or a whole number from 0 to 65535. */
export function checkPort(name: string, port: number | undefined): void {
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new FakeServiceStartError(`${name} must be a whole number from 0 to 65535 (0: a free port), got ${String(port)}.`, "ERR_SOCKET_BAD_PORT");
  }
}

/** Listens on `host`, turning a failure into a {@link FakeServiceStartError} that names the address. */
export async function listenOn(server: Server, port: number, host: string, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code === "EADDRINUSE" ? "the port is in use" : error.code === "EACCES" ? "permission denied" : error.message;
      reject(new FakeServiceStartError(`The ${what} cannot listen on ${host}:${port}: ${reason}.`, error.code, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}
