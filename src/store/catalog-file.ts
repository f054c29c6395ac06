import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { answerCalibrationSchema } from "../domain/answer-calibration.ts";
import { CatalogError, type DecisionArea, parseCatalog } from "../domain/catalog.ts";
import { ExampleIndex } from "../domain/example-index.ts";
import { type ExampleQuestions, parseExampleQuestions } from "../domain/example-questions.ts";
import type { MatcherOptions } from "../domain/matcher.ts";
import { parseTechnologies, type TechnologyLexicon } from "../domain/technologies.ts";
import { packageRoot } from "./package-root.ts";

const ROOT = packageRoot(fileURLToPath(import.meta.url));

export const DEFAULT_CATALOG_PATH = join(ROOT, "catalog", "default.yml");
export const TECHNOLOGIES_PATH = join(ROOT, "catalog", "technologies.yml");
export const CALIBRATION_PATH = join(ROOT, "catalog", "answer-calibration.json");
export const EXAMPLES_PATH = join(ROOT, "catalog", "examples.yml");

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
  const areas = parseCatalog(readText(absolute, name), name);
  loaded.set(absolute, areas);
  return areas;
}

/** Matcher options by the files they were read from: each set is read, checked and indexed once. */
const matcherOptions = new Map<string, MatcherOptions>();

/**
 * The technology names, the example questions and the calibrated decision to answer that every
 * workspace's matcher uses, read and checked once per process (a mistake throws a CatalogError
 * naming the file). The examples are checked against the default catalog's area ids (`catalogPath`'s
 * when given) and indexed once, shared by every workspace.
 */
export function loadMatcherOptions(
  paths: { catalogPath?: string; examplesPath?: string } = {},
): MatcherOptions {
  const key = `${resolve(paths.catalogPath ?? DEFAULT_CATALOG_PATH)}\n${resolve(paths.examplesPath ?? EXAMPLES_PATH)}`;
  const cached = matcherOptions.get(key);
  if (cached) return cached;
  const technologies = loadTechnologies();
  const catalog = loadCatalog(paths.catalogPath);
  const examples = new ExampleIndex(loadExampleQuestions(catalog, paths.examplesPath), technologies, catalog);
  const calName = displayName(CALIBRATION_PATH);
  let raw: unknown;
  try {
    raw = JSON.parse(readText(CALIBRATION_PATH, calName));
  } catch (err) {
    if (err instanceof CatalogError) throw err;
    throw new CatalogError(`${calName}: ${(err as Error).message}`);
  }
  const calibration = answerCalibrationSchema.safeParse(raw);
  if (!calibration.success) {
    const issue = calibration.error.issues[0];
    throw new CatalogError(`${calName}: ${issue?.path.map(String).join(".")}: ${issue?.message}`);
  }
  const options = { technologies, examples, calibration: calibration.data };
  matcherOptions.set(key, options);
  return options;
}

/** catalog/examples.yml (or another file), checked against the areas it gives examples for. */
export function loadExampleQuestions(
  areas: readonly DecisionArea[],
  path: string = EXAMPLES_PATH,
): ExampleQuestions {
  const absolute = resolve(path);
  const name = displayName(absolute);
  return parseExampleQuestions(readText(absolute, name), name, new Set(areas.map((a) => a.id)));
}

/** catalog/technologies.yml, checked (the calibration script needs it without a calibration). */
export function loadTechnologies(): TechnologyLexicon {
  const name = displayName(TECHNOLOGIES_PATH);
  return parseTechnologies(readText(TECHNOLOGIES_PATH, name), name);
}

function readText(absolute: string, name: string): string {
  try {
    return readFileSync(absolute, "utf8");
  } catch (err) {
    throw new CatalogError(
      `${name}: cannot read the catalog (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
}

/** "catalog/default.yml" inside the package, the path as it is elsewhere. */
function displayName(absolute: string): string {
  const inside = relative(ROOT, absolute);
  return inside.startsWith("..") || isAbsolute(inside) ? absolute : inside.split(sep).join("/");
}
