import { expect } from "vitest";

/** A browser's first step: GET /slack/install, which redirects to Slack with a state and sets it as a cookie. */
export async function startInstall(base: string): Promise<{ state: string; cookie: string; location: URL }> {
  const res = await fetch(`${base}/slack/install`, { redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "");
  const state = location.searchParams.get("state") ?? "";
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toContain(state);
  return { state, cookie, location };
}

/** Slack sends the browser back with a code and the state. */
export async function finishInstall(base: string, code: string, state: string, cookie: string) {
  const res = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  return { status: res.status, body: await res.text() };
}

/** Both steps, as a workspace admin who clicks through. */
export async function install(base: string, code: string): Promise<void> {
  const { state, cookie } = await startInstall(base);
  const done = await finishInstall(base, code, state, cookie);
  expect(done.status).toBe(200);
}

/** The distribution-mode variables every OAuth test sets: the app's client and state secrets. */
export const DISTRIBUTION_ENV = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "e2e-client-secret",
  SLACK_STATE_SECRET: "e2e-state-secret-0123456789",
} as const;
