// SharedLibrary: a shared library opened at run time (dlopen), and its functions.
//
// For libraries only some commands need, whose loading at start-up would cost every
// command: libcurl and the two dozen libraries it brings (TLS, LDAP, Kerberos, SSH) take
// longer to load than `check` takes to run. Such a library is opened when first used.
//
// Errors. Open() fails with StatusCode::kNotFound naming the library and the loader's
// message; Function() with kNotFound naming the function. Nothing is reported on stderr.
//
// Ownership and thread safety: the library stays loaded for the life of the process (it
// is never closed: its functions may be held anywhere). Open() may be called from any
// thread; the object is immutable after it.
#pragma once

#include <string>

#include "common/status.h"

namespace newsfacts {

class SharedLibrary {
 public:
  // Opens the library by file name (searched as the dynamic loader does), resolving all
  // its symbols now so that a broken installation fails here rather than mid-call.
  static Result<SharedLibrary> Open(const std::string& soname);

  const std::string& soname() const { return soname_; }

  // The function `name` as a pointer of type F (a function pointer type).
  template <typename F>
  Result<F> Function(const char* name) const {
    Result<void*> address = Symbol(name);
    if (!address.ok()) return address.status();
    return reinterpret_cast<F>(*address);
  }

 private:
  SharedLibrary(std::string soname, void* handle) : soname_(std::move(soname)), handle_(handle) {}
  Result<void*> Symbol(const char* name) const;

  std::string soname_;
  void* handle_ = nullptr;
};

}  // namespace newsfacts
