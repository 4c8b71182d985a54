// `vnreform export`: a database's records written out as JSONL (the record
// contract) or CSV. Tested by tests/cli_test.sh and scripts/compare_exports.
#ifndef VNREFORM_CLI_EXPORT_H_
#define VNREFORM_CLI_EXPORT_H_

#include <ostream>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace vnreform {

enum class ExportFormat {
  kJsonl,  // one JSON object a line: article, type, text, the fields, start, end, rule
           // (then url, title, published, locality, sentence with provenance)
  kCsv,    // RFC 4180 (CRLF, quoted where needed): article,type,text, one column
           // per field of the type, start,end,rule,url,title,published,locality,
           // sentence
};

struct ExportOptions {
  std::string type;  // only records of this type. Default: "" = all.
  ExportFormat format = ExportFormat::kJsonl;
  // JSONL: add the article's url, title, published, locality and the
  // record's sentence (CSV always has them). Default: false, so that the
  // JSONL stays the record contract.
  bool provenance = false;
  bool bom = false;  // start with a UTF-8 BOM, for spreadsheets. Default: false.
};

// Writes the records of `store` (of options.type, or all) to *out in the
// store's stable order. A CSV's field columns are the same for a type
// whatever its records hold: the fields the database's stored rule sets
// declare for the type, in rule order, then any other field a record has.
// Returns the store's error, if any; checking *out for a failed write is the
// caller's.
Status ExportRecords(Store* store, const ExportOptions& options, std::ostream* out);

}  // namespace vnreform

#endif  // VNREFORM_CLI_EXPORT_H_
