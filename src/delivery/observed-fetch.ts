import type { webApi } from "@slack/bolt";
import type { Metrics } from "../metrics.ts";

/** The WHATWG fetch, narrowed to the arguments the WebClient passes. */
type Fetch = (url: string | URL, init?: Parameters<webApi.FetchFunction>[1]) => Promise<Response>;

/**
 * The fetch every WebClient rolecall builds is given, counting failed Web API calls by method.
 * It is the one place all of them share (Bolt's per-request clients, the jobs', the token check's),
 * and it sits under the WebClient's retries, so every attempt Slack refuses is counted.
 * Anything not under the Web API's base URL (response_url posts, file uploads) passes untouched.
 */
export function observedSlackFetch(
  metrics: Metrics,
  slackApiUrl: string,
  inner: Fetch = (url, init) => globalThis.fetch(url, init),
): webApi.FetchFunction {
  return async (url, init) => {
    const href = typeof url === "string" ? url : url.href;
    if (!href.startsWith(slackApiUrl)) return inner(url, init);
    const method = href.slice(slackApiUrl.length).split("?")[0] || "unknown";
    let res: Response;
    try {
      res = await inner(url, init);
    } catch (err) {
      metrics.slackApiErrors.inc({ method, error: "request_error" });
      throw err;
    }
    if (res.status === 429) metrics.slackRateLimited.inc({ method });
    else if (res.status >= 400) metrics.slackApiErrors.inc({ method, error: `http_${res.status}` });
    else {
      const error = await platformError(res);
      if (error) metrics.slackApiErrors.inc({ method, error });
    }
    return res;
  };
}

/** Slack answers most failures with HTTP 200 and `{ ok: false, error }`; read a copy of the body. */
async function platformError(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.clone().json()) as { ok?: unknown; error?: unknown };
    return body && body.ok === false ? String(body.error ?? "unknown").slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}
