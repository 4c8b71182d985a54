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
  kCsv,    // article,type,text, one column per field name (first seen order),
           // start,end,rule
};

// Writes the records of `store` of type `type` ("" = all) to *out in the
// store's stable order (CSV reads them twice: once for the columns). Returns
// the store's error, if any; checking *out for a failed write is the caller's.
Status ExportRecords(Store* store, const std::string& type, ExportFormat format,
                     std::ostream* out);

}  // namespace vnreform

#endif  // VNREFORM_CLI_EXPORT_H_
