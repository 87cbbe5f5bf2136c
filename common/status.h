// Status and Result<T>: errors as values across module boundaries.
//
// A Status is either OK or carries a code, a message and, where the error has a
// place in some input, that place ("rules/dates.toml:12"). Library errors are
// translated where the library is wrapped, keeping the library's own message.
//
// Result<T> holds either a T or a non-OK Status. Accessing value() of an error
// Result is a programming error: in every build, release ones too, it aborts with the
// Status on stderr rather than read a value that is not there.
//
// Thread safety: plain values; safe to copy and move between threads.
#pragma once

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace newsfacts {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the article, file or claim cannot be processed
  kInvalidRule,   // a rule file is malformed or a rule fails validation
  kNotFound,      // a file, row or URL does not exist
  kNetwork,       // a transfer failed
  kIo,            // reading or writing a local file failed
  kStorage,       // SQLite reported an error
  kUsage,         // a bad command line
  kInternal,      // a bug
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The place in some input the error refers to, e.g. "rules/dates.toml:12", or "".
  const std::string& where() const { return where_; }

  // "where: message", or just "message".
  std::string ToString() const {
    if (ok()) return "OK";
    return where_.empty() ? message_ : where_ + ": " + message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string where_;
};

inline Status InvalidInput(std::string m, std::string w = {}) {
  return Status(StatusCode::kInvalidInput, std::move(m), std::move(w));
}
inline Status InvalidRule(std::string m, std::string w = {}) {
  return Status(StatusCode::kInvalidRule, std::move(m), std::move(w));
}
inline Status NotFound(std::string m, std::string w = {}) {
  return Status(StatusCode::kNotFound, std::move(m), std::move(w));
}
inline Status IoError(std::string m, std::string w = {}) {
  return Status(StatusCode::kIo, std::move(m), std::move(w));
}
inline Status StorageError(std::string m, std::string w = {}) {
  return Status(StatusCode::kStorage, std::move(m), std::move(w));
}
inline Status UsageError(std::string m) { return Status(StatusCode::kUsage, std::move(m)); }
inline Status InternalError(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "Result constructed from an OK Status without a value");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    CheckHasValue();
    return *value_;
  }
  const T& value() const& {
    CheckHasValue();
    return *value_;
  }
  T&& value() && {
    CheckHasValue();
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void CheckHasValue() const {
    if (!value_) {
      std::fprintf(stderr, "newsfacts: internal error: the value of a failed Result (%s)\n",
                   status_.ToString().c_str());
      std::abort();
    }
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace newsfacts
