// From a record to an Entry: what kind of record it is and, for a page, the page. The rules
// are the ones reader.h states; this is where they are applied.
//
// Thread safety: pure functions (options.wanted is called on the caller's thread).
#pragma once

#include <string>

#include "archive/reader.h"
#include "archive/records.h"

namespace newsfacts::archive {

// The entry for a record read from the archive at path.
Entry Classify(const RawRecord& record, const std::string& path, const ReaderOptions& options);

// The kDamaged entry for damage found in the archive at path.
Entry DamagedEntry(const Damage& damage, const std::string& path);

}  // namespace newsfacts::archive
