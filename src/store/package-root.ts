import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest folder above `file` with a package.json: the same from src/store/ and from the dist/
 * bundle, so files shipped beside the code (migrations/, catalog/) are found from either.
 */
export function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${file}: cannot find rolecall's files.`);
    dir = parent;
  }
  return dir;
}
