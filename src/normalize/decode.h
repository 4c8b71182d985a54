// The decode step: a page's bytes -> NFC UTF-8, before the clean stage.
// One step that both finds the charset (a BOM, bytes that are valid UTF-8,
// the HTTP Content-Type's charset, the page's own declaration, TCVN3/VNI
// font encodings, ICU's detection) and converts from it.
// decode.cc reads the declaration from the raw bytes (no library);
// icu_normalize.cc converts and detects with ICU. Thread-safe: no shared state.
#ifndef VNREFORM_NORMALIZE_DECODE_H_
#define VNREFORM_NORMALIZE_DECODE_H_

#include <string>
#include <string_view>

#include "core/document.h"

namespace vnreform {

// Why `bytes` (a file as read) are not text, or "" when they are: a NUL
// byte (unless a UTF-16 BOM starts them), or over 1% control characters
// other than tab, line breaks and form feed. Catches images, archives and
// PDFs named .html or .txt before they are decoded into garbage.
std::string NotText(std::string_view bytes);

// The step as the pipeline calls it, on an HTML document: doc->body (page
// bytes) becomes NFC UTF-8, decoded as DecodeBytes(doc->body, doc->charset).
// Fails only on bodies >= 2 GiB, leaving doc->body as it was.
Status Decode(Document* doc);

// Decodes page bytes to NFC UTF-8, reading `http_charset` (the HTTP
// Content-Type's charset, "" if none) or, when it is "", the charset the page
// declares (SniffCharset) as the declared charset of DecodeToUtf8.
Status DecodeBytes(std::string_view bytes, const std::string& http_charset,
                   std::string* out, std::string* charset_used);

// The charset `html` (raw bytes) declares in its head: <meta charset>,
// <meta http-equiv="Content-Type" content="...charset=X"> anywhere before
// <body>, or an XML declaration; "" if none.
std::string SniffCharset(std::string_view html);

// Decodes page bytes to NFC UTF-8: a BOM wins, then bytes that are valid
// UTF-8, then `declared_charset` (HTTP header or <meta charset>; WHATWG
// aliases: latin1 = windows-1252) unless bytes declared Latin-1 or nothing
// read as TCVN3/VNI Vietnamese (*charset_used "tcvn3"/"vni"), then
// detection (ICU, plus windows-1258),
// else UTF-8. An unknown label falls back to detection. Bytes left invalid
// in UTF-8 are copied as they are (Normalize repairs them). Sets
// *charset_used to the lower-case name used. Fails only on inputs >= 2 GiB.
Status DecodeToUtf8(std::string_view bytes, const std::string& declared_charset,
                    std::string* out, std::string* charset_used);

}  // namespace vnreform

#endif  // VNREFORM_NORMALIZE_DECODE_H_
