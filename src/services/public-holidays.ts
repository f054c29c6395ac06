/**
 * Public holidays by country and region, from the `date-holidays` package (which ships its data:
 * no network). Only `public` holidays count: the package also lists observances (Valentine's Day,
 * Tax Day) and bank or school holidays, on which people work.
 */
import { createRequire } from "node:module";
import type HolidaysClass from "date-holidays";
import type { HolidayCalendar } from "../domain/holiday-shift.ts";
import type { LocalDate } from "../domain/time.ts";

export type HolidayPlace = { country: string; region: string | null };

const years = new Map<string, ReadonlySet<LocalDate>>();

let loaded: typeof HolidaysClass | undefined;

/**
 * The package and its calendars of every country weigh about 20 MB, so they load on first use:
 * a workspace that sets no holiday place never pays for them (the bot and the fan-out stay lean).
 */
function holidays(): typeof HolidaysClass {
  loaded ??= createRequire(import.meta.url)("date-holidays") as typeof HolidaysClass;
  return loaded;
}

function publicHolidaysOf(place: HolidayPlace, year: number): ReadonlySet<LocalDate> {
  const key = `${place.country}/${place.region ?? ""}/${year}`;
  let days = years.get(key);
  if (!days) {
    const Holidays = holidays();
    const calendar = place.region ? new Holidays(place.country, place.region) : new Holidays(place.country);
    // `date` is the holiday's local day as "YYYY-MM-DD hh:mm:ss", whatever the machine's zone.
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    if (years.size > 500) years.clear();
    years.set(key, days);
  }
  return days;
}

/** True when `date` is a public holiday in the country (and region, when given). */
export function isPublicHoliday(place: HolidayPlace, date: LocalDate): boolean {
  return publicHolidaysOf(place, Number(date.slice(0, 4))).has(date);
}

/** The country's (and region's) English name, or null when the package does not know it. */
export function holidayPlaceName(place: HolidayPlace): string | null {
  const Holidays = holidays();
  const country = new Holidays().getCountries("en")[place.country];
  if (!country) return null;
  if (!place.region) return country;
  const region = new Holidays().getStates(place.country, "en")?.[place.region];
  return region ? `${region}, ${country}` : null;
}

/** The calendar the check-in schedule uses, or undefined for a place the package does not know. */
export function holidayCalendar(place: HolidayPlace | null): HolidayCalendar | undefined {
  if (!place) return undefined;
  const placeName = holidayPlaceName(place);
  if (!placeName) return undefined;
  return { isHoliday: (date) => isPublicHoliday(place, date), placeName };
}

/** A place the package knows, with its name; or why not. */
export function checkHolidayPlace(
  place: HolidayPlace,
): { ok: true; placeName: string } | { ok: false; error: string } {
  const countries = new (holidays())().getCountries("en");
  if (!countries[place.country]) {
    return {
      ok: false,
      error: `${place.country} is not a country code I know holidays for (use ISO codes such as DE, US, GB).`,
    };
  }
  const name = holidayPlaceName(place);
  if (!name) {
    const regions = Object.keys(new (holidays())().getStates(place.country, "en") ?? {});
    return {
      ok: false,
      error: regions.length
        ? `${place.region} is not a region of ${countries[place.country]}; its regions are ${regions.join(", ")}.`
        : `${countries[place.country]} has no regions in the holiday calendar; give the country alone.`,
    };
  }
  return { ok: true, placeName: name };
}
