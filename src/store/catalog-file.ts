import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CatalogError, type DecisionArea, parseCatalog } from "../domain/catalog.ts";
import { packageRoot } from "./package-root.ts";

const ROOT = packageRoot(fileURLToPath(import.meta.url));

export const DEFAULT_CATALOG_PATH = join(ROOT, "catalog", "default.yml");

/** Parsed catalogs by absolute path: each file is read and checked once per process. */
const loaded = new Map<string, readonly DecisionArea[]>();

/**
 * The default catalog's areas (or another catalog file's), read and validated on first call and
 * kept for the process's life. A missing or invalid file throws a CatalogError with one message.
 */
export function loadCatalog(path: string = DEFAULT_CATALOG_PATH): readonly DecisionArea[] {
  const absolute = resolve(path);
  const cached = loaded.get(absolute);
  if (cached) return cached;
  const name = displayName(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (err) {
    throw new CatalogError(
      `${name}: cannot read the catalog (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
  const areas = parseCatalog(text, name);
  loaded.set(absolute, areas);
  return areas;
}

/** "catalog/default.yml" inside the package, the path as it is elsewhere. */
function displayName(absolute: string): string {
  const inside = relative(ROOT, absolute);
  return inside.startsWith("..") || isAbsolute(inside) ? absolute : inside.split(sep).join("/");
}
