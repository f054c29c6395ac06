import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type Message, startHarness, visibleText } from "./harness.ts";

const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";

/** Every string of an ack: its fallback text, and all block text (the harness's reading of it). */
function strings(message: Message): string[] {
  return [String(message.text ?? ""), visibleText({ blocks: message.blocks ?? [] })];
}

/** Nothing live: no broadcast, no link, no mention, no raw & < >; entities only as escaped once. */
function expectInert(message: Message) {
  for (const s of strings(message)) {
    expect(s).not.toMatch(/<[!@#]|<https?:|<mailto:/);
    expect(s).not.toMatch(/[<>]|&(?!(?:amp|lt|gt);)/);
    expect(s).not.toMatch(/&amp;(?:amp|lt|gt);/);
  }
}

describe("/role over signed HTTP echoes hostile text inertly", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    h.fake.addUser({ id: MEMBER });
  });
  afterAll(async () => h.stop());

  it("who-decides: broadcasts and links come back as text, R&D once", async () => {
    const { ack } = await h.command(
      "who-decides does <!channel> or <https://evil.example|click> own R&amp;D? &lt;!here&gt;",
      { user: MEMBER },
    );
    expectInert(ack);
    const all = strings(ack).join("\n");
    expect(all).toContain("&lt;!channel&gt;");
    expect(all).toContain("R&amp;D");
  });

  it("an unknown word and a bad role are quoted inertly, with usage placeholders escaped", async () => {
    const unknown = await h.command("<!everyone> hello", { user: MEMBER });
    expectInert(unknown.ack);
    const assign = await h.command(`assign <@${MEMBER}|m> <!subteam^S123>`, { user: ADMIN });
    for (const s of strings(assign.ack)) expect(s).not.toMatch(/<!|<role/);
    expect(strings(assign.ack).join("\n")).toContain("&lt;role&gt;");
  });

  it("decide: a hostile area title is echoed inertly", async () => {
    const { ack } = await h.command('decide "<mailto:a@b.c> &amp; <!here>" nobody', { user: ADMIN });
    expectInert(ack);
  });

  it("checkin away: a hostile range is echoed inertly", async () => {
    const { ack } = await h.command("checkin away <!channel>..&lt;x&gt;", { user: MEMBER });
    expectInert(ack);
    expect(strings(ack).join("\n")).toContain('"&lt;!channel&gt;" is not a date');
  });
});
