import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** The codegen package's `templates` folder, found from this module (src or dist). */
export function templatesDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "templates");
    if (existsSync(join(candidate, "client"))) return (cached = candidate);
    dir = dirname(dir);
  }
  throw new Error("sdkgen: cannot find its templates folder");
}
