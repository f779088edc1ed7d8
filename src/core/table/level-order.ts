/**
 * The order of a categorical variable's levels, as R's `factor()` makes it by default:
 * `levels = sort(unique(x))`, where R sorts character vectors with the locale's collation. R uses
 * ICU for collation when it was built with it (Debian's and CRAN's builds are), except in a C
 * locale, so in an English (en_US.UTF-8) session the order is ICU's CLDR root collation:
 * punctuation before digits before letters; digits compared as characters ("10" < "2"); letters
 * alphabetically, ignoring case and accents first ("a" < "B" < "é" < "f"), then lower case before
 * upper case ("a" < "A") and the unaccented letter before the accented one ("e" < "é").
 * `Intl.Collator("en-US")` implements the same collation (V8's ICU), in Node and in browsers, so
 * the order does not depend on the machine's locale. Two levels that collate equal (canonically
 * equivalent Unicode, e.g. a precomposed and a decomposed "é") are ordered by UTF-16 code units so
 * the order is total.
 *
 * Matches: R 4.2.2 `levels(factor(x))` under LC_COLLATE=en_US.UTF-8 (ICU collation), checked on
 * mixed case, digits, accents and punctuation (test/fixtures/extra/level_order.json, made by
 * level_order.R beside it).
 * Reference: Unicode Technical Standard #10, Unicode Collation Algorithm (https://unicode.org/reports/tr10/);
 * R Core Team, ?Comparison ("Collation of non-letters ... ICU").
 */

// made on first use: building a collator loads ICU's collation data (~10 ms), which commands that
// never order levels (beta, pcoa) would otherwise pay at start-up for importing this module
let collator: Intl.Collator | undefined;

/** Negative, zero or positive as level `a` sorts before, equal to or after level `b`. */
export function compareLevels(a: string, b: string): number {
  collator ??= new Intl.Collator("en-US");
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The distinct values, in R's default factor level order. */
export function sortLevels(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareLevels);
}
