/**
 * When to claim an owner. The matcher ranks areas well; whether the top one is right is a separate
 * call, made from a few measurements of the match (how much of the question the area explains, how
 * far ahead of a rival decider it is, how specific its words are) by a small logistic model whose
 * weights are fitted on labelled questions by scripts/calibrate-who-decides.ts and kept as data
 * (catalog/answer-calibration.json), so tuning the decision is re-running a script, not editing code.
 */
import { z } from "zod";

export const FEATURE_NAMES = [
  "confidence",
  "margin",
  "strongTerms",
  "specificity",
  "unknownShare",
  "technology",
  "ask",
  "length",
  "posterior",
  "posteriorMargin",
  "outOfDomain",
  "domain",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Measurements of one question's best match, each roughly 0..1. */
export type AnswerFeatures = Record<FeatureName, number>;

export const answerCalibrationSchema = z.strictObject({
  note: z.string().optional(),
  bias: z.number().finite(),
  weights: z.strictObject(
    Object.fromEntries(FEATURE_NAMES.map((n) => [n, z.number().finite()])) as Record<
      FeatureName,
      z.ZodNumber
    >,
  ),
  /** Answer when the model's probability that the top area's decider is right reaches this. */
  threshold: z.number().min(0).max(1),
  /**
   * How the example classifier's posterior joins the ranking: `classifierWeight` times P(area),
   * softened by `temperature`, is added to each area's score; the decision's posterior features are
   * read at `featureTemperature`.
   */
  ranking: z
    .strictObject({
      classifierWeight: z.number().min(0).finite(),
      temperature: z.number().min(1).finite(),
      featureTemperature: z.number().min(1).finite(),
    })
    .optional(),
});
export type AnswerCalibration = z.output<typeof answerCalibrationSchema>;

export function answerProbability(
  model: Pick<AnswerCalibration, "bias" | "weights">,
  f: AnswerFeatures,
): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export function shouldAnswer(model: AnswerCalibration, f: AnswerFeatures): boolean {
  return answerProbability(model, f) >= model.threshold;
}
