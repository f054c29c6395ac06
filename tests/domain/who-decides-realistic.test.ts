import { describe, expect, it } from "vitest";
import { AreaMatcher } from "../../src/domain/matcher.ts";
import { loadCatalog, loadMatcherOptions } from "../../src/store/catalog-file.ts";
import { readCases } from "./who-decides-cases.ts";

// Questions phrased the way people type in Slack (issue 14). The decision to answer is fitted on the
// TUNE set by scripts/calibrate-who-decides.ts; the TEST set is held out and never tuned on.
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

// Bounds: the tune figures a few points below what the calibration reaches. The test bounds are the
// figures of the one run on the held-out set (73.3%, 2 owners claimed out of domain of 92): the
// issue's target was at most 1 and 85%, not met yet; they are held so that nothing gets worse.
describe.each([
  { name: "tune", file: "realistic-tune-questions.tsv", minAccuracy: 0.68, maxFalseClaims: 0 },
  { name: "test", file: "realistic-test-questions.tsv", minAccuracy: 0.72, maxFalseClaims: 2 },
])("who-decides realistic $name questions", ({ name, file, minAccuracy, maxFalseClaims }) => {
  const f = figures(file);

  it(`claims an owner for at most ${maxFalseClaims} out-of-domain question(s)`, () => {
    expect(f.outOfDomain).toBeGreaterThanOrEqual(60);
    expect(f.falseClaims.map((r) => `${r.question} -> ${r.best?.area.id}`).length).toBeLessThanOrEqual(
      maxFalseClaims,
    );
  });

  it(`answers at least ${minAccuracy * 100}% correctly`, () => {
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    console.info(
      `realistic ${name} accuracy: ${f.correct.length}/${f.results.length} (${pct(f.correct.length, f.results.length)}), ` +
        `false claims: ${f.falseClaims.length}, wrong owners: ${f.wrong.length}, ` +
        `abstained in domain: ${f.abstained.length}/${f.results.length - f.outOfDomain}`,
    );
    expect(f.correct.length / f.results.length).toBeGreaterThanOrEqual(minAccuracy);
  });
});
