#include "store/stmt.h"

#include <limits>

namespace newsfacts::store {

Status SqliteError(sqlite3* db, int rc, std::string_view what, const std::string& path) {
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += " (SQLite code " + std::to_string(rc) + ", " + sqlite3_errstr(rc) + ")";
  return StorageError(std::move(message), path);
}

Status Exec(sqlite3* db, const char* sql, std::string_view what, const std::string& path) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteError(db, rc, what, path);
}

Result<Stmt> Stmt::Prepare(sqlite3* db, std::string_view sql, const std::string& path,
                           bool persistent) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, nullptr);
  Stmt stmt;
  stmt.stmt_.reset(raw);
  if (rc != SQLITE_OK) {
    return SqliteError(db, rc, "preparing \"" + std::string(sql) + "\"", path);
  }
  stmt.path_ = path;
  return stmt;
}

Stmt& Stmt::Text(std::string_view v) {
  return Keep(sqlite3_bind_text64(stmt_.get(), next_++, v.data() ? v.data() : "", v.size(),
                                  SQLITE_TRANSIENT, SQLITE_UTF8));
}

Stmt& Stmt::TextRef(std::string_view v) {
  return Keep(sqlite3_bind_text64(stmt_.get(), next_++, v.data() ? v.data() : "", v.size(),
                                  SQLITE_STATIC, SQLITE_UTF8));
}

Stmt& Stmt::Int(int64_t v) { return Keep(sqlite3_bind_int64(stmt_.get(), next_++, v)); }

Stmt& Stmt::Real(double v) { return Keep(sqlite3_bind_double(stmt_.get(), next_++, v)); }

Stmt& Stmt::Null() { return Keep(sqlite3_bind_null(stmt_.get(), next_++)); }

Stmt& Stmt::Value(const Stmt& row, int col) {
  return Keep(sqlite3_bind_value(stmt_.get(), next_++, sqlite3_column_value(row.stmt_.get(), col)));
}

int Stmt::StepCode() {
  if (bind_rc_ != SQLITE_OK) return bind_rc_;
  return sqlite3_step(stmt_.get());
}

int Stmt::RunCode() {
  int rc;
  while ((rc = StepCode()) == SQLITE_ROW) {
  }
  return rc;
}

Result<bool> Stmt::Step(std::string_view what) {
  const int rc = StepCode();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(rc, what);
}

Status Stmt::Run(std::string_view what) {
  const int rc = RunCode();
  return rc == SQLITE_DONE ? Status::Ok() : Error(rc, what);
}

Status Stmt::Error(int rc, std::string_view what) const {
  return SqliteError(stmt_ ? db() : nullptr, rc, what, path_);
}

void Stmt::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  next_ = 1;
  bind_rc_ = SQLITE_OK;
}

std::string Stmt::ColText(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  const int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

double Stmt::ColReal(int col) const {
  // A non-optional value read back as NaN prints as JSON null, exactly as the NaN that
  // was written did.
  if (IsNull(col)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_.get(), col);
}

}  // namespace newsfacts::store
