// Internal to the clean stage: string helpers, date reading, the class/id
// vocabulary of boilerplate and content, and the pre-pass that drops
// invisible bytes before parsing. Pure (no gumbo), so each is tested on
// strings. Thread-safe: no shared mutable state.
#ifndef VNREFORM_CLEAN_HTML_TEXT_H_
#define VNREFORM_CLEAN_HTML_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vnreform {

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
void AppendLower(std::string_view s, std::string* out);

// Appends `s` with ASCII whitespace runs collapsed to one space and none
// leading; *pending_space carries a trailing run over to the next call.
// U+00A0 is not ASCII whitespace and is kept. Returns the bytes of text added.
size_t AppendCollapsed(std::string_view s, std::string* out, bool* pending_space);
std::string Collapse(std::string_view s);

// Decodes the character references left in text that was escaped twice
// ("&amp;#225;" reaches us as "&#225;"): numeric ones, and named ones of
// Latin-1 and common punctuation, each only with its ';'. Returns false,
// leaving *out alone, when `s` holds none. A text that means "&#225;"
// literally (a page about HTML) is decoded too; that is rare.
bool DecodeEscapedTwice(std::string_view s, std::string* out);

// True if `before` ends with a letter and `after` starts with a capitalised
// word, as in "TP HCM" | "Nếu": text meeting at an inline tag like that
// was set apart by CSS (<span class="location">TP HCM</span>Nếu ...) and
// needs a space. UTF-8; knows the case of Latin (Vietnamese included),
// Greek and Cyrillic letters.
bool NeedsSpaceAtTag(std::string_view before, std::string_view after);

// "2024-02-29T09:17:00+07:00", "2024-02-29 09:17", "29/02/2024 09:17" and
// "09:17 29/02/2024" -> "2024-02-29T09:17"; a date alone -> "2024-02-29".
// The clock time is kept as written (no zone conversion). "" if no date.
std::string NormalizeDate(std::string_view s);

// The value of the first `"key": "value"` in `json`; a plain string search,
// good enough for JSON-LD dates (no escapes in them).
std::string FindJsonString(std::string_view json, std::string_view key);

// On the lower-cased "id class" of an element, English and Vietnamese:
// "sidebar", "tin-lien-quan", "binh-luan", "share" ... / "article-body",
// "detail-content", "noi-dung" ...
bool IsBoilerplateName(std::string_view names);
bool IsContentName(std::string_view names);
// "caption", "legend", "bildunterschrift" ...: a photo's caption or credit.
bool IsCaptionName(std::string_view names);

// True if `text` (a block of at most 250 bytes) is a photo credit or a
// source line: "Foto: ATON", "Ảnh: TTXVN", "Abbildung 4: ...", "Quelle:
// Landesregierung", "Nguồn: Bộ Nội vụ" (a label, maybe a number, a colon).
bool IsCreditLine(std::string_view text);

// True if `text` (a caption of at most 400 bytes) ends in a photo's credit
// after its words: "Die Halle im Bau. Foto: Stadt Kassel", "Merkel in
// Berlin. Kuva: A. Becher", "... (Foto: Privat)", "... © AFP". Such a block
// is a photo's caption, however long (IsArticleText).
bool EndsInCredit(std::string_view text);

// True if `text` (a block) holds a copyright notice or a call to subscribe,
// follow or support the site: "© 2022", "All rights reserved", "Subscribe
// now", "Follow us on", "Đăng ký nhận tin", "Bản quyền thuộc" ...
bool IsSiteNotice(std::string_view text);

// True if `text` (a heading or a short line) opens the readers' comments:
// "Comments", "12 Responses to “Title”", "Leave a Reply", "TrackBack",
// "Bình luận", "Ý kiến bạn đọc", "Kommentare" ...
bool IsCommentsHeading(std::string_view text);

// Copies `html` without what can never be text: comments and the content
// of <script> (bar JSON-LD, which holds metadata), <style> and <svg>, so
// the parser does not tokenize it. Tags stay, so the tree keeps its shape.
void StripInvisible(std::string_view html, std::string* out);

}  // namespace vnreform

#endif  // VNREFORM_CLEAN_HTML_TEXT_H_
