#include "common/shared_library.h"

#include <dlfcn.h>

namespace newsfacts {

Result<SharedLibrary> SharedLibrary::Open(const std::string& soname) {
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return NotFound("cannot load " + soname + (why ? std::string(": ") + why : std::string()));
  }
  return SharedLibrary(soname, handle);
}

Result<void*> SharedLibrary::Symbol(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr) {
    const char* why = dlerror();
    return NotFound(soname_ + " has no function " + name +
                    (why ? std::string(" (") + why + ")" : std::string()));
  }
  return address;
}

}  // namespace newsfacts
