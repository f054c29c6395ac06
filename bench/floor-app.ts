/**
 * The floor: a bare Bolt app in HTTP mode, with the same receiver and signature checks as rolecall,
 * that acks `/role` with a constant string. Whatever rolecall adds on top of it is ours.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? "xoxb-floor",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "http://127.0.0.1:9/api/" },
});
app.command("/role", async ({ ack }) => {
  await ack("rolecall floor: a constant answer");
});
const server = (await app.start(Number(process.env.PORT ?? 0))) as Server;
process.stdout.write(`floor listening on port ${(server.address() as AddressInfo).port}\n`);
process.once("SIGTERM", () => {
  void app.stop().finally(() => process.exit(0));
});
