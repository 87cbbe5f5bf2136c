// The store's one SQLite layer: prepared statements (binding, stepping, reading columns)
// and the one form every SQLite error of the store takes. For store/ only: outside
// store/, nothing sees SQLite.
//
// Errors: StatusCode::kStorage, where = the database file ("" when there is none), and
//   message = "<what was being done>: <SQLite's message> (SQLite code <extended result
//   code>, <SQLite's text for that code>)"
// e.g. "recording fetch of http://x/: attempt to write a readonly database (SQLite code
// 8, attempt to write a readonly database)".
//
// Thread safety: a Stmt is used by one thread at a time, like its connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace newsfacts::store {

// The error of a SQLite call on db that returned rc; db may be null (SQLite's text for
// rc is then the message).
Status SqliteError(sqlite3* db, int rc, std::string_view what, const std::string& path);

// Runs sql (any number of statements, no parameters) on db. Errors as SqliteError.
Status Exec(sqlite3* db, const char* sql, std::string_view what, const std::string& path);

// One prepared statement, finalized when destroyed; must not outlive its connection.
// Movable, not copyable.
//
// Parameters are bound left to right, from 1 after Prepare() and Reset() (At() moves
// on to another number); the first binding that fails is kept and reported by the next
// Step() or Run(). Columns are read from the row the last Step() stopped at.
class Stmt {
 public:
  Stmt() = default;

  // sql prepared on db (the database file at path). persistent: kept for the
  // connection's life, stepped many times (SQLITE_PREPARE_PERSISTENT).
  static Result<Stmt> Prepare(sqlite3* db, std::string_view sql, const std::string& path,
                              bool persistent = false);

  explicit operator bool() const { return stmt_ != nullptr; }

  // Binding.
  Stmt& At(int index) {  // the next parameter is ?index
    next_ = index;
    return *this;
  }
  Stmt& Text(std::string_view v);     // copied
  Stmt& TextRef(std::string_view v);  // not copied: v must outlive the step that reads it
  Stmt& OptText(const std::optional<std::string>& v) { return v ? Text(*v) : Null(); }
  Stmt& OptTextRef(const std::optional<std::string>& v) { return v ? TextRef(*v) : Null(); }
  Stmt& TextOrNull(const std::string& v) { return v.empty() ? Null() : Text(v); }  // "": NULL
  Stmt& Int(int64_t v);
  template <typename T>
  Stmt& OptInt(const std::optional<T>& v) {
    return v ? Int(static_cast<int64_t>(*v)) : Null();
  }
  Stmt& Bool(bool v) { return Int(v ? 1 : 0); }
  Stmt& Real(double v);
  Stmt& OptReal(const std::optional<double>& v) { return v ? Real(*v) : Null(); }
  Stmt& Null();
  // Column col of row's current row, with its type.
  Stmt& Value(const Stmt& row, int col);

  // Steps once: true at a row, false when done.
  Result<bool> Step(std::string_view what);
  // Steps to the end, rows ignored.
  Status Run(std::string_view what);
  // As Step() and Run(), giving SQLite's code (SQLITE_ROW / SQLITE_DONE on success; a
  // failed binding's code before any step), for callers that build `what` only when it
  // is needed; Error() then makes the Status.
  int StepCode();
  int RunCode();
  Status Error(int rc, std::string_view what) const;

  // Back to before the first step, bindings cleared, the next parameter ?1.
  void Reset();

  // Columns of the current row.
  bool IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
  std::string ColText(int col) const;  // "" for NULL
  std::optional<std::string> ColOptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(ColText(col));
  }
  int64_t ColInt(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
  std::optional<int> ColOptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int>(static_cast<int>(ColInt(col)));
  }
  std::optional<int64_t> ColOptInt64(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int64_t>(ColInt(col));
  }
  double ColReal(int col) const;  // NaN for NULL (SQLite stores NaN as NULL)
  std::optional<double> ColOptReal(int col) const {
    return IsNull(col) ? std::nullopt
                       : std::optional<double>(sqlite3_column_double(stmt_.get(), col));
  }

  // Of the connection, after this statement ran: the rowid the last INSERT made, and the
  // rows the last INSERT, UPDATE or DELETE changed.
  int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db()); }
  int Changes() const { return sqlite3_changes(db()); }

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  sqlite3* db() const { return sqlite3_db_handle(stmt_.get()); }
  Stmt& Keep(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
  }

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  std::string path_;
  int next_ = 1;
  int bind_rc_ = SQLITE_OK;
};

// Resets a statement when the scope ends, whatever the exit path, so a reused statement
// never holds a lock or a pointer into a caller's string.
class StmtUse {
 public:
  explicit StmtUse(Stmt& stmt) : stmt_(stmt) {}
  ~StmtUse() { stmt_.Reset(); }
  StmtUse(const StmtUse&) = delete;
  StmtUse& operator=(const StmtUse&) = delete;

 private:
  Stmt& stmt_;
};

}  // namespace newsfacts::store
