/**
 * The floor: a bare Bolt app in HTTP mode, with the same receiver and signature checks as rolecall,
 * that acks `/role` with a constant string. Whatever rolecall adds on top of it is ours.
 * Plain JavaScript run by the same `node` flags as `npm start`, so neither side pays for tsx.
 *
 * With FLOOR_LISTENERS=rolecall it also registers, as no-ops, as many action, view and event
 * listeners as rolecall does (src/slack/{actions,views,events}/index.ts: one of each, the actions
 * matched by a pattern). Bolt runs every listener's matching middleware on every request, so this
 * floor shows what that costs apart from rolecall's own work.
 */
import { App } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? "xoxb-floor",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "http://127.0.0.1:9/api/" },
  // As rolecall configures Bolt (src/slack/app.ts), so that the ratio measures only rolecall's work.
  convoStore: false,
});
app.command("/role", async ({ ack }) => {
  await ack("rolecall floor: a constant answer");
});
if (process.env.FLOOR_LISTENERS === "rolecall") {
  app.event("app_home_opened", async () => {});
  app.action(/^(?:floor_a|floor_b|floor_c|floor_d|floor_e)$/, async ({ ack }) => ack());
  app.view("floor_view", async ({ ack }) => ack());
}
const server = await app.start(Number(process.env.PORT ?? 0));
process.stdout.write(`floor listening on port ${server.address().port}\n`);
process.once("SIGTERM", () => {
  void app.stop().finally(() => process.exit(0));
});
