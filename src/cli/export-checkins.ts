import { stringify } from "csv-stringify/sync";
import type { AppContext } from "../context.ts";
import { SPLIT_KEYS, type Split } from "../domain/allocation.ts";
import { addMonths, isMonthKey, localDateTimeIn, monthAt, resolveTimeZone } from "../domain/time.ts";
import { type CheckinExportRow, checkinExportRows } from "../services/checkin-export.ts";
import { EARLIEST_DIGEST_MONTH } from "../services/digest.ts";
import { CliError } from "./context.ts";

export type CheckinExportOptions = {
  from: string | undefined;
  to: string | undefined;
  format: string | undefined;
  includePrivate: boolean;
};

export const EXPORT_CHECKINS_USAGE =
  "rolecall export --checkins --format csv|jsonl [--from YYYY-MM] [--to YYYY-MM] [--include-private]";

/** Without --from, a year: the months the digest's streak looks back over. */
const DEFAULT_MONTHS = 12;

/**
 * `rolecall export --checkins`: the check-in history on stdout, one lead-week a row. Private leads
 * are left out unless --include-private: whoever runs the CLI can read the database anyway, so it is
 * their call, but a file passed around should not carry them by default.
 */
export function exportCheckinsCommand(
  ctx: AppContext,
  teamId: string,
  opts: CheckinExportOptions,
  io: { write: (s: string) => void },
): void {
  const format = opts.format;
  if (format !== "csv" && format !== "jsonl") {
    throw new CliError(
      `${format ? `"${format}" is not a format.` : "Say which format."} Usage: ${EXPORT_CHECKINS_USAGE}`,
    );
  }
  for (const [flag, value] of [
    ["--from", opts.from],
    ["--to", opts.to],
  ] as const) {
    if (value !== undefined && !isMonthKey(value)) {
      throw new CliError(`${flag} "${value}" is not a month. Usage: ${EXPORT_CHECKINS_USAGE}`);
    }
  }
  const tz = resolveTimeZone(ctx.stores.workspaces.get(teamId)?.timezone);
  const now = ctx.clock();
  const to = opts.to ?? monthAt(now, tz);
  const from = opts.from ?? addMonths(to, 1 - DEFAULT_MONTHS);
  if (from > to) throw new CliError(`--from ${from} is after --to ${to}; nothing to export.`);
  const rows = checkinExportRows(ctx, {
    teamId,
    from: from < EARLIEST_DIGEST_MONTH ? EARLIEST_DIGEST_MONTH : from,
    to,
    asOf: localDateTimeIn(now, tz).date,
    includePrivate: opts.includePrivate,
  });
  io.write(format === "csv" ? toCsv(rows) : toJsonl(rows));
}

const SPLIT_COLUMNS = (["stated", "actual", "drift"] as const).flatMap((part) =>
  SPLIT_KEYS.map((key) => ({ part, key, header: `${part}_${key.replaceAll("-", "_")}` })),
);

export const CSV_HEADER = [
  "workspace",
  "team_channels",
  "lead",
  "lead_name",
  "week",
  "month",
  "state",
  ...SPLIT_COLUMNS.map((c) => c.header),
];

function toCsv(rows: readonly CheckinExportRow[]): string {
  const records = rows.map((r) => [
    r.workspace,
    r.teamChannels.join(" "),
    r.lead,
    r.leadName ?? "",
    r.week,
    r.month,
    r.state,
    ...SPLIT_COLUMNS.map((c) => cell(r[c.part], c.key)),
  ]);
  return stringify(records, { header: true, columns: CSV_HEADER });
}

/** A hat missing from a known split is 0; an unknown split (not answered, nothing stated) is blank. */
function cell(split: Split | null, key: (typeof SPLIT_KEYS)[number]): string {
  return split ? String(split[key] ?? 0) : "";
}

function toJsonl(rows: readonly CheckinExportRow[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join("");
}
