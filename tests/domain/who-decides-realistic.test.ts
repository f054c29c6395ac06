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
  const results = cases.map((c) => {
    const result = matcher.match(c.question);
    return { ...c, best: result.best, ranked: result.ranked };
  });
  const correct = results.filter((r) =>
    r.accepted.length === 0 ? r.best === null : r.best !== null && r.accepted.includes(r.best.area.decider),
  );
  const falseClaims = results.filter((r) => r.accepted.length === 0 && r.best !== null);
  const inDomain = results.filter((r) => r.accepted.length > 0);
  const abstained = inDomain.filter((r) => r.best === null);
  // An abstention offers the three closest areas as "Did you mean?" buttons: one click from the answer
  // when one of them is the question's own area. (A button for another area with the same decider
  // names the right owner, but the wrong people to consult, and would be learnt for that area.)
  const offered = abstained.filter((r) => r.ranked.slice(0, 3).some((m) => r.areas.includes(m.area.id)));
  const wrong = inDomain.filter((r) => r.best && !r.accepted.includes(r.best.area.decider));
  return {
    results,
    correct,
    falseClaims,
    abstained,
    offered,
    wrong,
    outOfDomain: results.length - inDomain.length,
  };
}

const TUNE_MIN = 0.762;
const TUNE2_MIN = 0.799;
const TUNE3_MIN = 0.766;
const TUNE4_MIN = 0.798;
const TUNE5_MIN = 0.797;
const TEST_MIN = 0.803;

// Bounds: what was measured. The TUNE sets after the calibration was fitted on them (TUNE2 to TUNE5
// were each the held-out set until they had been looked at). TEST: the one run on the held-out set
// after all tuning, 359/447 with no owner claimed out of domain of 158 (see docs/who-decides.md,
// "How well it answers"); the bounds hold those figures so that nothing gets worse. `minReach`: the
// share of in-domain questions answered with the right owner, or offered their own area among the
// buttons.
describe.each([
  {
    name: "tune",
    file: "realistic-tune-questions.tsv",
    minAccuracy: TUNE_MIN,
    maxFalseClaims: 0,
    minReach: 0.908,
  },
  {
    name: "tune2",
    file: "realistic-tune2-questions.tsv",
    minAccuracy: TUNE2_MIN,
    maxFalseClaims: 0,
    minReach: 0.93,
  },
  {
    name: "tune3",
    file: "realistic-tune3-questions.tsv",
    minAccuracy: TUNE3_MIN,
    maxFalseClaims: 0,
    minReach: 0.914,
  },
  {
    name: "tune4",
    file: "realistic-tune4-questions.tsv",
    minAccuracy: TUNE4_MIN,
    maxFalseClaims: 0,
    minReach: 0.905,
  },
  {
    name: "tune5",
    file: "realistic-tune5-questions.tsv",
    minAccuracy: TUNE5_MIN,
    maxFalseClaims: 0,
    minReach: 0.92,
  },
  {
    name: "test",
    file: "realistic-test-questions.tsv",
    minAccuracy: TEST_MIN,
    maxFalseClaims: 0,
    minReach: 0.927,
  },
])("who-decides realistic $name questions", ({ name, file, minAccuracy, maxFalseClaims, minReach }) => {
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
        `abstained in domain: ${f.abstained.length}/${f.results.length - f.outOfDomain} ` +
        `(its area among the buttons: ${f.offered.length})`,
    );
    expect(f.correct.length / f.results.length).toBeGreaterThanOrEqual(minAccuracy);
  });

  it(`answers with the right owner, or offers the question's area as a button, for at least ${(minReach * 100).toFixed(1)}% of in-domain questions`, () => {
    const inDomain = f.results.length - f.outOfDomain;
    const answeredRight = inDomain - f.abstained.length - f.wrong.length;
    console.info(
      `realistic ${name}: right owner answered, or its area offered: ${answeredRight + f.offered.length}/${inDomain}`,
    );
    expect((answeredRight + f.offered.length) / inDomain).toBeGreaterThanOrEqual(minReach);
  });
});
