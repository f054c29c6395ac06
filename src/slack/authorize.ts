import type { Authorize } from "@slack/bolt";
import type { BotIdentity } from "../delivery/token-verification.ts";

/**
 * Bolt's `authorize` for rolecall's one workspace and one bot token.
 *
 * Why not `new App({ token })`: Bolt then calls auth.test while constructing the App and every
 * request awaits that one promise, so a Slack outage at start-up is an unhandled rejection, and a
 * request that arrives during it poisons all later ones. `tokenVerificationEnabled: false` only
 * moves the same call to the first request (and repeats it per request until both bot ids are
 * known), and `deferInitialization` still makes `init()` fail on an outage. This function never
 * calls Slack: it hands over the configured token and whatever identity the background check
 * (token-verification.ts) has learned so far. Bolt needs the bot ids only to ignore the bot's own
 * events (ignoreSelf), which rolecall's listeners do not depend on.
 */
export function singleTokenAuthorize(
  botToken: string,
  identity: () => BotIdentity | undefined,
): Authorize<boolean> {
  return async () => {
    const known = identity();
    return {
      botToken,
      ...(known?.botId ? { botId: known.botId } : {}),
      ...(known?.botUserId ? { botUserId: known.botUserId } : {}),
    };
  };
}
