/**
 * Fits the who-decides decision to answer (src/domain/answer-calibration.ts) on the realistic TUNE
 * set and writes its parameters to catalog/answer-calibration.json. Re-run after changing the
 * catalog, the technology names, the example questions or the matcher:
 *
 *   npx tsx scripts/calibrate-who-decides.ts           # fit, print figures, write the file
 *   npx tsx scripts/calibrate-who-decides.ts --check   # print figures for the current file only
 *
 * The held-out realistic TEST set is never read here: it measures the result, not the fit.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type AnswerCalibration,
  type AnswerFeatures,
  answerCalibrationSchema,
  answerProbability,
  FEATURE_NAMES,
} from "../src/domain/answer-calibration.ts";
import { ExampleIndex } from "../src/domain/example-index.ts";
import { AreaMatcher } from "../src/domain/matcher.ts";
import {
  CALIBRATION_PATH,
  loadCatalog,
  loadExampleQuestions,
  loadTechnologies,
} from "../src/store/catalog-file.ts";

const FIXTURES = join(import.meta.dirname, "..", "tests", "domain", "fixtures");
/** Fitted on; the others are printed as checks only. */
const TRAIN = "realistic-tune-questions.tsv";
const CHECKS = ["who-decides-examples.tsv", "held-out-questions.tsv", "dev-questions.tsv"];
/** Sets used while the matcher was first tuned: no threshold may claim an owner out of domain there. */
const GUARDS = ["who-decides-examples.tsv", "dev-questions.tsv"];
const STEPS = 20_000;
const LEARNING_RATE = 0.5;
const L2 = 0.001;

type Sample = {
  question: string;
  accepted: string[];
  features: AnswerFeatures | null;
  topRight: boolean;
  named: boolean;
};

const technologies = loadTechnologies();
const areas = loadCatalog();
// Features come from the uncalibrated matcher; `named` is the matcher's own gate, kept as is.
// The example questions are part of the matcher: their words count as evidence (catalog/examples.yml).
const examples = new ExampleIndex(loadExampleQuestions(areas), technologies);
const matcher = new AreaMatcher(areas, {
  technologies,
  examples,
  calibration: { bias: 0, weights: zeros(), threshold: 0 },
});

function zeros(): Record<(typeof FEATURE_NAMES)[number], number> {
  return Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<
    (typeof FEATURE_NAMES)[number],
    number
  >;
}

function samples(file: string): Sample[] {
  return readFileSync(join(FIXTURES, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((line) => {
      const [question = "", roles = ""] = line.split("\t").map((c) => c.trim());
      const accepted = roles === "none" ? [] : roles.split(",").map((r) => r.trim());
      const result = matcher.match(question);
      const top = result.ranked[0];
      return {
        question,
        accepted,
        features: result.features,
        topRight: top !== undefined && accepted.includes(top.area.decider),
        named: result.best !== null,
      };
    });
}

function fitLogistic(train: Sample[]): Pick<AnswerCalibration, "bias" | "weights"> {
  const rows = train.filter((s) => s.features && s.named);
  const weights = zeros();
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = zeros();
    let gradBias = 0;
    for (const s of rows) {
      const f = s.features as AnswerFeatures;
      const err = answerProbability({ bias, weights }, f) - (s.topRight ? 1 : 0);
      gradBias += err;
      for (const n of FEATURE_NAMES) grad[n] += err * f[n];
    }
    bias -= (LEARNING_RATE * gradBias) / rows.length;
    for (const n of FEATURE_NAMES) weights[n] -= LEARNING_RATE * (grad[n] / rows.length + L2 * weights[n]);
  }
  return { bias, weights };
}

type Figures = { n: number; correct: number; falseClaims: number; wrongOwners: number; abstained: number };

function evaluate(set: Sample[], model: AnswerCalibration): Figures {
  const f: Figures = { n: set.length, correct: 0, falseClaims: 0, wrongOwners: 0, abstained: 0 };
  for (const s of set) {
    const answers = s.named && s.features !== null && answerProbability(model, s.features) >= model.threshold;
    if (!answers) {
      if (s.accepted.length === 0) f.correct++;
      else f.abstained++;
    } else if (s.accepted.length === 0) f.falseClaims++;
    else if (s.topRight) f.correct++;
    else f.wrongOwners++;
  }
  return f;
}

/**
 * The threshold with the most right answers on the training set, such that no owner is claimed out
 * of domain there nor in the sets used while the matcher was first tuned (`guards`), whose tests
 * hold that bar.
 */
function chooseThreshold(
  train: Sample[],
  guards: Sample[],
  fitted: Pick<AnswerCalibration, "bias" | "weights">,
): number {
  const probabilities = [
    ...new Set(
      train.filter((s) => s.features).map((s) => answerProbability(fitted, s.features as AnswerFeatures)),
    ),
  ].sort((a, b) => a - b);
  let best = { threshold: 1, correct: -1 };
  for (let i = 0; i < probabilities.length; i++) {
    const low = probabilities[i - 1] ?? 0;
    const threshold = (low + (probabilities[i] as number)) / 2;
    const f = evaluate(train, { ...fitted, threshold });
    if (f.falseClaims > 0 || f.correct <= best.correct) continue;
    if (evaluate(guards, { ...fitted, threshold }).falseClaims === 0)
      best = { threshold, correct: f.correct };
  }
  return best.threshold;
}

function line(name: string, f: Figures): string {
  const pct = (x: number) => `${((100 * x) / f.n).toFixed(1)}%`;
  return `${name}: accuracy ${f.correct}/${f.n} (${pct(f.correct)}), false claims ${f.falseClaims}, wrong owners ${f.wrongOwners}, abstained in domain ${f.abstained} (${pct(f.abstained)})`;
}

const train = samples(TRAIN);
let model: AnswerCalibration;
if (process.argv.includes("--check")) {
  model = answerCalibrationSchema.parse(JSON.parse(readFileSync(CALIBRATION_PATH, "utf8")));
} else {
  const fitted = fitLogistic(train);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  model = {
    note: `Written by scripts/calibrate-who-decides.ts from ${TRAIN}; do not edit by hand.`,
    bias: round(fitted.bias),
    weights: Object.fromEntries(
      FEATURE_NAMES.map((n) => [n, round(fitted.weights[n])]),
    ) as AnswerCalibration["weights"],
    threshold: 0,
  };
  model.threshold = round(chooseThreshold(train, GUARDS.flatMap(samples), model));
  writeFileSync(CALIBRATION_PATH, `${JSON.stringify(model, null, 2)}\n`);
  console.info(`wrote ${CALIBRATION_PATH}`);
}
console.info(line(`tune (${TRAIN})`, evaluate(train, model)));
for (const file of CHECKS) console.info(line(file, evaluate(samples(file), model)));
if (process.env.SHOW) {
  for (const s of train) {
    const p = s.features ? answerProbability(model, s.features) : 0;
    const answers = s.named && p >= model.threshold;
    const ok = answers ? s.accepted.length > 0 && s.topRight : s.accepted.length === 0;
    if (!ok || (s.accepted.length === 0 && p > 0.3))
      console.info(`${answers ? "CLAIM" : "ABST "} p=${p.toFixed(2)} ${s.question}`);
  }
}
