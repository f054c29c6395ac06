/**
 * `npm run build` (and `prestart`, so `npm ci && npm start` stays the whole deployment): bundles
 * rolecall's TypeScript into dist/main.js and dist/cli.js. Dependencies stay in node_modules.
 *
 * Why compile at all when tsx can run the sources: tsx's loader runs in a thread of its own, a
 * second V8 heap of about 30 MB for the bot's whole life, and the bot is meant to stay under
 * 150 MB. Bundling takes esbuild a fraction of a second.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** What `npm start` runs after `prestart`: the `node` flags and the bundle, read from package.json. */
export function startCommand(): { flags: string[]; entry: string } {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } };
  const [node, ...rest] = pkg.scripts.start.split(/\s+/);
  const entry = rest.at(-1);
  if (node !== "node" || !entry?.startsWith("dist/")) {
    throw new Error(`Expected "start" to be "node [flags] dist/<bundle>.js", not "${pkg.scripts.start}".`);
  }
  return { flags: rest.slice(0, -1), entry };
}

/** Bundles each entry (name → source file, from the repository root) into `outdir` under the root. */
export async function bundle(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    // Native addons (better-sqlite3, resvg) and the rest load from node_modules as they are.
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
  });
}

/** What `prestart` builds: the bot (dist/main.js) and the CLI (dist/cli.js). */
export function bundleApp(): Promise<void> {
  return bundle({ main: "src/main.ts", cli: "src/cli.ts" }, "dist");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await bundleApp();
  } catch {
    // esbuild has already printed what failed, with file and line.
    process.exit(1);
  }
}
