/**
 * The digest's drift chart: each lead's technical share (tech-lead + architect, %) per month, actual as
 * a solid line with points and stated as a dashed line in the same colour, over the last months.
 *
 * Rendered on the server, headless and offline: vega-lite spec → vega (renderer "none", `toSVG`) →
 * `@resvg/resvg-js` → PNG. No browser, no canvas, no network.
 *
 * Fonts: resvg is never left to whatever the system happens to have. We load one known font file and
 * turn system font loading off (faster and reproducible): DejaVu Sans from the `dejavu-fonts-ttf` npm
 * package, so every install renders the same text, slim container images included; should that file
 * be missing, DejaVu Sans in its usual Linux locations (Debian/Ubuntu `fonts-dejavu-core`, Alpine,
 * Fedora, Arch), Liberation Sans, then Arial on macOS — or the files passed in `fontFiles`. When none exists we fall back to resvg's
 * system font loading; if that finds nothing either, the PNG still renders (lines, axes, legend
 * swatches) but without text. `chartFont()` says which was chosen, and `missingFontWarning()` turns
 * that into a warning that the job logs and the CLI and demo print: a chart without a title, axis
 * labels or lead names must not go unnoticed (slim container images ship no fonts at all).
 *
 * vega, vega-lite and resvg are imported on first render, not at start-up: they are about 45 MB of
 * the bot's memory, and a bot that answers slash commands all month needs them once a month.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { View } from "vega";
import type { TopLevelSpec } from "vega-lite";
import type { MonthKey, TeamDigest } from "../../domain/digest.ts";
import { monthLabel } from "../../domain/digest-text.ts";

export type DriftChartPoint = { month: MonthKey; stated: number | null; actual: number | null };

export type DriftChartSeries = {
  /** Legend label, e.g. the lead's display name. Made unique if repeated. */
  label: string;
  points: readonly DriftChartPoint[];
};

export type DriftChartInput = {
  /** The months on the x axis, oldest first (points for other months are ignored). */
  months: readonly MonthKey[];
  series: readonly DriftChartSeries[];
  title?: string;
  /** A smaller line under the title (how to read the chart). */
  subtitle?: string;
  /** Output width and height in pixels (whole image). Default 800 × 400. */
  width?: number;
  height?: number;
};

export type ChartRenderOptions = {
  /** Font files to use instead of the built-in candidates; the first one's family must be `fontFamily`. */
  fontFiles?: readonly string[];
  fontFamily?: string;
};

export const DEFAULT_CHART_WIDTH = 800;
export const DEFAULT_CHART_HEIGHT = 400;

/** DejaVu Sans as shipped in the `dejavu-fonts-ttf` package (undefined if it cannot be resolved). */
function packagedFont(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
  } catch {
    return undefined;
  }
}

const FONT_CANDIDATES: readonly { file: string; family: string }[] = [
  ...(packagedFont() ? [{ file: packagedFont() as string, family: "DejaVu Sans" }] : []),
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", family: "DejaVu Sans" },
  { file: "/usr/share/fonts/dejavu/DejaVuSans.ttf", family: "DejaVu Sans" },
  { file: "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", family: "DejaVu Sans" },
  { file: "/usr/share/fonts/TTF/DejaVuSans.ttf", family: "DejaVu Sans" },
  { file: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", family: "Liberation Sans" },
  { file: "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf", family: "Liberation Sans" },
  { file: "/System/Library/Fonts/Supplemental/Arial.ttf", family: "Arial" },
  { file: "/Library/Fonts/Arial.ttf", family: "Arial" },
];

export type ChartFont = { source: "file" | "system"; files: readonly string[]; family: string };

let cachedFont: ChartFont | undefined;

/** The font the chart renders with (resolved once; see the module comment). */
export function chartFont(options: ChartRenderOptions = {}): ChartFont {
  if (options.fontFiles && options.fontFiles.length > 0) {
    return { source: "file", files: options.fontFiles, family: options.fontFamily ?? "sans-serif" };
  }
  if (!cachedFont) {
    const found = FONT_CANDIDATES.find((c) => existsSync(c.file));
    cachedFont = found
      ? { source: "file", files: [found.file], family: found.family }
      : { source: "system", files: [], family: "sans-serif" };
  }
  return cachedFont;
}

/** A warning when the chart has no known font file to render its text with, else null. */
export function missingFontWarning(font: ChartFont = chartFont()): string | null {
  if (font.source === "file" && font.files.some((f) => existsSync(f))) return null;
  const looked = font.source === "file" ? font.files.join(", ") : "DejaVu Sans, Liberation Sans, Arial";
  return (
    `No font file for the drift chart (looked for ${looked}): its title, axes and lead names may ` +
    "render without text. Reinstall with npm ci (the dejavu-fonts-ttf package ships one), or install fonts-dejavu-core (Debian, Ubuntu) or ttf-dejavu (Alpine)."
  );
}

type Row = { lead: string; month: string; kind: "actual" | "stated"; value: number };

function uniqueLabels(series: readonly DriftChartSeries[]): string[] {
  const seen = new Map<string, number>();
  return series.map((s) => {
    const n = (seen.get(s.label) ?? 0) + 1;
    seen.set(s.label, n);
    return n === 1 ? s.label : `${s.label} (${n})`;
  });
}

function shortMonth(month: MonthKey): string {
  const label = monthLabel(month); // "November 2026"
  const [name, year] = label.split(" ");
  return name && year ? `${name.slice(0, 3)} ${year}` : month;
}

/** The vega-lite spec (exported so tests and Block Kit alt text can inspect the data). */
export function buildDriftChartSpec(input: DriftChartInput, font = "sans-serif"): TopLevelSpec {
  const labels = uniqueLabels(input.series);
  const monthSet = new Set(input.months);
  const xLabels = input.months.map(shortMonth);
  const rows: Row[] = [];
  input.series.forEach((s, i) => {
    const lead = labels[i] ?? s.label;
    for (const p of s.points) {
      if (!monthSet.has(p.month)) continue;
      const month = shortMonth(p.month);
      if (p.actual !== null) rows.push({ lead, month, kind: "actual", value: p.actual });
      if (p.stated !== null) rows.push({ lead, month, kind: "stated", value: p.stated });
    }
  });
  const x = {
    field: "month",
    type: "ordinal",
    title: null,
    scale: { domain: xLabels },
    axis: { labelAngle: 0 },
  };
  const y = {
    field: "value",
    type: "quantitative",
    title: "Technical share of the week (%)",
    scale: { domain: [0, 100] },
    axis: { values: [0, 20, 40, 60, 80, 100] },
  };
  // Vega's default palette has 10 colours; past that two leads would share one.
  const palette = labels.length > 10 ? { scheme: "tableau20" } : {};
  const color = { field: "lead", type: "nominal", title: "Lead", scale: { domain: labels, ...palette } };
  const lastMonth = xLabels[xLabels.length - 1] ?? "";
  const title = input.title
    ? { text: input.title, ...(input.subtitle ? { subtitle: input.subtitle } : {}) }
    : undefined;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: input.width ?? DEFAULT_CHART_WIDTH,
    height: input.height ?? DEFAULT_CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: { left: 16, right: 20, top: 16, bottom: 12 },
    background: "white",
    ...(title ? { title } : {}),
    config: {
      font,
      view: { stroke: null },
      title: {
        fontSize: 17,
        fontWeight: "bold",
        color: "#1d1c1d",
        anchor: "start",
        subtitleFontSize: 12.5,
        subtitleColor: "#616061",
        subtitlePadding: 6,
        offset: 16,
      },
      axis: {
        labelFontSize: 12,
        labelColor: "#454245",
        titleFontSize: 12,
        titleFontWeight: "normal",
        titleColor: "#616061",
        gridColor: "#ebebeb",
        domainColor: "#b0b0b0",
        tickColor: "#b0b0b0",
      },
      axisX: { grid: false, labelPadding: 8 },
      axisY: { titlePadding: 10 },
      legend: {
        orient: "right",
        labelFontSize: 12,
        labelColor: "#1d1c1d",
        titleFontSize: 12,
        titleColor: "#616061",
        titleFontWeight: "normal",
        labelLimit: 240,
        rowPadding: 7,
        symbolStrokeWidth: 2.5,
      },
    },
    data: { values: rows },
    layer: [
      {
        mark: { type: "line", strokeWidth: 2.75, strokeCap: "round" },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: "kind",
            type: "nominal",
            title: "Technical share",
            scale: {
              domain: ["actual", "stated"],
              range: [
                [1, 0],
                [6, 4],
              ],
            },
            legend: {
              symbolSize: 600,
              symbolStrokeColor: "#454245",
              labelExpr: "datum.label === 'actual' ? 'actual (check-ins)' : 'stated (allocation)'",
            },
          },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'actual'" }],
        mark: { type: "point", filled: true, size: 70, opacity: 1 },
        encoding: { x, y, color },
      },
      {
        // The latest actual figure, next to its point: the number a reader looks for first.
        transform: [
          { filter: `datum.kind === 'actual' && datum.month === ${JSON.stringify(lastMonth)}` },
          { calculate: "format(datum.value, '.0f') + '%'", as: "label" },
        ],
        mark: { type: "text", align: "left", dx: 9, fontSize: 12, fontWeight: "bold" },
        encoding: { x, y, color, text: { field: "label", type: "nominal" } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * The chart as an SVG string (vega, headless). `autosize: fit` shrinks the plot but not a legend on
 * the right, so a team with many leads would lose the bottom of its legend (leads and the
 * solid/dashed key) past the image's edge: the chart then grows taller until the legend fits.
 */
export async function renderDriftChartSvg(
  input: DriftChartInput,
  options: ChartRenderOptions = {},
): Promise<string> {
  const font = chartFont(options);
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  let height = input.height ?? DEFAULT_CHART_HEIGHT;
  for (let pass = 0; ; pass++) {
    const vegaSpec = compile(buildDriftChartSpec({ ...input, height }, font.family)).spec;
    const view = new View(parse(vegaSpec), { renderer: "none" });
    try {
      await view.runAsync();
      const needed = contentHeight(view);
      if (pass === 0 && needed > height) {
        height = Math.ceil(needed);
        continue;
      }
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  }
}

/** Everything drawn (title, plot, axes, legends) plus the padding, in pixels. */
function contentHeight(view: View): number {
  const bounds = (view.scenegraph() as unknown as { root: { bounds: { y1: number; y2: number } } }).root
    .bounds;
  const padding = view.padding() as { top?: number; bottom?: number };
  return bounds.y2 - bounds.y1 + (padding.top ?? 0) + (padding.bottom ?? 0);
}

/** The chart as a PNG of exactly `width` (default 800) pixels across, `height` (default 400) or
 * taller when the legend needs it. */
export async function renderDriftChartPng(
  input: DriftChartInput,
  options: ChartRenderOptions = {},
): Promise<Buffer> {
  const svg = await renderDriftChartSvg(input, options);
  const font = chartFont(options);
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: input.width ?? DEFAULT_CHART_WIDTH },
    background: "white",
    font:
      font.source === "file"
        ? {
            loadSystemFonts: false,
            fontFiles: [...font.files],
            defaultFontFamily: font.family,
            sansSerifFamily: font.family,
          }
        : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}

/**
 * The chart input for a team channel: one series per public lead, plus the private leads' average when
 * the digest shows one. Never includes a private lead's own numbers.
 */
export function driftChartInputFromDigest(
  digest: TeamDigest,
  nameOf: (lead: TeamDigest["leads"][number]) => string = (l) => l.displayName ?? l.userId,
): DriftChartInput {
  const series: DriftChartSeries[] = digest.publicLeads.map((lead) => ({
    label: nameOf(lead),
    points: lead.series.map((p) => ({
      month: p.month,
      stated: p.statedTechnical,
      actual: p.actualTechnical,
    })),
  }));
  if (digest.aggregate) {
    series.push({
      label: `Private leads (avg of ${digest.aggregate.leadCount})`,
      points: digest.aggregate.series.map((p) => ({
        month: p.month,
        stated: p.statedTechnical,
        actual: p.actualTechnical,
      })),
    });
  }
  return {
    months: digest.chartMonths,
    series,
    title: `Technical share per lead, stated vs actual — ${monthLabel(digest.month)}`,
    subtitle:
      "Time on tech-lead and architect work. Solid: what check-ins reported. Dashed: the stated allocation.",
  };
}

/** The chart's alt text: each lead's latest stated and actual share, within Slack's 1000 characters. */
export function driftChartAltText(input: ReturnType<typeof driftChartInputFromDigest>): string {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "no data" : `${v}%`);
  const lines = input.series.map((s) => {
    const last = s.points[s.points.length - 1];
    return `${s.label}: stated ${pct(last?.stated)}, actual ${pct(last?.actual)}`;
  });
  const text = `Line chart of technical share per lead, stated vs actual, by month. Latest month — ${lines.join("; ")}.`;
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}
