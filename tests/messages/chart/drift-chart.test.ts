import { describe, expect, it } from "vitest";
import { type CheckinAnswer, computeTeamDigest, type LeadInput } from "../../../src/domain/digest.ts";
import { weeksOfMonth } from "../../../src/domain/time.ts";
import {
  buildDriftChartSpec,
  chartFont,
  type DriftChartInput,
  driftChartInputFromDigest,
  missingFontWarning,
  renderDriftChartPng,
  renderDriftChartSvg,
} from "../../../src/messages/chart/drift-chart.ts";

const MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // The first chunk must be IHDR: length (4) + type (4) + width (4) + height (4) …
  expect(png.readUInt32BE(8)).toBe(13);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function series(label: string, stated: number, actual: (number | null)[]) {
  return { label, points: MONTHS.map((month, i) => ({ month, stated, actual: actual[i] ?? null })) };
}

const input: DriftChartInput = {
  months: MONTHS,
  title: "Technical share — November 2026",
  series: [
    series("Ana Lima", 60, [62, 70, 75, 80, 78, 85]),
    series("Bo Chen", 40, [null, 35, 30, 42, 38, 20]),
    series("Cy Diaz", 50, [50, 50, null, null, 55, 52]),
  ],
};

/** Where each text of the SVG sits vertically, in image pixels (vega nests `translate`s in `<g>`s). */
function textYs(svg: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: number[] = [0];
  const dy = (tag: string) => Number(/transform="translate\([^,]+,([-\d.]+)\)/.exec(tag)?.[1] ?? 0);
  for (const m of svg.matchAll(/<g\b[^>]*?(\/?)>|<\/g>|<text\b([^>]*)>([^<]*)<\/text>/g)) {
    const top = stack[stack.length - 1] ?? 0;
    if (m[0] === "</g>") stack.pop();
    else if (m[0].startsWith("<g")) {
      if (m[1] !== "/") stack.push(top + dy(m[0]));
    } else out.set(m[3] ?? "", top + dy(m[2] ?? ""));
  }
  return out;
}

function leadsInSpec(spec: unknown): string[] {
  const values = (spec as { data: { values: { lead: string; kind: string }[] } }).data.values;
  return [...new Set(values.map((v) => v.lead))];
}

describe("drift chart", () => {
  it("renders a PNG of the fixed size", async () => {
    const png = await renderDriftChartPng(input);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(png.length).toBeGreaterThan(5_000);
  });

  it("honours a custom size (the height is a minimum: the legend and axis titles must fit)", async () => {
    expect(pngSize(await renderDriftChartPng({ ...input, width: 600, height: 450 }))).toEqual({
      width: 600,
      height: 450,
    });
  });

  it("has one series per lead, actual solid and stated dashed", async () => {
    const spec = buildDriftChartSpec(input);
    expect(leadsInSpec(spec)).toEqual(["Ana Lima", "Bo Chen", "Cy Diaz"]);
    const values = (spec as unknown as { data: { values: { lead: string; kind: string; value: number }[] } })
      .data.values;
    expect(values.filter((v) => v.lead === "Bo Chen" && v.kind === "actual")).toHaveLength(5); // null left out
    expect(values.filter((v) => v.lead === "Bo Chen" && v.kind === "stated")).toHaveLength(6);
    const svg = await renderDriftChartSvg(input);
    expect(svg).toMatch(/^<svg[^>]* width="800" height="400"/);
    // The legend lists each lead once.
    for (const name of ["Ana Lima", "Bo Chen", "Cy Diaz"]) {
      expect(svg.match(new RegExp(`>${name}</text>`, "g"))).toHaveLength(1);
    }
    // Exactly one solid (actual) and one dashed (stated) line per lead.
    const lines = [
      ...svg.matchAll(
        /<path aria-label="[^"]*Lead: ([^;"]+); Technical share: (\w+)"[^>]*line mark"[^>]*stroke-dasharray="([\d,]+)"/g,
      ),
    ];
    expect(lines.map((m) => `${m[1]}/${m[2]}/${m[3]}`).sort()).toEqual([
      "Ana Lima/actual/1,0",
      "Ana Lima/stated/6,4",
      "Bo Chen/actual/1,0",
      "Bo Chen/stated/6,4",
      "Cy Diaz/actual/1,0",
      "Cy Diaz/stated/6,4",
    ]);
  });

  it("gives each of 13 leads its own colour and keeps the whole legend inside the picture", async () => {
    const many = Array.from({ length: 13 }, (_, i) => series(`Lead ${i + 1}`, 30 + 3 * i, [40 + 3 * i]));
    const svg = await renderDriftChartSvg({ ...input, series: many });
    const height = Number(/^<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    const ys = textYs(svg);
    for (const label of [...many.map((s) => s.label), "Technical share", "stated (allocation)"]) {
      expect(ys.get(label), label).toBeGreaterThan(0);
      expect(ys.get(label), label).toBeLessThan(height);
    }
    const colours = many.map(
      (s) =>
        new RegExp(
          `aria-label="[^"]*Lead: ${s.label}; Technical share: actual"[^>]*stroke="(#[0-9a-f]+)"`,
        ).exec(svg)?.[1],
    );
    expect(colours.every((c) => c !== undefined)).toBe(true);
    expect(new Set(colours).size).toBe(13);
    const png = await renderDriftChartPng({ ...input, series: many });
    expect(pngSize(png)).toEqual({ width: 800, height });
  });

  it("tells apart two leads with the same name", () => {
    const spec = buildDriftChartSpec({ ...input, series: [series("Sam", 60, []), series("Sam", 40, [])] });
    expect(leadsInSpec(spec)).toEqual(["Sam", "Sam (2)"]);
  });

  it("renders its text with the DejaVu Sans that npm installs, whatever fonts the machine has", () => {
    const font = chartFont();
    expect(font.family).toBe("DejaVu Sans");
    expect(font.files[0]).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(missingFontWarning(font)).toBeNull();
  });

  it("still renders (without text) when no font file can be loaded, and says the text is missing", async () => {
    const options = { fontFiles: ["/nonexistent/font.ttf"], fontFamily: "Nope" };
    const png = await renderDriftChartPng(input, options);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(missingFontWarning(chartFont(options))).toContain(
      "No font file for the drift chart (looked for /nonexistent/font.ttf)",
    );
    expect(missingFontWarning({ source: "system", files: [], family: "sans-serif" })).toContain(
      "fonts-dejavu-core",
    );
  });

  it("renders an empty chart without failing", async () => {
    expect(pngSize(await renderDriftChartPng({ months: MONTHS, series: [] }))).toEqual({
      width: 800,
      height: 400,
    });
  });

  it("charts public leads and the private average from a digest, never a private lead", async () => {
    const answers = (tl: number): Record<string, CheckinAnswer> =>
      Object.fromEntries(
        ["2026-10", "2026-11"].flatMap((m) =>
          weeksOfMonth(m).map((w) => [
            w,
            { kind: "split", split: { "tech-lead": tl, "engineering-manager": 100 - tl } },
          ]),
        ),
      );
    const lead = (userId: string, displayName: string, isPrivate: boolean, tl: number): LeadInput => ({
      userId,
      displayName,
      isPrivate,
      hats: ["tech-lead", "engineering-manager"],
      hybridPeriods: [{ start: "2026-01-01", end: null }],
      allocations: [{ effectiveDate: "2026-01-01", split: { "tech-lead": 60, "engineering-manager": 40 } }],
      answers: answers(tl),
    });
    const digest = computeTeamDigest({
      month: "2026-11",
      asOf: "2026-12-01",
      leads: [
        lead("U1", "Ana", false, 70),
        lead("U2", "Bo", true, 80),
        lead("U3", "Cy", true, 90),
        lead("U4", "Di", true, 100),
      ],
    });
    const chart = driftChartInputFromDigest(digest);
    expect(chart.months).toEqual(MONTHS);
    expect(chart.series.map((s) => s.label)).toEqual(["Ana", "Private leads (avg of 3)"]);
    expect(chart.series[1]?.points.at(-1)).toEqual({ month: "2026-11", stated: 60, actual: 90 });
    const svg = await renderDriftChartSvg(chart);
    for (const hidden of ["Bo", "Cy", "Di"]) expect(svg).not.toContain(`>${hidden}<`);
    expect(pngSize(await renderDriftChartPng(chart))).toEqual({ width: 800, height: 400 });
  });
});
