// Internal to the clean stage: a page's metadata (title, publication date,
// author, site, canonical URL, language), read from gumbo's parsed tree.
// Kept apart from gumbo_clean.cc's main-text extraction so each can change
// on its own. gumbo.h stays out of headers: GumboNode is only forward-
// declared here; gumbo_clean.cc and page_meta.cc are the files including it.
// Thread-safe: no shared mutable state.
#ifndef VNREFORM_CLEAN_PAGE_META_H_
#define VNREFORM_CLEAN_PAGE_META_H_

#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"

struct GumboInternalNode;  // gumbo.h: typedef struct GumboInternalNode GumboNode

namespace vnreform {

// Fills out->title, published, author, site, url and lang from the page whose
// parsed root element is `root`. `h1` is the text of the title heading the
// main-text extraction chose ("" if none); out->blocks may already hold the
// main text. Leaves a field "" when the page does not say.
void ReadPageMeta(const GumboInternalNode* root, std::string_view h1, CleanResult* out);

// ---- pure helpers (meta_text.cc) ----

// Lower-cased letters and digits of `s`, Vietnamese and Latin-1 letters
// folded to their base ("Dân trí" -> "dan tri"); runs of anything else become
// one space, or nothing when `squash`.
std::string FoldForMatch(std::string_view s, bool squash = false);

// `title` without the site name a separator (" - ", " | ", " – " ...) joins
// to it at either end: parts that match one of `sites` (names or host
// labels, compared folded), else the last of three or more parts
// ("Headline | Section | Site"). Never returns "" for a non-empty title.
std::string StripSiteName(std::string_view title, const std::vector<std::string>& sites);

// The parts of a title between the separators sites put between a headline
// and their name or section (" | ", " - ", " – ", " • " ...).
std::vector<std::string_view> SplitTitle(std::string_view title);

// True if `part` is all or part of the name of one of `sites` (names or
// host labels, compared folded): "Dân trí" for "Báo điện tử Dân Trí" or
// "dantri"; not a headline that names the site in passing.
bool IsSiteName(std::string_view part, const std::vector<std::string>& sites);

// True if `name` reads as a person's name, or up to three joined by
// "and"/"und"/"&"/"et"/"và": 2-5 capitalized words each (Latin, Greek or
// Cyrillic), no digits, no URL or e-mail, not a site ("VnExpress"),
// newsroom or "Admin", no label word ("More About This Recipe").
bool LooksLikePersonName(std::string_view name, const std::vector<std::string>& sites);

// ---- dates (date_text.cc) ----

// "YYYY-MM-DD" from a URL path's /2024/02/29/ or -20240229; "" if none.
std::string DateFromUrl(std::string_view url);

// The first date written out in `text`, as NormalizeDate gives it
// ("Thứ năm, 29/02/2024 09:17" -> "2024-02-29T09:17"), or one with a month
// name or words ("Feb 8, 2020", "13 January 2020", "21. März 2019", "21 de
// marzo de 2019", "21 tháng 3 năm 2019", "2019年3月21日") -> "2019-03-21";
// "03/21/2019" only where the day-first reading is impossible. Years before
// 1990 are not taken. "" if none.
std::string FindDateline(std::string_view text);

// A day with a two-digit year, "8.5.12" or "26.10.13" (German and Swiss
// bylines, forums) -> "2012-05-08"; years 70-99 are 19xx. For short
// datelines only: in text it is as often a version number. "" if none.
std::string FindShortYearDate(std::string_view text);

// A date attribute's value (meta content, JSON-LD, <time datetime>): ISO or
// numeric as NormalizeDate reads it, else written out as FindDateline reads
// it ("Tue, Sep 15 2020 10:01:41 EDT" -> "2020-09-15"). "" if none.
std::string ParseDateValue(std::string_view value);

// True if the date-time `value` states an offset from UTC other than zero
// ("2019-03-21T23:30:00-05:00"): its day is the page's local day.
bool HasLocalOffset(std::string_view value);

// True if the date-time `value` is stamped in UTC ("...Z", "+00:00").
bool IsUtcStamp(std::string_view value);

// Days between the days at the start of two ISO dates ("2024-02-29T23:00"
// and "2024-03-01" -> 1); kNotDays if either is no date.
constexpr long kNotDays = 1L << 30;
long DaysApart(std::string_view a, std::string_view b);

// When the date-time `utc_value` is stamped in UTC ("...Z", "+00:00"), the
// local day of the one of `others` stamped with a non-zero offset closest
// to it in time, if less than 12 hours apart ("2023-11-09T06:35:29+00:00" with
// "2023-11-08T23:10:44-08:00" -> "2023-11-08"); "" otherwise.
std::string LocalDayOf(std::string_view utc_value,
                       const std::vector<std::string>& others);

}  // namespace vnreform

#endif  // VNREFORM_CLEAN_PAGE_META_H_
