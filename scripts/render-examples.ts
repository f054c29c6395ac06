/**
 * Re-makes the Slack pictures in docs/images/ (`npx tsx scripts/render-examples.ts`): a who-decides
 * reply and a weekly check-in DM, built by the app's own Block Kit builders over the demo workspace,
 * drawn as a plain Slack-like HTML page and screenshotted with headless Chromium. The digest chart
 * beside them is `npm run demo`'s own PNG, copied in by hand.
 *
 * Not part of the tests (it needs Chromium: set CHROMIUM to its path if it is not `chromium`). The
 * HTML is a sketch of Slack's look, not Slack: only the block types and mrkdwn these messages use.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { types } from "@slack/bolt";
import { createAppContext } from "../src/compose.ts";
import { main as buildDemo, DEMO_TEAM_ID } from "../src/demo.ts";
import { silentLogger } from "../src/log.ts";
import { checkinPrompt } from "../src/messages/checkin-dm.ts";
import { whoDecidesReply } from "../src/messages/who-decides.ts";
import { checkinContent } from "../src/services/checkin-leads.ts";
import { whoDecides } from "../src/services/who-decides.ts";
import { openDatabase } from "../src/store/db.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fonts = join(root, "node_modules/dejavu-fonts-ttf/ttf");

// The demo workspace's people and channel (src/demo.ts), as Slack would name them.
const NAMES: Record<string, string> = {
  U0DEMOANA: "Ana Lima",
  U0DEMOPRIYA: "Priya Shah",
  U0DEMOBEN: "Ben Okafor",
  U0DEMODANA: "Dana Kowalski",
  U0DEMOCHLOE: "Chloé Martin",
};
const PAYMENTS_CHANNEL = "C0DEMOPAY";
const ANA = "U0DEMOANA";

// Emoji fonts are rarely installed on a server: the bar's squares are drawn as coloured boxes, a few
// shortcodes as symbols DejaVu has, and the rest left out.
const SQUARES: Record<string, string> = {
  "🟦": "#3b73c4",
  "🟩": "#3f9b4f",
  "🟪": "#8552b5",
  "🟧": "#e0822c",
  "⬜": "#d9d9d9",
};
const SHORTCODES: Record<string, string> = { warning: "⚠", grey_question: "?", bell: "♪" };

/** Slack mrkdwn to HTML. The builders already escaped &, < and > the way HTML needs. */
function mrkdwn(text: string): string {
  let html = text
    .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `<span class="mention">@${NAMES[id] ?? id}</span>`)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(“"])\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|[\s(“"→])_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/:([a-z_]+):/g, (_, code: string) => SHORTCODES[code] ?? "")
    .replace(/\n/g, "<br>");
  for (const [square, colour] of Object.entries(SQUARES)) {
    html = html.split(square).join(`<span class="sq" style="background:${colour}"></span>`);
  }
  return html;
}

function blockHtml(block: types.KnownBlock): string {
  switch (block.type) {
    case "header":
      return `<div class="header">${mrkdwn(block.text.text)}</div>`;
    case "section":
      return `<div class="section">${mrkdwn(block.text?.text ?? "")}</div>`;
    case "context":
      return `<div class="context">${block.elements.map((e) => ("text" in e ? mrkdwn(e.text) : "")).join(" ")}</div>`;
    case "divider":
      return "<hr>";
    case "actions":
      return `<div class="actions">${block.elements
        .map((e) => {
          if (e.type !== "button") return "";
          return `<span class="button ${e.style ?? ""}">${e.text.text}</span>`;
        })
        .join("")}</div>`;
    default:
      return "";
  }
}

function page(blocks: types.KnownBlock[], meta: { note: string }): string {
  const face = (file: string, weight: string, style: string) =>
    `@font-face{font-family:Doc;src:url("${pathToFileURL(join(fonts, file)).href}");font-weight:${weight};font-style:${style}}`;
  return `<!doctype html><meta charset="utf-8"><style>
${face("DejaVuSans.ttf", "normal", "normal")}
${face("DejaVuSans-Bold.ttf", "bold", "normal")}
${face("DejaVuSans-Oblique.ttf", "normal", "italic")}
${face("DejaVuSans-BoldOblique.ttf", "bold", "italic")}
body{margin:0;background:#fff;font:14px/1.45 Doc;color:#1d1c1d}
.msg{display:flex;gap:10px;padding:16px 20px}
.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:bold;display:flex;align-items:center;justify-content:center;flex:none}
.who b{margin-right:6px}.who .app{font-size:10px;background:#e8e8e8;color:#616061;padding:1px 3px;border-radius:2px;margin-right:6px}
.who .note{color:#616061;font-size:12px}
.header{font-weight:bold;font-size:17px;margin:4px 0 6px}
.section{margin:4px 0}
.context{color:#616061;font-size:12px;margin:4px 0}
code{font-family:Doc;font-size:12px;background:#f6f6f6;border:1px solid #e0e0e0;border-radius:3px;padding:0 3px;color:#c0392b}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.sq{display:inline-block;width:13px;height:13px;border-radius:3px;margin-right:2px;vertical-align:-2px}
.actions{margin:8px 0}
.button{display:inline-block;border:1px solid #c8c8c8;border-radius:4px;padding:4px 12px;margin-right:8px;font-weight:bold;font-size:13px}
.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}
</style><div class="msg"><div class="avatar">rc</div><div><div class="who"><b>rolecall</b><span class="app">APP</span><span class="note">${meta.note}</span></div>
${blocks.map(blockHtml).join("\n")}</div></div>`;
}

function screenshot(html: string, out: string, size: { width: number; height: number }): void {
  const dir = mkdtempSync(join(tmpdir(), "rolecall-render-"));
  try {
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    execFileSync(
      process.env.CHROMIUM ?? "chromium",
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        `--user-data-dir=${join(dir, "profile")}`,
        `--screenshot=${out}`,
        `--window-size=${size.width},${size.height}`,
        pathToFileURL(file).href,
      ],
      { stdio: "ignore" },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const demo = await buildDemo({});
const db = openDatabase(demo.database);
try {
  // The demo's clock: Tuesday 1 December 2026, the morning November's digest is due.
  const ctx = createAppContext(db, { clock: () => new Date("2026-12-01T09:00:00Z"), logger: silentLogger });
  const images = join(root, "docs/images");

  const answer = whoDecides(
    ctx,
    DEMO_TEAM_ID,
    PAYMENTS_CHANNEL,
    "Which database should the new ledger service use?",
  );
  const reply = whoDecidesReply(answer);
  screenshot(page(reply.blocks ?? [], { note: "Only visible to you" }), join(images, "who-decides.png"), {
    width: 760,
    height: 145,
  });

  const week = "2026-W47";
  const dm = checkinPrompt({ userId: ANA, week, ...checkinContent(ctx, DEMO_TEAM_ID, ANA, week) });
  screenshot(page(dm.blocks, { note: "Fri 15:00" }), join(images, "checkin-dm.png"), {
    width: 760,
    height: 350,
  });
  process.stdout.write(`Wrote docs/images/who-decides.png and docs/images/checkin-dm.png\n`);
} finally {
  db.close();
  rmSync(demo.dir, { recursive: true, force: true });
}
