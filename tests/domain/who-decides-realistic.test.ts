import { describe, expect, it } from "vitest";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { loadCatalog, loadMatcherOptions } from "../../src/store/catalog-file.ts";
import { readCases } from "./who-decides-cases.ts";

// Questions phrased the way people type in Slack (issue 14). The decision to answer is fitted on the
// TUNE sets by scripts/calibrate-who-decides.ts; the TEST set is held out and never tuned on.
// loadMatcherOptions() includes the example questions, as the bot does.
const matcher = new AreaMatcher(loadCatalog(), loadMatcherOptions());

function figures(file: string) {
  const cases = readCases(new URL(`./fixtures/${file}`, import.meta.url));
  const results = cases.map((c) => ({ ...c, best: matcher.match(c.question).best }));
  const correct = results.filter((r) =>
    r.accepted.length === 0 ? r.best === null : r.best !== null && r.accepted.includes(r.best.area.decider),
  );
  const falseClaims = results.filter((r) => r.accepted.length === 0 && r.best !== null);
  const inDomain = results.filter((r) => r.accepted.length > 0);
  const abstained = inDomain.filter((r) => r.best === null);
  const wrong = inDomain.filter((r) => r.best && !r.accepted.includes(r.best.area.decider));
  return { results, correct, falseClaims, abstained, wrong, outOfDomain: results.length - inDomain.length };
}

const TUNE_MIN = 0.807;
const TUNE2_MIN = 0.827;
const TUNE3_MIN = 0.803;
const TUNE4_MIN = 0.818;
const TEST_MIN = 0.8;

// Bounds: what was measured. The TUNE sets after the calibration was fitted on them (TUNE2 to TUNE4
// were each the held-out set until they had been looked at). TEST: the one run on the held-out set
// after all tuning, 334/417 with 3 owners claimed out of domain of 125 (see docs/who-decides.md,
// "How well it answers"); the bounds hold those figures so that nothing gets worse.
describe.each([
  { name: "tune", file: "realistic-tune-questions.tsv", minAccuracy: TUNE_MIN, maxFalseClaims: 0 },
  { name: "tune2", file: "realistic-tune2-questions.tsv", minAccuracy: TUNE2_MIN, maxFalseClaims: 0 },
  { name: "tune3", file: "realistic-tune3-questions.tsv", minAccuracy: TUNE3_MIN, maxFalseClaims: 0 },
  { name: "tune4", file: "realistic-tune4-questions.tsv", minAccuracy: TUNE4_MIN, maxFalseClaims: 0 },
  { name: "test", file: "realistic-test-questions.tsv", minAccuracy: TEST_MIN, maxFalseClaims: 3 },
])("who-decides realistic $name questions", ({ name, file, minAccuracy, maxFalseClaims }) => {
  const f = figures(file);

  it(`claims an owner for at most ${maxFalseClaims} out-of-domain question(s)`, () => {
    expect(f.outOfDomain).toBeGreaterThanOrEqual(60);
    expect(f.falseClaims.map((r) => `${r.question} -> ${r.best?.area.id}`).length).toBeLessThanOrEqual(
      maxFalseClaims,
    );
  });

  it(`answers at least ${(minAccuracy * 100).toFixed(1)}% correctly`, () => {
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    console.info(
      `realistic ${name} accuracy: ${f.correct.length}/${f.results.length} (${pct(f.correct.length, f.results.length)}), ` +
        `false claims: ${f.falseClaims.length}, wrong owners: ${f.wrong.length}, ` +
        `abstained in domain: ${f.abstained.length}/${f.results.length - f.outOfDomain}`,
    );
    expect(f.correct.length / f.results.length).toBeGreaterThanOrEqual(minAccuracy);
  });
});
