// Stmt: an owned sqlite3_stmt, finalized when it goes out of scope. For store/ only.
#pragma once

#include <sqlite3.h>

#include <memory>

namespace newsfacts::store {

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

}  // namespace newsfacts::store
